"""Check a trial's criteria against one patient's profile: met, not met or unknown, and why.

Every answer names the profile fields it rests on (``because``) and copies the record text
behind them (``evidence``). When the records do not say, the answer is ``unknown``: absence of
a fact is never read as a negative, and the unknown becomes a question for the oncologist.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from dataclasses import dataclass
from typing import Any

from vocabulary.accessors import (
    biomarker,
    has_conflict,
    status,
    triple_negative,
)
from vocabulary.biomarkers import HER2_NEGATIVE_COVER, HER2_NEGATIVE_SUBTYPES, RECEPTORS
from vocabulary.staging import (
    EARLY_NUMERALS,
    METASTATIC_NUMERAL,
    OPERABLE_NUMERALS,
    group_within,
)
from vocabulary.treatments import DRUG_CLASSES, SYSTEMIC_CATEGORIES

MET, NOT_MET, UNKNOWN = "met", "not met", "unknown"
FIT_ORDER = {"likely": 0, "possible": 1, "unlikely": 2}
# The criteria a trial is really about; "likely" needs these met, not just "not contradicted".
MAIN_KINDS = {"site", "biomarker", "stage"}
SOLID_TUMOURS = "solid tumours"
BLOOD_SITES = {"blood", "bone marrow", "lymph node", "leukemia", "lymphoma", "myeloma"}
BRCA_NAMES = {"BRCA": ("BRCA1", "BRCA2"), "BRCA1/2": ("BRCA1", "BRCA2")}
# Drug classes trials name that the profile's treatment categories are too coarse to tell apart.
Holds = bool | None  # does the criterion's condition hold for the patient; None = records silent


def _get(obj: Any, name: str, default: Any = None) -> Any:
    """Trials and criteria may arrive as dataclasses or as their ``to_dict()`` form."""
    if isinstance(obj, dict):
        return obj.get(name, default)
    return getattr(obj, name, default)


def _evidence(*items: dict | None) -> list[dict]:
    found: list[dict] = []
    for item in items:
        for quote in (item or {}).get("evidence") or []:
            if quote not in found:
                found.append(quote)
    return found


# --- one function per criterion kind: (holds, because, evidence) ---------------------------


def _site(detail: dict, profile: dict, inclusion: bool) -> tuple[Holds, list, list]:
    site = (profile.get("diagnosis") or {}).get("primary_site")
    if not site:
        return None, ["diagnosis.primary_site"], []
    sites = set(detail.get("sites") or [])
    holds = site in sites or (SOLID_TUMOURS in sites and site not in BLOOD_SITES)
    return holds, ["diagnosis.primary_site"], []


def _her2_holds(status: str, wanted: set[str]) -> Holds:
    if status in wanted:
        return True
    if status in HER2_NEGATIVE_SUBTYPES and "negative" in wanted:
        return True
    if status == "negative" and wanted >= HER2_NEGATIVE_COVER:
        return True  # IHC 0, 1+ and 2+/ISH- all admitted: any HER2-negative result is one of them
    if status == "negative" and wanted & HER2_NEGATIVE_SUBTYPES:
        return None  # "negative" alone does not say whether it is low, ultralow or zero
    if status == "equivocal":
        return None
    return False


def _hormone_holds(status: str, wanted: set[str]) -> Holds:
    if status in wanted:
        return True
    if status == "low":
        return None  # ER-low (1-10 %) counts as positive in some trials and negative in others
    return False


def _marker_holds(name: str, entry: dict, wanted: set[str], origin: str | None) -> Holds:
    status = entry.get("status")
    if status is None:
        return None
    if name == "HER2":
        return _her2_holds(status, wanted)
    if name in RECEPTORS:
        return _hormone_holds(status, wanted)
    if status in wanted:
        if origin and status == "pathogenic" and entry.get("origin") != origin:
            return None if entry.get("origin") is None else False
        return True
    return False


def _triple_negative(profile: dict) -> tuple[Holds, list, list]:
    entries = [biomarker(profile, n) for n in ("ER", "PR", "HER2")]
    return triple_negative(profile), ["ER.status", "PR.status", "HER2.status"], _evidence(*entries)


def _hormone_receptor(profile: dict, wanted: set[str]) -> tuple[Holds, list, list]:
    """HR-positive: either receptor in ``wanted``; HR-negative: both. ER-low decides only
    when the criterion names it ("ER >= 1 %" admits it; plain "ER-negative" does not)."""
    answers = [
        _hormone_holds(found, wanted) if (found := status(profile, name)) else None
        for name in RECEPTORS
    ]
    if "positive" in wanted:
        holds: Holds = True if True in answers else (False if answers == [False, False] else None)
    else:
        holds = False if False in answers else (True if answers == [True, True] else None)
    er, pr = biomarker(profile, "ER"), biomarker(profile, "PR")
    return holds, ["ER.status", "PR.status"], _evidence(er, pr)


def _biomarker(detail: dict, profile: dict, inclusion: bool) -> tuple[Holds, list, list]:
    name = detail.get("name") or ""
    wanted = set(detail.get("statuses") or [])
    if name.upper() in ("TNBC", "TRIPLE-NEGATIVE", "TRIPLE NEGATIVE"):
        return _triple_negative(profile)
    if name.upper() == "HR":
        return _hormone_receptor(profile, wanted)
    if name == "germline":
        return _germline_carrier(profile)
    names = tuple(detail.get("genes") or BRCA_NAMES.get(name, (name,)))
    entries = [(n, biomarker(profile, n)) for n in names]
    because = [f"{n}.status" for n in names]
    answers = []
    for n, entry in entries:
        if entry is None or has_conflict(profile, f"{n}.status"):
            answers.append(None)
        else:
            answers.append(_marker_holds(n, entry, wanted, detail.get("origin")))
    holds: Holds = True if True in answers else (None if None in answers else False)
    return holds, because, _evidence(*(e for _, e in entries))


def _germline_carrier(profile: dict) -> tuple[Holds, list, list]:
    """ "Germline mutation carriers" with no gene named: met by any germline pathogenic variant;
    without one it stays unknown, since the records never list every gene that was not tested."""
    carried = [
        b
        for b in profile.get("biomarkers") or []
        if b.get("origin") == "germline"
        and b.get("status") == "pathogenic"
        and not has_conflict(profile, f"{b.get('name')}.status")
    ]
    if carried:
        return True, [f"{b['name']}.status" for b in carried], _evidence(*carried)
    return None, ["biomarkers"], []


def _stage(detail: dict, profile: dict, inclusion: bool, text: str) -> tuple[Holds, list, list]:
    stage = profile.get("stage") or {}
    evidence = _evidence(stage)
    metastatic = stage.get("metastatic")
    group = stage.get("group")
    if has_conflict(profile, "stage.metastatic"):
        metastatic = None
    if has_conflict(profile, "stage.group"):
        group = None
    if detail.get("incurable"):
        # "not amenable to curative therapy": early disease is treated to cure; beyond it,
        # whether a cure is still possible is the oncologist's judgement
        never = _never_advanced(profile, "advanced")
        return (False, *never) if never else (None, ["stage.metastatic", "stage.group"], evidence)
    if "metastatic" in detail:
        if metastatic is None:
            return None, ["stage.metastatic"], evidence
        if detail.get("at_diagnosis") and detail["metastatic"]:
            # "Stage IV at presentation": without spread now she did not present with it; with
            # spread, the profile does not tell de novo from recurrent disease
            return (False if not metastatic else None), ["stage.metastatic"], evidence
        if (
            detail["metastatic"]
            and not metastatic
            and re.search(r"locally advanced|unresectable|inoperable", text, re.IGNORECASE)
        ):
            # resectability is a surgeon's judgement the profile does not hold
            return None, ["stage.metastatic", "stage.group"], evidence
        return metastatic == detail["metastatic"], ["stage.metastatic"], evidence
    if "groups" in detail:
        if group:
            return group_within(group, detail["groups"]), ["stage.group"], evidence
        if metastatic:  # distant metastasis is stage IV by definition
            return (
                group_within(METASTATIC_NUMERAL, detail["groups"]),
                ["stage.metastatic"],
                evidence,
            )
        if metastatic is False and not any(
            group_within(g, EARLY_NUMERALS) for g in detail["groups"]
        ):
            return False, ["stage.metastatic"], evidence  # M0 rules out stage IV, nothing else
        return None, ["stage.group"], evidence
    return None, ["stage"], evidence


def _prior_therapy(detail: dict, profile: dict, inclusion: bool) -> tuple[Holds, list, list]:
    treatments = profile.get("treatments") or []
    names = {n.lower() for n in detail.get("names") or []}
    categories = {c.lower() for c in detail.get("categories") or []}
    for category in list(categories):
        names |= DRUG_CLASSES.get(category, frozenset())
    given = [
        t
        for t in treatments
        if (t.get("name") or "").lower() in names or (t.get("category") or "").lower() in categories
    ]
    min_lines = detail.get("min_lines")
    if min_lines and not names and not categories:
        given = [t for t in treatments if t.get("category") in SYSTEMIC_CATEGORIES]
    setting = detail.get("setting")
    if setting:
        never = _never_advanced(profile, setting)
        if never:
            # no therapy in that setting: a requirement to have had one fails, a ceiling holds
            ceiling_only = "max_lines" in detail and not min_lines
            return ceiling_only, ["treatments", *never[0]], never[1]
        # only a treatment recorded in the metastatic setting counts; one of unknown setting
        # may have been, so the answer is unknown rather than met
        unsure = [t for t in given if not t.get("setting")]
        given = [t for t in given if t.get("setting") == "metastatic"]
        if not given and unsure:
            return None, ["treatments"], _evidence(*unsure)
    evidence = _evidence(*given)
    if "max_lines" in detail and not min_lines:
        # a ceiling ("0-3 prior lines"): treatments do not count lines (two drugs may be one),
        # and the records may miss some, so it is never decided from them
        return None, ["treatments"], evidence
    if given and min_lines:
        lines = [t for t in given if t.get("setting") == "metastatic"]
        return (True if len(lines) >= min_lines else None), ["treatments"], evidence
    if given:
        return True, ["treatments"], evidence
    if not names and not categories:  # a number of lines the records cannot count
        return None, ["treatments"], evidence
    # A treatment the records do not name may still have been given elsewhere: its absence
    # neither rules her out of a trial that requires it nor clears her of one that excludes it.
    return None, ["treatments"], evidence


def _never_advanced(profile: dict, setting: str) -> tuple[list, list] | None:
    """(because, evidence) when the records show disease that never reached the setting: no
    distant spread for "metastatic", and also stage I-II for "advanced" (stage III may be
    inoperable). None when that cannot be told."""
    stage = profile.get("stage") or {}
    if stage.get("metastatic") is not False or has_conflict(profile, "stage.metastatic"):
        return None
    if setting == "metastatic":
        return ["stage.metastatic"], _evidence(stage)
    group = stage.get("group")
    if (
        group
        and not has_conflict(profile, "stage.group")
        and group_within(group, OPERABLE_NUMERALS)
    ):
        return ["stage.metastatic", "stage.group"], _evidence(stage)
    return None


def _histology(detail: dict, profile: dict, inclusion: bool) -> tuple[Holds, list, list]:
    histology = (profile.get("diagnosis") or {}).get("histology") or {}
    code = histology.get("code")
    if not code:
        return None, ["diagnosis.histology"], []
    return code in set(detail.get("codes") or []), ["diagnosis.histology"], []


def evaluate(criterion: Any, profile: dict) -> dict:
    """One criterion against the profile: the contract's criterion object."""
    kind = _get(criterion, "kind")
    detail = _get(criterion, "detail") or {}
    inclusion = bool(_get(criterion, "inclusion", True))
    text = _get(criterion, "text") or ""
    holds: Holds
    if kind == "site":
        holds, because, evidence = _site(detail, profile, inclusion)
    elif kind == "biomarker":
        holds, because, evidence = _biomarker(detail, profile, inclusion)
    elif kind == "stage":
        holds, because, evidence = _stage(detail, profile, inclusion, text)
    elif kind == "prior_therapy":
        holds, because, evidence = _prior_therapy(detail, profile, inclusion)
    elif kind == "histology":
        holds, because, evidence = _histology(detail, profile, inclusion)
    else:  # age and sex are not in the profile; "other" cannot be read from it
        holds, because, evidence = None, [], []
    status = UNKNOWN if holds is None else MET if holds == inclusion else NOT_MET
    return {"text": text, "status": status, "because": because, "evidence": evidence}


