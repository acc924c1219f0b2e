"""Read ClinicalTrials.gov API v2 study JSON (one study or a ``/studies`` search page) into Trials.

Only what the record states is kept: no status means "Unknown" and a closed trial; partial
dates ("2024-05") are kept as written.
"""

from __future__ import annotations

import re
from typing import Any

from guidance.trials.eligibility import biomarkers_in, parse_eligibility, sites_in
from guidance.trials.model import OPEN_STATUSES, Criterion, Trial

STATUS_WORDS = {
    "RECRUITING": "Recruiting",
    "NOT_YET_RECRUITING": "Not yet recruiting",
    "ACTIVE_NOT_RECRUITING": "Active, not recruiting",
    "ENROLLING_BY_INVITATION": "Enrolling by invitation",
    "COMPLETED": "Completed",
    "SUSPENDED": "Suspended",
    "TERMINATED": "Terminated",
    "WITHDRAWN": "Withdrawn",
    "UNKNOWN": "Unknown",
}
PHASE_WORDS = {
    "EARLY_PHASE1": "Early Phase 1",
    "PHASE1": "Phase 1",
    "PHASE2": "Phase 2",
    "PHASE3": "Phase 3",
    "PHASE4": "Phase 4",
    "NA": None,
}
_PARTIAL_DATE = re.compile(r"^\d{4}(?:-\d{2}(?:-\d{2})?)?$")

# modality: first match wins, so cell therapies are named before the antibodies they carry
MODALITY_WORDS: tuple[tuple[str, str], ...] = (
    (r"\bCAR[\s-]?NK\b|\bNK[\s-]?cells?\b|natural killer", "NK"),
    (r"\bCAR[\s-]?T\b|chimeric antigen receptor|\bCAR\b", "CAR-T"),
    (r"\bTCR[\s-]?T?\b|T[\s-]?cell receptor", "TCR-T"),
    (r"tumou?r[\s-]infiltrating lymphocytes?|\bTILs?\b", "TIL"),
    (
        r"deruxtecan|emtansine|govitecan|vedotin|\bADC\b|antibody[\s-]drug conjugate"
        r"|\bT-?DXd\b|\bT-?DM1\b",
        "ADC",
    ),
    (
        r"pembrolizumab|nivolumab|atezolizumab|durvalumab|ipilimumab|\bvaccine\b|dendritic",
        "immunotherapy",
    ),
    (
        r"letrozole|anastrozole|exemestane|fulvestrant|tamoxifen|elacestrant|camizestrant|\bSERD\b",
        "endocrine",
    ),
    (r"\w+mab\b", "antibody"),
    (r"\w+(?:nib|lisib|parib|ciclib|sertib)\b", "small molecule"),
)
TARGET_WORDS: tuple[tuple[str, str], ...] = (
    (r"HER2[\s-]*low", "HER2-low"),
    (r"\bHER-?2\b|ERBB2|trastuzumab|pertuzumab|tucatinib|neratinib|lapatinib", "HER2"),
    (r"TROP-?2|sacituzumab|datopotamab", "TROP2"),
    (r"mesothelin|\bMSLN\b", "MSLN"),
    (r"\bGD2\b", "GD2"),
    (r"\bGPC-?3\b|glypican", "GPC3"),
    (r"claudin\s*18\.?2|\bCLDN18", "CLDN18.2"),
    (r"\bKRAS\b|sotorasib|adagrasib", "KRAS"),
    (r"\bEGFRvIII\b", "EGFRvIII"),
    (r"\bEGFR\b", "EGFR"),
    (r"\bMUC-?1\b", "MUC1"),
    (r"\bCEA\b", "CEA"),
    (r"\bPSMA\b", "PSMA"),
    (r"NY-?ESO-?1", "NY-ESO-1"),
    (r"\bB7-?H3\b", "B7-H3"),
    (r"\bCD70\b", "CD70"),
    (r"\bEpCAM\b", "EpCAM"),
    (r"\bPD-?L?1\b", "PD-1/PD-L1"),
    (r"\bCDK\s*4/6\b|palbociclib|ribociclib|abemaciclib", "CDK4/6"),
    (r"\bPIK3CA\b|alpelisib|inavolisib|capivasertib", "PI3K/AKT"),
    (r"\bPARP\b|olaparib|talazoparib", "PARP"),
    (r"\bESR1\b", "ESR1"),
)


def modality_of(text: str) -> str:
    """The trial's main kind of treatment, from its title and interventions."""
    for pattern, modality in MODALITY_WORDS:
        if re.search(pattern, text, re.I if modality not in {"NK", "CAR-T", "TCR-T"} else 0):
            return modality
    return "other"


# "HER2-negative breast cancer" names who may join, not what the treatment aims at
_NOT_A_TARGET = re.compile(
    r"\b(?:HER-?2|ERBB2)(?:/neu)?[\s-]*(?:negative|neg\b|non-?amplified|-)(?!\w)", re.I
)


def target_of(text: str) -> str | None:
    """The antigen or pathway the trial's treatment aims at, when it names one."""
    text = _NOT_A_TARGET.sub(" ", text)
    for pattern, target in TARGET_WORDS:
        if re.search(pattern, text, re.I):
            return target
    return None


def status_word(value: str | None) -> str:
    """API enum or already worded status -> the worded form; missing -> "Unknown"."""
    if not value or value == "not in source":
        return "Unknown"
    return STATUS_WORDS.get(value.strip().upper().replace(" ", "_").replace(",", ""), value.strip())


