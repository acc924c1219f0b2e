"""TCGA-BRCA agreement: our profile from a real pathology report against TCGA's own labels.

``<shared>/tcga-brca-dev/reports/<barcode>.txt`` is the OCR text of one report;
``labels.csv`` holds TCGA's clinical data for the same patients, abstracted from the whole
chart. Two rules keep the comparison fair:

1. Labels are mapped explicitly onto the contract's vocabulary (tables below), never compared
   as strings. ``[Not Available]``, ``[Not Evaluated]``, ``Indeterminate`` mean unknown: the
   field is skipped for that patient; so does MX, a "cannot be assessed" that AJCC dropped
   in its 7th edition and that the extractor answers with null (TX and NX are AJCC
   categories, reported as written, and scored).
2. A field is scored only when the report text itself states it (``field_stated``): TCGA's
   ``text_mentions_er/pr/her2`` columns for the receptors, and a small regex for everything
   else (``STATED_PATTERNS``). A chart value the report never gives cannot be expected.

The ``stated`` heuristic, field by field:

- ER/PR/HER2 status: TCGA's ``text_mentions_er/pr/her2`` is True and a mention carries a
  result (``result_stated``): a word, sign, percent or score after it, or "positive for"
  before it. A bare mention ("ER/PR taken", "HER2 has been ordered", "see the other report
  for HER2") states no status.
- HER2 IHC score: HER2 mentioned, and a score (``2+``, ``Score = 1+``, ``zero``) within 160
  characters after a HER2/neu/HercepTest mention.
- HER2 ISH: HER2 mentioned, and an in-situ hybridisation with its result ("FISH: not amplified",
  "not amplified by FISH", "HER-2 NOT AMPLIFIED", "CEP17 ratio 1.3"); "FISH pending" is not.
- HER2 ratio: the label's number (within 0.005) within 150 characters after HER2/ISH/"ratio".
- T / N: a pathologic-looking category (``pT2``, ``T 1c``, ``pT2N1MX``, ``pNO``, ``N Stage: 2a``)
  once clinical statements are blanked out (``clinical T2N1``, ``cT2``): the labels are the
  pathologic ones; ``pNX``/``TX`` state NX/TX. M: ``cM0``, ``pM1``, ``M Stage: 0``; not
  ``MX``, which states no M (and is no label: see 1). A label's subcategory
  counts only when the text writes it (``subcategory_stated``): label N2a against a report
  that says only "pN2" is compared as N2.
- Stage group: "stage IIA" / "stage group: IIIB", not "T Stage: 2" form fields, not clinical,
  and not recurrence-score boilerplate ("stage II, node-positive breast cancer patients").
- Histology: the words of the mapped type (invasive/infiltrating ductal, ductal carcinoma not
  followed by "in situ", lobular, a ductal-lobular mix, mucinous, medullary, metaplastic).

When in doubt the heuristic says "stated": a field scored without cause can only lower the
agreement, so the figure errs on the strict side. A scored field with no prediction counts as
a disagreement. Agreement = matches / scored; coverage = predicted / scored; accuracy =
matches / predicted.
"""

from __future__ import annotations

import csv
import re
from collections.abc import Mapping
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

UNKNOWN = frozenset(
    {
        "",
        "[Not Available]",
        "[Not Evaluated]",
        "[Unknown]",
        "Indeterminate",
        "[Not Applicable]",
        "[Discrepancy]",
    }
)

# --------------------------------------------------------------------------- label mapping

# er_status_by_ihc / pr_status_by_ihc -> the contract statuses that agree with it.
# TCGA called a receptor Positive at >= 1 % stained cells (ASCO/CAP 2010). The contract splits
# that range: ``positive`` (>= 10 %) and ``low`` (1-10 %, "low positive"), so both agree with
# TCGA "Positive". Only our ``negative`` (< 1 %) agrees with TCGA "Negative".
ER_PR_STATUS: dict[str, frozenset[str] | None] = {
    "Positive": frozenset({"positive", "low"}),
    "Negative": frozenset({"negative"}),
    "Indeterminate": None,  # unknown: skipped
    "[Not Evaluated]": None,  # unknown: skipped
    "[Not Available]": None,  # unknown: skipped
}