# "Patients with melanoma must have ...": a requirement for another disease's cohort only.
CONDITIONAL = re.compile(
    r"^\W*(?:for\s+)?(?:patients|participants|subjects|those)\s+with\b.{0,80}?"
    r"\b(?:must|should|need|are required|will need)\b",
    re.IGNORECASE,
)


@dataclass(frozen=True)
class Checked:
    """One criterion as the trial words it, checked row by structured row."""

    result: dict
    kinds: frozenset[str]
    inclusion: bool
    conditional: bool = False  # a requirement for another disease's cohort, not for her

    @property
    def site_only(self) -> bool:
        return self.kinds == {"site"}


_ADVANCED_CONDITIONS = re.compile(
    r"^Conditions:\s*(?:[^;]*;\s*)*(?:advanced|metastatic)\b[^;]*$", re.IGNORECASE
)
_BLOOD_CANCER = re.compile(r"lymphoma|leuka?emia|myeloma|lymphoblastic|myelodysplast", re.I)
_ASKS_MORE_THAN_DISEASE = re.compile(
    r"\b(?:express\w*|positiv\w*|negativ\w*|amplif\w*|mutat\w*|fusion|rearrang\w*|"
    r"target\w*|antigen|HLA\S*|pediatric|paediatric|childhood|relapsed|"
    r"complet\w*|prior|previous\w*|receiv\w*|treated|treatment|therap\w*|residual|"
    r"persistent|evidence|progress\w*|relaps\w*|recurr\w*|measurable|within|after|before|"
    r"stage|metasta\w*|resect\w*|unresect\w*|advanced|available|refractory|resistant|"
    r"line|months?|years?)\b",
    re.IGNORECASE,
)


