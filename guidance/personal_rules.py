"""Personalization rules: small functions that read named profile fields.

The words live in ``personal_rules.json`` so they can be reviewed without reading code. Each
function returns ``Finding`` values: a personal section (with ``because`` and ``evidence``
copied from the profile, and a question for the oncologist) or a ``missing`` item when the
records do not hold the field. A value with no evidence never becomes a sentence.
"""

from __future__ import annotations

import json
from collections.abc import Callable
from dataclasses import dataclass, field
from functools import cache
from pathlib import Path
from typing import Any

from vocabulary import accessors
from vocabulary.accessors import biomarker
from vocabulary.biomarkers import HER2_STATUSES, RECEPTORS
from vocabulary.treatments import in_class

RULES_FILE = Path(__file__).resolve().parent / "personal_rules.json"
KIND_WORDS = {
    "pathology": "pathology report",
    "consult": "consultation note",
    "molecular": "molecular test report",
    "imaging": "imaging report",
    "discharge": "discharge summary",
    "lab": "laboratory report",
}
PATHWAY_GENES = ("PIK3CA", "AKT1", "PTEN", "ESR1")


@dataclass(frozen=True)
class Finding:
    """What one rule found: a personal section, a missing field, or both empty."""

    section: dict | None = None
    question: str | None = None
    missing: dict | None = None
    extra_questions: tuple[str, ...] = field(default=())


@cache
def load_rules() -> dict[str, Any]:
    """The rule texts, read once."""
    return json.loads(RULES_FILE.read_text(encoding="utf-8"))


def cite(profile: dict, evidence: list[dict]) -> str:
    """'your pathology report of 2025-03-02 (page 1)': where the first quote comes from."""
    if not evidence:
        return "your records"
    quote = evidence[0]
    document = next(
        (d for d in profile.get("documents") or [] if d.get("file") == quote.get("file")), {}
    )
    words = KIND_WORDS.get(document.get("kind") or "", "record")
    dated = f" of {document['date']}" if document.get("date") else ""
    return f"your {words}{dated} (page {quote.get('page')})"


def _opening(profile: dict, evidence: list[dict]) -> str:
    where = cite(profile, evidence)
    text = evidence[0]["text"]
    stop = "" if text.rstrip().endswith((".", "!", "?")) else "."
    return f"{where[0].upper()}{where[1:]} says \u201c{text}\u201d{stop} "


def section(
    profile: dict, heading: str, text: str, because: list[str], evidence: list[dict]
) -> dict | None:
    """A personal section opening with the record's own words; None without evidence."""
    if not evidence:
        return None
    return {
        "heading": heading,
        "text": _opening(profile, evidence) + text,
        "because": because,
        "evidence": evidence,
    }


def _case(
    rule: str, profile: dict, case: str, because: list[str], evidence: list[dict], **values: str
) -> Finding:
    spec = load_rules()[rule]
    words = spec["cases"][case]
    built = section(
        profile, spec["heading"].format(**values), words["text"].format(**values), because, evidence
    )
    if built is None:
        return Finding()
    return Finding(section=built, question=words["question"].format(**values))


def missing_item(rule: str, field_name: str) -> Finding:
    """A field the records do not hold, why it matters and what to ask."""
    spec = load_rules()[rule]["missing"]
    return Finding(missing={"field": field_name, **spec})


def _conflict(profile: dict, field_path: str, evidence: list[dict]) -> Finding | None:
    conflict = next(
        (c for c in profile.get("conflicts") or [] if c.get("field") == field_path), None
    )
    if conflict is None:
        return None
    words = load_rules()["conflict"]
    name = field_path.split(".")[0]
    values = ", ".join(str(v) for v in conflict.get("values") or [])
    built = section(
        profile,
        words["heading"].format(field=name),
        words["text"].format(field=name, values=values),
        [field_path],
        evidence,
    )
    return Finding(section=built, question=words["question"].format(field=name, values=values))


def _status_of(profile: dict, name: str) -> tuple[dict | None, str | None]:
    entry = biomarker(profile, name)
    return entry, (entry or {}).get("status")


def her2_status(profile: dict) -> list[Finding]:
    entry, status = _status_of(profile, "HER2")
    evidence = (entry or {}).get("evidence") or []
    conflict = _conflict(profile, "HER2.status", evidence)
    if conflict:
        return [conflict]
    if status not in HER2_STATUSES:
        return [missing_item("her2_status", "HER2")]
    return [_case("her2_status", profile, status, ["HER2.status"], evidence)]


def hormone_receptors(profile: dict) -> list[Finding]:
    findings = []
    for name in RECEPTORS:
        entry = biomarker(profile, name)
        conflict = _conflict(profile, f"{name}.status", (entry or {}).get("evidence") or [])
        if conflict:
            findings.append(conflict)
    if findings:
        return findings
    er, pr = biomarker(profile, "ER"), biomarker(profile, "PR")
    if accessors.hormone_receptor_positive(profile):
        positive = [e for e in (er, pr) if e and e.get("status") == "positive"]
        because = [f"{e['name']}.status" for e in positive]
        evidence = [q for e in positive for q in e.get("evidence") or []]
        return [_case("hormone_receptors", profile, "positive", because, evidence)]
    if not (er and er.get("status")) and not (pr and pr.get("status")):
        return [missing_item("hormone_receptors", "ER")]
    return []


def er_low(profile: dict) -> list[Finding]:
    entry, status = _status_of(profile, "ER")
    if status != "low" or _conflict(profile, "ER.status", []):
        return []
    return [_case("er_low", profile, "low", ["ER.status"], entry.get("evidence") or [])]


