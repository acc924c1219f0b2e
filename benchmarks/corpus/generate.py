"""Plan, write and render the corpus; consolidate each patient's truth."""

from __future__ import annotations

import datetime as dt
import hashlib
import json
import os
import random
from collections.abc import Callable
from concurrent.futures import ProcessPoolExecutor
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from . import breast, others
from . import layout as L
from .base import DocPlan, Writer
from .case import Case
from .dates import DAY_STYLES, plus
from .ledger import Fact, consolidate
from .names import HOSPITALS, PATH_LABS, People
from .render import FAX, SCAN, build_pdf
from .w_misc import fax_cover, write_germline, write_imaging, write_lab, write_ngs
from .w_notes import write_consult, write_discharge, write_followup, write_letter
from .w_path import write_addendum, write_core, write_metbx, write_resection

KIND = {
    "core": "pathology",
    "addendum": "pathology",
    "resection": "pathology",
    "metbx": "pathology",
    "consult": "consult",
    "followup": "consult",
    "letter": "consult",
    "discharge": "discharge",
    "imaging": "imaging",
    "ngs": "molecular",
    "germline": "molecular",
    "lab": "lab",
}
WRITE: dict[str, Callable[[Writer], None]] = {
    "core": write_core,
    "addendum": write_addendum,
    "resection": write_resection,
    "metbx": write_metbx,
    "consult": write_consult,
    "followup": write_followup,
    "letter": write_letter,
    "discharge": write_discharge,
    "imaging": write_imaging,
    "ngs": write_ngs,
    "germline": write_germline,
    "lab": write_lab,
}
WEIGHT = {
    "core": 3.0,
    "addendum": 3.0,
    "resection": 3.0,
    "metbx": 4.0,
    "consult": 3.5,
    "followup": 2.5,
    "discharge": 1.3,
    "imaging": 1.2,
    "ngs": 3.0,
    "germline": 2.5,
    "lab": 0.4,
}
RICH = {"core", "resection", "metbx", "consult", "followup"}
LATEST = dt.date(2026, 2, 27)
DPI = 200


@dataclass
class Patient:
    index: int
    slot: dict[str, Any]
    case: Case
    docs: list[DocPlan] = field(default_factory=list)
    seed: str = ""


def slot_order(count: int) -> list[dict[str, Any]]:
    """Interleave breast and other tumours so that any prefix of the corpus is varied."""
    b, o = list(breast.SLOTS), list(others.SLOTS)
    # spread the other tumour types: lung, colorectal, ovary, melanoma, pancreas, prostate...
    # L1, C1, O1, M1, P1, R1, L2, C2...: one of each tumour before any second one
    o.sort(key=lambda s: (int(s["key"][1:]), "LCOMPR".index(s["key"][0])))
    mixed: list[dict[str, Any]] = []
    while b or o:
        for _ in range(2):
            if b:
                mixed.append(b.pop(0))
        if o:
            mixed.append(o.pop(0))
    return [mixed[i % len(mixed)] for i in range(count)]


def plan_patients(count: int, seed: int) -> list[Patient]:
    # seeded generators make the corpus reproducible; nothing here is security-sensitive
    people = People(random.Random(f"navis-corpus/{seed}/people"))  # noqa: S311
    patients = []
    for index, slot in enumerate(slot_order(count)):
        rng = random.Random(f"navis-corpus/{seed}/{index}")  # noqa: S311
        tumour = slot.get("tumour", "breast")
        sex = slot.get("sex") or ("F" if tumour == "breast" else rng.choice("FM"))
        person = people.patient(sex, (1945, 1985))
        case = Case(f"P{index + 1:03d}", person, tumour, "", None, "", "", None)
        if tumour == "breast":
            case.laterality = rng.choice(["left", "right"])
        hospital = rng.choice(HOSPITALS)
        case.hospital = hospital[0]
        case.lab = rng.choice([*PATH_LABS, hospital[0] + " - Department of Pathology"])
        case.oncologist = people.doctor()
        case.surgeon = people.doctor()
        case.pathologist = people.doctor()
        case.radiologist = people.doctor()
        case.pcp = people.doctor()
        if tumour == "breast":
            candidates = breast.build(case, slot, rng)
        else:
            candidates = others.build(case, slot, rng)
        patient = Patient(index, slot, case, seed=f"navis-corpus/{seed}/{index}")
        patient.docs = choose_documents(patient, candidates, rng)
        patients.append(patient)
    return patients


