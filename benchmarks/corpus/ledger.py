"""What the written documents assert, and how that becomes the truth profile.

Every sentence a writer emits that states a fact also records a ``Fact`` here, so the truth
can only contain what some page says. ``consolidate`` applies the contract's rules:

- per biomarker, results are grouped by specimen (restatements in notes join the specimen they
  describe); the most recently collected specimen with a status wins; a status that differs
  from an older specimen's is a conflict ``{"field": "ER.status", "values": [newest, older]}``;
- ER/PR status comes from the percentage when one is given (>=10 positive, 1-9 low, <1
  negative), else from the words; HER2 status from IHC and ISH per ASCO/CAP 2018/2023;
- genes: the variant is the cDNA change when one is written, else the protein change;
- stage: statements are grouped by staging event; the latest event gives T, N, M and group;
  metastatic is true when any distant metastasis, M1 or stage IV is stated, false when only
  M0 / stage 0-III is stated, else null;
- treatments: one entry per name from its earliest course; dates as precise as any statement
  of that course gives them.
"""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass, field
from typing import Any

from .dates import more_precise
from .vocab import CATEGORY, HISTOLOGY, KEY_MARKERS, SITES


@dataclass
class Fact:
    kind: str  # site | laterality | histology | grade | dx_date | marker | stage | met | tx
    name: str = ""
    key: str = ""  # specimen id | stage event id | course id | test id
    order: str = ""  # ISO date deciding "most recent" / "earliest"
    value: dict[str, Any] = field(default_factory=dict)


class Inconsistent(AssertionError):
    """The generator made documents that disagree where they must not."""


def _same(values: list[Any], what: str) -> Any:
    found = {repr(v): v for v in values if v is not None}
    if len(found) > 1:
        raise Inconsistent(f"{what}: {sorted(found)}")
    return next(iter(found.values()), None)


def receptor_status(percent: float | None, said: str | None) -> str | None:
    if percent is not None:
        if percent >= 10:
            return "positive"
        if percent >= 1:
            return "low"
        return "negative"
    return said


def her2_status(merged: dict[str, Any]) -> str | None:
    ihc, ish = merged.get("ihc"), merged.get("ish")
    said = merged.get("status")
    status = None
    if (ish == "amplified" and ihc in (None, "2+", "3+")) or ihc == "3+":
        status = "positive"
    elif ihc == "2+":
        status = "low" if ish == "not amplified" else "equivocal"
    elif ihc == "1+":
        status = "low"
    elif ihc == "0":
        status = "ultralow" if merged.get("ultralow") else "zero"
    if status is None:
        return said
    if said is not None and said != status:
        raise Inconsistent(f"HER2 said {said} but IHC/ISH give {status}")
    return status


def _merge(facts: list[Fact], keys: tuple[str, ...], what: str) -> dict[str, Any]:
    return {k: _same([f.value.get(k) for f in facts], f"{what}.{k}") for k in keys}


def _markers(facts: list[Fact]) -> tuple[list[dict[str, Any]], list[dict[str, Any]]]:
    by_name: dict[str, dict[str, list[Fact]]] = defaultdict(lambda: defaultdict(list))
    for fact in facts:
        by_name[fact.name][fact.key].append(fact)
    biomarkers: list[dict[str, Any]] = []
    conflicts: list[dict[str, Any]] = []
    for name in sorted(by_name, key=_marker_order):
        results = []  # (order, key, entry)
        for key, group in by_name[name].items():
            order = max(f.order for f in group)
            entry = _entry(name, group)
            results.append((order, key, entry))
        results.sort(key=lambda r: r[0], reverse=True)
        with_status = [r for r in results if r[2].get("status") is not None]
        newest = (with_status or results)[0][2]
        biomarkers.append(newest)
        if name in ("ER", "PR", "HER2") and with_status:
            top = with_status[0][2]["status"]
            older = [r[2]["status"] for r in with_status[1:] if r[2]["status"] != top]
            if older:
                conflicts.append(
                    {
                        "field": f"{name}.status",
                        "values": [top, older[0]],
                        "note": f"{name} was {older[0]} on an earlier specimen and {top} on the "
                        f"most recent one ({with_status[0][0]}); the most recent result is used.",
                    }
                )
    return biomarkers, conflicts


def _marker_order(name: str) -> tuple[int, str]:
    fixed = ["ER", "PR", "HER2", "Ki-67", "AR", "PD-L1", "MSI", "TMB"]
    return (fixed.index(name), name) if name in fixed else (len(fixed), name)


