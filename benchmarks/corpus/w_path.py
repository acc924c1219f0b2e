"""Pathology documents: biopsy reports, resection reports with synoptic lines, addenda."""

from __future__ import annotations

from typing import Any

from .base import (
    Writer,
    grade_text,
    her2_ihc_line,
    her2_table_cells,
    histology_text,
    ish_lines,
    ki67_line,
    pct_text,
    receptor_label,
    receptor_line,
)
from .case import Course, Specimen
from .dates import plus
from .names import HOSPITALS
from .styles import letterhead

DEPARTMENTS = [
    "Department of Pathology and Laboratory Medicine",
    "Anatomic Pathology",
    "Surgical Pathology Services",
    "Division of Anatomic and Clinical Pathology",
]

OTHER_HISTOLOGY = {
    ("lung", "8140/3"): [
        "Adenocarcinoma",
        "Non-small cell carcinoma, adenocarcinoma type",
        "Invasive adenocarcinoma",
    ],
    ("colorectal", "8140/3"): ["Invasive adenocarcinoma", "Adenocarcinoma"],
    ("colorectal", "8480/3"): ["Mucinous adenocarcinoma", "Adenocarcinoma, mucinous type"],
    ("pancreas", "8140/3"): ["Adenocarcinoma", "Invasive adenocarcinoma"],
    ("prostate", "8140/3"): [
        "Prostatic adenocarcinoma, acinar type",
        "Adenocarcinoma of the prostate (acinar)",
    ],
}


def hist(w: Writer) -> str:
    key = (w.case.tumour, w.case.histology)
    if key in OTHER_HISTOLOGY:
        w.f_histology()
        return w.choice(OTHER_HISTOLOGY[key])
    return histology_text(w)


def _setup(w: Writer, scanned: bool) -> None:
    address = dict(HOSPITALS).get(w.case.hospital, "") if w.case.hospital in w.case.lab else ""
    w.style = letterhead(w, w.case.lab, w.choice(DEPARTMENTS), address, scanned)


def _ids(w: Writer, spec: Specimen, extra: list[tuple[str, str]] = ()) -> None:  # type: ignore[assignment]
    """Identification block; states the procedure and its date (and the diagnosis date)."""
    collected = w.choice(
        ["Collected", "Date Collected", "Procedure Date", "Date of Procedure", "Collection Date"]
    )
    reported = w.choice(
        ["Reported", "Date Reported", "Signed Out", "Final Report Date", "Date of Report"]
    )
    received = plus(spec.date, w.choice([0, 1, 1, 2]))
    pairs: list[tuple[str, str]] = []
    if not w.style.banner:
        pairs += [
            ("Patient", f"{w.p.last}, {w.p.first}"),
            ("MRN", w.p.mrn),
            ("DOB", w.d(w.p.dob)),
            ("Sex", w.sex_word()),
        ]
    pairs += [
        ("Accession", spec.accession),
        (collected, w.d(spec.date)),
        ("Received", w.d(received)),
        (reported, w.d(w.plan.date)),
        ("Ordering", w.case.surgeon if spec.resection else w.case.oncologist),
    ]
    pairs += list(extra)
    w.fields(pairs, columns=w.choice([1, 2, 2]))
    _procedure_fact(w, spec)


def _procedure_fact(w: Writer, spec: Specimen) -> None:
    if spec.course:
        course = next(c for c in w.case.courses if c.id == spec.course)
        w.f_tx(course, start="day", drugs=shown_by_pathology(course))
    if spec.id == "S1":
        w.f_dx("day")


def shown_by_pathology(course: Course) -> list[str]:
    """The procedures of an operation its specimens show: a reconstruction leaves no specimen."""
    return [name for name in course.drugs if name != "reconstruction"]


def _side(w: Writer) -> str:
    return (w.case.laterality or "").capitalize()


