"""Consolidate a patient's document facts into one profile (contract ``navis.profile.v1``).

The most recent dated definitive result wins; results of one document (an IHC score and its
FISH addendum) are read together first; disagreements between definitive results of
pathology or molecular reports go in ``conflicts``; fields that matter for the patient's
cancer and were not found go in ``missing``.
"""

from __future__ import annotations

import re
from collections import Counter, defaultdict
from collections.abc import Iterable, Sequence
from typing import Any

from vocabulary import contract
from vocabulary.biomarkers import (
    HER2_NEGATIVE,
    HORMONE_RECEPTORS,
    her2_status,
    is_gene,
    ish_from_numbers,
)
from vocabulary.diagnosis import PRIMARY_SOURCES
from vocabulary.staging import METASTATIC_SITES, says_distant
from vocabulary.treatments import DIAGNOSTIC_PROCEDURES
from workers.extraction.dates import sort_key
from workers.extraction.facts import DocumentFact, DocumentFacts, Field
from workers.extraction.finders.genes import complete_variant

RECEPTORS = set(HORMONE_RECEPTORS)
LESS_SPECIFIC = {"8000/3", "8010/3", "8046/3"}
HISTORY_SECTIONS = {"clinical_history", "history"}
MISSING_BY_SITE = {
    "breast": ["ER", "PR", "HER2"],
    "lung": ["EGFR", "ALK", "ROS1", "KRAS", "PD-L1"],
    "colon": ["KRAS", "NRAS", "BRAF", "MSI"],
    "rectum": ["KRAS", "NRAS", "BRAF", "MSI"],
    "ovary": ["BRCA1", "BRCA2"],
    "skin": ["BRAF"],
}
STAGE_PREFIX_RANK = {"yp": 4, "p": 3, "r": 2, "c": 1}


def build_profile(documents: Sequence[DocumentFacts]) -> dict[str, Any]:
    """The contract's profile from all of one patient's documents, in any order."""
    facts = [fact for document in documents for fact in document.facts]
    by_field: dict[Field, list[DocumentFact]] = defaultdict(list)
    for fact in facts:
        by_field[fact.field].append(fact)
    diagnosis = _diagnosis(by_field, documents)
    biomarkers, conflicts = _biomarkers(by_field[Field.BIOMARKER])
    stage = _stage(by_field[Field.STAGE], by_field[Field.METASTASIS])
    treatments = _treatments(by_field[Field.TREATMENT])
    return {
        "schema": contract.SCHEMA_ID,
        "documents": [document.describe() for document in documents],
        "diagnosis": diagnosis,
        "biomarkers": biomarkers,
        "stage": stage,
        "treatments": treatments,
        "conflicts": conflicts,
        "missing": missing_fields(diagnosis, biomarkers, stage),
        # r2: the extraction issue reads these; until then they say "not known"
        "patient": {
            "sex": None,
            "age": None,
            "menopausal_status": None,
            "performance": None,
            "evidence": [],
        },
        "events": [],
    }


def _evidence(facts: Iterable[DocumentFact], limit: int = 6) -> list[dict[str, Any]]:
    seen, out = set(), []
    for fact in facts:
        for item in fact.evidence:
            key = (item.file, item.page, item.text)
            if key not in seen:
                seen.add(key)
                out.append(item.public())
    return out[:limit]


def _source(fact: DocumentFact) -> str:
    return fact.value.get("_source") or ""


def _rank(fact: DocumentFact) -> tuple:
    """Newer first, then pathology/molecular over notes, then not a restated history."""
    return (
        sort_key(fact.date),
        _source(fact) in PRIMARY_SOURCES,
        fact.section not in HISTORY_SECTIONS,
    )


# --- diagnosis ---------------------------------------------------------------------------