# her2_resolved (TCGA's pre-2018 binary call, IHC with FISH deciding an equivocal 2+) -> ours.
# The contract (ASCO/CAP 2018 + 2023) splits TCGA "Negative" into low (1+, or 2+ not amplified),
# ultralow and zero; all of them, and a plain "negative", are negative in TCGA's binary.
HER2_RESOLVED: dict[str, frozenset[str] | None] = {
    "Positive": frozenset({"positive"}),
    "Negative": frozenset({"low", "ultralow", "zero", "negative"}),
    "Unresolved": None,  # equivocal IHC that FISH never settled: see expected_her2_status
}

# her2_status_by_ihc "Equivocal" (IHC 2+): when the report does not state an ISH result, the
# report itself can only say "equivocal" (the FISH that decided her2_resolved is elsewhere in
# the chart), so our "equivocal" agrees too. With her2_resolved "Unresolved" it is the only
# answer that agrees.
HER2_EQUIVOCAL = frozenset({"equivocal"})

# her2_ihc_score -> our ``ihc`` (same four scores; anything else is unknown).
HER2_IHC: dict[str, str | None] = {"0": "0", "1+": "1+", "2+": "2+", "3+": "3+"}

# her2_fish_status -> our ``ish``.
HER2_FISH: dict[str, str | None] = {
    "Positive": "amplified",
    "Negative": "not amplified",
    "Equivocal": "equivocal",
}

# histological_type -> ICD-O-3 morphology (our diagnosis.histology.code). Keys are compared
# after folding case, commas and runs of spaces (labels.csv spells "Other  specify").
HISTOLOGY: dict[str, str | None] = {
    "Infiltrating Ductal Carcinoma": "8500/3",
    "Infiltrating Lobular Carcinoma": "8520/3",
    # TCGA does not say which histologies are mixed; in breast the mix is nearly always ductal
    # with lobular (both such reports here say so), so it maps to 8522/3, and field_stated
    # requires the report to name a ductal-lobular mix before it is scored.
    "Mixed Histology (please specify)": "8522/3",
    "Mucinous Carcinoma": "8480/3",
    "Medullary Carcinoma": "8510/3",
    "Metaplastic Carcinoma": "8575/3",
    "Other, specify": None,  # free text lost in the labels: skipped
}


def _fold(label: str) -> str:
    return re.sub(r"[\s,]+", " ", label).strip().lower()


_HISTOLOGY_FOLDED = {_fold(key): code for key, code in HISTOLOGY.items()}


def histology_code(label: str) -> str | None:
    """The ICD-O-3 code a TCGA histological_type maps to, None when it cannot be scored."""
    return _HISTOLOGY_FOLDED.get(_fold(label))


# A TCGA "Negative" whose percent bin is "<10%" was called at a 10 % cut-off (stained cells
# reported, but fewer than 10 %): the fraction lies in [0, 10), which the contract calls
# negative (< 1 %) or low (1-10 %), so both agree. A "Negative" without a bin stays negative.
NEGATIVE_BELOW_TEN = frozenset({"negative", "low"})


def receptor_expected(label: str, percent_bin: str = "") -> frozenset[str] | None:
    """ER/PR: the statuses that agree with a TCGA *_status_by_ihc label and its percent bin
    (None = unknown)."""
    expected = ER_PR_STATUS.get(label.strip())
    if label.strip() == "Negative" and percent_bin.strip() == "<10%":
        return NEGATIVE_BELOW_TEN
    return expected


def expected_her2_status(row: Mapping[str, str], ish_in_text: bool) -> frozenset[str] | None:
    """HER2 status: her2_resolved, widened by "equivocal" when the report lacks the ISH."""
    resolved = HER2_RESOLVED.get(row.get("her2_resolved", "").strip())
    equivocal_ihc = row.get("her2_status_by_ihc", "").strip() == "Equivocal"
    if resolved is None:
        return HER2_EQUIVOCAL if equivocal_ihc else None
    if equivocal_ihc and not ish_in_text:
        return resolved | HER2_EQUIVOCAL
    return resolved


def parse_float(label: str) -> float | None:
    try:
        return float(label.strip())
    except ValueError:
        return None


# --------------------------------------------------------------------------- TNM and group

# After normalising (spaces and parentheses dropped, then the lower-case prefix c/p/yp/yc/r/a
# stripped), T/N/M read as axis letter, category, and optional sub-category.
_TNM = {
    "T": re.compile(r"^T(is|[0-4]|X)(mi|[a-d])?"),
    "N": re.compile(r"^N([0-3]|X)(mi|[a-c])?"),
    "M": re.compile(r"^M([01]|X)"),
}


