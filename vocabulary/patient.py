"""The patient and her disease over time (contract revision 2): sex, menopause, performance,
events."""

from __future__ import annotations

SEXES = ("female", "male")
MENOPAUSAL_STATUSES = ("premenopausal", "perimenopausal", "postmenopausal")
PERFORMANCE_SCALES = ("ECOG", "KPS")
PERFORMANCE_RANGES = {"ECOG": range(0, 6), "KPS": range(0, 101, 10)}
EVENT_TYPES = ("recurrence", "metastasis", "progression", "response")
RESPONSE_VALUES = (
    "complete",
    "partial",
    "stable",
    "pathologic complete response",
    "residual disease",
)
REVIEW_STATES = ("verified", "corrected", "added")
