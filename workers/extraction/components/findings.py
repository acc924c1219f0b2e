"""The page view the finders read, and every finder run over it."""

from __future__ import annotations

from collections.abc import Callable, Sequence

from workers.extraction import table_statements
from workers.extraction.components.sections import sections
from workers.extraction.components.sentences import sentence_starts
from workers.extraction.finders import diagnosis, genes, staging, treatments
from workers.extraction.finders.base import Finding, PageView, fold
from workers.pipeline.types import Table

FINDERS: list[Callable[[PageView], list[Finding]]] = [
    *table_statements.BIOMARKER_FINDERS,  # the ones a table row is also read with
    diagnosis.find_histology,
    diagnosis.find_grade,
    diagnosis.find_sites,
    diagnosis.find_laterality,
    diagnosis.find_diagnosis_date,
    staging.find_tnm,
    staging.find_labelled_tnm,
    staging.find_stage_group,
    staging.find_metastases,
    treatments.find_treatments,
    treatments.find_node_specimens,
]


def page_view(text: str, site_hint: str | None = None) -> PageView:
    """The finders' view of a page: its text folded, its sentences and sections.

    Sentences and sections are read from the text as printed (a bullet is still a bullet);
    folding keeps every offset, so they hold for the folded text too.
    """
    return PageView(fold(text), sentence_starts(text), sections(text), site_hint)


def find_all(
    page: PageView, tables: Sequence[Table] = (), origin: str | None = None
) -> list[Finding]:
    """What every finder reads on the page and in its tables, each fact once, context not yet
    judged. ``origin`` is a molecular report's germline or somatic testing, when it says."""
    found = [finding for finder in FINDERS for finding in finder(page)]
    found.extend(genes.find_genes(page, origin))
    found = table_statements.with_tables(found, page, tables, origin)
    # a finding must point at words: the evidence is the text between its offsets
    return [finding for finding in found if page.text[finding.start : finding.end].strip()]