def parse_tnm(value: str | None, axis: str) -> tuple[str, str] | None:
    """``("1", "c")`` for pT1c, ``("0", "")`` for N0 (i+) / pN0(i-), None if unreadable."""
    if not value:
        return None
    text = re.sub(r"[\s()]", "", value)
    text = re.sub(r"^[a-z]+", "", text)
    match = _TNM[axis].match(text)
    if not match:
        return None
    category = match.group(1)
    sub = match.group(2) if axis != "M" else None
    return category, sub or ""


def tnm_agrees(label: str, ours: str | None, axis: str) -> bool:
    """Our T/N/M agrees with a TCGA label (no prefix) as far as the label goes.

    Label T1 agrees with pT1c (the label is coarser); label T1c does not agree with pT1 (we
    said less than the label); N0 (i+) compares as N0.
    """
    expected, got = parse_tnm(label, axis), parse_tnm(ours, axis)
    if expected is None or got is None:
        return False
    return expected[0] == got[0] and (not expected[1] or expected[1] == got[1])


_GROUP = re.compile(r"^(?:stage)?\s*(0|IV|III|II|I)([A-C]?)\s*$", re.IGNORECASE)


def parse_group(value: str | None) -> tuple[str, str] | None:
    """``("II", "A")`` for "Stage IIA" or "IIA"."""
    if not value:
        return None
    match = _GROUP.match(value.strip())
    if not match:
        return None
    return match.group(1).upper(), match.group(2).upper()


def group_agrees(label: str, ours: str | None) -> bool:
    """Stage group: label "Stage I" agrees with IA, label "Stage IIA" not with II."""
    expected, got = parse_group(label), parse_group(ours)
    if expected is None or got is None:
        return False
    return expected[0] == got[0] and (not expected[1] or expected[1] == got[1])


# --------------------------------------------------------------------------- stated


_HER2 = r"(?:HER[\s-]*2|\bneu\b|herceptest|c-?erb\s*B-?2)"
_ISH = r"(?:FISH|CISH|SISH|DISH|\bISH\b|in[\s-]+situ\W+hybridi[sz]ation)"
_ISH_RESULT = (
    r"(?:\bnot\s+amplified|\bnon-?\s?amplified|(?<!\w)amplified\b|\bno\s+amplification"
    r"|\bratio\W{0,12}\d)"
)

# The stated() heuristic (summary in the module docstring): does the report text itself give
# this field? Deliberately simple.
STATED_PATTERNS: dict[str, re.Pattern[str]] = {
    # A T category with a digit, X or "is", optionally prefixed (pT2, T 1c, ypT0, PT2, pT2N1MX),
    # or a "T Stage: 2" form field. Not the T of a word ("Tissue", "TX..." in a name).
    "stage.T": re.compile(
        r"(?<![A-Za-z])(?:[yY]?[pPcC]|[rR])?T\s?(?:is(?![a-z])|[0-4]|X(?![a-z]))(?![0-9])"
        r"|(?i:\bT\s*stage\s*:?\s*[0-4X](?![0-9]))"
    ),
    # N with a digit or X (pN1a, N 0, pT2N1MX, pNX), OCR's letter O for 0 only after a prefix or a
    # T category (pNO, pT2NOLOVORO), or "N Stage: 0".
    "stage.N": re.compile(
        r"(?<![A-Za-z])(?:[yY]?[pPcC])?N\s?(?:[0-3]|X(?![a-z]))(?![0-9])"
        r"|(?:(?<![A-Za-z])[yY]?[pPcC]|(?<=[0-9]))N\s?O(?![a-z])"
        r"|(?i:\bN\s*stage\s*:?\s*[0-3X](?![0-9]))"
    ),
    # M0 / M1, optionally prefixed (cM0, pM1), or "M Stage: 0". Not MX: "cannot be assessed"
    # states no M, and the contract's answer to it is null.
    "stage.M": re.compile(
        r"(?<![A-Za-z])(?:[yY]?[pPcC])?M\s?[01](?![0-9A-Za-z])"
        r"|(?i:\bM\s*stage\s*:?\s*[01](?![0-9]))"
    ),
    # "Stage IIA", "stage group: IIIB"; not "T/N/M Stage: 2" form fields, and not the
    # literature boilerplate of a recurrence-score report ("... survival in stage II,
    # node-positive breast cancer patients").
    "stage.group": re.compile(
        r"(?<![TNMtnm])(?<![TNMtnm]\s)(?i:\bstage)\s*(?i:group)?\s*[:\-]?\s*"
        r"(?:IV|III|II|I|0)[ABC]?\b(?![\s\S]{0,60}(?i:patients))"
    ),
    # An IHC score within reach of a HER2 mention: "HER2/NEU: 2+", "(Score = 1+)", "zero or 1+".
    "HER2.ihc": re.compile(
        _HER2 + r".{0,160}?(?:(?<![\d.])[0-3]\s?\+|score\W{0,5}(?:of\s)?[0-3]\b|\bzero\b)",
        re.IGNORECASE | re.DOTALL,
    ),
    # An in-situ hybridisation with its result, either order: "FISH: NOT AMPLIFIED",
    # "(FISH): Non-amplified (ratio: 1.91)", "not amplified by FISH", "No amplification ... is
    # demonstrated by fluorescence in situ hybridization", "NEGATIVE FOR HER-2 BY FISH".
    # "HER-2 NOT AMPLIFIED", "HER2/CEP17 ratio: 1.02". "FISH: PENDING" and "amplification
    # will be performed" are not results.
    "HER2.ish": re.compile(
        _ISH
        + r".{0,120}?"
        + _ISH_RESULT
        + r"|"
        + _ISH_RESULT
        + r".{0,80}?"
        + _ISH
        + r"|(?:negative|positive)\s+for\s+"
        + _HER2
        + r"\S*\s+by\s+"
        + _ISH
        # a gene-level call or a CEP17 ratio is an ISH result even without the word FISH
        + r"|"
        + _HER2
        + r"\W{0,3}(?:gene\s+)?(?:is\s+)?(?:not\s+|non-?)amplified"
        + r"|CEP\s?17\W{0,3}ratio\W{0,5}\d",
        re.IGNORECASE | re.DOTALL,
    ),
}

