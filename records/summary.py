"""The cancer summary page: a patient's profile in plain words, each value with its evidence.

The profile speaks the contract's vocabulary (``ER`` ``low``, ``pT2``, ``neoadjuvant``); this
module says the same things the way a frightened patient can read them, and never more than
the profile says.
"""

import calendar
from dataclasses import dataclass, field
from typing import Any

from django.urls import reverse

from records import review_rules
from records.evidence import EvidenceFinder, EvidenceLink
from records.models import DocumentKind
from vocabulary.biomarkers import HER2, HORMONE_RECEPTORS
from workers.extraction import Field


@dataclass(frozen=True)
class ReviewNote:
    """What a clinician did with a value: verified or corrected it, who, when and why."""

    state: str
    author: str = ""
    date: str = ""
    reason: str = ""
    changed_since: bool = False
    records_said: str = ""  # for a correction: what the records said instead

    @property
    def checked(self) -> bool:
        return self.state in (review_rules.State.VERIFIED, review_rules.State.CORRECTED)


@dataclass
class Row:
    """One line of a table: what it is, what the records say, and where they say it."""

    label: str
    value: str
    detail: str = ""
    evidence: list[EvidenceLink] = field(default_factory=list)
    key: str = ""
    review: ReviewNote | None = None


@dataclass
class Treatment:
    name: str
    category: str
    start: str
    end: str
    setting: str
    evidence: list[EvidenceLink]
    key: str = ""
    review: ReviewNote | None = None
    line: str = ""  # "second line", for treatments of cancer that has spread


@dataclass
class ReadDocument:
    """One of the records the summary was read from."""

    name: str
    kind: str
    date: str
    url: str


@dataclass
class Summary:
    diagnosis: list[Row]
    biomarkers: list[Row]
    stage: list[Row]
    stage_evidence: list[EvidenceLink]
    treatments: list[Treatment]
    conflicts: list[str]
    missing: list[str]
    documents: list[ReadDocument]
    patient: list[Row] = field(default_factory=list)  # r2: sex, age, menopause, performance
    events: list[Row] = field(default_factory=list)  # r2: what happened to the disease, in order

    @property
    def found_anything(self) -> bool:
        return bool(self.diagnosis or self.biomarkers or self.stage or self.treatments)


BIOMARKER_NAMES = {
    "ER": "Estrogen receptor (ER)",
    "PR": "Progesterone receptor (PR)",
    "HER2": "HER2",
    "Ki-67": "Ki-67 (how many cells are dividing)",
    "AR": "Androgen receptor (AR)",
    "PD-L1": "PD-L1",
    "MSI": "Microsatellite instability (MSI)",
    "TMB": "Tumor mutational burden (TMB)",
    "MMR": "Mismatch repair proteins (MMR)",
}
RECEPTOR_RESULTS = {"positive": "Positive", "low": "Low positive", "negative": "Negative"}
HER2_RESULTS = {
    "positive": "Positive",
    "equivocal": "Borderline (equivocal): another test decides",
    "low": "HER2-low",
    "ultralow": "HER2-ultralow",
    "zero": "Zero: no HER2 seen on the cells",
    "negative": "Negative (the report gives no HER2 score)",
}
# Results of the other named markers, by marker (genes use GENE_RESULTS).
MARKER_RESULTS = {
    "MSI": {
        "high": "High (MSI-high)",
        "low": "Low (MSI-low)",
        "stable": "Stable (MSS)",
    },
    "MMR": {
        "deficient": "Deficient: a repair protein is missing (dMMR)",
        "proficient": "Proficient: all repair proteins are present (pMMR)",
    },
}
GENE_RESULTS = {
    "pathogenic": "A harmful change (pathogenic variant) was found",
    "vus": "A change of uncertain meaning (variant of uncertain significance) was found",
    "negative": "No harmful change was found",
}
ORIGINS = {"germline": "inherited (germline)", "somatic": "found in the tumor (somatic)"}
SIDES = {"left": "Left", "right": "Right", "bilateral": "Both sides"}
SETTINGS = {
    "neoadjuvant": "before surgery (neoadjuvant)",
    "adjuvant": "after surgery (adjuvant)",
    "metastatic": "for cancer that has spread (metastatic)",
}
FIELD_WORDS = {
    "status": "result",
    "percent": "percentage",
    "ihc": "IHC score",
    "ish": "ISH result",
    "primary_site": "where the cancer started",
    "laterality": "which side",
    "histology": "type of cancer",
    "grade": "grade",
    "diagnosis_date": "date of diagnosis",
    "group": "stage group",
    "metastatic": "spread to other parts of the body",
}