def _combine(results: list[dict]) -> str:
    statuses = {r["status"] for r in results}
    if NOT_MET in statuses:
        return NOT_MET
    return UNKNOWN if UNKNOWN in statuses else MET


def _own_site(trial: Any, profile: dict) -> bool:
    site = (profile.get("diagnosis") or {}).get("primary_site")
    return bool(site) and site in set(_get(trial, "sites") or [])


def check_criteria(trial: Any, profile: dict) -> list[Checked]:
    """Rows parsed from the same sentence are one criterion: all of them must hold."""
    groups: dict[tuple[str, bool], list[Any]] = {}
    for row in _get(trial, "criteria") or []:
        key = (_get(row, "text") or "", bool(_get(row, "inclusion", True)))
        groups.setdefault(key, []).append(row)
    checked = []
    for (text, inclusion), rows in groups.items():
        results = [evaluate(row, profile) for row in rows]
        kinds = frozenset(_get(row, "kind") for row in rows)
        sites = [r for row, r in zip(rows, results, strict=True) if _get(row, "kind") == "site"]
        conditional = bool(
            inclusion
            and len(kinds) > 1
            and sites
            and all(r["status"] == NOT_MET for r in sites)
            and CONDITIONAL.match(text)
        )
        other_cohort = (
            inclusion
            and _BLOOD_CANCER.search(text)
            and (profile.get("diagnosis") or {}).get("primary_site") not in BLOOD_SITES
        )
        if conditional:
            status = MET  # the requirement is for patients with another cancer
            results = sites
        elif other_cohort:
            # "Diagnosis of relapsed T-cell lymphoma" in a lymphoma-and-solid-tumour trial is the
            # lymphoma cohort's: it neither admits nor excludes her, and counts for no fit
            status, conditional = UNKNOWN, True
        else:
            status = _combine(results)
        if not inclusion and kinds == {"site"} and status == NOT_MET and _own_site(trial, profile):
            status = UNKNOWN  # a trial for her cancer excluding "her cancer" means a subtype of it
        if kinds == {"site"} and status == MET and _ADVANCED_CONDITIONS.match(text):
            # "Conditions: Advanced Solid Tumor": the disease and its setting together
            stage = profile.get("stage") or {}
            status = {True: MET, False: NOT_MET}.get(stage.get("metastatic"), UNKNOWN)
            results = [
                *results,
                {"because": ["stage.metastatic"], "evidence": stage.get("evidence") or []},
            ]
        elif kinds == {"site"} and status == MET and _ASKS_MORE_THAN_DISEASE.search(text):
            # "Completion of adjuvant trastuzumab for breast cancer": only the disease was read,
            # so the sentence as a whole is not known to hold
            status = UNKNOWN
        result = {
            "text": text,
            "status": status,
            "because": list(dict.fromkeys(f for r in results for f in r["because"])),
            "evidence": _evidence(*results),
        }
        checked.append(Checked(result, kinds, inclusion, conditional))
    return checked