# Histology: the report names that histology (ductal carcinoma in situ alone does not count).
HISTOLOGY_PATTERNS: dict[str, re.Pattern[str]] = {
    "8500/3": re.compile(
        r"\b(?:infiltrating|invasive)\s+(?:ductal|duct)\b|\bductal\s+carcinoma\b(?!\s+in\s+situ)"
        r"|\bno\s+special\s+type\b|\bIDC\b",
        re.IGNORECASE,
    ),
    "8520/3": re.compile(
        r"\b(?:infiltrating|invasive)\s+lobular\b|\blobular\s+carcinoma\b(?!\s+in\s+situ)|\bILC\b",
        re.IGNORECASE,
    ),
    "8522/3": re.compile(
        r"\bductal\W+(?:and|&|/|with)\W+(?:\w+\W+){0,3}?lobular"
        r"|\blobular\W+(?:and|&|/|with)\W+(?:\w+\W+){0,3}?ductal"
        r"|\bmixed\s+(?:\w+\s+){0,3}?(?:ductal|lobular)",
        re.IGNORECASE,
    ),
    "8480/3": re.compile(r"\bmucinous\b|\bcolloid\s+carcinoma\b", re.IGNORECASE),
    "8510/3": re.compile(r"\bmedullary\b", re.IGNORECASE),
    "8575/3": re.compile(r"\bmetaplastic\b", re.IGNORECASE),
}

_RATIO_CONTEXT = re.compile(r"(?:ratio|" + _ISH + "|" + _HER2 + r")", re.IGNORECASE)
_NUMBER = re.compile(r"(?<![\d.])\d{1,2}\.\d{1,3}(?![\d])")


def ratio_stated(text: str, expected: float) -> bool:
    """The label's HER2/CEP17 ratio is written within 150 characters after a HER2/ISH/ratio."""
    for context in _RATIO_CONTEXT.finditer(text):
        window = text[context.end() : context.end() + 150]
        for number in _NUMBER.finditer(window):
            if abs(float(number.group()) - expected) <= 0.005:
                return True
    return False


def stated(text: str, field: str, expected: Any = None) -> bool:
    """Does the report text state this field? (receptor statuses use TCGA's columns instead).

    ``expected`` is the mapped label, needed for the histology (which words to look for) and
    the HER2 ratio (which number).
    """
    if field == "histology.code":
        pattern = HISTOLOGY_PATTERNS.get(expected or "")
        return bool(pattern and pattern.search(text))
    if field == "HER2.ratio":
        return expected is not None and ratio_stated(text, float(expected))
    if field in PATHOLOGIC_ONLY:
        text = without_clinical(text)
    pattern = STATED_PATTERNS.get(field)
    return bool(pattern and pattern.search(text))