def choose_documents(
    patient: Patient, candidates: list[tuple[str, dt.date, str | None]], rng: random.Random
) -> list[DocPlan]:
    slot, case = patient.slot, patient.case
    pool = [(w, d, r) for w, d, r in candidates if d <= LATEST]
    pool.append(("lab", plus(case.dx_date, rng.randint(8, 20)), None))
    chosen: list[tuple[str, dt.date, str | None]] = []

    def take(pred: Callable[[tuple[str, dt.date, str | None]], bool]) -> None:
        for item in pool:
            if pred(item) and item not in chosen:
                chosen.append(item)
                return

    if slot.get("docs"):
        for writer in slot["docs"]:
            take(lambda item, writer=writer: item[0] == writer)
    else:
        kinds = {w for w, _, _ in pool}
        if "addendum" in kinds and rng.random() < 0.75:
            take(lambda item: item[0] == "addendum")
            if rng.random() < 0.7:
                take(lambda item: item[0] == "core")
        if "metbx" in kinds and rng.random() < 0.85:
            take(lambda item: item[0] == "metbx")
            take(lambda item: item[0] == "core")
        if slot.get("flow") == "workup":
            take(lambda item: item[0] == "core")
            take(lambda item: item[0] == "consult")
        if slot.get("pT") == "ypT0" or slot.get("flow") == "dcis":
            take(lambda item: item[0] == "resection")
        count = rng.choices([2, 3, 4, 5], weights=[1, 3, 4, 3])[0]
        while len(chosen) < count:
            rest = [
                item
                for item in pool
                if item not in chosen
                and sum(1 for c in chosen if c[0] == item[0]) < (1 if item[0] == "lab" else 2)
            ]
            if len(chosen) == count - 1 and not any(c[0] in RICH for c in chosen):
                rest = [item for item in rest if item[0] in RICH] or rest
            if not rest:
                break
            weights = [
                WEIGHT[w] * (2.0 if w == "imaging" and _has_mets(case, r) else 1.0)
                for w, _, r in rest
            ]
            chosen.append(rng.choices(rest, weights=weights)[0])
    chosen.sort(key=lambda item: item[1])
    plans = []
    used: set[str] = set()
    for number, (writer, day, ref) in enumerate(chosen):
        if writer in ("consult", "followup") and rng.random() < 0.2:
            writer = "letter"
        style = rng.choice(DAY_STYLES)
        plan = DocPlan(KIND[writer], writer, day, ref, date_style=style, variant=rng.randrange(6))
        roll = rng.random()
        plan.scan = (
            "scan" if roll < 0.13 else "fax" if roll < 0.2 else "mixed" if roll < 0.28 else "none"
        )
        plan.file = file_name(plan, case, rng, used, number)
        plans.append(plan)
    return plans


def _has_mets(case: Case, ref: str | None) -> bool:
    return any(i.id == ref and i.mets for i in case.imaging)


NAMES = {
    "core": ["pathology_report", "Path_report_biopsy", "surgical-pathology", "biopsy_results"],
    "addendum": ["pathology_addendum", "Addendum_HER2_FISH", "path-addendum"],
    "resection": [
        "surgical_pathology_final",
        "Pathology_lumpectomy",
        "final-path-report",
        "OR_pathology",
    ],
    "metbx": ["biopsy_pathology", "Path_metastatic_biopsy", "pathology-report-2"],
    "consult": ["oncology_consult", "Consult_note", "new_patient_visit", "MyChart_Visit_Summary"],
    "followup": ["progress_note", "Oncology_followup", "clinic_visit", "office_visit_note"],
    "letter": ["clinic_letter", "Letter_to_GP", "correspondence"],
    "discharge": ["discharge_summary", "Hospital_Discharge", "DC_summary"],
    "imaging": ["radiology_report", "CT_report", "imaging-results", "scan_results"],
    "ngs": ["genomic_profiling", "NGS_report", "tumor_sequencing_results"],
    "germline": ["genetic_test_results", "Germline_panel", "hereditary_cancer_results"],
    "lab": ["lab_results", "Labs", "bloodwork"],
}


