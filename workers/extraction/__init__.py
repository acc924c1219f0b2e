"""Extraction: from page texts to the patient profile (contract ``navis.profile.v1``).

Plain Python, no Django. ``extract_document`` reads one document's pages into facts with
evidence; ``build_profile`` consolidates the facts of all of a patient's documents into the
profile. See README.md in this folder for the stages and rules.
"""

from typing import TYPE_CHECKING, Any

from workers.extraction.consolidate import build_profile, missing_fields
from workers.extraction.facts import DocumentFact, DocumentFacts, Evidence, Field
from workers.extraction.version import EXTRACTOR_VERSION

if TYPE_CHECKING:
    from workers.extraction.extract import extract_document

__all__ = [
    "EXTRACTOR_VERSION",
    "DocumentFact",
    "DocumentFacts",
    "Evidence",
    "Field",
    "build_profile",
    "extract_document",
    "missing_fields",
]


def __getattr__(name: str) -> Any:
    """``extract_document`` is imported when first used: it brings spaCy (about 2.5 s), which a
    web process, and anything that only reads stored facts, never needs."""
    if name == "extract_document":
        from workers.extraction.extract import extract_document

        return extract_document
    raise AttributeError(name)