def plain_date(value: str | None) -> str:
    """``2025-03-02`` → 2 March 2025; ``2025-03`` → March 2025; anything else as written."""
    if not value:
        return ""
    parts = value.split("-")
    try:
        numbers = [int(part) for part in parts]
        month = calendar.month_name[numbers[1]] if len(numbers) > 1 else ""
    except (ValueError, IndexError):
        return value
    if len(numbers) == 3:
        return f"{numbers[2]} {month} {numbers[0]}"
    return f"{month} {numbers[0]}".strip()


def biomarker_name(name: str) -> str:
    return BIOMARKER_NAMES.get(name, f"{name} gene")


def biomarker_result(marker: dict[str, Any]) -> str:
    status, name = marker.get("status"), marker.get("name")
    if status is None:
        return ""
    if name in HORMONE_RECEPTORS:
        return RECEPTOR_RESULTS.get(status, str(status).capitalize())
    if name == HER2:
        return HER2_RESULTS.get(status, str(status).capitalize())
    if name in MARKER_RESULTS:
        return MARKER_RESULTS[name].get(status, str(status).capitalize())
    return GENE_RESULTS.get(status) or str(status).capitalize()


def biomarker_details(marker: dict[str, Any]) -> list[str]:
    """The numbers and scores behind a result, as reported."""
    details = []
    if marker.get("percent") is not None:
        details.append(f"{marker['percent']}% of cells")
    if marker.get("ihc"):
        details.append(f"IHC score {marker['ihc']}")
    if marker.get("ish"):
        details.append(f"ISH {marker['ish']}")
    if marker.get("ratio") is not None:
        details.append(f"ratio {marker['ratio']}")
    if marker.get("copy_number") is not None:
        details.append(f"copy number {marker['copy_number']}")
    if marker.get("value") is not None:
        details.append(f"score {marker['value']} {marker.get('unit') or ''}".strip())
    if marker.get("variant"):
        details.append(f"change {marker['variant']}")
    if marker.get("origin"):
        details.append(ORIGINS.get(marker["origin"], marker["origin"]))
    return details


def biomarker_row(marker: dict[str, Any], finder: EvidenceFinder) -> Row:
    details = biomarker_details(marker)
    result = biomarker_result(marker) or (details.pop(0) if details else "Reported")
    return Row(
        label=biomarker_name(str(marker.get("name", ""))),
        value=result,
        detail=", ".join(details),
        evidence=finder.links(marker.get("evidence")),
        key=f"biomarker:{marker.get('name', '')}",
    )


D = "diagnosis."


def diagnosis_rows(diagnosis: dict[str, Any], finder: EvidenceFinder) -> list[Row]:
    """The contract gives the diagnosis without evidence: it comes from the stored facts."""
    rows = []
    if site := diagnosis.get("primary_site"):
        evidence = finder.supporting(Field.PRIMARY_SITE, site)
        rows.append(
            Row(
                "Where it started",
                str(site).capitalize(),
                evidence=evidence,
                key=f"{D}primary_site",
            )
        )
    if side := diagnosis.get("laterality"):
        evidence = finder.supporting(Field.LATERALITY, side)
        rows.append(
            Row("Side", SIDES.get(side, str(side)), evidence=evidence, key=f"{D}laterality")
        )
    if histology := diagnosis.get("histology"):
        code, label = histology.get("code"), histology.get("label")
        evidence = finder.supporting(Field.HISTOLOGY, code or label)
        detail = f"code {code} in the international list of tumor types (ICD-O-3)" if code else ""
        rows.append(Row("Type of cancer", label or str(code), detail, evidence, f"{D}histology"))
    if (grade := diagnosis.get("grade")) is not None:
        evidence = finder.supporting(Field.GRADE, grade)
        detail = "how unusual the cells look, from 1 (least) to 3 (most)"
        rows.append(Row("Grade", f"{grade} of 3", detail, evidence, f"{D}grade"))
    if date := diagnosis.get("diagnosis_date"):
        # Unless a record states the date, it is the date of the report that diagnosed it.
        evidence = finder.supporting(Field.DIAGNOSIS_DATE, date) or finder.supporting(
            Field.HISTOLOGY, date
        )
        rows.append(Row("Diagnosed", plain_date(date), evidence=evidence, key=f"{D}diagnosis_date"))
    return rows


