"""Clinical notes: consultations, follow-up notes, two-column letters, discharge summaries.

Notes are written from the case as it stood on the note's date: the history says what had
happened by then (recording those facts), the plan says what was intended next (recording
nothing, since plans are not treatments).
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence

from . import layout as L
from .base import (
    SETTING_WORD,
    Writer,
    grade_text,
    join_and,
    on_in,
    receptor_summary,
    regimen_name,
    stage_phrase,
    variant_text,
)
from .case import Course, GeneTest, Specimen, StageEvent
from .dates import age_on, plus
from .names import HOSPITALS
from .styles import letterhead
from .vocab import HISTOLOGY_TEXT

SHORT_HIST = {
    "8500/3": [
        "invasive ductal carcinoma",
        "IDC",
        "invasive ductal carcinoma",
        "invasive carcinoma of no special type",
    ],
    "8520/3": ["invasive lobular carcinoma", "ILC"],
    "8522/3": ["mixed ductal and lobular carcinoma", "invasive ductal and lobular carcinoma"],
    "8500/2": ["ductal carcinoma in situ", "DCIS"],
    "8480/3": ["mucinous carcinoma"],
    "8211/3": ["tubular carcinoma"],
    "8575/3": ["metaplastic carcinoma"],
}
OTHER_SHORT = {
    ("lung", "8140/3"): ["adenocarcinoma"],
    ("lung", "8070/3"): ["squamous cell carcinoma"],
    ("colorectal", "8140/3"): ["adenocarcinoma"],
    ("colorectal", "8480/3"): ["mucinous adenocarcinoma"],
    ("ovary", "8461/3"): ["high-grade serous carcinoma"],
    ("melanoma", "8720/3"): ["melanoma", "malignant melanoma"],
    ("melanoma", "8743/3"): ["superficial spreading melanoma"],
    ("pancreas", "8140/3"): ["adenocarcinoma"],
    ("prostate", "8140/3"): ["adenocarcinoma"],
}


# ------------------------------------------------------------------ phrases
def hist_short(w: Writer) -> str:
    w.f_histology()
    key = (w.case.tumour, w.case.histology)
    if key in OTHER_SHORT:
        return w.choice(OTHER_SHORT[key])
    return w.choice(SHORT_HIST.get(w.case.histology, HISTOLOGY_TEXT[w.case.histology]))


def dx_phrase(w: Writer, histology: bool = True) -> str:
    """The diagnosis in a clinician's words (records site, laterality, histology)."""
    c = w.case
    w.f_site()
    side = c.laterality
    if side and (c.tumour != "ovary" or w.chance(0.5)):
        w.f_laterality()
    else:
        side = None
    if c.tumour == "breast":
        if not histology:
            return w.choice([f"{side} breast cancer", f"{side}-sided breast cancer"])
        h = hist_short(w)
        return w.choice([f"{side} breast {h}", f"{h} of the {side} breast"])
    if c.tumour == "lung":
        lobe = c.side_text.replace(" of the lung", "")
        if not histology:
            return f"non-small cell lung cancer of the {lobe}"
        return w.choice(
            [
                f"{lobe} lung {hist_short(w)}",
                f"non-small cell lung cancer ({hist_short(w)}) of the {lobe}",
            ]
        )
    if c.tumour == "colorectal":
        where = c.side_text
        if not histology:
            return "rectal cancer" if c.organ == "rectum" else f"{where} cancer"
        return w.choice([f"{hist_short(w)} of the {where}", f"{where} {hist_short(w)}"])
    if c.tumour == "ovary":
        h = hist_short(w) if histology else "carcinoma"
        prefix = f"{side} " if side else ""
        return w.choice([f"{prefix}ovarian {h}", f"{h} of the {side + ' ' if side else ''}ovary"])
    if c.tumour == "melanoma":
        h = hist_short(w) if histology else "melanoma"
        return f"{h} of the {c.side_text.replace('skin of the ', '')}"
    if c.tumour == "pancreas":
        h = hist_short(w) if histology else "cancer"
        return w.choice([f"pancreatic {h}", f"{h} of the {c.side_text}"])
    h = hist_short(w) if histology else "cancer"
    return w.choice([f"prostate {h}", f"{h} of the prostate"])


def known(w: Writer, spec: Specimen) -> bool:
    return spec.reported <= w.plan.date


def receptor_spec(w: Writer) -> Specimen | None:
    """The newest reported specimen with breast receptors (what a note summarises)."""
    specs = [
        s
        for s in w.case.specimens
        if known(w, s)
        and (
            "HER2" in s.markers
            or ("ER" in s.markers and "PR" in s.markers)
            or (s.role == "primary" and "ER" in s.markers and s.resection is None)
        )
    ]
    return max(specs, key=lambda s: s.date) if specs else None


def latest_stage(w: Writer) -> StageEvent | None:
    evs = [e for e in w.case.stages if e.date <= w.plan.date]
    return max(evs, key=lambda e: e.date) if evs else None