def file_name(plan: DocPlan, case: Case, rng: random.Random, used: set[str], number: int) -> str:
    roll = rng.random()
    if plan.scan in ("scan", "fax") and roll < 0.5:
        base = rng.choice(
            [
                f"scan{rng.randint(1, 9999):04d}",
                f"SCAN_{plan.date:%Y%m%d}_{rng.randint(800, 1759)}",
                f"fax_{rng.randint(100000, 999999)}",
                f"IMG_{rng.randint(1000, 9999)}",
            ]
        )
    elif roll < 0.15:
        base = rng.choice(
            [
                f"document_{number + 1}",
                f"records_part{number + 1}",
                f"Document ({number + 1})".replace(" ", "_").replace("(", "").replace(")", ""),
            ]
        )
    else:
        base = rng.choice(NAMES[plan.writer])
        if rng.random() < 0.4:
            base += "_" + plan.date.strftime(rng.choice(["%Y-%m-%d", "%m%d%Y", "%Y%m%d", "%b%Y"]))
    name = base
    n = 2
    while name.lower() in used:
        name = f"{base}_{n}"
        n += 1
    used.add(name.lower())
    return name + ".pdf"


@dataclass
class Written:
    file: str
    data: bytes
    pages: int
    scanned: list[int]  # 1-based
    facts: list[Fact]
    kind: str
    date: str
    writer: str
    scan: str


def write_document(case: Case, plan: DocPlan, seed: str) -> Written:
    w, ops, scanned, rng = layout_document(case, plan, seed)
    data = build_pdf(
        ops,
        w.style.pagesize,
        scanned,
        rng,
        DPI,
        title=_pdf_title(w, rng),
        creator=rng.choice(
            [
                "Epic Systems PDF Export",
                "ReportLab PDF Library",
                "Scanner: HP MFP E52645",
                "CoPath Plus",
                "PowerScribe 360",
                None,
            ]
        ),
    )
    return Written(
        plan.file,
        data,
        len(ops),
        sorted(i + 1 for i in scanned),
        w.facts,
        plan.kind,
        plan.date.isoformat(),
        plan.writer,
        plan.scan,
    )


def layout_document(
    case: Case, plan: DocPlan, seed: str
) -> tuple[Writer, list[list[L.Op]], dict[int, str], random.Random]:
    """Write and paginate one document; decide which pages are scanned (no rendering)."""
    rng = random.Random(f"{seed}/{plan.file}")  # noqa: S311
    w = Writer(case, plan, rng)
    WRITE[plan.writer](w)
    pages = L.paginate(w.blocks, w.style)
    ops = [page.ops for page in pages]
    scanned: dict[int, str] = {}
    height = w.style.pagesize[1]
    if plan.scan == "fax":
        sent = plus(plan.date, rng.randint(3, 400))
        sent = min(sent, LATEST)
        cover = Writer(case, plan, rng)
        cover.style = L.Style(
            family=rng.choice(["Helvetica", "Times"]),
            size=11,
            pagesize=w.style.pagesize,
            header=(),
            banner="",
            footer_left="",
            footer_right="",
        )
        fax_cover(cover, len(ops) + 1, sent)
        cover_ops = [p.ops for p in L.paginate(cover.blocks, cover.style)][:1]
        ops = cover_ops + ops
        total = len(ops)
        number = f"(555) {rng.randint(200, 989)}-{rng.randint(1000, 9999)}"
        clock = f"{rng.randint(7, 17):02d}:{rng.randint(0, 59):02d}"
        for index, page in enumerate(ops):
            stamp = (
                f"{sent.strftime('%b-%d-%Y').upper()} {clock}  FROM: {number}  "
                f"TO: NAVIS INTAKE   P.{index + 1:03d}/{total:03d}"
            )
            page.append(("t", 24, height - 14, "Courier", 9, stamp))
            scanned[index] = FAX
    elif plan.scan == "scan":
        scanned = dict.fromkeys(range(len(ops)), SCAN)
    elif plan.scan == "mixed" and len(ops) > 1:
        picks = rng.sample(range(len(ops)), rng.randint(1, len(ops) - 1))
        scanned = dict.fromkeys(picks, SCAN)
    return w, ops, scanned, rng


