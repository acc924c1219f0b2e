"""Build the shipped trial catalog from the public reference data set.

Run: ``python -m guidance.trials.build_catalog /work/shared/data/trials OUT.json``

``trials_facts.csv`` says which studies are in scope; each study is read from the best record
the data set has (raw v2 JSON, then the flattened v2 dumps, then classic XML, else the facts
row alone, which gives no eligibility text). A record older than ``STALE_YEARS`` does not prove
that a study still recruits, so its status becomes "Unknown".
"""

from __future__ import annotations

import csv
import json
import sys
import xml.etree.ElementTree as ET
from datetime import date, datetime
from pathlib import Path
from typing import Any

from guidance.trials.ctgov import build_trial, read_ctgov
from guidance.trials.model import Trial

STALE_YEARS = 2
BREAST_LIMIT = 80  # breast studies kept (breast-focused, with eligibility text, open first)
CELL_MODALITIES = {
    "CAR-T": "CAR-T",
    "TCR-T": "TCR-T",
    "TIL": "TIL",
    "CAR-NK": "NK",
    "NK cells": "NK",
    "dendritic-cell vaccine": "immunotherapy",
}


def _v2_records(root: Path) -> dict[str, tuple[Trial, str]]:
    out: dict[str, tuple[Trial, str]] = {}
    for path in sorted((root / "raw_v2_json").glob("*.json")):
        data = json.loads(path.read_text())
        studies = data.get("studies") or [data]
        for study, trial in zip(studies, read_ctgov(data), strict=True):
            stamp = (study["protocolSection"].get("statusModule") or {}).get(
                "lastUpdatePostDateStruct"
            )
            out[trial.nct_id] = (trial, (stamp or {}).get("date", ""))
    return out


def _flattened_records(root: Path) -> dict[str, tuple[Trial, str]]:
    out: dict[str, tuple[Trial, str]] = {}
    for path in sorted((root / "derived_jwlieb_v2_flattened").glob("*.json")):
        data = json.loads(path.read_text())
        exported = (data.get("metadata") or {}).get("export_date", "")[:10]
        for row in data.get("trials") or []:
            elig = row.get("eligibility") or {}
            trial = build_trial(
                nct_id=row["nct_id"],
                title=row.get("title") or row["nct_id"],
                status=row.get("status"),
                phase=row.get("phase"),
                conditions=list(row.get("conditions") or []),
                interventions=list(row.get("interventions") or []),
                eligibility=elig.get("raw_text"),
                min_age=elig.get("minimum_age"),
                max_age=elig.get("maximum_age"),
                sex=elig.get("sex"),
                source=f"ClinicalTrials.gov API v2 (recruiting search export {exported})",
            )
            out.setdefault(trial.nct_id, (trial, exported))
    return out


def _xml_records(root: Path) -> dict[str, tuple[Trial, str]]:
    out: dict[str, tuple[Trial, str]] = {}
    for path in sorted((root / "raw_xml").glob("*.xml")):
        doc = ET.parse(path).getroot()  # noqa: S314 - our own curated public reference files

        def text(tag: str, doc: ET.Element = doc) -> str | None:
            node = doc.find(tag)
            return node.text.strip() if node is not None and node.text else None

        stamp = _iso(text("required_header/download_date") or "") or ""
        trial = build_trial(
            nct_id=text("id_info/nct_id") or path.stem,
            title=text("official_title") or text("brief_title") or path.stem,
            status=text("overall_status"),
            phase=text("phase"),
            conditions=[n.text.strip() for n in doc.findall("condition") if n.text],
            interventions=[
                n.text.strip() for n in doc.findall("intervention/intervention_name") if n.text
            ],
            eligibility=text("eligibility/criteria/textblock"),
            min_age=text("eligibility/minimum_age"),
            max_age=text("eligibility/maximum_age"),
            sex=text("eligibility/gender"),
            source=f"ClinicalTrials.gov classic XML ({stamp or 'undated'})",
        )
        out[trial.nct_id] = (trial, stamp)
    return out