def mets_known(w: Writer) -> list:
    seen, out = set(), []
    for m in w.case.mets:
        if m.date <= w.plan.date and m.site not in seen:
            seen.add(m.site)
            out.append(m)
    return out


def tx_sentence(w: Writer, courses: Sequence[Course]) -> str:
    """One sentence about courses that started together (records them)."""
    first = courses[0]
    he = w.p.she.capitalize()
    if len(courses) == 1 and first.category in ("surgery", "radiation"):
        from .base import course_sentence

        return course_sentence(w, first)
    day = w.plan.date
    precision = w.choice(["day", "day", "month", "month", None])
    ends = {c.end for c in courses}
    ended = all(c.end is not None and c.end <= day for c in courses) and len(ends) == 1
    end_prec = w.choice(["day", "month", None]) if ended else None
    setting = first.setting if all(c.setting == first.setting for c in courses) else None
    say_setting = setting is not None and w.chance(0.75)
    for c in courses:
        w.f_tx(c, start=precision, end=end_prec, setting=say_setting)
    names = join_and([regimen_name(w, c) for c in courses])
    detail = f" {first.detail}" if len(courses) == 1 and first.detail and w.chance(0.5) else ""
    if say_setting and setting == "metastatic":
        line = first.line or "first-line"
        verb = "started" if precision else "has been on"
        core = w.choice(
            [
                f"{he} {verb} {names}{detail} as {line} therapy for metastatic disease",
                f"{he} {verb} {line} {names}{detail} in the metastatic setting",
            ]
        )
    elif say_setting:
        adj = w.choice(SETTING_WORD[setting])  # type: ignore[index]
        verb = "received" if ended or not precision else "started"
        core = f"{he} {verb} {adj} {names}{detail}"
    else:
        verb = "received" if ended else "started" if precision else "is receiving"
        core = f"{he} {verb} {names}{detail}"
    if precision and end_prec:
        return f"{core} from {w.d(first.start, precision)} to {w.d(first.end, end_prec)}."  # type: ignore[arg-type]
    if precision:
        return f"{core} {on_in(precision)} {w.d(first.start, precision)}."
    if end_prec:
        return f"{core}, completed {on_in(end_prec)} {w.d(first.end, end_prec)}."  # type: ignore[arg-type]
    return f"{core}."


def series_sentence(w: Writer, courses: Sequence[Course]) -> str | None:
    """Sequential regimens written as one (AC-T, KEYNOTE-522, paclitaxel + trastuzumab)."""
    series = courses[0].series
    day = w.plan.date
    he = w.p.she.capitalize()
    if any(c.start > day for c in courses):
        return None
    setting = courses[0].setting
    adj = w.choice(SETTING_WORD.get(setting, [""])) if setting else ""  # type: ignore[arg-type]
    if series in ("AC-T", "ddAC-T") and len(courses) == 2:
        ac, t = courses
        done = t.end is not None and t.end <= day
        if done and w.chance(0.4):
            for c in courses:
                w.f_tx(c, start=None, setting=True)
            return f"{he} completed {adj} {series}."
        if not done:
            return None
        for c in courses:
            w.f_tx(c, start="day", end="day", setting=True)
        label = "dose-dense AC" if series == "ddAC-T" else "AC"
        return (
            f"{he} received {adj} {label} (doxorubicin/cyclophosphamide) x 4 from "
            f"{w.d(ac.start)} to {w.d(ac.end)}, followed by paclitaxel ({t.detail}) "  # type: ignore[arg-type]
            f"from {w.d(t.start)} to {w.d(t.end)}."
        )  # type: ignore[arg-type]
    if series == "KN522" and len(courses) == 3:
        pembro, cp, ac = courses
        if ac.end is None or ac.end > day:
            return None
        w.f_tx(pembro, start="day", setting=True)
        w.f_tx(cp, start="day", end="day", setting=True)
        w.f_tx(ac, start="day", end="day", setting=True)
        return (
            f"{he} started {adj} pembrolizumab on {w.d(pembro.start)} (KEYNOTE-522 "
            f"regimen), given with weekly carboplatin and paclitaxel from {w.d(cp.start)} "
            f"to {w.d(cp.end)} and then with doxorubicin/cyclophosphamide (AC) from "  # type: ignore[arg-type]
            f"{w.d(ac.start)} to {w.d(ac.end)}; pembrolizumab continued throughout."
        )  # type: ignore[arg-type]
    if series == "TH" and len(courses) == 2:
        t, h = courses
        if t.end is None or t.end > day:
            return None
        w.f_tx(t, start="day", end="day", setting=True)
        brand = w.choice(["trastuzumab", "trastuzumab (Herceptin)", "Herceptin"])
        if h.end is not None and h.end <= day:
            w.f_tx(h, start="day", end="day", setting=True)
            rest = f"{brand.split(' ')[0]} was completed on {w.d(h.end)} (one year)."
        else:
            w.f_tx(h, start="day", setting=True)
            rest = f"{brand.split(' ')[0]} continues every 3 weeks to complete one year."
        return (
            f"{he} received {adj} weekly paclitaxel x 12 with {brand} from "
            f"{w.d(t.start)}; paclitaxel was completed on {w.d(t.end)} and " + rest  # type: ignore[arg-type]
        )
    return None


