"""Shared headers and checks for the per-tumour specification tests (test_tumour_*.py).

Every sentence in those tests is written for them; none comes from a real record. A case
names what the profile must say, and where it carries evidence, words the evidence must hold:
the evidence is always checked to be verbatim on its page.
"""

from __future__ import annotations

from typing import Any

from tests.workers.extraction.conftest import biomarker, read

PATHOLOGY = "SURGICAL PATHOLOGY REPORT\nCollected: 03/14/2025\nFINAL DIAGNOSIS:\n"
MOLECULAR = (
    "MOLECULAR PATHOLOGY REPORT\n"
    "Test: comprehensive tumor genomic profiling (next-generation sequencing), FFPE tissue.\n"
    "Reported: 04/02/2025\n"
)
GERMLINE = (
    "GENETIC TEST REPORT\nHereditary Cancer Multi-Gene Panel\nSpecimen: Blood\n"
    "Reported: 04/20/2025\n"
)
NOTE = "MEDICAL ONCOLOGY FOLLOW-UP\nDate of visit: 05/06/2025\n"


def only(found: dict[str, Any], keys: dict[str, Any]) -> dict[str, Any]:
    """The entries of ``found`` the case speaks about."""
    return {key: found.get(key) for key in keys}


def check_biomarker(text: str, name: str, expected: dict[str, Any], words: str) -> None:
    """``name`` is reported as ``expected`` with evidence that holds ``words``, verbatim."""
    profile = read(text)
    found = biomarker(profile, name)
    assert found is not None, f"{name} not reported"
    assert only(found, expected) == expected
    evidence = found["evidence"]
    assert evidence, "a value without evidence"
    assert all(item["text"] in text for item in evidence), "evidence not verbatim"
    assert any(words in item["text"] for item in evidence), [e["text"] for e in evidence]


def statuses(text: str, names: list[str]) -> dict[str, str | None]:
    """The reported status of each gene (None when the gene is not reported)."""
    profile = read(text)
    return {name: (biomarker(profile, name) or {}).get("status") for name in names}


def treatments(text: str) -> dict[str, str]:
    """Treatment name to category, as reported."""
    return {t["name"]: t["category"] for t in read(text)["treatments"]}
