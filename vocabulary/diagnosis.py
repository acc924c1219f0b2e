"""The diagnosis and document words of the contract: sides, grades, document kinds."""

from __future__ import annotations

LATERALITIES = ("left", "right", "bilateral")
GRADES = (1, 2, 3)
DOCUMENT_KINDS = ("pathology", "consult", "molecular", "imaging", "discharge", "lab", "other")
# Kinds whose results are first-hand (a test's own report), not a note repeating them.
PRIMARY_SOURCES = frozenset({"pathology", "molecular", "lab"})
ROMAN_GRADES = {"I": 1, "II": 2, "III": 3}
GRADE_NUMERAL_PATTERN = "|".join(sorted(ROMAN_GRADES, key=len, reverse=True))  # "III|II|I"


def grade_from_nottingham(score: int) -> int | None:
    """Nottingham total 3-5 is grade 1, 6-7 grade 2, 8-9 grade 3."""
    if 3 <= score <= 5:
        return 1
    if score in (6, 7):
        return 2
    if score in (8, 9):
        return 3
    return None
