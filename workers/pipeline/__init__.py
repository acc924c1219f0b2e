"""Reads patients' PDFs and photos of pages into text, without Django.

See README.md in this folder for what each stage reads, writes and raises.
"""

from typing import TYPE_CHECKING, Any

from workers.pipeline.errors import FailureCode, PipelineError
from workers.pipeline.sniff import sniff_media_type
from workers.pipeline.types import (
    Limits,
    PageText,
    PipelineResult,
    ProgressCallback,
    Source,
    Stage,
    Word,
)

if TYPE_CHECKING:
    from workers.pipeline.runner import DEFAULT_STAGES, run_pipeline

__all__ = [
    "DEFAULT_STAGES",
    "FailureCode",
    "Limits",
    "PageText",
    "PipelineError",
    "PipelineResult",
    "ProgressCallback",
    "Source",
    "Stage",
    "Word",
    "run_pipeline",
    "sniff_media_type",
]


def __getattr__(name: str) -> Any:
    """The runner is imported when first used: its stages bring pdfplumber and tesseract's
    bindings, which a web process that only names a failure code never needs."""
    if name in ("DEFAULT_STAGES", "run_pipeline"):
        from workers.pipeline import runner

        return getattr(runner, name)
    raise AttributeError(name)