def _diagnosis(
    by_field: dict[Field, list[DocumentFact]], documents: Sequence[DocumentFacts]
) -> dict[str, Any]:
    sites = Counter(fact.value["site"] for fact in by_field[Field.PRIMARY_SITE])
    site = sites.most_common(1)[0][0] if sites else None
    return {
        "primary_site": site,
        "laterality": _laterality(by_field[Field.LATERALITY], site),
        "histology": _histology(by_field[Field.HISTOLOGY]),
        "grade": _grade(by_field[Field.GRADE]),
        "diagnosis_date": _diagnosis_date(by_field),
    }


def _laterality(facts: list[DocumentFact], site: str | None) -> str | None:
    sides = Counter(fact.value["laterality"] for fact in facts if site is None or fact.name == site)
    if not sides:
        return None
    if sides.get("bilateral"):
        return "bilateral"
    return sides.most_common(1)[0][0]


def _histology(facts: list[DocumentFact]) -> dict[str, str] | None:
    if not facts:
        return None
    counts = Counter(fact.value["code"] for fact in facts)

    def score(fact: DocumentFact) -> tuple:
        code = fact.value["code"]
        return (
            fact.specimen != "metastatic",
            _source(fact) == "pathology",
            code.endswith("/3"),
            code not in LESS_SPECIFIC,
            counts[code],
        )

    best = max(facts, key=score)
    return {"code": best.value["code"], "label": best.value["label"]}


def _grade(facts: list[DocumentFact]) -> int | None:
    if not facts:
        return None
    pathology = [fact for fact in facts if _source(fact) == "pathology"] or facts
    return Counter(fact.value["grade"] for fact in pathology).most_common(1)[0][0]


def _diagnosis_date(by_field: dict[Field, list[DocumentFact]]) -> str | None:
    """The day the cancer was first shown: a stated diagnosis date or the diagnostic biopsy.

    "Core needle biopsy in 02/2022 showed IDC" in a note, the biopsy report's collection date
    and "diagnosed in February 2022" all speak for it; the earliest wins, as fully as given.
    """
    dates = [fact.value["date"] for fact in by_field[Field.DIAGNOSIS_DATE]]
    dates += [
        fact.date
        for fact in by_field[Field.HISTOLOGY]
        if fact.date
        and _source(fact) == "pathology"
        and fact.value["code"].endswith("/3")
        and fact.specimen != "metastatic"
    ]
    dates += [
        fact.value["start"]
        for fact in by_field[Field.TREATMENT]
        if fact.name in DIAGNOSTIC_PROCEDURES and fact.value.get("start")
    ]
    return _most_precise(dates, latest=False) if dates else None


# --- biomarkers --------------------------------------------------------------------------


def _biomarkers(facts: list[DocumentFact]) -> tuple[list[dict[str, Any]], list[dict[str, Any]]]:
    by_name: dict[str, list[DocumentFact]] = defaultdict(list)
    for fact in facts:
        by_name[fact.name].append(fact)
    biomarkers, conflicts = [], []
    for name in _biomarker_order(by_name):
        results = _results_per_document(name, by_name[name])
        if not results:
            continue
        winner = _winner(name, results)
        if name == "HER2":
            winner = _complete_her2(winner, results)
        winner = complete_variant(winner, results)
        value = _public_value(name, winner)
        if value is None:
            continue
        value["evidence"] = _evidence(winner["facts"])
        biomarkers.append(value)
        conflict = _conflict(name, value, winner, results)
        if conflict:
            conflicts.append(conflict)
    return biomarkers, conflicts


def _biomarker_order(by_name: dict[str, list[DocumentFact]]) -> list[str]:
    fixed = ["ER", "PR", "HER2", "Ki-67", "AR", "PD-L1", "MSI", "TMB"]
    return [n for n in fixed if n in by_name] + sorted(n for n in by_name if n not in fixed)


