"""The stages of the document-reading pipeline, one module each."""

from workers.pipeline.stages.base import Job, PipelineStage
from workers.pipeline.stages.layout import Layout
from workers.pipeline.stages.ocr import Ocr
from workers.pipeline.stages.preflight import Preflight
from workers.pipeline.stages.textlayer import TextLayer

__all__ = ["Job", "Layout", "Ocr", "PipelineStage", "Preflight", "TextLayer"]