def _entry(name: str, group: list[Fact]) -> dict[str, Any]:
    if name in ("ER", "PR", "AR"):
        m = _merge(group, ("status", "percent"), name)
        return {
            "name": name,
            "status": receptor_status(m["percent"], m["status"]),
            "percent": m["percent"],
        }
    if name == "HER2":
        m = _merge(group, ("status", "ihc", "ish", "ratio", "copy_number", "ultralow"), name)
        return {
            "name": name,
            "status": her2_status(m),
            "ihc": m["ihc"],
            "ish": m["ish"],
            "ratio": m["ratio"],
            "copy_number": m["copy_number"],
        }
    if name == "Ki-67":
        return {"name": name, "percent": _merge(group, ("percent",), name)["percent"]}
    if name in ("PD-L1", "TMB"):
        m = _merge(group, ("status", "value", "unit"), name)
        return {"name": name, "status": m["status"], "value": m["value"], "unit": m["unit"]}
    if name == "MSI":
        return {"name": name, "status": _merge(group, ("status",), name)["status"]}
    m = _merge(group, ("status", "cdna", "protein", "bare", "origin"), name)
    variant = m["cdna"] or m["protein"] or m["bare"]
    return {"name": name, "status": m["status"], "variant": variant, "origin": m["origin"]}


def _stage(facts: list[Fact], mets: list[Fact]) -> dict[str, Any]:
    events: dict[str, list[Fact]] = defaultdict(list)
    for fact in facts:
        events[fact.key].append(fact)
    stage: dict[str, Any] = {"T": None, "N": None, "M": None, "group": None}
    metastatic = None
    if events:
        latest = max(events, key=lambda k: max(f.order for f in events[k]))
        stage.update(_merge(events[latest], ("T", "N", "M", "group"), f"stage {latest}"))
        for group in events.values():
            m = _merge(group, ("T", "N", "M", "group"), "stage")
            said_m, said_group = m["M"] or "", m["group"] or ""
            if "M1" in said_m or said_group.startswith("IV"):
                metastatic = True
            elif metastatic is None and ("M0" in said_m or said_group):
                metastatic = False
    sites = sorted({f.name for f in mets}, key=SITES.index)
    if sites:
        metastatic = True
    stage["metastatic"] = metastatic
    stage["metastatic_sites"] = sites
    return stage


def _treatments(facts: list[Fact]) -> list[dict[str, Any]]:
    by_name: dict[str, dict[str, list[Fact]]] = defaultdict(lambda: defaultdict(list))
    for fact in facts:
        by_name[fact.name][fact.key].append(fact)
    out = []
    for name, courses in by_name.items():
        merged = []
        for key, group in courses.items():
            start = end = None
            for f in group:
                start = _precise(start, f.value.get("start"), f"{name} start")
                end = _precise(end, f.value.get("end"), f"{name} end")
            setting = _same([f.value.get("setting") for f in group], f"{name} setting")
            merged.append((group[0].order, key, start, end, setting))
        dated = [m for m in merged if m[2] is not None]
        chosen = min(dated or merged, key=lambda m: (m[2] or m[0], m[0]))
        out.append(
            {
                "name": name,
                "category": CATEGORY.get(name, "surgery"),
                "start": chosen[2],
                "end": chosen[3],
                "setting": chosen[4],
            }
        )
    out.sort(key=lambda t: (t["start"] or "9999", t["name"]))
    return out


def _precise(a: str | None, b: str | None, what: str) -> str | None:
    if a is not None and b is not None and not (a.startswith(b) or b.startswith(a)):
        raise Inconsistent(f"{what}: {a} vs {b}")
    return more_precise(a, b)


def consolidate(facts: list[Fact], tumour: str, documents: list[dict[str, Any]]) -> dict:
    """The truth profile (contract shape, no evidence) from the facts the documents state."""
    kinds: dict[str, list[Fact]] = defaultdict(list)
    for fact in facts:
        kinds[fact.kind].append(fact)
    code = _same([f.value["code"] for f in kinds["histology"]], "histology")
    dx_dates = [f.value["date"] for f in kinds["dx_date"]]
    dx_date = None
    for value in dx_dates:
        dx_date = _precise(dx_date, value, "diagnosis_date")
    diagnosis = {
        "primary_site": _same([f.value["site"] for f in kinds["site"]], "site"),
        "laterality": _same([f.value["laterality"] for f in kinds["laterality"]], "laterality"),
        "histology": {"code": code, "label": HISTOLOGY[code]} if code else None,
        "grade": _same([f.value["grade"] for f in kinds["grade"]], "grade"),
        "diagnosis_date": dx_date,
    }
    biomarkers, conflicts = _markers(kinds["marker"])
    stage = _stage(kinds["stage"], kinds["met"])
    names = {b["name"] for b in biomarkers}
    missing = [m for m in KEY_MARKERS[tumour] if m not in names]
    if all(stage[k] is None for k in ("T", "N", "M", "group")):
        missing.append("stage")
    if diagnosis["histology"] is None:
        missing.append("histology")
    if tumour == "breast" and diagnosis["grade"] is None:
        missing.append("grade")
    return {
        "schema": "navis.profile.v1",
        "documents": documents,
        "diagnosis": diagnosis,
        "biomarkers": biomarkers,
        "stage": stage,
        "treatments": _treatments(kinds["tx"]),
        "conflicts": conflicts,
        "missing": missing,
    }