# TCGA's T, N and stage group are the *pathologic* ones (ajcc_*_pathologic_*): a clinical
# statement ("clinical T2N1" in the history, cT2, cN1) does not state them. M stays: the
# pathologic M of a resection is usually written cM0 / MX.
PATHOLOGIC_ONLY = frozenset({"stage.T", "stage.N", "stage.group"})
_CLINICAL_TOKEN = re.compile(r"(?i:\bclinical(?:ly)?\b)\W*(?:(?i:stage)\W*)?[^\s.,;]+")
_CLINICAL_PREFIX = re.compile(r"(?<![A-Za-z])c[TN]\s?[0-4Xx]\w*")


def without_clinical(text: str) -> str:
    """The text with clinical TNM / stage statements blanked out."""
    return _CLINICAL_PREFIX.sub(" ", _CLINICAL_TOKEN.sub(" ", text))


# --------------------------------------------------------------------------- results stated

_MENTIONS: dict[str, re.Pattern[str]] = {
    "ER": re.compile(r"(?i:\bo?estrogen)|(?<![A-Za-z])ER(?![A-Za-z])"),
    "PR": re.compile(r"(?i:\bprogesterone)|(?<![A-Za-z])(?:PR|PgR)(?![A-Za-z])"),
    "HER2": re.compile(_HER2, re.IGNORECASE),
}
_ANY_MARKER = re.compile(
    r"(?i:\bo?estrogen|\bprogesterone|\bandrogen|HER[\s-]*2|\bneu\b|herceptest|c-?erb\s*B-?2"
    r"|\bKi-?\s?67|\bMIB-?1)|(?<![A-Za-z])(?:ER|PR|PgR|AR)(?![A-Za-z])"
)
# Names written together share the result that follows them ("ER/PR: positive", "estrogen and
# progesterone receptors are positive").
_JOINER = re.compile(r"[\s,/&()+-]*(?:(?i:and|receptors?)[\s,/&()]*)*")
_RESULT_AFTER: dict[str, re.Pattern[str]] = {
    "ER": re.compile(
        r"(?i:positiv|negativ|\bpos\b|\bneg\b|reactiv|express|\bfound\b|detected|allred"
        r"|h-?score|\blow\b|weak|strong)|\d\s*%"
    ),
    "HER2": re.compile(
        r"(?i:positiv|negativ|equivocal|borderline|amplified|no\s+amplification"
        r"|amplification\s+(?:is\s+|was\s+)?(?:detected|present|seen|observed)|\bscore"
        r"|ratio\W{0,12}\d|\bzero\b)|(?<![\d.])[0-3]\s*\+"
    ),
}
_RESULT_AFTER["PR"] = _RESULT_AFTER["ER"]
_SIGN_AFTER = re.compile(r"\s?\(?[+-](?![\w])")
# "positive for ER and PR", "65% of tumour cells show strong staining for progesterone receptors"
_RESULT_BEFORE = re.compile(
    r"(?i:(?:positiv|negativ|equivocal|reactiv|\d\s*%)[^;.]{0,90}?\.?\s+for\s+(?:the\s+)?(?:both\s+)?"
    r"(?:[\w-]+\s*(?:receptors?\s+)?(?:and|&|/|,)\s*)?)$"
)


def result_stated(text: str, name: str) -> bool:
    """Does some mention of ER, PR or HER2 carry a result? A word, sign, percent or score in
    the 100 characters after it (up to the next marker not joined to it), or "positive for"
    just before it. Liberal on purpose: a field scored without cause only lowers agreement."""
    markers = list(_ANY_MARKER.finditer(text))
    for mention in _MENTIONS[name].finditer(text):
        if _RESULT_BEFORE.search(text[max(0, mention.start() - 120) : mention.start()]):
            return True
        if _SIGN_AFTER.match(text, mention.end()):
            return True
        end, limit = mention.end(), mention.end() + 100
        for marker in markers:
            if marker.start() < end:
                continue
            if marker.start() >= limit:
                break
            if _JOINER.fullmatch(text, end, marker.start()):
                end = marker.end()
                continue
            limit = marker.start()
            break
        if _RESULT_AFTER[name].search(text, mention.end(), limit):
            return True
    return False


