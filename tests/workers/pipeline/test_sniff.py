import pytest

from workers.pipeline import sniff_media_type

PNG_SIGNATURE = b"\x89PNG\r\n\x1a\n"


@pytest.mark.parametrize(
    ("head", "expected"),
    [
        pytest.param(b"%PDF-1.7\n%\xe2\xe3\xcf\xd3\n1 0 obj", "application/pdf", id="pdf"),
        pytest.param(b"\r\n\r\n%PDF-1.4\n", "application/pdf", id="pdf-after-junk"),
        pytest.param(b"x" * 1100 + b"%PDF-1.4", None, id="pdf-header-too-late"),
        pytest.param(b"\xff\xd8\xff\xe0\x00\x10JFIF\x00", "image/jpeg", id="jpeg"),
        pytest.param(b"\xff\xd8\xff\xe1\x00\x10Exif\x00", "image/jpeg", id="jpeg-exif"),
        pytest.param(PNG_SIGNATURE + b"\x00\x00\x00\rIHDR", "image/png", id="png"),
        pytest.param(b"PK\x03\x04\x14\x00\x06\x00[Content_Types].xml", None, id="docx"),
        pytest.param(b"PK\x03\x04" + b"%PDF-1.4 stored in a zip", None, id="zip-holding-pdf"),
        pytest.param(b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1\x00\x00", None, id="doc"),
        pytest.param(b"FINAL DIAGNOSIS: invasive ductal carcinoma", None, id="text"),
        pytest.param(b"<!DOCTYPE html><html>", None, id="html"),
        pytest.param(b"GIF89a\x01\x00", None, id="gif"),
        pytest.param(b"", None, id="empty"),
    ],
)
def test_it_names_the_media_type_from_the_first_bytes(head: bytes, expected: str | None) -> None:
    assert sniff_media_type(head) == expected