def _marker_block(w: Writer, spec: Specimen) -> None:
    """Receptors / IHC results as lines or as a ruled table."""
    ms = spec.markers
    breast = any(k in ms for k in ("ER", "PR", "HER2"))
    if breast:
        title = w.choice(
            [
                "BREAST BIOMARKERS",
                "PROGNOSTIC MARKERS (IHC)",
                "IMMUNOHISTOCHEMISTRY RESULTS",
                "Biomarker Studies",
            ]
        )
        w.heading(title, size_delta=0)
        if w.chance(0.45):
            _marker_table(w, spec)
        else:
            lines = []
            both_negative = all(
                ms.get(n, {}).get("status") == "negative"
                and ms.get(n, {}).get("percent") in (0, None)
                for n in ("ER", "PR")
            )
            if both_negative and w.chance(0.35):
                for name in ("ER", "PR"):
                    w.f_marker(spec, name, status="negative")
                lines.append(
                    w.choice(
                        [
                            "ER/PR: Negative (no nuclear staining in tumor cells)",
                            "Estrogen and progesterone receptors: both negative",
                            "ER/PR negative",
                        ]
                    )
                )
            else:
                for name in ("ER", "PR"):
                    if name in ms:
                        lines.append(receptor_line(w, spec, name))
            if "HER2" in ms:
                lines.append(her2_ihc_line(w, spec))
            if "Ki-67" in ms:
                lines.append(ki67_line(w, spec))
            if (
                "ER" in ms
                and "PR" in ms
                and ms["ER"]["status"] == "negative"
                and ms["PR"]["status"] == "negative"
                and w.chance(0.3)
            ):
                lines.append(
                    "Comment: tumor cells are ER/PR negative; internal normal ducts "
                    "show appropriate positive staining."
                )
            w.lines(lines, indent=10)
        if spec.ish_pending or (ms.get("HER2", {}).get("ihc") == "2+" and spec.ish is None):
            w.para(
                w.choice(
                    [
                        "HER2 in situ hybridization has been ordered and will be reported "
                        "separately.",
                        "Reflex HER2 FISH is pending; an addendum will follow.",
                    ]
                ),
                italic=True,
            )
        w.para(
            w.choice(
                [
                    "Fixation: 10% neutral buffered formalin, 6-72 hours. Cold ischemia time "
                    "under one "
                    "hour. Controls performed and appropriate.",
                    "Testing performed on block A1 per ASCO/CAP guidelines with "
                    "appropriate external "
                    "and internal controls.",
                    "ER/PR scoring: percentage of positive tumor nuclei and average "
                    "intensity. HER2 "
                    "scored per ASCO/CAP 2023.",
                ]
            ),
            size=w.style.size - 1,
        )
    if "PD-L1" in ms:
        _pdl1(w, spec)
    if spec.mmr or "MSI" in ms:
        _mmr(w, spec)


def _marker_table(w: Writer, spec: Specimen) -> None:
    ms = spec.markers
    rows = []
    layout = w.rng.randrange(2)
    for name in ("ER", "PR"):
        if name not in ms:
            continue
        m = ms[name]
        label = {
            "ER": w.choice(["Estrogen receptor (ER)", "ER (SP1)", "Estrogen Receptor"]),
            "PR": w.choice(["Progesterone receptor (PR)", "PR (1E2)", "PgR"]),
        }[name]
        if m.get("allred"):
            w.f_marker(spec, name, status=m["status"])
            cells = [label, "Positive", "-", f"Allred {m['allred']}/8"]
        elif m.get("percent") is None:
            w.f_marker(spec, name, status=m["status"])
            cells = [label, receptor_label(m), "-", "-"]
        else:
            w.f_marker(spec, name, percent=m["percent"])
            cells = [
                label,
                receptor_label(m),
                pct_text(m),
                (m.get("intensity") or "-").capitalize(),
            ]
        rows.append(cells if layout == 0 else [cells[0], cells[2], cells[3], cells[1]])
    if "HER2" in ms:
        result, interp = her2_table_cells(w, spec)
        rows.append(
            [w.choice(["HER2 (4B5)", "HER2 IHC", "HER-2/neu"]), interp, "-", result]
            if layout == 0
            else ["HER2 IHC (4B5)", "-", f"Score {result}", interp]
        )
    if "Ki-67" in ms:
        pct = ms["Ki-67"]["percent"]
        w.f_marker(spec, "Ki-67", percent=pct)
        rows.append(
            ["Ki-67 (MIB-1)", "-", f"{pct}%", "-"]
            if layout == 0
            else ["Ki-67 (MIB-1)", f"{pct}%", "-", "-"]
        )
    header = (
        ["Marker", "Result", "% cells", "Intensity / score"]
        if layout == 0
        else ["Marker", "% positive", "Intensity", "Interpretation"]
    )
    w.table(
        header, rows, widths=[0.32, 0.28, 0.15, 0.25] if layout == 0 else [0.3, 0.17, 0.18, 0.35]
    )


