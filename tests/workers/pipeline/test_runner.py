from pathlib import Path

import pytest

from tests import documents
from workers.pipeline import (
    DEFAULT_STAGES,
    FailureCode,
    Limits,
    PipelineError,
    Source,
    Stage,
    run_pipeline,
)
from workers.pipeline.stages import Job, Layout, Ocr, PipelineStage, Preflight, TextLayer
from workers.pipeline.stages.tables import Tables

FAST = Limits(ocr_dpi=200)


class Recorder:
    """A progress callback that remembers every call."""

    def __init__(self) -> None:
        self.calls: list[tuple[Stage, int, int]] = []

    def __call__(self, stage: Stage, done: int, total: int) -> None:
        self.calls.append((stage, done, total))


def test_the_default_stages_run_in_this_order() -> None:
    assert [Preflight, TextLayer, Tables, Ocr, Layout] == DEFAULT_STAGES


def test_progress_reports_reading_each_page_of_a_text_pdf(tmp_path: Path) -> None:
    progress = Recorder()
    run_pipeline(documents.many_pages_pdf(tmp_path, 3), progress=progress)
    assert progress.calls == [
        (Stage.READING, 0, 3),
        (Stage.READING, 1, 3),
        (Stage.READING, 2, 3),
        (Stage.READING, 3, 3),
    ]


@pytest.mark.ocr
def test_progress_reports_reading_then_ocr_of_the_scanned_pages_only(tmp_path: Path) -> None:
    progress = Recorder()
    run_pipeline(documents.mixed_pdf(tmp_path), FAST, progress=progress)
    assert progress.calls == [
        (Stage.READING, 0, 2),
        (Stage.READING, 1, 2),
        (Stage.READING, 2, 2),
        (Stage.OCR, 0, 1),
        (Stage.OCR, 1, 1),
    ]


@pytest.mark.ocr
def test_it_returns_pages_in_page_order_whatever_their_source(tmp_path: Path) -> None:
    result = run_pipeline(documents.mixed_pdf(tmp_path), FAST)
    assert [(page.number, page.source) for page in result.pages] == [
        (1, Source.OCR),
        (2, Source.TEXT),
    ]
    assert "biopsy" in result.pages[0].text.lower()
    assert "ONCOLOGY CLINIC NOTE" in result.pages[1].text


def test_the_result_names_the_media_type_and_page_count(tmp_path: Path) -> None:
    result = run_pipeline(documents.many_pages_pdf(tmp_path, 2))
    assert (result.media_type, result.page_count, len(result.pages)) == ("application/pdf", 2, 2)
    assert [page.number for page in result.pages] == [1, 2]


class Remembering(PipelineStage):
    """Notes its calls in a shared journal."""

    journal: list[str]

    def run(self, job: Job) -> None:
        self.journal.append(f"run {type(self).__name__}")

    def cleanup(self, job: Job) -> None:
        self.journal.append(f"cleanup {type(self).__name__}")


def remembering_stages(journal: list[str]) -> tuple[type, type, type]:
    class First(Remembering):
        pass

    class Failing(Remembering):
        def run(self, job: Job) -> None:
            super().run(job)
            raise PipelineError(FailureCode.CORRUPT, "test")

    class Never(Remembering):
        pass

    for stage in (First, Failing, Never):
        stage.journal = journal
    return First, Failing, Never


def test_every_cleanup_runs_when_a_stage_raises(tmp_path: Path) -> None:
    journal: list[str] = []
    with pytest.raises(PipelineError):
        run_pipeline(tmp_path / "unused.pdf", stages=remembering_stages(journal))
    assert journal == [
        "run First",
        "run Failing",
        "cleanup Never",
        "cleanup Failing",
        "cleanup First",
    ]


def test_a_failing_cleanup_does_not_hide_the_original_error(tmp_path: Path) -> None:
    class BrokenCleanup(PipelineStage):
        def run(self, job: Job) -> None:
            raise PipelineError(FailureCode.ENCRYPTED)

        def cleanup(self, job: Job) -> None:
            raise OSError("cleanup went wrong")

    with pytest.raises(PipelineError) as caught:
        run_pipeline(tmp_path / "unused.pdf", stages=[BrokenCleanup])
    assert caught.value.code == FailureCode.ENCRYPTED


def test_the_pdf_is_closed_after_a_failure_in_a_later_stage(tmp_path: Path) -> None:
    seen: list[Job] = []

    class Explode(PipelineStage):
        def run(self, job: Job) -> None:
            seen.append(job)
            assert job.pdf is not None
            raise RuntimeError("a bug")

    with pytest.raises(RuntimeError, match="a bug"):
        run_pipeline(documents.text_pdf(tmp_path), stages=[Preflight, Explode])
    assert seen[0].pdf is None


def test_the_photo_is_closed_after_the_run(tmp_path: Path) -> None:
    seen: list[Job] = []

    class Peek(PipelineStage):
        def run(self, job: Job) -> None:
            seen.append(job)

    run_pipeline(documents.photo_png(tmp_path), stages=[Preflight, Peek])
    assert seen[0].image is None


def test_an_unexpected_error_propagates_unchanged(tmp_path: Path) -> None:
    class Interrupted(Exception):
        pass

    def interrupt(stage: Stage, done: int, total: int) -> None:
        raise Interrupted

    with pytest.raises(Interrupted):
        run_pipeline(documents.text_pdf(tmp_path), progress=interrupt)