def specimen_sentence(w: Writer, spec: Specimen) -> str:
    c = w.case
    he = w.p.she.capitalize()
    course = next((x for x in c.courses if x.id == spec.course), None)
    precision = w.choice(["day", "day", "month"])
    when = w.d(spec.date, precision)
    at = on_in(precision)
    if spec.resection:
        r = spec.resection
        if course:
            w.f_tx(course, start=precision)
        ev = next((e for e in c.stages if e.id == r.get("stage")), None)
        text = f"{he} underwent {r['text']} {at} {when}."
        if ev and ev.T == "ypT0":
            w.f_stage(ev, ("T", "N"))
            return text + w.choice(
                [
                    f" Surgical pathology showed a pathologic complete response ({ev.T} {ev.N}), "
                    f"with 0/{r['nodes'][0]} nodes involved.",
                    f" Final pathology: no residual invasive carcinoma, {ev.T} {ev.N} (pCR).",
                ]
            )
        bits = []
        if c.tumour == "breast" or w.chance(0.7):
            h = hist_short(w)
            g = ""
            if c.grade and w.chance(0.6):
                g = f", {grade_text(w, 'overall') if c.tumour == 'breast' else grade_text(w)}"
            bits.append(f"residual {h}{g}" if r.get("yp") else f"{h}{g}")
        bits.append(f"{r['size']} cm")
        bits.append(f"{r['nodes'][1]}/{r['nodes'][0]} lymph nodes involved")
        if ev:
            if ev.group and w.chance(0.6):
                stage = stage_phrase(w, ev)
            else:
                w.f_stage(ev, ("T", "N"))
                stage = f"{ev.T} {ev.N}"
            bits.append(stage)
        return text + " Pathology showed " + ", ".join(bits) + "."
    if spec.role == "metastatic":
        if course:
            w.f_tx(course, start=precision)
        if spec.id == "S1":
            w.f_dx(precision)
        w.f_met_site(spec)
        organ = spec.organ_text.lower() if spec.organ_text else spec.met_site
        if c.tumour == "breast":
            w.f_site()
            rec = receptor_summary(w, spec) if known(w, spec) else "receptors pending"
            return (
                f"Biopsy of the {organ} {at} {when} confirmed metastatic breast carcinoma: {rec}."
            )
        return (
            f"{(course.text if course else 'Biopsy').capitalize()} {at} {when} showed "
            f"metastatic {hist_short(w)}."
        )
    # diagnostic biopsy
    if course:
        w.f_tx(course, start=precision)
    w.f_dx(precision)
    proc = course.text if course else "biopsy"
    if c.tumour == "breast":
        proc = w.choice(
            [
                "core needle biopsy",
                f"{c.laterality} breast core needle biopsy",
                "ultrasound-guided core biopsy",
            ]
        )
    dx = dx_phrase(w)
    g = ""
    if c.grade and w.chance(0.6):
        g = f", {grade_text(w)}"
    text = f"{proc[0].upper() + proc[1:]} {at} {when} showed {dx}{g}."
    if c.tumour == "breast" and known(w, spec) and spec.markers and w.chance(0.85):
        text += f" Receptors: {receptor_summary(w, spec, with_ki67=w.chance(0.4))}."
    return text


def test_sentence(w: Writer, test: GeneTest) -> str:
    he = w.p.she.capitalize()
    if test.kind == "germline":
        if test.variants:
            v = test.variants[0]
            if w.chance(0.6):
                form = w.choice(["cdna", "both", "protein"])
                text, value = variant_text(v, form)
                w.fact(
                    "marker",
                    v.gene,
                    test.id,
                    test.date.isoformat(),
                    status="pathogenic",
                    origin="germline",
                    **value,
                )
                s = (
                    f"Germline genetic testing ({test.lab}) identified a pathogenic {v.gene} "
                    f"variant, {text}."
                )
            else:
                w.fact(
                    "marker",
                    v.gene,
                    test.id,
                    test.date.isoformat(),
                    status="pathogenic",
                    origin="germline",
                )
                s = f"{he} carries a germline pathogenic {v.gene} mutation."
            return s
        if w.chance(0.6):
            for g in test.negatives:
                w.fact(
                    "marker",
                    g,
                    test.id,
                    test.date.isoformat(),
                    status="negative",
                    origin="germline",
                )
            return f"Germline testing for {join_and(test.negatives)} was negative."
        return w.choice(
            [
                "Germline genetic testing was negative.",
                "Hereditary cancer panel testing showed no pathogenic variants.",
            ]
        )
    bits = []
    for v in test.variants:
        if v.status != "pathogenic":
            continue
        text, value = variant_text(v, w.choice(["bare", "bare", "protein", "cdna"]))
        w.fact(
            "marker",
            v.gene,
            test.id,
            test.date.isoformat(),
            status="pathogenic",
            origin="somatic",
            **value,
        )
        if v.fusion:
            bits.append(f"an {text}" if text[0] in "AEIOU" else f"a {text}")
        else:
            bits.append(
                f"{v.gene} {text}" + (f" (VAF {v.vaf:g}%)" if v.vaf and w.chance(0.4) else "")
            )
    text = f"Tumor next-generation sequencing ({test.lab}) showed " + (
        join_and(bits) if bits else "no actionable alterations"
    )
    key_neg = [g for g in test.negatives if g in ("EGFR", "ALK", "ROS1", "KRAS", "NRAS", "BRAF")]
    if key_neg and w.chance(0.7):
        for g in key_neg:
            w.fact("marker", g, test.id, test.date.isoformat(), status="negative", origin="somatic")
        text += f"; no alterations in {join_and(key_neg)}"
    if test.msi and w.chance(0.5):
        w.fact("marker", "MSI", test.id, test.date.isoformat(), status=test.msi)
        text += ", MSI-high" if test.msi == "high" else ", microsatellite stable"
    return text + "."