def _site_alternatives(checked: list[Checked]) -> list[Checked]:
    """A basket trial lists its diseases as separate criteria: one met is enough."""
    sites = [c for c in checked if c.inclusion and c.site_only]
    if any(c.result["status"] == MET for c in sites):
        return [c for c in sites if c.result["status"] == NOT_MET]
    return []


def fit(checked: list[Checked]) -> str:
    """The contract's rule: any "not met" is unlikely; likely needs every main criterion met."""
    alternatives = _site_alternatives(checked)
    counted = [c for c in checked if c not in alternatives]
    if any(c.result["status"] == NOT_MET for c in counted):
        return "unlikely"
    main = [c for c in counted if c.inclusion and c.kinds & MAIN_KINDS and not c.conditional]
    if main and all(c.result["status"] == MET for c in main):
        return "likely"
    return "possible"


def match_trial(trial: Any, profile: dict) -> dict:
    """The contract's trial object: the trial's facts, its fit and the criteria checklist."""
    checked = check_criteria(trial, profile)
    return {
        "nct_id": _get(trial, "nct_id"),
        "title": _get(trial, "title"),
        "phase": _get(trial, "phase"),
        "status": _get(trial, "status"),
        "target": _get(trial, "target"),
        "fit": fit(checked),
        "criteria": [c.result for c in checked],
    }