def _results_per_document(name: str, facts: list[DocumentFact]) -> list[dict[str, Any]]:
    """One result per document and specimen: its facts read together."""
    groups: dict[tuple, list[DocumentFact]] = defaultdict(list)
    for fact in facts:
        groups[(fact.evidence[0].file, fact.specimen, fact.date)].append(fact)
    results = []
    for group in groups.values():
        current = [f for f in group if f.section not in HISTORY_SECTIONS] or group
        merged: dict[str, Any] = {}
        for fact in sorted(current, key=lambda f: (f.evidence[0].page, f.evidence[0].start)):
            for key, item in fact.value.items():
                if item is not None and item is not False:
                    merged[key] = item
        if name == "HER2":
            merged["status"] = _her2_from(merged)
        elif name in RECEPTORS and current:
            best = max(current, key=lambda f: (f.value.get("percent") is not None,))
            merged["status"], merged["percent"] = (
                best.value.get("status"),
                best.value.get("percent"),
            )
        results.append(
            {
                "value": merged,
                "facts": current,
                "rank": max(_rank(f) for f in current),
                "specimen": current[0].specimen,
            }
        )
    return results


def _her2_from(value: dict[str, Any]) -> str | None:
    ish = value.get("ish")
    if ish is None and (value.get("ratio") is not None or value.get("ish_group")):
        ish = _ish_from_group(value.get("ish_group"), value.get("ihc")) or ish_from_numbers(
            value.get("ratio"), value.get("copy_number"), value.get("ihc")
        )
        value["ish"] = ish
    return her2_status(
        value.get("ihc"), ish, word=value.get("word"), ultralow=bool(value.get("ultralow"))
    )


def _ish_from_group(group: int | None, ihc: str | None) -> str | None:
    if group is None:
        return None
    if group == 1 or (group == 3 and ihc in {"2+", "3+"}):
        return "amplified"
    return "not amplified"


def _definitive(name: str, value: dict[str, Any]) -> bool:
    status = value.get("status")
    if name == "HER2":
        return status not in {None, "equivocal"}
    if name in {"Ki-67"}:
        return value.get("percent") is not None
    if name in {"PD-L1", "TMB"}:
        return status is not None or value.get("value") is not None
    return status is not None


def _winner(name: str, results: list[dict[str, Any]]) -> dict[str, Any]:
    definitive = [r for r in results if _definitive(name, r["value"])] or results
    if is_gene(name):
        order = {"pathogenic": 3, "vus": 2, "negative": 1}
        return max(definitive, key=lambda r: (order.get(r["value"].get("status"), 0), r["rank"]))
    best = max(definitive, key=lambda r: r["rank"])
    if _source(best["facts"][0]) not in PRIMARY_SOURCES:
        # a note restating the newest report's result joins that report, whose result is whole
        # (ratio, copy number, percent) and whose words are the evidence
        newest_report = max(
            (r for r in definitive if _source(r["facts"][0]) in PRIMARY_SOURCES),
            key=lambda r: r["rank"],
            default=None,
        )
        status = best["value"].get("status")
        if newest_report is not None and newest_report["value"].get("status") == status:
            # what the report leaves unsaid (an OCR-damaged percent) the note may still give
            value = dict(best["value"])
            value.update({k: v for k, v in newest_report["value"].items() if v is not None})
            return {
                **newest_report,
                "value": value,
                "facts": newest_report["facts"] + best["facts"],
            }
    return best


def _complete_her2(winner: dict[str, Any], results: list[dict[str, Any]]) -> dict[str, Any]:
    """An ISH-only result (a FISH addendum) takes the IHC score of the same specimen's report."""
    value = winner["value"]
    if value.get("ihc") is not None:
        return winner
    earlier = [
        r
        for r in results
        if r is not winner
        and r["value"].get("ihc") is not None
        and _same_specimen(r["specimen"], winner["specimen"])
        and r["rank"] <= winner["rank"]
        and r["value"].get("ish") is None
    ]
    if not earlier:
        return winner
    source = max(earlier, key=lambda r: r["rank"])
    merged = {**value, "ihc": source["value"]["ihc"]}
    merged["status"] = _her2_from(merged)
    return {**winner, "value": merged, "facts": winner["facts"] + source["facts"]}