def exam_name(modality: str) -> str:
    m = modality.upper()
    for key, name in (
        ("PET", "PET/CT"),
        ("MRI BRAIN", "MRI of the brain"),
        ("BONE SCAN", "bone scan"),
        ("CT CHEST", "CT chest/abdomen/pelvis"),
        ("CT ABDOMEN", "CT abdomen/pelvis"),
        ("MAMMO", "diagnostic mammogram"),
    ):
        if key in m:
            return name
    return "imaging"


def imaging_sentence(w: Writer, img) -> str:
    precision = w.choice(["day", "month"])
    when = w.d(img.date, precision)
    name = exam_name(img.modality)
    if img.mets:
        for m in img.mets:
            w.f_met(m)
        organs = join_and([m.organ for m in img.mets])
        return w.choice(
            [
                f"{name[0].upper() + name[1:]} ({when}) showed metastases to the {organs}.",
                f"{name[0].upper() + name[1:]} {on_in(precision)} {when} demonstrated "
                f"metastatic disease in the {organs}.",
            ]
        )
    return w.choice(
        [
            f"Staging {name} ({when}) showed no evidence of metastatic disease.",
            f"{name[0].upper() + name[1:]} {on_in(precision)} {when}: no distant metastases.",
        ]
    )


def history_items(w: Writer) -> list[tuple[dt.date, str]]:
    c, day = w.case, w.plan.date
    he = w.p.she.capitalize()
    items: list[tuple[dt.date, str]] = []
    start = c.imaging[0].date if c.imaging else c.dx_date
    items.append(
        (
            plus(min(start, c.dx_date), -1),
            f"{he} presented in {w.d(min(start, c.dx_date), 'month')} with {c.presentation}.",
        )
    )
    covered: set[str] = set()
    for spec in c.specimens:
        if spec.date <= day and spec.reported <= day:
            items.append((spec.date, specimen_sentence(w, spec)))
            if spec.course:
                covered.add(spec.course)
    for img in c.imaging:
        if (
            img.date <= day
            and img.date >= c.dx_date - dt.timedelta(days=20)
            and (img.mets or "staging" in img.indication.lower())
        ) and (img.mets or w.chance(0.6)):
            items.append((img.date, imaging_sentence(w, img)))
    for test in c.tests:
        if test.date <= day:
            items.append((test.date, test_sentence(w, test)))
    for ev in c.stages:
        if ev.date <= day and ev.basis in ("clinical", "restage") and w.chance(0.7):
            if ev.basis == "restage":
                w.f_stage(ev)
                items.append(
                    (
                        ev.date,
                        w.choice(
                            [
                                f"This represents recurrent, now stage {ev.group} ({ev.M}) "
                                "disease.",
                                f"Restaged as stage {ev.group} ({ev.M}).",
                            ]
                        ),
                    )
                )
            else:
                items.append((ev.date, f"Clinical staging: {stage_phrase(w, ev)}."))
    groups: dict[tuple, list[Course]] = {}
    series: dict[str, list[Course]] = {}
    for course in c.courses:
        if course.id in covered or not course.given or course.start > day:
            continue
        if course.series:
            series.setdefault(course.series, []).append(course)
            continue
        key = (
            course.start,
            course.setting,
            course.line,
            course.category in ("surgery", "radiation"),
            course.id if course.category in ("surgery", "radiation") else "",
        )
        groups.setdefault(key, []).append(course)
    for courses in series.values():
        sentence = series_sentence(w, courses)
        if sentence:
            items.append((courses[0].start, sentence))
        else:
            for course in courses:
                if course.start <= day:
                    items.append((course.start, tx_sentence(w, [course])))
    for courses in groups.values():
        items.append((courses[0].start, tx_sentence(w, courses)))
    items.sort(key=lambda item: item[0])
    return items