def _selected(trial: Any, selector: Any) -> bool:
    """Whether the topic's ``trials`` selector shows this trial ([] means any)."""
    modalities = list(_get(selector, "modalities") or [])
    targets = list(_get(selector, "targets") or [])
    sites = set(_get(selector, "sites") or [])
    if modalities and _get(trial, "modality") not in modalities:
        return False
    target = _get(trial, "target") or ""
    if targets and not any(target == t or target.startswith(t + "-") for t in targets):
        return False
    trial_sites = set(_get(trial, "sites") or [])
    return not sites or bool(trial_sites & sites) or SOLID_TUMOURS in trial_sites


def right_disease(trial: Any, profile: dict) -> bool:
    """A trial for another cancer is never shown; with no known site every trial stays.

    Both the trial's own sites and its disease criteria must allow the patient's cancer: a
    trial listed for "solid tumours" whose every disease criterion names another organ is not
    for her.
    """
    site = (profile.get("diagnosis") or {}).get("primary_site")
    sites = set(_get(trial, "sites") or [])
    if not site:
        return True
    if sites and not (site in sites or (SOLID_TUMOURS in sites and site not in BLOOD_SITES)):
        return False
    diseases = [c for c in check_criteria(trial, profile) if c.inclusion and c.site_only]
    return not diseases or any(c.result["status"] != NOT_MET for c in diseases)


def match_trials(trials: Iterable[Any], profile: dict, topic: Any) -> list[dict]:
    """Open, right-disease trials the topic shows, best fit first, then most criteria met."""
    selector = _get(topic, "trials")
    if selector is None:
        return []
    matched = [
        match_trial(t, profile)
        for t in trials
        # the cheap selector first: right_disease checks every criterion of the trial
        if _get(t, "open") and _selected(t, selector) and right_disease(t, profile)
    ]
    return sorted(
        matched,
        key=lambda m: (
            FIT_ORDER[m["fit"]],
            -sum(c["status"] == MET for c in m["criteria"]),
            m["nct_id"] or "",
        ),
    )


def unknown_questions(matches: list[dict]) -> list[str]:
    """Every unknown criterion of a trial that could still fit becomes part of a question.

    One question per trial, naming each of its unknown criteria: nothing unknown is hidden, and
    the patient gets a list she can take to a visit rather than hundreds of lines. A trial with
    a criterion not met is unlikely whatever the unknowns say; its checklist still shows them.
    """
    questions: list[str] = []
    for match in matches:
        if match["fit"] == "unlikely":
            continue
        unknown: list[str] = []
        for criterion in match["criteria"]:
            if criterion["status"] == UNKNOWN and criterion["text"] not in unknown:
                unknown.append(criterion["text"])
        if unknown:
            listed = "; ".join(f"\u201c{text}\u201d" for text in unknown)
            questions.append(
                f"For trial {match['nct_id']}, my records do not show whether I meet "
                f"{'this criterion' if len(unknown) == 1 else 'these criteria'}: {listed}. "
                "Can we check this together?"
            )
    return questions
