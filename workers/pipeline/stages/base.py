"""The contract every stage follows, and the job they pass along.

Stages run in order on one ``Job``. ``run`` reads what earlier stages left on the job and adds
its own part; ``cleanup`` releases whatever the stage holds and is called for every stage after
the run, whether the run succeeded, raised, or never reached that stage, so it must be safe to
call at any time and more than once.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path

import pypdfium2 as pdfium
from PIL import Image

from workers.pipeline.types import Limits, PageText, ProgressCallback, Stage


@dataclass
class Job:
    """The state of reading one file, shared by the stages."""

    path: Path
    limits: Limits
    progress: ProgressCallback | None = None
    media_type: str = ""
    page_count: int = 0
    pdf: pdfium.PdfDocument | None = None  # open PDF (Preflight opens, Preflight closes)
    image: Image.Image | None = None  # upright photo, mode "L" (Preflight opens and closes)
    pages: dict[int, PageText] = field(default_factory=dict)  # by 1-based page number
    ocr_pages: list[int] = field(default_factory=list)  # page numbers that need OCR, in order

    def report(self, stage: Stage, done: int, total: int) -> None:
        """Tell the caller how far we are, if it asked."""
        if self.progress is not None:
            self.progress(stage, done, total)


class PipelineStage:
    """One step of reading a document."""

    def run(self, job: Job) -> None:
        """Do this stage's work on the job; raise PipelineError when the file cannot be read."""
        raise NotImplementedError

    def cleanup(self, job: Job) -> None:
        """Release what this stage holds. Always called; does nothing by default."""