def _same_specimen(one: str | None, other: str | None) -> bool:
    """Unsaid counts as the primary tumour; a metastasis is only ever itself."""
    return (one or "primary") == (other or "primary")


def _public_value(name: str, winner: dict[str, Any]) -> dict[str, Any] | None:
    value = winner["value"]
    if name in RECEPTORS:
        return {"name": name, "status": value.get("status"), "percent": value.get("percent")}
    if name == "HER2":
        return {
            "name": name,
            "status": value.get("status"),
            "ihc": value.get("ihc"),
            "ish": value.get("ish"),
            "ratio": value.get("ratio"),
            "copy_number": value.get("copy_number"),
        }
    if name == "Ki-67":
        return {"name": name, "percent": value.get("percent")}
    if name in {"PD-L1", "TMB"}:
        return {
            "name": name,
            "status": value.get("status"),
            "value": value.get("value"),
            "unit": value.get("unit"),
        }
    if name == "MSI":
        return {"name": name, "status": value.get("status")}
    return {
        "name": name,
        "status": value.get("status"),
        "variant": value.get("variant"),
        "origin": value.get("origin"),
    }


def _conflict(
    name: str, value: dict[str, Any], winner: dict[str, Any], results: list[dict[str, Any]]
) -> dict[str, Any] | None:
    # Disagreement is between reports of specimens; a note restating one (often the newest
    # document) is not a specimen, so the newest pathology or molecular result anchors it.
    primary = [
        r
        for r in results
        if _definitive(name, r["value"]) and _source(r["facts"][0]) in PRIMARY_SOURCES
    ]
    if value.get("status") is None or not primary:
        return None
    anchor = max(primary, key=lambda r: r["rank"])
    status = anchor["value"].get("status")
    others = []
    behind = [anchor]
    for result in primary:
        if result is anchor:
            continue
        other = result["value"].get("status")
        if (
            other is None
            or other == status
            # "negative" is the coarse word for low, ultralow and zero alike; low against zero
            # is a real disagreement (it decides trastuzumab deruxtecan)
            or (
                name == "HER2"
                and "negative" in {other, status}
                and {other, status} <= HER2_NEGATIVE
            )
        ):
            continue
        if other not in others:
            others.append(other)
            behind.append(result)
    if not others:
        return None
    return {
        "field": f"{name}.status",
        "values": [status, *others],
        "note": f"The most recent result ({status}) is used; an earlier report said {', '.join(others)}.",  # noqa: E501
        # r2: the record words behind every value, the one used first
        "evidence": _evidence((f for r in behind for f in r["facts"]), limit=8),
    }


# --- stage -------------------------------------------------------------------------------


_CLINICAL, _PATHOLOGIC, _METASTATIC = 0, 1, 2
_PREFIX = re.compile(r"([a-z]*)")
# a form's field for M ("Clinical M. M0", "M Stage: 0", "Distant metastasis (cM): cM0")
_M_FIELD = re.compile(r"clinical\s+m\b|\bm\s+(?:stage|category)|distant\s+metasta", re.I)
_PATHOLOGIC_WORDS = re.compile(r"patholog|post-?(?:neoadjuvant|therapy|treatment)|surgical", re.I)
_CLINICAL_WORDS = re.compile(r"clinical|radiolog|prognostic", re.I)