def triple_negative(profile: dict) -> list[Finding]:
    if accessors.triple_negative(profile) is not True:
        return []
    entries = [biomarker(profile, n) for n in ("ER", "PR", "HER2")]
    evidence = [q for e in entries for q in e.get("evidence") or []]
    because = ["ER.status", "PR.status", "HER2.status"]
    return [_case("triple_negative", profile, "yes", because, evidence)]


def germline_brca(profile: dict) -> list[Finding]:
    findings = []
    for gene in ("BRCA1", "BRCA2", "PALB2"):
        entry, status = _status_of(profile, gene)
        if status != "pathogenic":
            continue
        origin = entry.get("origin")
        case = {"germline": "germline", "somatic": "somatic"}.get(origin or "", "unknown_origin")
        because = [f"{gene}.status"] + ([f"{gene}.origin"] if origin else [])
        findings.append(
            _case("germline_brca", profile, case, because, entry.get("evidence") or [], gene=gene)
        )
    return findings


def pik3ca_esr1_akt(profile: dict) -> list[Finding]:
    findings = []
    for gene in PATHWAY_GENES:
        entry, status = _status_of(profile, gene)
        if status == "pathogenic":
            evidence = entry.get("evidence") or []
            findings.append(
                _case("pik3ca_esr1_akt", profile, gene, [f"{gene}.status"], evidence, gene=gene)
            )
    return findings


def early_or_metastatic(profile: dict) -> list[Finding]:
    stage = profile.get("stage") or {}
    conflict = _conflict(profile, "stage.metastatic", stage.get("evidence") or [])
    if conflict:
        return [conflict]
    metastatic = stage.get("metastatic")
    if metastatic is None:
        return [missing_item("early_or_metastatic", "stage")]
    case = "metastatic" if metastatic else "early"
    return [
        _case(
            "early_or_metastatic", profile, case, ["stage.metastatic"], stage.get("evidence") or []
        )
    ]


def stage_summary(profile: dict) -> list[Finding]:
    stage = profile.get("stage") or {}
    group = stage.get("group")
    if not group:
        return (
            [] if stage.get("metastatic") is not None else [missing_item("stage_summary", "stage")]
        )
    return [
        _case(
            "stage_summary",
            profile,
            "group",
            ["stage.group"],
            stage.get("evidence") or [],
            group=group,
        )
    ]


def prior_therapies(profile: dict) -> list[Finding]:
    drugs = [
        t
        for t in profile.get("treatments") or []
        if t.get("category") not in ("surgery", "radiation") and t.get("evidence")
    ]
    if not drugs:
        return []
    her2 = [t for t in drugs if in_class(t["name"], "her2-directed therapy")]
    chosen, case = (her2, "after_her2") if her2 else (drugs, "listed")
    names = ", ".join(dict.fromkeys(t["name"] for t in chosen))
    evidence = [q for t in chosen for q in t["evidence"]]
    return [_case("prior_therapies", profile, case, ["treatments"], evidence, names=names)]


def egfr_alk(profile: dict) -> list[Finding]:
    findings = []
    for gene in ("EGFR", "ALK"):
        entry, status = _status_of(profile, gene)
        if status in ("pathogenic", "positive"):
            evidence = entry.get("evidence") or []
            findings.append(
                _case("egfr_alk", profile, gene, [f"{gene}.status"], evidence, gene=gene)
            )
    tested = [g for g in ("EGFR", "ALK") if biomarker(profile, g)]
    if not tested:
        findings.append(missing_item("egfr_alk", "EGFR"))
    return findings


def msi_status(profile: dict) -> list[Finding]:
    entry, status = _status_of(profile, "MSI")
    if status in ("high", "stable"):
        return [_case("msi_status", profile, status, ["MSI.status"], entry.get("evidence") or [])]
    return [missing_item("msi_status", "MSI")]


def male_breast(profile: dict) -> list[Finding]:
    """Adds nothing: the profile has no sex field and guessing it would invent a value."""
    return []


def missing_fields(profile: dict) -> list[Finding]:
    """The profile's own ``missing`` list, for fields whose importance we can explain."""
    mapping = load_rules()["missing_fields"]["fields"]
    return [
        missing_item(mapping[name], name)
        for name in profile.get("missing") or []
        if name in mapping
        and "missing" in load_rules()[mapping[name]]
        and applies(mapping[name], profile)
    ]


RULES: dict[str, Callable[[dict], list[Finding]]] = {
    "her2_status": her2_status,
    "hormone_receptors": hormone_receptors,
    "er_low": er_low,
    "triple_negative": triple_negative,
    "germline_brca": germline_brca,
    "pik3ca_esr1_akt": pik3ca_esr1_akt,
    "early_or_metastatic": early_or_metastatic,
    "stage_summary": stage_summary,
    "prior_therapies": prior_therapies,
    "egfr_alk": egfr_alk,
    "msi_status": msi_status,
    "male_breast": male_breast,
    "missing_fields": missing_fields,
}


def applies(rule: str, profile: dict) -> bool:
    """A rule limited to some primary sites runs only when the site is one of them or unknown."""
    sites = load_rules()[rule].get("sites") or []
    site = (profile.get("diagnosis") or {}).get("primary_site")
    return not sites or site is None or site in sites


def run_rules(names: list[str] | tuple[str, ...], profile: dict) -> list[Finding]:
    """Every named rule that applies to this patient's cancer, in the topic's order."""
    findings: list[Finding] = []
    for name in names:
        if name in RULES and applies(name, profile):
            findings.extend(RULES[name](profile))
    return findings