def subcategory_stated(text: str, axis: str, label: str) -> bool:
    """Does the report write the label's T/N subcategory ("pT1c", "N 2a", "N Stage: 1a")?

    TCGA's chart may be more precise than the report; a subcategory the text never gives is
    not a statement of it, so that label is compared at its category ("N2a" as "N2").
    """
    parsed = parse_tnm(label, axis)
    if parsed is None or not parsed[1]:
        return True
    category, sub = parsed
    pattern = re.compile(
        rf"(?<![A-Za-z])(?:[yY]?[pPcC]|[rR])?{axis}\s?{category}\s?\(?{sub}(?![a-z])"
        rf"|(?i:\b{axis}\s*stage\s*[,:]?[^:]{{0,12}}:\s*[pcy]*{axis}?{category}{sub}\b)"
    )
    return bool(pattern.search(without_clinical(text)))


def _true(value: str | None) -> bool:
    return (value or "").strip().lower() == "true"


# --------------------------------------------------------------------------- one report


FIELDS = (
    "ER.status",
    "PR.status",
    "HER2.status",
    "HER2.ihc",
    "HER2.ish",
    "HER2.ratio",
    "stage.T",
    "stage.N",
    "stage.M",
    "stage.group",
    "histology.code",
)


@dataclass
class FieldResult:
    barcode: str
    field: str
    label: str  # the raw TCGA label
    expected: Any  # what it maps to (a set of statuses, a code, ...)
    ours: Any
    agrees: bool
    evidence: str = ""


@dataclass
class ReportScore:
    barcode: str
    results: list[FieldResult] = field(default_factory=list)
    unlabelled: list[str] = field(default_factory=list)  # fields with an unknown label
    unstated: list[str] = field(default_factory=list)  # labelled, but the report does not say


def _biomarker(profile: Mapping[str, Any], name: str) -> Mapping[str, Any]:
    for marker in profile.get("biomarkers") or []:
        if marker.get("name") == name:
            return marker
    return {}


def _evidence_text(node: Mapping[str, Any]) -> str:
    texts = [item.get("text", "") for item in node.get("evidence") or [] if isinstance(item, dict)]
    return " | ".join(texts)


def label_expectations(row: Mapping[str, str], text: str) -> dict[str, tuple[str, Any]]:
    """Field -> (raw label, mapped expectation) for every field whose label is known."""
    out: dict[str, tuple[str, Any]] = {}

    def known(column: str) -> str | None:
        value = (row.get(column) or "").strip()
        return None if value in UNKNOWN else value

    for name, column, bin_column in (
        ("ER", "er_status_by_ihc", "er_status_ihc_Percent_Positive"),
        ("PR", "pr_status_by_ihc", "pr_status_ihc_percent_positive"),
    ):
        label = known(column)
        percent_bin = known(bin_column) or ""
        expected = receptor_expected(label, percent_bin) if label else None
        if label and expected is not None:
            raw = f"{label} ({percent_bin})" if percent_bin else label
            out[f"{name}.status"] = (raw, expected)

    her2 = expected_her2_status(row, stated(text, "HER2.ish"))
    if her2 is not None:
        raw = f"ihc={row.get('her2_status_by_ihc', '')}, resolved={row.get('her2_resolved', '')}"
        out["HER2.status"] = (raw, her2)
    label = known("her2_ihc_score")
    if label and HER2_IHC.get(label):
        out["HER2.ihc"] = (label, HER2_IHC[label])
    label = known("her2_fish_status")
    if label and HER2_FISH.get(label):
        out["HER2.ish"] = (label, HER2_FISH[label])
    label = known("her2_cent17_ratio")
    if label and parse_float(label) is not None:
        out["HER2.ratio"] = (label, parse_float(label))

    for axis, column in (
        ("T", "ajcc_tumor_pathologic_pt"),
        ("N", "ajcc_nodes_pathologic_pn"),
        ("M", "ajcc_metastasis_pathologic_pm"),
    ):
        label = known(column)
        parsed = parse_tnm(label, axis) if label else None
        # MX ("cannot be assessed", dropped by AJCC 7) is unknown, like [Not Available]: the
        # extractor answers it with null. TX and NX are categories, reported as written.
        if label and parsed is not None and not (axis == "M" and parsed[0] == "X"):
            coarse = label if subcategory_stated(text, axis, label) else f"{axis}{parsed[0]}"
            out[f"stage.{axis}"] = (label, coarse)
    label = known("ajcc_pathologic_tumor_stage")
    if label and parse_group(label) is not None:
        out["stage.group"] = (label, label)
    label = known("histological_type")
    if label and histology_code(label):
        out["histology.code"] = (label, histology_code(label))
    return out