def stage_rows(stage: dict[str, Any]) -> list[Row]:
    rows = []
    parts = [
        ("group", "Stage", "the overall stage, from 0 to IV"),
        ("T", "Tumor (T)", "the size and reach of the main tumor"),
        ("N", "Lymph nodes (N)", "whether cancer was found in nearby lymph nodes"),
        ("M", "Distant spread (M)", "whether cancer was found in distant parts of the body"),
    ]
    for key, label, detail in parts:
        if stage.get(key):
            rows.append(Row(label, str(stage[key]), detail, key=f"stage.{key}"))
    spread = "Spread to other parts of the body"
    if stage.get("metastatic") is True:
        sites = ", ".join(stage.get("metastatic_sites") or [])
        rows.append(Row(spread, "Yes", sites, key="stage.metastatic"))
    elif stage.get("metastatic") is False:
        rows.append(Row(spread, "No", key="stage.metastatic"))
    return rows


def treatments(items: list[dict[str, Any]], finder: EvidenceFinder) -> list[Treatment]:
    """In the order they started; those without a start date last."""
    ordered = sorted(items, key=lambda t: (t.get("start") is None, t.get("start") or ""))
    return [
        Treatment(
            name=str(item.get("name", "")).capitalize(),
            category=str(item.get("category") or "").capitalize(),
            start=plain_date(item.get("start")),
            end=plain_date(item.get("end")),
            setting=SETTINGS.get(item.get("setting") or "", item.get("setting") or ""),
            evidence=finder.links(item.get("evidence")),
            key=f"treatment:{item.get('name', '')}",
            line=line_words(item.get("line")),
        )
        for item in ordered
    ]


ORDINALS = {1: "first", 2: "second", 3: "third", 4: "fourth", 5: "fifth"}


def line_words(line: int | None) -> str:
    """``2`` → "second line of treatment"; nothing when the records do not give it."""
    if not line:
        return ""
    return f"{ORDINALS.get(line, f'{line}th')} line of treatment"


SEX_WORDS = {"female": "Female", "male": "Male"}
MENOPAUSE_WORDS = {
    "premenopausal": "Before menopause",
    "perimenopausal": "Around menopause",
    "postmenopausal": "After menopause",
}
PERFORMANCE_WORDS = {
    "ECOG": "ECOG {value} (0 is fully active, 4 is in bed all day)",
    "KPS": "Karnofsky {value}% (100 is no symptoms)",
}


def patient_rows(patient: dict[str, Any], finder: EvidenceFinder) -> list[Row]:
    """What the records say about her (r2): only what they state, each with its words."""
    evidence = finder.links(patient.get("evidence"))
    rows = []
    if sex := patient.get("sex"):
        rows.append(Row("Sex", SEX_WORDS.get(sex, str(sex)), evidence=evidence, key="patient.sex"))
    if (age := patient.get("age")) is not None:
        rows.append(Row("Age", f"{age} years", "on the date of the newest record", evidence))
    if menopause := patient.get("menopausal_status"):
        rows.append(Row("Menopause", MENOPAUSE_WORDS.get(menopause, menopause), evidence=evidence))
    if performance := patient.get("performance"):
        words = PERFORMANCE_WORDS.get(performance.get("scale"), "{value}")
        detail = f"on {plain_date(performance['date'])}" if performance.get("date") else ""
        rows.append(
            Row(
                "Daily activity (performance status)",
                words.format(value=performance.get("value")),
                detail,
                evidence,
            )
        )
    return rows


EVENT_WORDS = {
    "recurrence": "The cancer came back",
    "metastasis": "The cancer spread",
    "progression": "The cancer grew",
    "response": "Response to treatment",
}
RESPONSE_WORDS = {
    "complete": "no cancer seen (complete response)",
    "partial": "the cancer shrank (partial response)",
    "stable": "no change (stable disease)",
    "pathologic complete response": "no cancer left at surgery (pathologic complete response)",
    "residual disease": "some cancer left at surgery (residual disease)",
}


def event_rows(events: list[dict[str, Any]], finder: EvidenceFinder) -> list[Row]:
    """Each event, oldest first, in plain words with its date, sites and evidence."""
    rows = []
    for event in events:
        label = EVENT_WORDS.get(event.get("type") or "", str(event.get("type")))
        value = plain_date(event.get("date")) or "date not stated"
        parts = [RESPONSE_WORDS.get(event.get("value") or "", event.get("value") or "")]
        if event.get("sites"):
            parts.append("to " + ", ".join(event["sites"]))
        detail = "; ".join(part for part in parts if part)
        rows.append(Row(label, value, detail, finder.links(event.get("evidence"))))
    return rows


def plain_field(name: str) -> str:
    """``ER.status`` → ER result; ``grade`` → grade."""
    words = [FIELD_WORDS.get(part, part) for part in str(name).split(".")]
    return " ".join(words)


