"""Tell what a file is from its first bytes, never from its name."""

from __future__ import annotations

SNIFF_BYTES = 1024
PDF = "application/pdf"
JPEG = "image/jpeg"
PNG = "image/png"

_PNG_SIGNATURE = b"\x89PNG\r\n\x1a\n"
_JPEG_SIGNATURE = b"\xff\xd8\xff"
_PDF_MARKER = b"%PDF-"
# Office files: zip containers (.docx) and OLE compound files (.doc). They are refused even if a
# "%PDF-" happens to sit in their first kilobyte (e.g. a PDF stored inside the zip).
_OFFICE_SIGNATURES = (b"PK\x03\x04", b"\xd0\xcf\x11\xe0")


def sniff_media_type(head: bytes) -> str | None:
    """Return the media type of a file from its first bytes, or None if it is not supported.

    PDF readers accept a ``%PDF-`` header anywhere in the first 1024 bytes, so this does too.
    """
    if head.startswith(_OFFICE_SIGNATURES):
        return None
    if head.startswith(_JPEG_SIGNATURE):
        return JPEG
    if head.startswith(_PNG_SIGNATURE):
        return PNG
    if _PDF_MARKER in head[:SNIFF_BYTES]:
        return PDF
    return None
