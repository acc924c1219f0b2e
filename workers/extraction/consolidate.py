"""Consolidate a patient's document facts into one profile (stub until the rules land)."""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

from workers.extraction.facts import DocumentFacts

SCHEMA = "navis.profile.v1"


def build_profile(documents: Sequence[DocumentFacts]) -> dict[str, Any]:
    """The contract's profile from all of one patient's documents, in any order."""
    return {
        "schema": SCHEMA,
        "documents": [document.describe() for document in documents],
        "diagnosis": {
            "primary_site": None,
            "laterality": None,
            "histology": None,
            "grade": None,
            "diagnosis_date": None,
        },
        "biomarkers": [],
        "stage": {"T": None, "N": None, "M": None, "group": None, "metastatic": None,
                  "metastatic_sites": [], "evidence": []},
        "treatments": [],
        "conflicts": [],
        "missing": [],
    }
