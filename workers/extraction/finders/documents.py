"""What kind of document this is and the date it speaks for."""

from __future__ import annotations

import re

from workers.extraction.dates import find_dates

_KINDS = [
    (
        "molecular",
        r"molecular|genomic|next[\s-]+generation\s+sequencing|\bngs\b|foundationone|tumor\s+profil|germline|genetic\s+test|hereditary\s+cancer|mutation\s+analysis|variant\s+report|gene\s+panel|oncotype",
    ),
    (
        "pathology",
        r"pathology|cytology|biopsy\s+report|histopathology|immunohistochemistry\s+report|addendum|final\s+diagnosis|fish\s+report|in\s+situ\s+hybridi",
    ),
    (
        "imaging",
        r"radiology|\bct\b|computed\s+tomography|\bmri\b|magnetic\s+resonance|\bpet\b|mammogra|ultrasound|sonogra|bone\s+scan|x-ray|imaging|echocardiogra",
    ),
    ("discharge", r"discharge\s+summary|discharge\s+note|hospital\s+course|date\s+of\s+discharge"),
    (
        "consult",
        r"consult|clinic\s+note|progress\s+note|office\s+visit|follow[\s-]*up|history\s+and\s+physical|\bh&p\b|oncology\s+note|visit\s+note|new\s+patient|letter|dear\s+dr",
    ),
    (
        "lab",
        r"laboratory|lab\s+results|\bcbc\b|complete\s+blood\s+count|chemistry\s+panel|tumor\s+markers?\s+(?:panel|results)",
    ),
]
_FAX = re.compile(r"\bfax\b|facsimile|cover\s+sheet|transmittal", re.IGNORECASE)
_DATE_LABELS = [
    r"(?:date\s+)?collected|collection\s+date|date\s+of\s+(?:procedure|collection|surgery|service|visit|exam|examination|study|consultation|admission|biopsy)|procedure\s+date|service\s+date|visit\s+date|exam\s+date|study\s+date|date\s+of\s+specimen|specimen\s+date|dos|encounter\s+date",
    r"report\s+date|date\s+reported|reported|signed\s+out|electronically\s+signed|signed|date\s+signed|final\s+report\s+date|received|date\s+received|discharge\s+date|date\s+of\s+discharge|result\s+date|date\s+of\s+report|addendum\s+date",
    r"date",
]
_NOT_DOCUMENT_DATE = re.compile(
    r"(?:dob|d\.o\.b|date\s+of\s+birth|birth\s*date|born|fax|printed|page)\W*$", re.IGNORECASE
)


def document_kind(pages: list[str]) -> str:
    """pathology, molecular, imaging, discharge, consult, lab or other, from the title lines."""
    for text in pages:
        head = "\n".join(text.strip().splitlines()[:12])
        if _FAX.search(head) and len(text) < 1500:
            continue  # a fax cover page says nothing about the document
        for kind, pattern in _KINDS:
            if re.search(pattern, head, re.IGNORECASE):
                return kind
        return "other"
    return "other"


def document_date(pages: list[str]) -> tuple[str | None, int, int, int] | None:
    """(date, page index, start, end) of the date the document speaks for.

    A collection, procedure, service or visit date first; then a report or signature date;
    then any labelled date. Dates of birth and fax stamps are never the document's date.
    """
    for labels in _DATE_LABELS:
        pattern = re.compile(
            rf"(?:{labels})\s*(?:date|time)?\s*[:#-]?\s*(?:\w+\s+)?", re.IGNORECASE
        )
        for index, text in enumerate(pages):
            for label in pattern.finditer(text):
                if _NOT_DOCUMENT_DATE.search(text[max(0, label.start() - 12) : label.start()]):
                    continue
                dates = find_dates(text[label.end() : label.end() + 40])
                if dates and dates[0].start < 25 and len(dates[0].value) == 10:
                    return (
                        dates[0].value,
                        index,
                        label.end() + dates[0].start,
                        label.end() + dates[0].end,
                    )
    return None
