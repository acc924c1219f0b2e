"""Read one document's pages into facts (stub until the NLP lands)."""

from __future__ import annotations

from collections.abc import Sequence

from workers.extraction.facts import DocumentFacts
from workers.pipeline.types import PageText


def extract_document(
    file: str, pages: Sequence[PageText], *, sha256: str, page_count: int | None = None
) -> DocumentFacts:
    """Every fact the pages state about the patient, each with verbatim evidence."""
    ocr_pages = sum(1 for page in pages if page.source == "ocr")
    return DocumentFacts(
        file=file,
        sha256=sha256,
        pages=page_count if page_count is not None else len(pages),
        ocr_pages=ocr_pages,
    )
