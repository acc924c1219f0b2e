"""Run the stages in order on one file and hand back what they read."""

from __future__ import annotations

import logging
from collections.abc import Sequence
from pathlib import Path

from workers.pipeline.stages import Job, Layout, Ocr, PipelineStage, Preflight, TextLayer
from workers.pipeline.stages.tables import Tables
from workers.pipeline.types import Limits, PipelineResult, ProgressCallback

logger = logging.getLogger(__name__)

DEFAULT_STAGES: list[type[PipelineStage]] = [Preflight, TextLayer, Tables, Ocr, Layout]
DEFAULT_LIMITS = Limits()


def run_pipeline(
    path: Path,
    limits: Limits = DEFAULT_LIMITS,
    progress: ProgressCallback | None = None,
    *,
    stages: Sequence[type[PipelineStage]] = DEFAULT_STAGES,
) -> PipelineResult:
    """Read a PDF or photo into page texts, in page order.

    Raises PipelineError when the file cannot be read (see errors.FailureCode). Any other
    exception is a bug or an outside interruption (e.g. a Celery time limit) and propagates
    unchanged. Every stage's cleanup runs afterwards, whatever happened.
    """
    job = Job(path=Path(path), limits=limits, progress=progress)
    instances = [stage() for stage in stages]
    try:
        for stage in instances:
            stage.run(job)
        return PipelineResult(
            media_type=job.media_type,
            page_count=job.page_count,
            pages=[job.pages[number] for number in sorted(job.pages)],
        )
    finally:
        for stage in reversed(instances):
            try:
                stage.cleanup(job)
            except Exception:
                # Keep cleaning up, and do not hide the error that got us here.
                logger.exception("cleanup of %s failed", type(stage).__name__)