def conflict_line(conflict: dict[str, Any]) -> str:
    values = " / ".join(str(value) for value in conflict.get("values", []))
    line = f"Your records disagree about the {plain_field(conflict.get('field', ''))}: {values}."
    note = conflict.get("note")
    return f"{line} {note}" if note else line


def missing_name(name: str) -> str:
    return BIOMARKER_NAMES.get(name) or FIELD_WORDS.get(name) or plain_field(name)


def document_rows(items: list[dict[str, Any]], finder: EvidenceFinder) -> list[ReadDocument]:
    kinds = dict(DocumentKind.choices)
    rows = []
    for item in items:
        file = str(item.get("file", ""))
        document = finder.document_named(file)
        url = reverse("document", args=[document.patient_id, document.id]) if document else ""
        kind = kinds.get(item.get("kind") or "", "")
        rows.append(ReadDocument(file, kind, plain_date(item.get("date")), url))
    return rows


def review_note(state: review_rules.ItemState | None) -> ReviewNote | None:
    if state is None:
        return None
    decision = state.decision
    if decision is None or (
        state.state == review_rules.State.EXTRACTED and not state.changed_since_decision
    ):
        return ReviewNote(str(state.state))
    return ReviewNote(
        str(state.state),
        author=decision.author,
        date=plain_date(decision.at[:10]),
        reason=decision.reason,
        changed_since=state.changed_since_decision,
        records_said=value_text(state.extracted)
        if state.state == review_rules.State.CORRECTED and state.extracted is not None
        else "",
    )


def with_reviews(summary: "Summary", states: dict[str, review_rules.ItemState]) -> "Summary":
    """Each row told which state its value is in (extracted, verified, corrected)."""
    for row in [*summary.diagnosis, *summary.biomarkers, *summary.stage, *summary.treatments]:
        row.review = review_note(states.get(row.key))
    return summary


def summarize(
    data: dict[str, Any],
    finder: EvidenceFinder,
    states: dict[str, review_rules.ItemState] | None = None,
) -> Summary:
    stage = data.get("stage") or {}
    summary = Summary(
        diagnosis=diagnosis_rows(data.get("diagnosis") or {}, finder),
        biomarkers=[biomarker_row(marker, finder) for marker in data.get("biomarkers") or []],
        stage=stage_rows(stage),
        stage_evidence=finder.links(stage.get("evidence")),
        treatments=treatments(data.get("treatments") or [], finder),
        conflicts=[conflict_line(conflict) for conflict in data.get("conflicts") or []],
        missing=[missing_name(name) for name in data.get("missing") or []],
        documents=document_rows(data.get("documents") or [], finder),
        patient=patient_rows(data.get("patient") or {}, finder),
        events=event_rows(data.get("events") or [], finder),
    )
    return with_reviews(summary, states or {})


ITEM_NAMES = {
    "diagnosis.primary_site": "Where it started",
    "diagnosis.laterality": "Side",
    "diagnosis.histology": "Type of cancer",
    "diagnosis.grade": "Grade",
    "diagnosis.diagnosis_date": "Date of diagnosis",
    "stage.group": "Stage",
    "stage.T": "Tumor (T)",
    "stage.N": "Lymph nodes (N)",
    "stage.M": "Distant spread (M)",
    "stage.metastatic": "Spread to other parts of the body",
    "stage.metastatic_sites": "Where it has spread",
}


def item_name(key: str) -> str:
    """``biomarker:HER2`` → HER2; ``stage.T`` → Tumor (T); ``treatment:x`` → Treatment: x."""
    kind, _, name = key.partition(":")
    if kind == "biomarker":
        return biomarker_name(name)
    if kind == "treatment":
        return f"Treatment: {name}"
    return ITEM_NAMES.get(key, key)


def value_text(value: Any) -> str:
    """One item's value in a few words, for its history: ``low, IHC 2+, ISH not amplified``."""
    if value is None:
        return "none"
    if isinstance(value, bool):
        return "yes" if value else "no"
    if isinstance(value, list):
        return ", ".join(str(v) for v in value) or "none"
    if not isinstance(value, dict):
        return str(value)
    if "label" in value or "code" in value:
        return " ".join(str(v) for v in (value.get("label"), value.get("code")) if v)
    if "category" in value:
        dates = " to ".join(plain_date(value.get(k)) for k in ("start", "end") if value.get(k))
        parts = [value.get("category"), value.get("setting"), dates]
        return ", ".join(str(p) for p in parts if p)
    parts = [biomarker_result(value), *biomarker_details(value)]
    return ", ".join(p for p in parts if p) or "reported"
