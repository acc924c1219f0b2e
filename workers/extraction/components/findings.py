"""The findings component: runs the finders over a page and keeps what they find as spans."""

from __future__ import annotations

from collections.abc import Callable

from spacy.language import Language
from spacy.tokens import Doc, Span

from workers.extraction import table_statements
from workers.extraction.finders import diagnosis, genes, staging, treatments
from workers.extraction.finders.base import Finding, PageView, fold


def _finding(span: Span) -> Finding:
    return span.doc.user_data["navis_findings"][int(span.id_)]


# Getters, not stored values: spaCy keeps span extensions per position and label, and two
# findings often share a span ("Left breast" is a site and a laterality).
if not Span.has_extension("finding"):
    Span.set_extension("finding", getter=_finding)
    Span.set_extension("context", getter=lambda span: _finding(span).extra.get("context", []))
    Span.set_extension(
        "is_patients", getter=lambda span: _finding(span).extra.get("is_patients", True)
    )

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


def page_view(doc: Doc) -> PageView:
    """The finders' view of a doc that has been through the sentence and section components."""
    sections = [
        (span.start_char, span.end_char, span.label_) for span in doc.spans.get("sections", [])
    ]
    return PageView(
        text=fold(doc.text),
        sentence_starts=[sentence.start_char for sentence in doc.sents] or [0],
        sections=sections,
        site_hint=doc.user_data.get("navis_site"),
    )


@Language.factory("navis_findings")
def make_findings(nlp: Language, name: str) -> NavisFindings:
    return NavisFindings()


class NavisFindings:
    """Adds ``doc.spans["findings"]``; each span's ``_.finding`` holds the value read."""

    def __call__(self, doc: Doc) -> Doc:
        page = page_view(doc)
        doc.user_data["navis_page"] = page
        found = [finding for finder in FINDERS for finding in finder(page)]
        found.extend(genes.find_genes(page, doc.user_data.get("navis_origin")))
        found = table_statements.with_tables(
            found, page, doc.user_data.get("navis_tables", ()), doc.user_data.get("navis_origin")
        )
        doc.user_data["navis_findings"] = found
        spans = []
        for index, finding in enumerate(found):
            # a distinct span id per finding: span extensions are stored by position, label and id
            span = doc.char_span(
                finding.start,
                finding.end,
                label=finding.kind,
                alignment_mode="expand",
                span_id=str(index),
            )
            if span is None or not len(span):
                continue
            spans.append(span)
        doc.spans["findings"] = spans
        return doc
