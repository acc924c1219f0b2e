"""Why a document could not be read, in words a patient can understand."""

from __future__ import annotations

from enum import StrEnum


class FailureCode(StrEnum):
    """A stable code per failure; stored on the document and shown through ``message``."""

    EMPTY = "empty"
    UNSUPPORTED = "unsupported"
    TOO_LARGE = "too_large"
    TOO_MANY_PAGES = "too_many_pages"
    ENCRYPTED = "encrypted"
    CORRUPT = "corrupt"
    OCR_UNAVAILABLE = "ocr_unavailable"
    TIMEOUT = "timeout"
    CRASHED = "crashed"

    @property
    def message(self) -> str:
        """A plain sentence for the patient: no jargon, no blame."""
        return _MESSAGES[self]


_MESSAGES = {
    FailureCode.EMPTY: "The file is empty.",
    FailureCode.UNSUPPORTED: "This is not a PDF or a photo (JPEG or PNG) of a page.",
    FailureCode.TOO_LARGE: "The file is larger than the limit.",
    FailureCode.TOO_MANY_PAGES: "The document has more pages than the limit.",
    FailureCode.ENCRYPTED: (
        "The PDF is protected by a password, so it cannot be read. "
        "Please upload a copy without a password."
    ),
    FailureCode.CORRUPT: "The file is damaged and cannot be opened.",
    FailureCode.OCR_UNAVAILABLE: (
        "Scanned pages cannot be read right now (the text recognition program is missing)."
    ),
    FailureCode.TIMEOUT: "Reading the document took too long.",
    FailureCode.CRASHED: "The document could not be processed.",
}


class PipelineError(Exception):
    """A document-reading failure the caller can record and show.

    ``detail`` may be logged, so it holds only technical facts (an exception class name, a page
    count, a pdfium error code), never text from the document. ``permanent`` is False when
    trying again later may succeed (OCR program missing, a timeout).
    """

    def __init__(self, code: FailureCode, detail: str = "", *, permanent: bool = True) -> None:
        super().__init__(f"{code.value}: {detail}" if detail else code.value)
        self.code = code
        self.detail = detail
        self.permanent = permanent