def _pdl1(w: Writer, spec: Specimen) -> None:
    m = spec.markers["PD-L1"]
    value, unit, status = m["value"], m["unit"], m["status"]
    w.f_marker(spec, "PD-L1", value=value, unit=unit, status=status)
    word = "POSITIVE" if status == "positive" else "NEGATIVE"
    if unit == "TPS":
        level = (
            "high expression (TPS >= 50%)"
            if value >= 50
            else "low expression (TPS >= 1% and < 50%)"
            if value >= 1
            else "no expression"
        )
        text = w.choice(
            [
                f"PD-L1 IHC (22C3 pharmDx): Tumor Proportion Score (TPS) {value}%. "
                f"Interpretation: {word}, {level}.",
                f"PD-L1 (clone 22C3): TPS = {value}% - {word} ({level}).",
                f"PD-L1 expression by IHC (22C3): tumor proportion score {value}%; {word.lower()}.",
            ]
        )
    else:
        text = w.choice(
            [
                f"PD-L1 IHC (22C3 pharmDx): Combined Positive Score (CPS) {value}. Interpretation: "
                f"{word} (CPS {'>=' if value >= 10 else '<'} 10).",
                f"PD-L1 (22C3) CPS: {value} - {word}.",
            ]
        )
    w.heading(w.choice(["PD-L1 IMMUNOHISTOCHEMISTRY", "PD-L1 Testing"]), size_delta=0)
    w.para(text)


def _mmr(w: Writer, spec: Specimen) -> None:
    w.heading(
        w.choice(["MISMATCH REPAIR / MSI", "Mismatch Repair Protein Immunohistochemistry"]),
        size_delta=0,
    )
    if spec.mmr:
        if w.chance(0.5):
            rows = [
                [g, "Intact nuclear expression" if v == "intact" else "LOSS of nuclear expression"]
                for g, v in spec.mmr.items()
            ]
            w.table(["Protein", "Result"], rows, widths=[0.3, 0.7])
        else:
            w.para(
                "; ".join(
                    f"{g}: {'intact' if v == 'intact' else 'loss of expression'}"
                    for g, v in spec.mmr.items()
                )
                + "."
            )
        lost = [g for g, v in spec.mmr.items() if v != "intact"]
        w.para(
            "Interpretation: "
            + (
                "mismatch repair deficient (dMMR); loss of " + "/".join(lost) + " expression."
                if lost
                else "mismatch repair proficient (pMMR)."
            )
        )
    if "MSI" in spec.markers:
        status = spec.markers["MSI"]["status"]
        w.f_marker(spec, "MSI", status=status)
        w.para(
            w.choice(
                [
                    "Microsatellite instability (PCR, 5-marker panel): "
                    + (
                        "MSI-HIGH (4/5 markers unstable)."
                        if status == "high"
                        else "microsatellite stable (MSS), 0/5 markers unstable."
                    ),
                    f"MSI status: {'MSI-H' if status == 'high' else 'MSS (stable)'}.",
                ]
            )
        )


def _gross_core(w: Writer, spec: Specimen) -> None:
    n = w.rng.randint(2, 6)
    w.heading(w.choice(["GROSS DESCRIPTION", "Gross Description"]), size_delta=0)
    label = f'Received in formalin, labeled with the patient\'s name and "{spec.site_text}", '
    if spec.procedure == "colonoscopy":
        text = (
            f"are {n} fragments of tan-pink soft tissue measuring up to 0.4 cm, entirely "
            "submitted in cassette A1."
        )
    elif spec.procedure == "EUS-guided fine needle biopsy":
        text = (
            "is a cell block prepared from the aspirate, plus four Diff-Quik and two Pap "
            "stained smears."
        )
    elif spec.procedure == "excisional biopsy":
        text = (
            f"is an ellipse of skin measuring {w.rng.randint(15, 30) / 10} x "
            f"{w.rng.randint(8, 14) / 10} cm with a variegated pigmented lesion. Margins "
            "inked; serially sectioned and entirely submitted in A1-A4."
        )
    else:
        text = (
            f"are {n} cores of tan-white tissue measuring {w.rng.randint(8, 12) / 10} to "
            f"{w.rng.randint(13, 19) / 10} cm in length and 0.1 cm in diameter. Entirely "
            f"submitted in cassette A1. Time in formalin: {w.rng.randint(7, 40)} hours."
        )
    w.para(label + text)