def _stage(stage_facts: list[DocumentFact], metastasis_facts: list[DocumentFact]) -> dict[str, Any]:
    """The latest staging event's T, N, M and group, taken together.

    A staging is an event: clinical staging at diagnosis, pathologic staging after surgery
    (or yp after neoadjuvant treatment), then restaging when distant disease appears. Each
    supersedes the one before, even when a later note restates the older one in its history,
    and a part the latest event does not state stays null rather than being filled from an
    older event (pT1c pN0 after a resection does not inherit the clinical cM0).
    """
    stage: dict[str, Any] = {"T": None, "N": None, "M": None, "group": None}
    chosen: list[DocumentFact] = []
    events = _staging_events(stage_facts)
    if events:
        latest = _latest_event(events)
        chosen = events[latest]
        for key in ("T", "N", "M", "group"):
            candidates = [f for f in chosen if f.value.get(key)]
            if candidates:
                best = max(
                    candidates,
                    key=lambda f: (
                        sort_key(f.date),
                        _prefix_rank(f.value[key]),
                        f.section not in HISTORY_SECTIONS,
                    ),
                )
                stage[key] = best.value[key]
        chosen = [
            f for f in chosen if any(f.value.get(k) == stage[k] for k in ("T", "N", "M", "group"))
        ]
    sites = {fact.value["site"] for fact in metastasis_facts if fact.value.get("site")}
    if metastasis_facts or _METASTATIC in events:
        metastatic: bool | None = True
    elif any(
        (f.value.get("M") or "").lstrip("cpyr").startswith("M0")
        or says_distant(f.value.get("group")) is False
        for f in stage_facts
    ):
        metastatic = False
    else:
        metastatic = None
    stage["metastatic"] = metastatic
    stage["metastatic_sites"] = [site for site in METASTATIC_SITES if site in sites]
    stage["evidence"] = _evidence(chosen + metastasis_facts, limit=8)
    return stage


def _latest_event(events: dict[int, list[DocumentFact]]) -> int:
    """The staging that happened last. Clinical staging comes before any other; between
    pathologic and distant staging each is dated by its first statement (a later note restating
    one does not make it new), and undated, distant comes last. A stage IV ovarian cancer
    restaged ypT3c ypN1a after neoadjuvant treatment has the yp staging as its latest."""
    first = {
        event: min((f.date for f in facts if f.date), default=None)
        for event, facts in events.items()
    }
    later = [event for event in events if event != _CLINICAL]  # clinical staging comes first
    if not later:
        return _CLINICAL
    latest = min(later)
    for event in sorted(later):
        known = first[event] is not None and first[latest] is not None
        if (known and first[event] >= first[latest]) or (not known and event > latest):
            latest = event
    return latest


def _staging_events(facts: list[DocumentFact]) -> dict[int, list[DocumentFact]]:
    """Stage statements grouped by the staging they belong to (see ``_stage``)."""
    events: dict[int, list[DocumentFact]] = defaultdict(list)
    unknown: list[DocumentFact] = []
    for fact in facts:
        event = _staging_event(fact)
        if event is None:
            unknown.append(fact)
        else:
            events[event].append(fact)
    # pM0 is not an AJCC category: a pathologic staging form states its M as "Clinical M: M0",
    # alone; that M belongs to the pathologic staging of its own document
    pathologic_files = {f.evidence[0].file for f in events.get(_PATHOLOGIC, [])}
    for fact in list(events.get(_CLINICAL, [])):
        alone = not any(fact.value.get(k) for k in ("T", "N", "group"))
        on_form = fact.evidence[0].file in pathologic_files and _M_FIELD.search(
            fact.evidence[0].text
        )
        if alone and fact.value.get("M") and on_form:
            events[_CLINICAL].remove(fact)
            events[_PATHOLOGIC].append(fact)
    if _CLINICAL in events and not events[_CLINICAL]:
        del events[_CLINICAL]
    for fact in unknown:  # "stage IIB" alone belongs with what its own document says
        file = fact.evidence[0].file
        mates = Counter(
            event for event, group in events.items() for f in group if f.evidence[0].file == file
        )
        if mates:
            events[mates.most_common(1)[0][0]].append(fact)
        else:
            pathology = _source(fact) == "pathology"
            events[_PATHOLOGIC if pathology else _CLINICAL].append(fact)
    return events