def field_stated(row: Mapping[str, str], text: str, field: str, expected: Any) -> bool:
    """Receptors: TCGA's text_mentions_* columns and a result near a mention (and a stated
    score/ISH/ratio for HER2's details); everything else: ``stated``."""
    if field == "ER.status":
        return _true(row.get("text_mentions_er")) and result_stated(text, "ER")
    if field == "PR.status":
        return _true(row.get("text_mentions_pr")) and result_stated(text, "PR")
    if field == "HER2.status":
        return _true(row.get("text_mentions_her2")) and result_stated(text, "HER2")
    if field.startswith("HER2."):
        return _true(row.get("text_mentions_her2")) and stated(text, field, expected)
    return stated(text, field, expected)


def ours_for(profile: Mapping[str, Any], field: str) -> tuple[Any, str]:
    """Our value for a field and the evidence text behind it."""
    if field.startswith("stage."):
        stage = profile.get("stage") or {}
        return stage.get(field.split(".", 1)[1]), _evidence_text(stage)
    if field == "histology.code":
        histology = (profile.get("diagnosis") or {}).get("histology") or {}
        return histology.get("code"), ""
    name, attr = field.split(".", 1)
    marker = _biomarker(profile, name)
    return marker.get(attr), _evidence_text(marker)


def agrees(field: str, expected: Any, ours: Any) -> bool:
    if ours is None:
        return False
    if field in ("ER.status", "PR.status", "HER2.status"):
        return ours in expected
    if field in ("stage.T", "stage.N", "stage.M"):
        return isinstance(ours, str) and tnm_agrees(expected, ours, field[-1])
    if field == "stage.group":
        return isinstance(ours, str) and group_agrees(expected, ours)
    if field == "HER2.ratio":
        return isinstance(ours, int | float) and abs(float(ours) - expected) <= 0.005
    return ours == expected


def score_report(
    barcode: str, row: Mapping[str, str], text: str, profile: Mapping[str, Any]
) -> ReportScore:
    """Compare one profile with its labels, on the fields the report text states."""
    score = ReportScore(barcode)
    expectations = label_expectations(row, text)
    for name in FIELDS:
        if name not in expectations:
            score.unlabelled.append(name)
            continue
        label, expected = expectations[name]
        if not field_stated(row, text, name, expected):
            score.unstated.append(name)
            continue
        ours, evidence = ours_for(profile, name)
        score.results.append(
            FieldResult(
                barcode, name, label, expected, ours, agrees(name, expected, ours), evidence
            )
        )
    return score


@dataclass
class FieldSummary:
    scored: int = 0  # labelled and stated in the text
    predicted: int = 0  # of those, we returned a value
    matches: int = 0

    @property
    def agreement(self) -> float | None:
        return self.matches / self.scored if self.scored else None

    @property
    def coverage(self) -> float | None:
        return self.predicted / self.scored if self.scored else None

    @property
    def accuracy(self) -> float | None:
        return self.matches / self.predicted if self.predicted else None

    def as_dict(self) -> dict[str, Any]:
        return {
            "scored": self.scored,
            "predicted": self.predicted,
            "matches": self.matches,
            "agreement": self.agreement,
            "coverage": self.coverage,
            "accuracy_on_predicted": self.accuracy,
        }


def summarise(scores: list[ReportScore]) -> tuple[dict[str, FieldSummary], FieldSummary]:
    """Per-field and overall agreement/coverage/accuracy."""
    per_field = {name: FieldSummary() for name in FIELDS}
    overall = FieldSummary()
    for score in scores:
        for result in score.results:
            for summary in (per_field[result.field], overall):
                summary.scored += 1
                summary.predicted += result.ours is not None
                summary.matches += result.agrees
    return per_field, overall


def read_labels(path: Path) -> dict[str, dict[str, str]]:
    """labels.csv rows by patient barcode (``patient_id``, the report's file stem)."""
    with open(path, newline="", encoding="utf-8") as handle:
        return {row["patient_id"]: row for row in csv.DictReader(handle)}