def assessment_line(w: Writer) -> str:
    c = w.case
    age = age_on(w.p.dob, w.plan.date)
    meno = f"{c.menopause} " if c.menopause and w.chance(0.5) else ""
    text = f"{age}-year-old {meno}{w.p.woman} with "
    ev = latest_stage(w)
    mets = mets_known(w)
    if ev and w.chance(0.85):
        text += stage_phrase(w, ev) + " "
    text += dx_phrase(w)
    if mets:
        for m in mets:
            w.f_met(m)
        text += ", metastatic to the " + join_and([m.organ for m in mets])
    spec = receptor_spec(w) if c.tumour == "breast" else None
    if spec is not None:
        text += ", " + receptor_summary(w, spec)
    return text + "."


def plan_items(w: Writer) -> list[str]:
    c, day = w.case, w.plan.date
    items = []
    current = [
        x
        for x in c.courses
        if x.given
        and x.start <= day
        and (x.end is None or x.end > day)
        and x.category not in ("surgery",)
    ]
    if current and w.chance(0.85):
        for x in current:
            w.f_tx(x, start=None)
        names = join_and([x.drugs[0] if len(x.drugs) == 1 else regimen_name(w, x) for x in current])
        options = [f"Continue {names}.", f"Continue current therapy ({names}); tolerating well."]
        if all(x.category == "chemotherapy" for x in current):
            options.append(f"Proceed with next cycle of {names}.")
        items.append(w.choice(options))
    upcoming = [x for x in c.courses if x.given and day < x.start <= plus(day, 150)]
    upcoming.sort(key=lambda x: x.start)
    for x in upcoming[:2]:
        names = regimen_name(w, x) if x.category != "surgery" else x.text
        if x.category == "surgery":
            items.append(w.choice([f"Plan {names}.", f"Referred to surgery for {names}."]))
        elif x.category == "radiation":
            target = f" {x.text}" if x.text else ""
            items.append(
                w.choice(
                    [
                        f"Refer to radiation oncology for radiation{target}.",
                        f"Radiation oncology referral: radiation therapy{target} to be planned.",
                    ]
                )
            )
        else:
            when = w.choice([f"on {w.d(x.start)}", "in the coming weeks", "next"])
            items.append(
                w.choice(
                    [
                        f"Plan to start {names} {when}.",
                        f"Will begin {names} {when}, pending insurance approval.",
                    ]
                )
            )
    for aside in c.asides:
        if aside.date <= day <= aside.until:
            items.append(aside.text)
    items.append(
        w.choice(
            [
                "Labs today reviewed: CBC and CMP within normal limits.",
                "Check CBC with differential and CMP before next visit.",
                "Continue calcium and vitamin D; encourage regular exercise.",
                "Port flushes every 6 weeks.",
            ]
        )
    )
    items.append(
        w.choice(
            [
                f"Return to clinic in {w.rng.randint(2, 12)} weeks.",
                "Follow up after restaging scans.",
                "RTC 3 weeks with labs.",
            ]
        )
    )
    return items


def _labs(w: Writer) -> None:
    r = w.rng
    rows = [
        ["WBC", f"{r.randint(35, 95) / 10}", "4.0-11.0 x10^3/uL"],
        ["Hemoglobin", f"{r.randint(102, 145) / 10}", "12.0-16.0 g/dL"],
        ["Platelets", str(r.randint(150, 380)), "150-400 x10^3/uL"],
        ["Creatinine", f"{r.randint(6, 11) / 10}", "0.5-1.1 mg/dL"],
        ["AST / ALT", f"{r.randint(14, 40)} / {r.randint(12, 45)}", "10-40 / 7-56 U/L"],
        ["Alkaline phosphatase", str(r.randint(50, 140)), "44-147 U/L"],
    ]
    w.heading(w.choice(["LABORATORY DATA", "Labs (today)", "DATA REVIEWED - LABS"]), size_delta=0)
    w.table(["Test", "Result", "Reference"], rows, widths=[0.4, 0.25, 0.35], ruled=w.chance(0.4))


DISCUSSION = [
    "We reviewed the pathology and imaging together in detail, including what the receptor "
    "results mean for treatment. We discussed the goals of therapy, expected side effects "
    "(fatigue, nausea, hair loss, neuropathy, infection risk) and the importance of "
    "reporting fever promptly. Written information was provided and all questions were "
    "answered. The patient was encouraged to bring a family member to the next visit.",
    "I explained the difference between local therapy (surgery, radiation) and systemic "
    "therapy and how staging guides the choice. We talked about clinical trial options in "
    "general terms; none is open at our center for this situation at present. Supportive "
    "care, nutrition, exercise and social work resources were offered.",
    "Time was spent reviewing the natural history of the disease and the evidence behind "
    "each option. Fertility, bone health and cardiac monitoring were discussed where "
    "relevant. The patient verbalized understanding and agrees with the plan below.",
]


# ------------------------------------------------------------------- writers
def _note_style(w: Writer, department: str) -> None:
    address = dict(HOSPITALS).get(w.case.hospital, "")
    w.style = letterhead(w, w.case.hospital, department, address, w.plan.scan != "none")


