"""Read one document's pages into facts, each with the words on its page that support it."""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Sequence

from workers.extraction.components.context import CANCELLING, judge
from workers.extraction.components.findings import find_all, page_view
from workers.extraction.dates import find_dates
from workers.extraction.facts import DocumentFact, DocumentFacts, Evidence, Field
from workers.extraction.finders.base import Finding, PageView, fold
from workers.extraction.finders.diagnosis import find_sites
from workers.extraction.finders.documents import (
    Dated,
    collection_date,
    document_date,
    document_kind,
)
from workers.extraction.finders.genes import document_origin
from workers.pipeline.types import PageText

_PRIMARY_SOURCES = {"pathology", "molecular"}
_METASTATIC_SPECIMEN = re.compile(
    r"(?:liver|hepatic|bone|osseous|lung|pleura\w*|brain|skin|lymph\s+node|peritone\w*|omentum|adrenal|ovary|chest\s+wall|supraclavicular)[^.\n]{0,60}?(?:biopsy|resection|excision|fluid|cytology|fna|aspirat)"
    r"[^.\n]{0,80}?metasta"
    r"|metastatic\s+(?:\w+\s+){0,3}?(?:carcinoma|adenocarcinoma|cancer)\s+(?:\w+\s+){0,3}?(?:consistent\s+with|compatible\s+with|from)\s+(?:a\s+|the\s+)?(?:known\s+)?(?:primary\s+)?(?:breast|lung|colon|colorectal|ovarian|pancrea|prostat)",
    re.IGNORECASE,
)


def extract_document(
    file: str, pages: Sequence[PageText], *, sha256: str, page_count: int | None = None
) -> DocumentFacts:
    """Every fact the pages state about the patient, each with verbatim evidence."""
    texts = [fold(page.text) for page in pages]
    kind = document_kind(texts)
    dated = document_date(texts, kind)
    date = dated[0] if dated else None
    # a specimen's results are dated by the day it was taken, not the day they were signed out
    collected = collection_date(texts) if kind in _PRIMARY_SOURCES else None
    whole = "\n".join(texts)
    origin = document_origin(whole) if kind == "molecular" else None
    site = _site_hint(texts)
    specimen = (
        "metastatic" if kind == "pathology" and _METASTATIC_SPECIMEN.search(whole) else "primary"
    )
    facts: list[DocumentFact] = []
    for page, text in zip(pages, texts, strict=True):
        if not text.strip():
            continue
        view = page_view(page.text, site)
        for finding in find_all(view, page.tables, origin):
            if judge(finding, view) & CANCELLING or _listed_therapy(kind, finding, view):
                continue
            facts.append(_fact(finding, page, file, view, kind, date, specimen, collected))
    return DocumentFacts(
        file=file,
        sha256=sha256,
        pages=page_count if page_count is not None else len(pages),
        ocr_pages=sum(1 for page in pages if page.source == "ocr"),
        kind=kind,
        date=date,
        facts=facts,
    )


def _listed_therapy(kind: str, finding: Finding, view: PageView) -> bool:
    """A genomic report lists therapies matched to a variant; it does not say any was given.

    Only its clinical history can tell us about treatment received.
    """
    return (
        kind == "molecular"
        and finding.field is Field.TREATMENT
        and view.section(finding.anchor) not in {"clinical_history", "history"}
    )


def _site_hint(texts: list[str]) -> str | None:
    votes: Counter[str] = Counter()
    for text in texts:
        view = PageView(text, [0], [])
        votes.update(finding.value["site"] for finding in find_sites(view))
    return votes.most_common(1)[0][0] if votes else None


def _fact(
    finding: Finding,
    page: PageText,
    file: str,
    view: PageView,
    kind: str,
    date: str | None,
    specimen: str,
    collected: Dated | None = None,
) -> DocumentFact:
    evidence = Evidence(
        file, page.number, page.text[finding.start : finding.end], finding.start, finding.end
    )
    if collected:
        date = collected[0]
    when = finding.date
    if when is None and finding.field is Field.BIOMARKER:
        when = _sentence_date(view, finding, date)
    if when is None and finding.field is not Field.TREATMENT:
        when = date
    if (
        finding.field is Field.TREATMENT
        and when is None
        and kind == "pathology"
        and finding.value["category"] == "surgery"
    ):
        # the specimen was taken in the operation: its collection date is the operation's
        finding.value["start"] = when = date
    value = dict(finding.value)
    value["_source"] = kind
    return DocumentFact(
        field=finding.field,
        name=finding.name,
        value=value,
        evidence=[evidence]
        + [  # a table cell's header, or cells apart on the page (table_statements.py)
            Evidence(file, page.number, page.text[start:end], start, end)
            for start, end in finding.extra.get("evidence_spans", ())
        ],
        date=when,
        section=view.section(finding.anchor),
        specimen=specimen if kind == "pathology" else _sentence_specimen(view, finding),
    )


def _sentence_date(view: PageView, finding: Finding, document: str | None) -> str | None:
    """A result restated with its own date ("biopsy 3/2/2023 showed ER+") keeps that date."""
    start, end = view.sentence_bounds(finding.anchor)
    dates = [d.value for d in find_dates(view.text[start:end])]
    dates = [d for d in dates if document is None or d <= document]
    return dates[0] if dates else None


def _sentence_specimen(view: PageView, finding: Finding) -> str | None:
    start, end = view.sentence_bounds(finding.anchor)
    if re.search(
        r"\b(?:liver|bone|lung|brain|pleural|metasta\w*)\b[^.]{0,40}\bbiops",
        view.text[start:end],
        re.I,
    ):
        return "metastatic"
    return None
