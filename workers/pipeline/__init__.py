"""Reads patients' PDFs and photos of pages into text, without Django.

See README.md in this folder for what each stage reads, writes and raises.
"""

from workers.pipeline.errors import FailureCode, PipelineError
from workers.pipeline.runner import DEFAULT_STAGES, run_pipeline
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