def _visit_fields(w: Writer, visit: str) -> None:
    date_label = w.choice(
        ["Date of Service", "Visit Date", "Date of Visit", "Encounter Date", "DOS"]
    )
    pairs = []
    if not w.style.banner:
        pairs += [("Patient", f"{w.p.first} {w.p.last}"), ("MRN", w.p.mrn), ("DOB", w.d(w.p.dob))]
    pairs += [
        (date_label, w.d(w.plan.date)),
        ("Provider", w.case.oncologist),
        ("Visit type", visit),
    ]
    if w.chance(0.5):
        pairs.append(("Referring", w.case.pcp))
    w.fields(pairs, columns=w.choice([1, 2, 2]))


def _section(w: Writer, title: str, text: str | Sequence[str], inline: bool = False) -> None:
    caps = w.plan.variant % 3
    title = title.upper() if caps != 1 else title.title()
    if isinstance(text, str):
        if inline:
            w.para(text, lead=title + ":")
        else:
            w.heading(title, size_delta=0, underline=caps == 2)
            w.para(text)
    else:
        w.heading(title, size_delta=0, underline=caps == 2)
        w.lines(list(text), indent=8)


def _exam(w: Writer) -> str:
    c = w.case
    vitals = (
        f"BP {w.rng.randint(104, 148)}/{w.rng.randint(62, 92)}, HR {w.rng.randint(60, 96)}"
        f", T {w.rng.choice(['36.6', '36.8', '37.0'])} C, SpO2 {w.rng.randint(94, 99)}%, "
        f"weight {w.rng.randint(52, 104)} kg."
    )
    operated = any(
        x.category == "surgery"
        and x.start <= w.plan.date
        and x.drugs[0] not in ("core needle biopsy",)
        for x in c.courses
    )
    breast = (
        [
            "well-healed incision, no masses or skin changes.",
            "post-surgical changes, no nodularity.",
        ]
        if operated
        else [
            "firm mass palpable as described; no skin involvement. Axilla without adenopathy.",
            "palpable irregular mass, mobile, non-tender; no nipple retraction.",
        ]
    )
    region = {
        "breast": "Breast: " + w.choice(breast),
        "lung": "Lungs: decreased breath sounds at the base, no wheeze.",
        "colorectal": "Abdomen: soft, non-tender, no hepatomegaly.",
        "ovary": "Abdomen: mildly distended, healing midline incision.",
        "melanoma": "Skin: healed excision scar, no in-transit lesions; no palpable nodes.",
        "pancreas": "Abdomen: well-healed incision, mild epigastric tenderness.",
        "prostate": "GU: deferred. Back: mild tenderness over the lumbar spine.",
    }[c.tumour]
    ecog = w.rng.choice([0, 0, 1, 1, 2])
    return f"{vitals} ECOG performance status {ecog}. General: no acute distress. {region}"


def write_consult(w: Writer) -> None:
    c = w.case
    first = w.plan.ref == "first"
    _note_style(
        w,
        w.choice(
            [
                "Division of Medical Oncology",
                "Cancer Center - Medical Oncology",
                "Hematology/Oncology Clinic",
            ]
        ),
    )
    w.title = w.choice(
        [
            "MEDICAL ONCOLOGY CONSULTATION",
            "Hematology/Oncology New Patient Visit",
            "ONCOLOGY CONSULT NOTE",
            "Outpatient Consultation - Medical Oncology",
        ]
    )
    if w.plan.ref == "recurrence":
        w.title = w.choice(
            [
                "ONCOLOGY CONSULT NOTE - RECURRENCE",
                "MEDICAL ONCOLOGY VISIT",
                "Return Visit - Medical Oncology (new findings)",
            ]
        )
    elif not first:
        w.title = w.choice(
            [
                "MEDICAL ONCOLOGY CONSULTATION",
                "Postoperative Oncology Consult",
                "Return Visit - Medical Oncology",
            ]
        )
    w.heading(w.title, align=w.choice(["center", "left"]), size_delta=2)
    _visit_fields(w, "New patient" if first else "Established, extended visit")
    reason = (
        f"newly diagnosed {dx_phrase(w, histology=False)}"
        if first
        else f"management of {dx_phrase(w, histology=False)}"
    )
    _section(
        w,
        w.choice(["Reason for consultation", "Chief complaint", "Reason for visit"]),
        reason[0].upper() + reason[1:] + ".",
        inline=w.chance(0.5),
    )
    items = history_items(w)
    if w.chance(0.65):
        _section(
            w, w.choice(["History of present illness", "HPI"]), " ".join(text for _, text in items)
        )
    else:
        _section(
            w,
            w.choice(["Oncologic history", "Oncology history (timeline)"]),
            [f"- {text}" for _, text in items],
        )
    _section(w, "Past medical history", [f"- {x}" for x in c.pmh] or ["None."])
    meds = list(c.meds)
    current = [
        x
        for x in c.courses
        if x.given
        and x.start <= w.plan.date
        and x.end is None
        and x.category in ("endocrine therapy", "targeted therapy")
    ]
    for x in current:
        w.f_tx(x, start=None)
        from .vocab import DOSE

        meds.append(f"{x.drugs[0]} {DOSE.get(x.drugs[0], '')}".strip())
    _section(w, "Medications", [f"- {m}" for m in meds] or ["None."])
    _section(w, "Allergies", c.allergies, inline=True)
    _section(w, "Family history", [f"- {x}" for x in c.family])
    _section(w, "Social history", c.social, inline=True)
    if w.chance(0.6):
        _section(
            w,
            "Review of systems",
            w.choice(
                [
                    "Negative except as noted in the HPI. No fevers, night sweats, bone pain, "
                    "headaches "
                    "or new neurologic symptoms.",
                    "Mild fatigue. Denies chest pain, shortness of breath, abdominal pain or focal "
                    "weakness. All other systems reviewed and negative.",
                ]
            ),
        )
    _section(w, "Physical examination", _exam(w))
    if w.chance(0.55):
        _labs(w)
    if w.chance(0.5):
        _section(w, w.choice(["Discussion", "Counseling"]), w.choice(DISCUSSION))
    _section(
        w,
        w.choice(["Assessment and plan", "Assessment & Plan", "Impression and recommendations"]),
        [assessment_line(w)] + [f"{i}. {t}" for i, t in enumerate(plan_items(w), 1)],
    )
    w.gap(8)
    w.para(
        f"{c.oncologist}, Medical Oncology. Electronically signed {w.d(w.plan.date)}.", italic=True
    )
    if w.chance(0.3):
        w.para(
            "Greater than 50% of this 60-minute visit was spent in counseling and "
            "coordination of care.",
            italic=True,
            size=w.style.size - 1,
        )