def _sign(w: Writer) -> None:
    w.gap(8)
    w.para(
        w.choice(
            [
                f"Electronically signed by {w.case.pathologist} on {w.d(w.plan.date)}",
                f"{w.case.pathologist}, Pathologist. Signed {w.d(w.plan.date)}.",
                f"I have personally reviewed the slides and rendered the diagnosis above. "
                f"{w.case.pathologist} ({w.d(w.plan.date)})",
            ]
        ),
        italic=True,
    )


def _diagnosis_lines(w: Writer, spec: Specimen) -> list[str]:
    """The FINAL DIAGNOSIS lines for a biopsy (records site, laterality, histology, grade)."""
    case = w.case
    out: list[str] = []
    upper = w.chance(0.45)
    site_line = spec.site_text + ":"
    if spec.role == "metastatic" and case.tumour == "breast":
        w.f_site()
        w.f_met_site(spec)
        out.append(site_line)
        out.append(
            "- "
            + w.choice(
                [
                    "Metastatic carcinoma, consistent with primary breast origin (GATA3 positive).",
                    "Metastatic adenocarcinoma, compatible with metastasis from the "
                    "patient's known "
                    "breast carcinoma.",
                    "Positive for metastatic breast carcinoma (GATA3+, TRPS1+).",
                ]
            )
        )
    elif case.tumour == "breast":
        w.f_site()
        w.f_laterality()
        out.append(site_line)
        if case.histology == "8500/2":
            out.append(
                f"- {histology_text(w)}, solid and cribriform types, {grade_text(w)}, "
                "with focal comedonecrosis and associated calcifications."
            )
            out.append("- No invasive carcinoma identified.")
        else:
            g = f", {grade_text(w)}" if case.grade else ""
            out.append(f"- {histology_text(w)}{g}.")
            if w.chance(0.6):
                dcis_grade = w.choice([1, 2, 3])
                out.append(
                    f"- Ductal carcinoma in situ, {w.choice(['cribriform', 'solid'])} "
                    f"type, nuclear grade {dcis_grade}."
                )
            out.append(
                w.choice(
                    [
                        "- Lymphovascular invasion: not identified.",
                        "- No lymphovascular invasion is identified.",
                        "- Lymphovascular invasion: indeterminate in biopsy.",
                    ]
                )
            )
            out.append(
                f"- Invasive tumor measures {w.rng.randint(6, 15) / 10} cm in greatest "
                "linear extent in the cores."
            )
    else:
        out.append(site_line)
        if spec.role == "metastatic":
            w.f_met_site(spec)
            line = f"- Metastatic {hist(w).lower()}"
            if case.tumour == "lung":
                w.f_site()
                line += ", consistent with a primary lung origin"
            out.append(line + ".")
        elif case.tumour == "pancreas" and spec.procedure == "EUS-guided fine needle biopsy":
            w.f_site()
            out.append(f"- POSITIVE FOR MALIGNANCY: {hist(w)}.")
        else:
            primary = {
                "lung": "",
                "colorectal": "",
                "ovary": ", consistent with ovarian primary",
                "melanoma": "",
                "prostate": "",
                "pancreas": "",
            }[case.tumour]
            if case.tumour != "ovary" or primary:
                w.f_site()
            if case.laterality and case.tumour in ("lung", "melanoma"):
                w.f_laterality()
            g = ""
            if case.grade:
                g = ", " + grade_text(w)
            out.append(f"- {hist(w)}{g}{primary}.")
        out.extend(f"- {x}" for x in spec.extra)
    if upper:
        out = [
            line.upper()
            if not line.startswith("- ") or "PD-L1" in line
            else "- " + line[2:].upper()
            for line in out
        ]
    return out


