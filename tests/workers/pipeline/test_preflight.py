from collections.abc import Callable
from pathlib import Path

import pytest

from tests import documents
from workers.pipeline import FailureCode, Limits, PipelineError, Source, run_pipeline


@pytest.mark.parametrize(
    ("make", "limits", "code"),
    [
        pytest.param(documents.empty_file, Limits(), FailureCode.EMPTY, id="empty"),
        pytest.param(
            documents.word_file_named_pdf, Limits(), FailureCode.UNSUPPORTED, id="docx-as-pdf"
        ),
        pytest.param(documents.corrupt_pdf, Limits(), FailureCode.CORRUPT, id="corrupt-pdf"),
        pytest.param(documents.corrupt_jpeg, Limits(), FailureCode.CORRUPT, id="corrupt-jpeg"),
        pytest.param(documents.encrypted_pdf, Limits(), FailureCode.ENCRYPTED, id="password"),
        pytest.param(
            documents.text_pdf, Limits(max_bytes=1000), FailureCode.TOO_LARGE, id="too-large"
        ),
        pytest.param(
            lambda directory: documents.many_pages_pdf(directory, 5),
            Limits(max_pages=4),
            FailureCode.TOO_MANY_PAGES,
            id="too-many-pages",
        ),
    ],
)
def test_it_refuses_a_file_it_cannot_read_with_a_permanent_failure(
    tmp_path: Path, make: Callable[[Path], Path], limits: Limits, code: FailureCode
) -> None:
    with pytest.raises(PipelineError) as caught:
        run_pipeline(make(tmp_path), limits)
    assert caught.value.code == code
    assert caught.value.permanent is True


def test_it_tells_the_page_count_when_there_are_too_many_pages(tmp_path: Path) -> None:
    with pytest.raises(PipelineError) as caught:
        run_pipeline(documents.many_pages_pdf(tmp_path, 7), Limits(max_pages=6))
    assert "7" in caught.value.detail


def test_it_refuses_too_many_pages_before_reading_any_page(tmp_path: Path) -> None:
    calls = []
    with pytest.raises(PipelineError):
        run_pipeline(
            documents.many_pages_pdf(tmp_path, 3),
            Limits(max_pages=2),
            progress=lambda *call: calls.append(call),
        )
    assert calls == []


def test_it_accepts_exactly_the_page_limit(tmp_path: Path) -> None:
    result = run_pipeline(documents.many_pages_pdf(tmp_path, 3), Limits(max_pages=3))
    assert result.page_count == 3


def test_it_reads_a_pdf_encrypted_with_only_an_owner_password(tmp_path: Path) -> None:
    result = run_pipeline(documents.encrypted_empty_password_pdf(tmp_path))
    assert result.pages[0].source == Source.TEXT
    assert "Estrogen receptor: positive (95%)" in result.pages[0].text


def test_it_judges_content_not_the_file_name(tmp_path: Path) -> None:
    pdf = documents.text_pdf(tmp_path)
    renamed = pdf.rename(tmp_path / "report.docx")
    assert run_pipeline(renamed).media_type == "application/pdf"


def test_failure_details_never_contain_document_text(tmp_path: Path) -> None:
    with pytest.raises(PipelineError) as caught:
        run_pipeline(documents.many_pages_pdf(tmp_path, 3), Limits(max_pages=2))
    assert "oncology" not in str(caught.value).lower()
    assert "oncology" not in caught.value.detail.lower()