def _iso(value: str) -> str | None:
    """ "... processed this data on April 06, 2017" or "2017-04-06" -> "2017-04-06"."""
    value = value.replace("ClinicalTrials.gov processed this data on ", "").strip()
    for fmt in ("%B %d, %Y", "%Y-%m-%d"):
        try:
            return datetime.strptime(value, fmt).date().isoformat()
        except ValueError:
            continue
    return None


def _from_facts(row: dict[str, str]) -> Trial:
    """A study the data set knows only from summary text: title and conditions, no criteria."""
    conditions = [
        c.strip() for c in row["conditions"].split(";") if c.strip() and c != "not in source"
    ]
    return build_trial(
        nct_id=row["nct_id"],
        title=row["title"],
        status=None,
        phase=None if row["phase"] == "not in source" else row["phase"],
        conditions=conditions,
        interventions=[],
        eligibility=None,
        source="ClinicalTrials.gov summary text (no status or eligibility in the source)",
    )


def _fresh(trial: Trial, stamp: str, today: date) -> Trial:
    """Mark a stale record's status as unknown: an old "Recruiting" proves nothing today."""
    if stamp and stamp[:4].isdigit() and today.year - int(stamp[:4]) <= STALE_YEARS:
        return trial
    if not trial.open and trial.status == "Unknown":
        return trial
    data = trial.to_dict()
    data.update(
        status="Unknown", open=False, source=f"{trial.source}; last reported {trial.status}"
    )
    return Trial.from_dict(data)


def build(root: Path, today: date | None = None) -> dict[str, Any]:
    """The catalog document: every cell-therapy solid-tumour study and the best breast studies."""
    today = today or date.today()
    records = {**_xml_records(root), **_flattened_records(root), **_v2_records(root)}
    with (root / "trials_facts.csv").open(newline="") as fh:
        facts = list(csv.DictReader(fh))
    chosen: dict[str, Trial] = {}
    breast: list[Trial] = []
    for row in facts:
        trial, stamp = records.get(row["nct_id"], (None, ""))
        trial = _fresh(trial, stamp, today) if trial else _from_facts(row)
        if "cell-therapy" in row["category"]:
            if (
                trial.modality not in {"CAR-T", "TCR-T", "TIL", "NK"}
                and row["modality"] in CELL_MODALITIES
            ):
                data = trial.to_dict()
                data["modality"] = CELL_MODALITIES[row["modality"]]
                trial = Trial.from_dict(data)
            chosen[trial.nct_id] = trial
        elif row["breast_scope"] == "breast-focused" and len(trial.criteria) > 2:
            breast.append(trial)
    breast.sort(key=lambda t: (not t.open, t.nct_id))
    for trial in breast:
        if sum(1 for t in chosen.values() if "breast" in t.sites) >= BREAST_LIMIT:
            break
        chosen.setdefault(trial.nct_id, trial)
    return {
        "generated": today.isoformat(),
        "source": "ClinicalTrials.gov (public domain); see /work/shared/data/trials/PROVENANCE.md",
        "trials": [t.to_dict() for t in sorted(chosen.values(), key=lambda t: t.nct_id)],
    }


def main(argv: list[str]) -> int:
    if len(argv) != 2:
        print("usage: python -m guidance.trials.build_catalog DATA_DIR OUT.json", file=sys.stderr)
        return 2
    doc = build(Path(argv[0]))
    lines = ",\n".join(
        json.dumps(t, ensure_ascii=False, separators=(",", ":")) for t in doc["trials"]
    )
    head = json.dumps({k: v for k, v in doc.items() if k != "trials"}, ensure_ascii=False)[:-1]
    Path(argv[1]).write_text(f'{head}, "trials": [\n{lines}\n]}}\n', encoding="utf-8")
    print(f"{len(doc['trials'])} trials -> {argv[1]}")
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