def write_core(w: Writer, sign: bool = True) -> None:
    spec = w.case.specimen(w.plan.ref or "S1")
    _setup(w, w.plan.scan != "none")
    w.title = w.choice(
        [
            "SURGICAL PATHOLOGY REPORT",
            "PATHOLOGY REPORT",
            "Anatomic Pathology - Final Report",
            "SURGICAL PATHOLOGY",
        ]
    )
    w.heading(w.title, align="center", size_delta=2.5)
    _ids(w, spec)
    order = w.rng.random() < 0.3
    if order:
        _history(w, spec)
    w.heading(
        w.choice(["FINAL DIAGNOSIS", "DIAGNOSIS", "Final Pathologic Diagnosis"]),
        underline=w.chance(0.3),
    )
    w.lines(_diagnosis_lines(w, spec), indent=8)
    _marker_block(w, spec)
    if not order:
        _history(w, spec)
    _gross_core(w, spec)
    if w.chance(0.5):
        w.heading(w.choice(["MICROSCOPIC DESCRIPTION", "Microscopic"]), size_delta=0)
        w.para(
            "Sections show an infiltrative neoplasm arranged in nests, cords and glands "
            "within a desmoplastic stroma. Tumor cells have moderate to marked nuclear "
            "pleomorphism. Mitotic figures are readily identified. The findings support the "
            "diagnosis above."
        )
    if sign:
        _sign(w)


def _history(w: Writer, spec: Specimen) -> None:
    case = w.case
    w.heading(
        w.choice(["CLINICAL HISTORY", "Clinical Information", "PRE-OPERATIVE DIAGNOSIS"]),
        size_delta=0,
    )
    if spec.role == "metastatic" and case.tumour == "breast":
        w.f_site()
        w.f_dx("year")
        text = (
            f"History of breast cancer diagnosed {case.dx_date.year}. New "
            f"{spec.organ_text.lower()} lesion on imaging; rule out metastasis."
        )
    elif case.tumour == "breast":
        text = w.choice(
            [
                f"{case.side_text.capitalize()} mass, BI-RADS 5.",
                "Suspicious mammographic calcifications."
                if case.histology == "8500/2"
                else "Palpable mass; imaging highly suspicious for malignancy.",
                f"Abnormal imaging of the {case.laterality} breast; rule out malignancy.",
            ]
        )
    else:
        text = w.choice(
            [
                f"{case.presentation.capitalize()}; mass on imaging.",
                f"Clinical: {case.presentation}. Rule out malignancy.",
            ]
        )
    w.para(text)


