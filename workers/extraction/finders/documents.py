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
_COLLECTED = (
    r"(?:date\s+)?collected|collection\s+date|date\s+of\s+(?:procedure|collection|surgery|biopsy|specimen)"
    r"|(?:procedure|surgery|operation|specimen|biopsy)\s+date|date\s+obtained|obtained"
)
_REPORTED = (
    r"report\s+date|date\s+reported|reported|signed\s+out|sign-?out\s+date|electronically\s+signed"
    r"|date\s+signed|signed|final\s+report\s+date|result\s+date|date\s+of\s+report|addendum\s+date"
    r"|verified|finalized"
)
_VISIT = r"date\s+of\s+(?:service|visit|consultation|encounter)|(?:service|visit|encounter|consultation|appointment)\s+date|dos"
_EXAM = r"date\s+of\s+(?:exam|examination|study)|(?:exam|examination|study|scan)\s+date"
_DISCHARGED = r"discharge\s+date|date\s+of\s+discharge|discharged"
_RECEIVED = r"date\s+received|received"
_ANY = r"date"
# The date a document was issued, by kind: a pathology or molecular report speaks for the day it
# was signed out (an addendum's day when it has one), a note for the visit, imaging for the exam.
_ISSUED = {
    "pathology": [_REPORTED, _COLLECTED, _RECEIVED, _ANY],
    "molecular": [_REPORTED, _COLLECTED, _RECEIVED, _ANY],
    "lab": [_REPORTED, _COLLECTED, _RECEIVED, _ANY],
    "consult": [_VISIT, _EXAM, _REPORTED, _ANY],
    "imaging": [_EXAM, _VISIT, _REPORTED, _ANY],
    "discharge": [_DISCHARGED, _REPORTED, _ANY],
}
_OTHER = [_COLLECTED, _VISIT, _EXAM, _DISCHARGED, _REPORTED, _RECEIVED, _ANY]
_LATEST_WINS = {_REPORTED}  # a report signed again for an addendum speaks for the later day
_NOT_DOCUMENT_DATE = re.compile(
    r"(?:dob|d\.o\.b|date\s+of\s+birth|birth\s*date|born|fax|faxed|printed|print|page|sent)\W*$",
    re.IGNORECASE,
)
Dated = tuple[str, int, int, int]  # (YYYY-MM-DD, page index, start, end)


_TITLE = re.compile(
    r"\b(?:report|summary|consult\w*|note|letter|results?|addendum|study|examination|scan|"
    r"profil\w*|panel|visit|h&p)\b",
    re.IGNORECASE,
)


def document_kind(pages: list[str]) -> str:
    """pathology, molecular, imaging, discharge, consult, lab or other, from the title lines.

    The first head line that reads as a title ("Solid Tumor NGS Report", "MEDICAL ONCOLOGY
    CONSULTATION") and names a kind decides, before letterheads ("... Laboratory", "Anatomic
    Pathology") and before a CT mentioned in the history; then the first line naming a kind.
    Within one line the list order breaks ties.
    """
    for text in pages:
        lines = text.strip().splitlines()[:12]
        if _FAX.search("\n".join(lines)) and len(text) < 1500:
            continue  # a fax cover page says nothing about the document
        titles = [line for line in lines if _TITLE.search(line)]
        for line in [*titles, *lines]:
            for kind, pattern in _KINDS:
                if re.search(pattern, line, re.IGNORECASE):
                    return kind
        return "other"
    return "other"


def document_date(pages: list[str], kind: str = "other") -> Dated | None:
    """The date the document was issued (see ``_ISSUED``); never a birth date or fax stamp."""
    for labels in _ISSUED.get(kind, _OTHER):
        found = _labelled_dates(pages, labels)
        if found:
            return max(found) if labels in _LATEST_WINS else found[0]
    return None


def collection_date(pages: list[str]) -> Dated | None:
    """The day the specimen was taken, i.e. the day of the biopsy or operation."""
    found = _labelled_dates(pages, _COLLECTED)
    return found[0] if found else None


def _labelled_dates(pages: list[str], labels: str) -> list[Dated]:
    """Full dates that follow one of ``labels`` on the same line, in reading order."""
    pattern = re.compile(rf"\b(?:{labels})\b(?:\s*(?:date|time|on))?\s*[:#-]?", re.IGNORECASE)
    found: list[Dated] = []
    for index, text in enumerate(pages):
        for label in pattern.finditer(text):
            if _NOT_DOCUMENT_DATE.search(text[max(0, label.start() - 12) : label.start()]):
                continue
            window = text[label.end() : label.end() + 60].split("\n", 1)[0]
            dates = find_dates(window)
            if dates and dates[0].start <= 40 and len(dates[0].value) == 10:
                start = label.end() + dates[0].start
                found.append((dates[0].value, index, start, label.end() + dates[0].end))
    return found
