"""Extraction: from page texts to the patient profile (contract ``navis.profile.v1``).

Plain Python, no Django. ``extract_document`` reads one document's pages into facts with
evidence; ``build_profile`` consolidates the facts of all of a patient's documents into the
profile. See README.md in this folder for the stages and rules.
"""

from workers.extraction.consolidate import build_profile, missing_fields
from workers.extraction.extract import extract_document
from workers.extraction.facts import DocumentFact, DocumentFacts, Evidence, Field
from workers.extraction.version import EXTRACTOR_VERSION

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