def write_followup(w: Writer) -> None:
    c = w.case
    _note_style(w, w.choice(["Medical Oncology Clinic", "Cancer Center", "Oncology Associates"]))
    w.title = w.choice(
        [
            "PROGRESS NOTE",
            "Oncology Follow-up Visit",
            "FOLLOW-UP NOTE",
            "Established Patient Visit - Oncology",
        ]
    )
    w.heading(w.title, align=w.choice(["center", "left"]), size_delta=1.5)
    _visit_fields(w, "Follow-up")
    items = history_items(w)
    dx = dx_phrase(w)
    _section(w, "Diagnosis", dx[0].upper() + dx[1:] + ".", inline=True)
    _section(
        w,
        w.choice(["Oncologic history", "Treatment history", "Cancer history"]),
        [f"- {text}" for _, text in items],
    )
    _section(
        w,
        "Interval history",
        w.choice(
            [
                f"{w.p.she.capitalize()} returns for scheduled follow-up. Reports mild fatigue and "
                "occasional hot flashes. No new pain.",
                "Doing well overall. Appetite good, weight stable. Mild arthralgias.",
                "Here with spouse. Some neuropathy in fingertips, grade 1. No falls.",
                "No new complaints. Energy improving. Sleeping well.",
            ]
        ),
    )
    _section(w, "Exam", _exam(w), inline=True)
    _section(w, "Assessment/Plan", [assessment_line(w)] + [f"- {t}" for t in plan_items(w)])
    w.gap(6)
    w.para(f"Signed: {c.oncologist} ({w.d(w.plan.date)})", italic=True)


def write_letter(w: Writer) -> None:
    """A clinic letter to the family doctor set in two columns."""
    c = w.case
    _note_style(
        w,
        w.choice(
            [
                "Breast and Oncology Service",
                "Multidisciplinary Cancer Clinic",
                "Oncology Department",
            ]
        ),
    )
    w.title = "Clinic letter"
    w.para(w.d(w.plan.date))
    w.gap(6)
    street = w.choice(["12 Elm Court", "880 Station Road", "41 Quarry Lane"])
    w.para(f"{c.pcp}\nFamily Medicine\n{street}")
    w.gap(6)
    w.para(f"{w.p.first} {w.p.last}, DOB {w.d(w.p.dob)}, MRN {w.p.mrn}", lead="Re:")
    w.gap(6)
    w.para(f"Dear Dr. {c.pcp.split(' ')[1].rstrip(',')},")
    w.gap(4)
    w.para(f"I saw {w.p.first} in clinic today ({w.d(w.plan.date)}). A summary follows.")
    w.gap(6)
    items = history_items(w)
    ev = latest_stage(w)
    dx = dx_phrase(w)
    left = ["**Diagnosis**", dx[0].upper() + dx[1:] + "."]
    if ev:
        left.append(f"Stage: {stage_phrase(w, ev)}.")
    spec = receptor_spec(w) if c.tumour == "breast" else None
    if spec is not None:
        left.append(f"Receptors: {receptor_summary(w, spec)}.")
    left.append("**History**")
    left.extend(text for _, text in items)
    right = [
        "**Today**",
        w.choice(
            [
                "Tolerating treatment well with manageable fatigue.",
                "Recovering well. No new symptoms reported.",
                "Some nausea after the last cycle, now resolved.",
            ]
        ),
        "**Plan**",
    ]
    right.extend(plan_items(w))
    right.append("**Medications**")
    right.append("; ".join(c.meds) or "None other than above.")
    w.add(L.Columns(left=left, right=right))
    w.para("Please do not hesitate to contact me with any questions.")
    w.para(f"Yours sincerely,\n\n{c.oncologist}\nConsultant Medical Oncologist")