def _staging_event(fact: DocumentFact) -> int | None:
    value = fact.value
    if _m1(value.get("M")) or says_distant(value.get("group")):
        return _METASTATIC
    prefixes = {_PREFIX.match(value[k]).group(1) for k in ("T", "N", "M") if value.get(k)}
    if prefixes & {"p", "yp", "r", "rp", "ryp"}:
        return _PATHOLOGIC
    if "c" in prefixes:
        return _CLINICAL
    words = " ".join(item.text for item in fact.evidence)
    if _PATHOLOGIC_WORDS.search(words):
        return _PATHOLOGIC
    if _CLINICAL_WORDS.search(words):
        return _CLINICAL
    return None


def _prefix_rank(value: str) -> int:
    for prefix in ("yp", "p", "r", "c"):
        if value.startswith(prefix):
            return STAGE_PREFIX_RANK[prefix]
    return 0


def _m1(value: str | None) -> bool:
    return bool(value) and value.lstrip("cpyr").startswith("M1")


# --- treatments --------------------------------------------------------------------------


def _treatments(facts: list[DocumentFact]) -> list[dict[str, Any]]:
    by_name: dict[str, list[DocumentFact]] = defaultdict(list)
    for fact in facts:
        by_name[fact.name].append(fact)
    treatments = []
    for name, group in by_name.items():
        # a drug's own dated mention beats the dates its regimen's name carries: the
        # "KEYNOTE-522 regimen started 08/2022" began with carboplatin, not with the AC
        own = [f for f in group if not f.value.get("_regimen")]
        starts = [f.value["start"] for f in own if f.value.get("start")] or [
            f.value["start"] for f in group if f.value.get("start")
        ]
        ends = [f.value["end"] for f in own if f.value.get("end")] or [
            f.value["end"] for f in group if f.value.get("end")
        ]
        settings = Counter(f.value["setting"] for f in group if f.value.get("setting"))
        treatments.append(
            {
                "name": name,
                "category": group[0].value["category"],
                "start": _most_precise(starts, latest=False) if starts else None,
                "end": _most_precise(ends, latest=True) if ends else None,
                "setting": settings.most_common(1)[0][0] if settings else None,
                "line": None,  # r2: the line of therapy, not read yet
                "evidence": _evidence(group, limit=4),
            }
        )
    return sorted(treatments, key=lambda t: (t["start"] is None, t["start"] or "", t["name"]))


def _most_precise(dates: list[str], *, latest: bool) -> str:
    """The earliest (or latest) date, as fully as any mention gives it.

    "Core biopsy in March 2024" in a note and "Procedure date 03/18/2024" on the report are
    the same day: the report's full date is kept rather than the note's month.
    """
    chosen = max(dates) if latest else min(dates)
    fuller = [d for d in dates if d.startswith(chosen)]
    longest = max(len(d) for d in fuller)
    same = sorted(d for d in fuller if len(d) == longest)
    return same[-1] if latest else same[0]


# --- missing -----------------------------------------------------------------------------


def missing_fields(
    diagnosis: dict[str, Any], biomarkers: list[dict[str, Any]], stage: dict[str, Any]
) -> list[str]:
    """What a profile of this cancer should hold and does not (also after a clinician's review)."""
    site = diagnosis["primary_site"]
    present = {b["name"] for b in biomarkers}
    missing = [name for name in MISSING_BY_SITE.get(site or "", []) if name not in present]
    if site is None:
        missing.append("primary_site")
    if not any(stage[k] for k in ("T", "N", "M", "group")) and stage["metastatic"] is None:
        missing.append("stage")
    if diagnosis["histology"] is None:
        missing.append("histology")
    if site == "breast" and diagnosis["grade"] is None:
        missing.append("grade")
    return missing
