import pytest

from workers.pipeline import FailureCode, PipelineError

JARGON = ("pdfium", "tesseract", "ocr", "exception", "error code", "mime", "dpi")


@pytest.mark.parametrize("code", list(FailureCode))
def test_every_failure_has_a_plain_sentence_for_the_patient(code: FailureCode) -> None:
    message = code.message
    assert message[0].isupper()
    assert message.endswith(".")
    assert not any(word in message.lower() for word in JARGON)


def test_a_pipeline_error_is_permanent_unless_said_otherwise() -> None:
    error = PipelineError(FailureCode.CORRUPT, "pdfium error 3")
    assert (error.code, error.detail, error.permanent) == (
        FailureCode.CORRUPT,
        "pdfium error 3",
        True,
    )


def test_a_pipeline_error_can_be_marked_worth_retrying() -> None:
    error = PipelineError(FailureCode.TIMEOUT, permanent=False)
    assert error.permanent is False
    assert error.detail == ""


def test_failure_codes_are_stable_strings() -> None:
    assert FailureCode.TOO_MANY_PAGES == "too_many_pages"
    assert FailureCode("ocr_unavailable") is FailureCode.OCR_UNAVAILABLE