def _pdf_title(w: Writer, rng: random.Random) -> str | None:
    return w.title if rng.random() < 0.5 else None


def write_patient(patient: Patient, outdir: str) -> dict[str, Any]:
    case = patient.case
    folder = Path(outdir) / case.pid
    folder.mkdir(parents=True, exist_ok=True)
    facts: list[Fact] = []
    documents = []
    files = []
    for plan in patient.docs:
        written = write_document(case, plan, patient.seed)
        (folder / written.file).write_bytes(written.data)
        facts.extend(written.facts)
        documents.append(
            {
                "file": written.file,
                "sha256": hashlib.sha256(written.data).hexdigest(),
                "pages": written.pages,
                "ocr_pages": len(written.scanned),
                "kind": written.kind,
                "date": written.date,
            }
        )
        files.append(
            {
                "file": written.file,
                "pages": written.pages,
                "scanned_pages": written.scanned,
                "kind": written.kind,
                "date": written.date,
                "writer": written.writer,
                "layout": written.scan,
            }
        )
    truth = consolidate(facts, case.tumour, documents)
    (folder / "truth.json").write_text(json.dumps(truth, indent=2) + "\n")
    return {"id": case.pid, "tumour": case.tumour, "scenario": patient.slot["key"], "files": files}


def _write_one(args: tuple[Patient, str]) -> dict[str, Any]:
    return write_patient(*args)


def generate(
    outdir: str | Path, patients: int = 48, seed: int = 7, workers: int | None = None
) -> dict[str, Any]:
    """Write the corpus into ``outdir``; returns the manifest (also written there)."""
    outdir = Path(outdir)
    outdir.mkdir(parents=True, exist_ok=True)
    plan = plan_patients(patients, seed)
    workers = workers if workers is not None else min(os.cpu_count() or 1, 8)
    jobs = [(p, str(outdir)) for p in plan]
    if workers > 1 and len(jobs) > 1:
        with ProcessPoolExecutor(max_workers=workers) as pool:
            entries = list(pool.map(_write_one, jobs, chunksize=1))
    else:
        entries = [_write_one(job) for job in jobs]
    pages = sum(f["pages"] for e in entries for f in e["files"])
    scanned = sum(len(f["scanned_pages"]) for e in entries for f in e["files"])
    manifest = {
        "schema": "navis.corpus.v1",
        "seed": seed,
        "patients": entries,
        "totals": {
            "patients": len(entries),
            "documents": sum(len(e["files"]) for e in entries),
            "pages": pages,
            "scanned_pages": scanned,
            "scanned_fraction": round(scanned / pages, 4) if pages else 0.0,
        },
    }
    (outdir / "manifest.json").write_text(json.dumps(manifest, indent=2) + "\n")
    return manifest


def plan_pages(patients: int = 48, seed: int = 7) -> dict[str, int]:
    """Pages and scanned pages of a corpus, from layout alone (nothing is rendered)."""
    pages = scanned = 0
    for patient in plan_patients(patients, seed):
        for plan in patient.docs:
            _, ops, marks, _ = layout_document(patient.case, plan, patient.seed)
            pages += len(ops)
            scanned += len(marks)
    return {"pages": pages, "scanned_pages": scanned}


def plan_truths(patients: int = 48, seed: int = 7) -> list[dict[str, Any]]:
    """Each patient's truth without rendering: as written, minus sha256 (left empty)."""
    out = []
    for patient in plan_patients(patients, seed):
        facts: list[Fact] = []
        documents = []
        for plan in patient.docs:
            w, ops, marks, _ = layout_document(patient.case, plan, patient.seed)
            facts.extend(w.facts)
            documents.append(
                {
                    "file": plan.file,
                    "sha256": "",
                    "pages": len(ops),
                    "ocr_pages": len(marks),
                    "kind": plan.kind,
                    "date": plan.date.isoformat(),
                }
            )
        truth = consolidate(facts, patient.case.tumour, documents)
        truth["scenario"] = patient.slot["key"]
        out.append(truth)
    return out