def write_discharge(w: Writer) -> None:
    c = w.case
    _note_style(w, w.choice(["Inpatient Services", "Department of Surgery", "Hospital Medicine"]))
    w.title = w.choice(["DISCHARGE SUMMARY", "Discharge Summary", "HOSPITAL DISCHARGE SUMMARY"])
    w.heading(w.title, align="center", size_delta=2)
    day = w.plan.date
    surgery = None
    chemo = None
    if w.plan.ref == "surgery":
        surgery = max(
            (
                x
                for x in c.courses
                if x.category == "surgery"
                and x.start <= day
                and x.text
                and x.drugs[0]
                not in (
                    "core needle biopsy",
                    "colonoscopy",
                    "excisional biopsy",
                    "EUS-guided fine needle biopsy",
                )
            ),
            key=lambda x: x.start,
            default=None,
        )
    else:
        chemo = next(
            (
                x
                for x in c.courses
                if x.category == "chemotherapy"
                and x.start <= day
                and (x.end is None or x.end >= day)
            ),
            None,
        )
    admit = surgery.start if surgery else plus(day, -w.rng.randint(2, 5))
    pairs = [
        ("Admission Date", w.d(admit)),
        ("Discharge Date", w.d(day)),
        ("Attending", c.surgeon if surgery else c.oncologist),
        ("Service", "Surgical Oncology" if surgery else "Oncology"),
    ]
    if not w.style.banner:
        pairs = [("Patient", f"{w.p.last}, {w.p.first}"), ("MRN", w.p.mrn), *pairs]
    w.fields(pairs, columns=2)
    dx = dx_phrase(w, histology=w.chance(0.7))
    if surgery:
        _section(w, "Admission diagnosis", dx[0].upper() + dx[1:] + ".", inline=True)
        w.f_tx(surgery, start="day")
        _section(
            w,
            "Procedures",
            [f"{surgery.text[0].upper() + surgery.text[1:]} ({w.d(surgery.start)})"],
        )
        _section(
            w,
            "Hospital course",
            w.choice(
                [
                    f"The patient was admitted on the day of surgery and underwent {surgery.text} "
                    "without complication. Pain was controlled with oral analgesics. Drain output "
                    "decreased and the drain was removed before discharge.",
                    f"Uncomplicated postoperative course after {surgery.text}. Tolerated diet on "
                    "postoperative day 1, ambulating independently.",
                ]
            ),
        )
        pathology = (
            "Final pathology pending at discharge; will be reviewed at the postoperative visit."
        )
        _section(w, "Pathology", pathology, inline=True)
    else:
        _section(w, "Admission diagnosis", "Febrile neutropenia.", inline=True)
        if chemo:
            precision = w.choice(["day", "month"])
            w.f_tx(chemo, start=precision, setting=True)
            course_text = (
                f"{w.choice(SETTING_WORD[chemo.setting])} {regimen_name(w, chemo)}"
                if chemo.setting
                else regimen_name(w, chemo)
            )
            history = (
                f"Admitted with fever to 38.6 C and an absolute neutrophil count of "
                f"{w.rng.randint(1, 4) * 100}/uL, nine days after a cycle of "
                f"{course_text} (started {on_in(precision)} "
                f"{w.d(chemo.start, precision)}) for {dx}."
            )
        else:
            history = f"Admitted with fever and neutropenia during treatment for {dx}."
        _section(
            w,
            "Hospital course",
            history + " Blood cultures were negative. Treated with "
            "cefepime, transitioned to oral antibiotics, and discharged afebrile with "
            "count recovery.",
        )
    meds = list(c.meds)
    for x in c.courses:
        if (
            x.given
            and x.start <= day
            and x.end is None
            and x.category in ("endocrine therapy",)
            and w.chance(0.7)
        ):
            w.f_tx(x, start=None)
            from .vocab import DOSE

            meds.append(f"{x.drugs[0]} {DOSE.get(x.drugs[0], '')}".strip())
    if surgery:
        meds.append("oxycodone 5 mg every 6 hours as needed for pain (10 tablets)")
    else:
        meds.append("amoxicillin-clavulanate 875 mg twice daily for 5 days")
    _section(w, "Discharge medications", [f"- {m}" for m in meds])
    _section(
        w,
        "Condition at discharge",
        w.choice(["Stable.", "Good.", "Improved, stable."]),
        inline=True,
    )
    _section(
        w,
        "Follow-up",
        w.choice(
            [
                f"{c.surgeon} in 1-2 weeks; {c.oncologist} to discuss further treatment.",
                f"Medical oncology clinic ({c.oncologist}) next week.",
            ]
        ),
        inline=True,
    )
    w.para(
        f"Dictated by {c.surgeon if surgery else c.oncologist}; electronically signed {w.d(day)}.",
        italic=True,
    )