def write_addendum(w: Writer) -> None:
    spec = w.case.specimen(w.plan.ref or "S1")
    assert spec.ish
    _setup(w, w.plan.scan != "none")
    w.title = w.choice(
        [
            "ADDENDUM REPORT",
            "SURGICAL PATHOLOGY ADDENDUM",
            "ADDENDUM #1",
            "Pathology Report - Addendum",
        ]
    )
    w.heading(w.title, align="center", size_delta=2.5)
    pairs = []
    if not w.style.banner:
        pairs += [("Patient", f"{w.p.last}, {w.p.first}"), ("MRN", w.p.mrn), ("DOB", w.d(w.p.dob))]
    pairs += [
        ("Original accession", spec.accession),
        (w.choice(["Specimen collected", "Collected", "Procedure date"]), w.d(spec.date)),
        ("Original report", w.d(spec.reported)),
        (w.choice(["Addendum date", "Addendum signed", "Date of addendum"]), w.d(w.plan.date)),
    ]
    w.fields(pairs, columns=w.choice([1, 2]))
    w.f_dx("day")
    course = next(c for c in w.case.courses if c.id == spec.course)
    w.f_tx(course, start="day", drugs=shown_by_pathology(course))
    w.para(f"{spec.site_text}.", lead=w.choice(["Specimen:", "SPECIMEN:"]))
    w.f_site()
    w.f_laterality()
    w.heading(w.choice(["REASON FOR ADDENDUM", "Addendum"]), size_delta=0)
    w.para(
        w.choice(
            [
                "Reflex HER2 in situ hybridization for an equivocal (2+) "
                "immunohistochemistry result.",
                "HER2 ISH testing requested because HER2 IHC was 2+ (equivocal).",
            ]
        )
    )
    w.f_marker(spec, "HER2", ihc="2+")
    w.heading(
        w.choice(["HER2 IN SITU HYBRIDIZATION RESULTS", "RESULTS", "HER2 FISH"]), size_delta=0
    )
    if w.chance(0.45):
        ish = spec.ish
        w.f_marker(spec, "HER2", ish=ish["ish"], ratio=ish["ratio"], copy_number=ish["copy_number"])
        cep = round(ish["copy_number"] / ish["ratio"], 1)
        w.table(
            ["Parameter", "Result"],
            [
                ["Number of invasive tumor cells counted", str(w.choice([20, 40, 60]))],
                ["Average HER2 copy number per cell", str(ish["copy_number"])],
                ["Average CEP17 copy number per cell", str(cep)],
                ["HER2/CEP17 ratio", str(ish["ratio"])],
                ["ASCO/CAP ISH group", f"Group {ish['group']}"],
                ["Result", "AMPLIFIED" if ish["ish"] == "amplified" else "NOT AMPLIFIED"],
            ],
            widths=[0.6, 0.4],
        )
    else:
        w.lines(ish_lines(w, spec), indent=8)
    w.heading("INTERPRETATION", size_delta=0)
    if spec.ish["ish"] == "amplified":
        w.para(
            w.choice(
                [
                    "POSITIVE for HER2 gene amplification. Combined with IHC 2+, the tumor "
                    "is HER2-positive.",
                    "HER2 gene amplification is present (positive).",
                ]
            )
        )
    else:
        w.para(
            w.choice(
                [
                    "NEGATIVE for HER2 gene amplification. With IHC 2+, the result "
                    "corresponds to HER2-low.",
                    "No HER2 gene amplification detected.",
                ]
            )
        )
    w.para(
        "Method: PathVysion HER-2 DNA probe kit (dual-color FISH) on block A1. Scoring per "
        "ASCO/CAP 2018 guideline and 2023 update.",
        size=w.style.size - 1,
    )
    _sign(w)


def write_metbx(w: Writer) -> None:
    write_core(w, sign=False)
    spec = w.case.specimen(w.plan.ref or "S3")
    primary = w.case.specimen("S1")
    if w.case.tumour == "breast" and w.chance(0.7):
        bits = []
        for name in ("ER", "PR"):
            if name in primary.markers and name in spec.markers:
                status = primary.markers[name]["status"]
                w.f_marker(primary, name, status=status)
                bits.append(f"{name} {status}")
        if "HER2" in primary.markers:
            w.f_marker(
                primary,
                "HER2",
                ihc=primary.markers["HER2"]["ihc"],
                **(
                    {"ultralow": bool(primary.markers["HER2"].get("ultralow"))}
                    if primary.markers["HER2"]["ihc"] == "0"
                    else {}
                ),
            )
            bits.append(f"HER2 IHC {primary.markers['HER2']['ihc']}")
        w.heading("COMMENT", size_delta=0)
        w.f_dx("month")
        w.para(
            f"For comparison, the primary tumor ({primary.accession}, "
            f"{w.d(primary.date, 'month')}) was reported as "
            + ", ".join(bits)
            + ". Receptor discordance between primary and metastasis is well described; the "
            "present results reflect the metastatic disease."
        )
    _sign(w)