def phase_word(values: list[str] | str | None) -> str | None:
    """["PHASE1", "PHASE2"] -> "Phase 1/Phase 2"; "NA" or nothing -> None."""
    if isinstance(values, str):
        values = re.split(r"[|/,]\s*", values)
    words = [PHASE_WORDS.get(v.strip().upper().replace(" ", ""), v.strip()) for v in values or ()]
    words = [w for w in words if w and w not in {"N/A", "Not Applicable", "not in source"}]
    return "/".join(words) or None


def partial_date(value: Any) -> str | None:
    """A v2 date as written ("2024", "2024-05" or "2024-05-17"), or None if it is not one."""
    if isinstance(value, dict):
        value = value.get("date")
    return value if isinstance(value, str) and _PARTIAL_DATE.match(value) else None


def structured_criteria(
    min_age: str | None, max_age: str | None, sex: str | None
) -> list[Criterion]:
    """Criteria from the record's age and sex fields, worded as the record words them."""
    out: list[Criterion] = []
    ages: dict[str, int] = {}
    for key, value in (("min", min_age), ("max", max_age)):
        m = re.match(r"\s*(\d+)\s*Years?", value or "", re.I)
        if m:
            ages[key] = int(m.group(1))
    if ages:
        words = ", ".join(
            f"{label} age: {value}"
            for label, value in (("Minimum", min_age), ("Maximum", max_age))
            if value
        )
        out.append(Criterion(words, True, "age", ages))
    if sex and sex.upper() in {"FEMALE", "MALE"}:
        out.append(Criterion(f"Sex: {sex.title()}", True, "sex", {"sexes": [sex.lower()]}))
    return out


_TNBC_TITLE = re.compile(r"\btriple[\s-]*negative\b|\bTNBC\b", re.I)


def build_trial(
    *,
    nct_id: str,
    title: str,
    status: str | None,
    phase: list[str] | str | None,
    conditions: list[str],
    interventions: list[str],
    eligibility: str | None,
    min_age: str | None = None,
    max_age: str | None = None,
    sex: str | None = None,
    source: str,
) -> Trial:
    """One Trial from the fields every source has; criteria from the eligibility text."""
    worded = status_word(status)
    conditions_text = "; ".join(conditions)
    sites = sites_in(conditions_text) or sites_in(title)
    treatment = " ".join([title, *interventions])
    criteria = parse_eligibility(eligibility or "")
    has_age = any(c.kind == "age" for c in criteria)
    has_sex = any(c.kind == "sex" for c in criteria)
    for c in structured_criteria(min_age, max_age, sex):
        if (c.kind == "age" and not has_age) or (c.kind == "sex" and not has_sex):
            criteria.append(c)
    has_subtype = any(c.detail.get("name") == "TNBC" for c in criteria if c.inclusion)
    if not has_subtype and _TNBC_TITLE.search(title):
        # a trial titled for triple-negative disease is for it, even when its eligibility
        # text never says so again
        criteria.insert(0, Criterion(f"Title: {title}", True, "biomarker", {"name": "TNBC"}))
    if sites and not any(c.kind == "site" for c in criteria):
        criteria.insert(
            0, Criterion(f"Conditions: {conditions_text}", True, "site", {"sites": sites})
        )
    target = target_of(treatment)
    if target is None:
        named = [
            b["name"]
            for b in biomarkers_in(title)
            if b["name"] == "TNBC" or (b["name"] == "HER2" and "positive" in b.get("statuses", []))
        ]
        target = named[0] if named else None
    return Trial(
        nct_id=nct_id,
        title=title,
        phase=phase_word(phase),
        status=worded,
        open=worded in OPEN_STATUSES,
        conditions=tuple(conditions),
        sites=tuple(sites),
        modality=modality_of(treatment),
        target=target,
        criteria=tuple(criteria),
        source=source,
    )


def read_study(study: dict[str, Any], source: str = "ClinicalTrials.gov API v2") -> Trial:
    """One v2 study object (``protocolSection`` ...) -> Trial."""
    ps = study.get("protocolSection")
    if not isinstance(ps, dict):
        raise ValueError("not a ClinicalTrials.gov v2 study: no protocolSection")
    ident = ps.get("identificationModule") or {}
    nct_id = ident.get("nctId")
    if not nct_id:
        raise ValueError("v2 study without identificationModule.nctId")
    status = ps.get("statusModule") or {}
    elig = ps.get("eligibilityModule") or {}
    arms = ps.get("armsInterventionsModule") or {}
    updated = partial_date(status.get("lastUpdatePostDateStruct")) or partial_date(
        status.get("statusVerifiedDate")
    )
    return build_trial(
        nct_id=nct_id,
        title=ident.get("officialTitle") or ident.get("briefTitle") or nct_id,
        status=status.get("overallStatus"),
        phase=(ps.get("designModule") or {}).get("phases"),
        conditions=list((ps.get("conditionsModule") or {}).get("conditions") or []),
        interventions=[i.get("name", "") for i in arms.get("interventions") or []],
        eligibility=elig.get("eligibilityCriteria"),
        min_age=elig.get("minimumAge"),
        max_age=elig.get("maximumAge"),
        sex=elig.get("sex"),
        source=f"{source}, updated {updated}" if updated else source,
    )


def read_ctgov(data: dict[str, Any]) -> list[Trial]:
    """Trials in a v2 response: a single study or a search page with ``studies``."""
    if not isinstance(data, dict):
        raise ValueError("ClinicalTrials.gov v2 JSON must be an object")
    if "studies" in data:
        return [read_study(s) for s in data["studies"] or []]
    return [read_study(data)]
