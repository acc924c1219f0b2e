"""Preflight: refuse what we cannot or should not read, and open what we can."""

from __future__ import annotations

import pypdfium2 as pdfium
import pypdfium2.raw as pdfium_c
from PIL import Image, ImageOps, UnidentifiedImageError

from workers.pipeline.errors import FailureCode, PipelineError
from workers.pipeline.sniff import JPEG, PDF, PNG, SNIFF_BYTES, sniff_media_type
from workers.pipeline.stages.base import Job, PipelineStage
from workers.pipeline.types import Stage

_PILLOW_FORMATS = {JPEG: "JPEG", PNG: "PNG"}
# pdfium reports these when a PDF is encrypted and the empty password does not open it.
_PASSWORD_ERRORS = {pdfium_c.FPDF_ERR_PASSWORD, pdfium_c.FPDF_ERR_SECURITY}


class Preflight(PipelineStage):
    """Checks size and content type, opens the PDF or photo, counts and limits pages.

    Reads ``job.path`` and ``job.limits``; writes ``media_type``, ``page_count`` and ``pdf`` (for
    PDFs) or ``image`` (for photos, upright and greyscale).
    """

    def run(self, job: Job) -> None:
        size = job.path.stat().st_size
        if size == 0:
            raise PipelineError(FailureCode.EMPTY)
        if size > job.limits.max_bytes:
            raise PipelineError(
                FailureCode.TOO_LARGE, f"{size} bytes, limit {job.limits.max_bytes}"
            )
        with job.path.open("rb") as file:
            head = file.read(SNIFF_BYTES)
        media_type = sniff_media_type(head)
        if media_type is None:
            raise PipelineError(FailureCode.UNSUPPORTED)
        job.media_type = media_type

        if media_type == PDF:
            job.pdf = open_pdf(job)
            job.page_count = len(job.pdf)
        else:
            job.image = open_photo(job, media_type)
            job.page_count = 1

        if job.page_count > job.limits.max_pages:
            raise PipelineError(
                FailureCode.TOO_MANY_PAGES,
                f"{job.page_count} pages, limit {job.limits.max_pages}",
            )
        job.report(Stage.READING, 0, job.page_count)

    def cleanup(self, job: Job) -> None:
        if job.pdf is not None:
            job.pdf.close()  # also closes any page or text page still open
            job.pdf = None
        if job.image is not None:
            job.image.close()
            job.image = None


def open_pdf(job: Job) -> pdfium.PdfDocument:
    """Open a PDF, trying the empty password so owner-password-only PDFs still open."""
    try:
        return pdfium.PdfDocument(job.path, password="")
    except pdfium.PdfiumError as error:
        code = getattr(error, "err_code", None)
        if code in _PASSWORD_ERRORS:
            raise PipelineError(FailureCode.ENCRYPTED, f"pdfium error {code}") from error
        raise PipelineError(FailureCode.CORRUPT, f"pdfium error {code}") from error


def open_photo(job: Job, media_type: str) -> Image.Image:
    """Decode a photo fully, turn it upright (EXIF orientation) and make it greyscale."""
    try:
        with Image.open(job.path, formats=[_PILLOW_FORMATS[media_type]]) as raw:
            raw.load()
            upright = ImageOps.exif_transpose(raw)
            return _greyscale_on_white(upright)
    except Image.DecompressionBombError as error:
        raise PipelineError(FailureCode.TOO_LARGE, type(error).__name__) from error
    except (UnidentifiedImageError, OSError, SyntaxError, ValueError) as error:
        raise PipelineError(FailureCode.CORRUPT, type(error).__name__) from error


def _greyscale_on_white(image: Image.Image) -> Image.Image:
    """Greyscale is what OCR wants; transparent areas become white paper, not black."""
    if image.mode in ("RGBA", "LA", "PA") or "transparency" in image.info:
        rgba = image.convert("RGBA")
        paper = Image.new("RGBA", rgba.size, "white")
        paper.alpha_composite(rgba)
        rgba.close()
        image = paper
    return image.convert("L")