def write_resection(w: Writer) -> None:
    case = w.case
    spec = case.specimen(w.plan.ref or "S2")
    r: dict[str, Any] = spec.resection or {}
    _setup(w, w.plan.scan != "none")
    w.title = w.choice(
        [
            "SURGICAL PATHOLOGY REPORT",
            "PATHOLOGY REPORT - RESECTION",
            "Surgical Pathology Final Report",
        ]
    )
    w.heading(w.title, align="center", size_delta=2.5)
    _ids(w, spec)
    ev = next((e for e in case.stages if e.id == r.get("stage")), None)
    examined, positive = r.get("nodes", (0, 0))
    ypt0 = ev is not None and ev.T == "ypT0"
    w.heading(w.choice(["FINAL DIAGNOSIS", "DIAGNOSIS"]))
    lines = []
    side = _side(w)
    if case.tumour == "breast":
        w.f_site()
        w.f_laterality()
        what = r["text"].split(" with ")[0].split(" and ")[0]
        what = what.replace(f"{case.laterality} breast ", "").replace(f"{case.laterality} ", "")
        lines.append(f"A. {side} breast, {what}:")
        if ypt0:
            lines.append("- No residual invasive carcinoma or carcinoma in situ identified.")
            lines.append(
                "- Tumor bed with treatment effect (fibrosis and hemosiderin-laden "
                "macrophages), consistent with complete pathologic response."
            )
        elif case.histology == "8500/2":
            lines.append(f"- {histology_text(w)}, {grade_text(w)}, spanning {r['size']} cm.")
            lines.append(f"- Margins negative for DCIS; closest margin {r['margin']} mm.")
            lines.append("- No invasive carcinoma identified.")
        else:
            g = f", {grade_text(w)}" if case.grade else ""
            residual = "Residual " if r.get("yp") else ""
            lines.append(f"- {residual}{histology_text(w)}{g}, {r['size']} cm.")
            lines.append(f"- Margins negative for carcinoma (closest {r['margin']} mm).")
        if r.get("slnb") or r.get("alnd"):
            what = "Sentinel lymph nodes" if r.get("slnb") else "Axillary lymph nodes"
            lines.append(f"B. {what}, {case.laterality} axilla, excision:")
            word = {1: "One", 2: "Two", 3: "Three", 4: "Four"}.get(examined, str(examined))
            if positive == 0:
                lines.append(
                    w.choice(
                        [
                            f"- {word} lymph nodes, negative for carcinoma (0/{examined}).",
                            f"- Negative for carcinoma in {examined} sentinel nodes (0/{examined})."
                            if r.get("slnb")
                            else f"- {examined} lymph nodes, all negative (0/{examined}).",
                        ]
                    )
                )
            elif r.get("micromet"):
                lines.append(
                    f"- Micrometastatic carcinoma in 1 of {examined} lymph nodes "
                    "(0.6 mm); no extranodal extension."
                )
            else:
                lines.append(
                    f"- Metastatic carcinoma in {positive} of {examined} lymph nodes "
                    f"(largest deposit {w.rng.randint(3, 14)} mm)."
                )
    else:
        w.f_site()
        if case.laterality:
            w.f_laterality()
        lines.append(f"{spec.site_text}:")
        g = f", {grade_text(w)}" if case.grade else ""
        if ev and ev.T and ev.T.startswith("yp"):
            lines.append(f"- Residual {hist(w).lower()}{g}, with chemotherapy response score 2.")
        else:
            lines.append(f"- {hist(w)}{g}, {r['size']} cm.")
        lines.append(f"- Margins negative (closest {r['margin']} mm).")
        lines.append(
            f"- Lymph nodes: {positive} of {examined} positive for metastatic "
            f"{'melanoma' if case.tumour == 'melanoma' else 'carcinoma'}."
        )
    w.lines(lines, indent=8)
    _synoptic(w, spec, r, ev, ypt0)
    if spec.markers:
        _marker_block(w, spec)
    elif case.tumour == "breast" and not ypt0:
        w.para(
            w.choice(
                [
                    f"Breast biomarkers were performed on the prior core biopsy "
                    f"({case.primary.accession}); please refer to that report.",
                    "ER, PR and HER2 results: see core biopsy report.",
                ]
            )
        )
    if spec.mmr and "MSI" not in spec.markers:
        _mmr(w, spec)
    w.heading(w.choice(["GROSS DESCRIPTION", "Gross"]), size_delta=0)
    w.para(
        f'Received fresh and labeled "{spec.site_text}" is an oriented specimen. The '
        "specimen is inked, serially sectioned and representative sections are submitted "
        f"in cassettes A1-A{w.rng.randint(8, 24)}."
    )
    _sign(w)


