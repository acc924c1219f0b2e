"""Read files from disk straight into document facts, without Django: the command-line path."""

from __future__ import annotations

import hashlib
import logging
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path

from workers.extraction.extract import extract_document
from workers.extraction.facts import DocumentFacts
from workers.pipeline.errors import PipelineError
from workers.pipeline.runner import DEFAULT_LIMITS, run_pipeline
from workers.pipeline.types import Limits, PipelineResult

logger = logging.getLogger(__name__)
UNEXPECTED = "Something went wrong while reading this file; the others were read."


@dataclass
class ReadFile:
    """One file that was read: its facts and the page texts the evidence points into."""

    facts: DocumentFacts
    result: PipelineResult


@dataclass
class Unreadable:
    """A file that could not be read, with the plain reason."""

    file: str
    reason: str


def sha256_of(path: Path) -> str:
    digest = hashlib.sha256()
    with open(path, "rb") as handle:
        for chunk in iter(lambda: handle.read(1 << 20), b""):
            digest.update(chunk)
    return digest.hexdigest()


def read_file(path: Path, label: str | None = None, limits: Limits = DEFAULT_LIMITS) -> ReadFile:
    """Run the reading pipeline and the extraction on one file; PipelineError if unreadable."""
    result = run_pipeline(path, limits)
    facts = extract_document(
        label or str(path), result.pages, sha256=sha256_of(path), page_count=result.page_count
    )
    return ReadFile(facts=facts, result=result)


def read_files(
    paths: Sequence[Path], limits: Limits = DEFAULT_LIMITS
) -> tuple[list[ReadFile], list[Unreadable]]:
    """Read every file that can be read; the others are listed with their reason."""
    read: list[ReadFile] = []
    unreadable: list[Unreadable] = []
    for path in paths:
        label = str(path)
        if not Path(path).is_file():
            unreadable.append(Unreadable(label, "No such file."))
            continue
        try:
            read.append(read_file(Path(path), label, limits))
        except PipelineError as error:
            unreadable.append(Unreadable(label, error.code.message))
        except Exception as error:
            # only the error's type: its message may quote the record
            logger.error(
                "extraction failed on file %d: %s",
                len(unreadable) + len(read) + 1,
                type(error).__name__,
            )
            unreadable.append(Unreadable(label, UNEXPECTED))
    return read, unreadable