def _synoptic(w: Writer, spec: Specimen, r: dict[str, Any], ev: Any, ypt0: bool) -> None:
    case = w.case
    examined, positive = r.get("nodes", (0, 0))
    w.heading(
        w.choice(
            ["SYNOPTIC REPORT", "CANCER CASE SUMMARY (CAP)", "Synoptic Summary", "TUMOR SUMMARY"]
        ),
        underline=w.chance(0.4),
    )
    pairs: list[tuple[str, str]] = []
    if case.tumour == "breast":
        proc = {
            "lumpectomy": "Excision (less than total mastectomy)",
            "mastectomy": "Total mastectomy",
        }[spec.procedure]
        pairs.append(("Procedure", proc))
        pairs.append(("Specimen Laterality", _side(w)))
        pairs.append(("Tumor Site", case.side_text.split(", ")[-1].capitalize()))
        if ypt0:
            pairs.append(("Histologic Type", "No residual invasive carcinoma"))
            pairs.append(
                (
                    "Treatment Effect",
                    w.choice(
                        [
                            "Complete response; no residual invasive carcinoma (RCB-0)",
                            "Pathologic complete response (residual cancer burden class 0)",
                        ]
                    ),
                )
            )
        else:
            pairs.append(("Histologic Type", histology_text(w)))
            if case.grade:
                label = (
                    "Nuclear Grade"
                    if case.histology == "8500/2"
                    else w.choice(
                        ["Histologic Grade (Nottingham)", "Histologic Grade", "Overall Grade"]
                    )
                )
                pairs.append(
                    (label, grade_text(w, "nottingham" if "Nottingham" in label else None))
                )
            pairs.append(("Tumor Size", f"{r['size']} cm (greatest dimension)"))
            if r.get("yp"):
                pairs.append(
                    ("Treatment Effect", "Partial response; residual cancer burden class II")
                )
        pairs.append(
            (
                "Lymphovascular Invasion",
                "Present"
                if r.get("lvi")
                else w.choice(["Not identified", "Not identified", "Absent"]),
            )
        )
        pairs.append(
            (
                "Margins",
                w.choice(
                    [
                        f"Negative; closest margin {r['margin']} mm",
                        f"All margins negative (closest {r['margin']} mm)",
                    ]
                ),
            )
        )
        if r.get("slnb") or r.get("alnd"):
            pairs.append(("Lymph Nodes Examined", str(examined)))
            pairs.append(
                ("Lymph Nodes with Macrometastases", "0" if r.get("micromet") else str(positive))
            )
            if r.get("micromet"):
                pairs.append(("Lymph Nodes with Micrometastases", "1"))
    else:
        pairs.append(("Procedure", r["text"][0].upper() + r["text"][1:]))
        if case.laterality:
            pairs.append(("Specimen Laterality", _side(w)))
        pairs.append(("Histologic Type", hist(w)))
        if case.grade:
            pairs.append(("Histologic Grade", grade_text(w)))
        pairs.append(("Tumor Size", f"{r['size']} cm"))
        pairs.extend((x.split(": ")[0], x.split(": ")[1]) for x in spec.extra if ": " in x)
        pairs.append(("Lymphovascular Invasion", "Present" if r.get("lvi") else "Not identified"))
        pairs.append(("Regional Lymph Nodes", f"{positive} involved / {examined} examined"))
    if ev is not None and (ev.T or ev.N):
        w.f_stage(ev, ("T", "N") + (("group",) if ev.system == "FIGO" and ev.group else ()))
        form = w.rng.randrange(3)
        if form == 0:
            pairs.append(("Pathologic Stage (pTNM, AJCC 8th ed.)", f"{ev.T} {ev.N}"))
        elif form == 1:
            pairs.append(
                ("Primary Tumor (pT)" if not ev.T.startswith("yp") else "Primary Tumor (ypT)", ev.T)
            )
            pairs.append(
                (
                    "Regional Lymph Nodes (pN)"
                    if not ev.N.startswith("yp")
                    else "Regional Lymph Nodes (ypN)",
                    ev.N,
                )
            )
            pairs.append(("Distant Metastasis (pM)", "Not applicable"))
        else:
            pairs.append(("TNM Descriptors", f"{ev.T}, {ev.N}"))
        if ev.system == "FIGO" and ev.group:
            pairs.append(("FIGO Stage", ev.group))
    w.fields(pairs, key_width=w.choice([None, 190]))
