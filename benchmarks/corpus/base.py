"""The document writer base: blocks, facts, and the phrasing banks that record facts.

Every helper that returns text stating a fact also records it on the writer, so what the truth
holds is exactly what the document says. Helpers that phrase plans, hypotheticals, negations
or family history record nothing.
"""

from __future__ import annotations

import datetime as dt
import random
from collections.abc import Sequence
from dataclasses import dataclass
from typing import Any

from . import layout as L
from .case import Case, Course, Met, Specimen, StageEvent, Variant
from .dates import say, truth
from .ledger import Fact
from .vocab import BRAND, DOSE, HISTOLOGY_TEXT, REGIMEN, ROMAN


@dataclass
class DocPlan:
    kind: str  # contract kind
    writer: str  # which writer
    date: dt.date  # document date (the date the document was issued / the visit)
    ref: str | None = None  # specimen / imaging / test / admission the document is about
    file: str = ""
    scan: str = "none"  # none | scan | fax | mixed
    date_style: str = "us"
    variant: int = 0


class Writer:
    def __init__(self, case: Case, plan: DocPlan, rng: random.Random):
        self.case = case
        self.plan = plan
        self.rng = rng
        self.blocks: list[L.Block] = []
        self.facts: list[Fact] = []
        self.ds = plan.date_style
        self.style = L.Style()
        self.title = ""

    # ----------------------------------------------------------------- blocks
    def add(self, *blocks: L.Block) -> None:
        self.blocks.extend(blocks)

    def heading(self, text: str, **kw: Any) -> None:
        self.blocks.append(L.Heading(text=text, **kw))

    def para(self, text: str, lead: str = "", **kw: Any) -> None:
        self.blocks.append(L.Para(text=text, lead=lead, **kw))

    def lines(self, lines: Sequence[str], **kw: Any) -> None:
        self.blocks.append(L.Lines(lines=list(lines), **kw))

    def fields(self, pairs: Sequence[tuple[str, str]], columns: int = 1, **kw: Any) -> None:
        self.blocks.append(L.Fields(pairs=list(pairs), columns=columns, **kw))

    def table(
        self,
        header: Sequence[str],
        body: Sequence[Sequence[str]],
        widths: Sequence[float] = (),
        **kw: Any,
    ) -> None:
        self.blocks.append(
            L.Table(header=list(header), body=[list(r) for r in body], widths=list(widths), **kw)
        )

    def gap(self, points: float = 6) -> None:
        self.blocks.append(L.Gap(points=points))

    def choice(self, options: Sequence[Any]) -> Any:
        return self.rng.choice(list(options))

    def chance(self, p: float) -> bool:
        return self.rng.random() < p

    def d(self, day: dt.date, precision: str = "day") -> str:
        return say(day, self.ds, precision)

    # ------------------------------------------------------------------ facts
    def fact(self, kind: str, name: str = "", key: str = "", order: str = "", **value: Any) -> None:
        self.facts.append(Fact(kind, name, key, order, value))

    def f_site(self) -> None:
        self.fact("site", site=self.case.organ)

    def f_laterality(self) -> None:
        if self.case.laterality:
            self.fact("laterality", laterality=self.case.laterality)

    def f_histology(self) -> None:
        self.fact("histology", code=self.case.histology)

    def f_grade(self) -> None:
        if self.case.grade:
            self.fact("grade", grade=self.case.grade)

    def f_dx(self, precision: str) -> None:
        self.fact("dx_date", date=truth(self.case.dx_date, precision))

    def f_marker(self, spec: Specimen, name: str, **value: Any) -> None:
        self.fact("marker", name, spec.id, spec.date.isoformat(), **value)

    def f_stage(self, ev: StageEvent, keys: Sequence[str] = ("T", "N", "M", "group")) -> None:
        value = {k: getattr(ev, k) for k in keys if getattr(ev, k) is not None}
        self.fact("stage", "", ev.id, ev.date.isoformat(), **value)

    def f_met(self, met: Met) -> None:
        self.fact("met", met.site)

    def f_met_site(self, spec: Specimen) -> None:
        if spec.met_site:
            self.fact("met", spec.met_site)

    def f_tx(
        self,
        course: Course,
        start: str | None = "day",
        end: str | None = None,
        setting: bool = False,
        drugs: Sequence[str] | None = None,
    ) -> None:
        """Record that ``course`` was given, with dates at the given precisions."""
        assert course.given, course
        for drug in drugs or course.drugs:
            self.fact(
                "tx",
                drug,
                course.id,
                course.start.isoformat(),
                start=truth(course.start, start) if start else None,
                end=truth(course.end, end) if (end and course.end) else None,
                setting=course.setting if setting else None,
            )

    # ----------------------------------------------------------- identity text
    @property
    def p(self):
        return self.case.person

    def name_last_first(self) -> str:
        return f"{self.p.last.upper()}, {self.p.first.upper()}"

    def name_plain(self) -> str:
        return f"{self.p.first} {self.p.last}"

    def sex_word(self) -> str:
        return "Female" if self.p.sex == "F" else "Male"


# ===================================================================== phrasing
ER_NAMES = ["Estrogen receptor (ER)", "ER", "Estrogen Receptor", "ER (SP1)", "Estrogen receptor"]
PR_NAMES = [
    "Progesterone receptor (PR)",
    "PR",
    "Progesterone Receptor",
    "PgR (1E2)",
    "Progesterone receptor",
]
HER2_NAMES = ["HER2 (4B5)", "HER2", "HER-2/neu", "HER2/neu (IHC)", "c-erbB-2 (HER2)"]
KI67_NAMES = ["Ki-67", "Ki-67 (MIB-1)", "Ki67 proliferation index", "MIB-1 labeling index"]


def receptor_label(m: dict[str, Any]) -> str:
    return (
        m.get("label")
        or {"positive": "Positive", "low": "Low positive", "negative": "Negative"}[m["status"]]
    )


def pct_text(m: dict[str, Any]) -> str:
    if m.get("range"):
        lo, hi = m["range"]
        return f"{lo}-{hi}%"
    return f"{m['percent']}%"


def receptor_line(w: Writer, spec: Specimen, name: str, variant: int | None = None) -> str:
    """One pathology line for ER or PR on ``spec`` (records the fact)."""
    m = spec.markers[name]
    full = w.choice(ER_NAMES if name == "ER" else PR_NAMES)
    label = receptor_label(m)
    intensity = m.get("intensity", "")
    v = w.rng.randrange(5) if variant is None else variant
    if m.get("allred"):
        w.f_marker(spec, name, status=m["status"])
        short = "ER" if name == "ER" else "PR"
        return w.choice(
            [
                f"{short}+ (Allred score {m['allred']}/8)",
                f"{full}: {label}, Allred score {m['allred']} of 8 "
                f"(proportion {m['allred'] - 3}, intensity 3)",
            ]
        )
    if m.get("percent") is None:
        w.f_marker(spec, name, status=m["status"])
        return f"{full}: {label}"
    w.f_marker(
        spec, name, percent=m["percent"], **({"status": m["status"]} if not m.get("label") else {})
    )
    pct = pct_text(m)
    if m["status"] == "negative":
        return [
            f"{full}: Negative ({pct})",
            f"{full}: NEGATIVE - no nuclear staining in invasive tumor cells ({pct}); "
            "internal control cells stain appropriately",
            f"{full}: {pct} of tumor nuclei stain (negative)",
            f"{full}: negative, {pct}",
            f"{full} ... Negative ({pct} of cells)",
        ][v]
    return [
        f"{full}: {label} ({pct})",
        f"{full}: {label}, {pct} of tumor cells, {intensity} intensity",
        f"{full} ... {label.lower()}, {pct} of cells, {intensity}",
        f"{full}: {pct} nuclear staining, {intensity} -- {label.upper()}",
        f"{full}: {label.lower()} in approximately {pct} of invasive tumor nuclei "
        f"(average staining intensity: {intensity})",
    ][v]


def her2_ihc_line(w: Writer, spec: Specimen, variant: int | None = None) -> str:
    m = spec.markers["HER2"]
    ihc = m["ihc"]
    name = w.choice(HER2_NAMES)
    v = w.rng.randrange(4) if variant is None else variant
    value: dict[str, Any] = {"ihc": ihc}
    if ihc == "0":
        value["ultralow"] = bool(m.get("ultralow"))
    w.f_marker(spec, "HER2", **value)
    if ihc == "3+":
        return [
            f"{name}: score 3+ (positive)",
            f"{name} by immunohistochemistry: 3+, POSITIVE (complete, intense circumferential "
            "membrane staining in >10% of tumor cells)",
            f"{name} protein overexpression: 3+",
            f"{name} IHC: Positive (3+)",
        ][v]
    if ihc == "2+":
        if spec.ish is None or spec.ish_pending or w.plan.date < spec.ish["date"]:
            return [
                f"{name}: 2+ (equivocal); reflex in situ hybridization ordered",
                f"{name} 2+, FISH pending",
                f"{name} by IHC: Equivocal (2+). HER2 FISH will be reported in an addendum.",
                f"{name}: score 2+ (weak to moderate complete membrane staining in >10% of "
                "cells); ISH has been requested",
            ][v]
        return [
            f"{name}: 2+ (equivocal); reflex in situ hybridization performed, see addendum",
            f"{name}: score 2+ (equivocal)",
            f"{name} by IHC: Equivocal (2+)",
            f"{name}: 2+ (weak to moderate complete membrane staining in >10% of cells)",
        ][v]
    if ihc == "1+":
        return [
            f"{name}: 1+ (HER2-low)",
            f"{name}: Negative (score 1+)",
            f"{name} IHC score 1+ (faint, incomplete membrane staining in >10% of tumor cells)",
            f"{name}: 1+",
        ][v]
    if m.get("ultralow"):
        return [
            f"{name}: 0+ (ultralow): faint, incomplete membrane staining in <=10% of tumor cells",
            f"{name} IHC score 0 with membrane staining (>0 but <1+); HER2-ultralow",
            f"{name}: Negative, score 0+ (faint, barely perceptible staining in approximately "
            f"{w.choice((2, 5, 5, 8))}% of cells)",
            f"{name}: 0 (ultralow; incomplete faint staining in up to 10% of cells)",
        ][v]
    return [
        f"{name}: 0 (negative, no staining observed)",
        f"{name}: Negative (score 0), no membrane staining",
        f"{name} IHC: 0 (null)",
        f"{name}: score 0 - no staining in any tumor cells",
    ][v]


def her2_table_cells(w: Writer, spec: Specimen) -> tuple[str, str]:
    """(result, interpretation) cells for a marker table (records the fact)."""
    m = spec.markers["HER2"]
    ihc = m["ihc"]
    value: dict[str, Any] = {"ihc": ihc}
    if ihc == "0":
        value["ultralow"] = bool(m.get("ultralow"))
    w.f_marker(spec, "HER2", **value)
    if ihc == "3+":
        return "3+", "Positive"
    if ihc == "2+":
        return "2+", "Equivocal" + (
            " - ISH pending"
            if spec.ish is None or spec.ish_pending or w.plan.date < spec.ish["date"]
            else " - see ISH"
        )
    if ihc == "1+":
        return "1+", w.choice(["Low (1+)", "Negative (HER2-low)", "HER2-low"])
    if m.get("ultralow"):
        return "0+", w.choice(["Ultralow (faint staining <=10% of cells)", "HER2-ultralow"])
    return "0", w.choice(["Negative (null, no staining)", "HER2 0 (no staining)"])


def ish_lines(w: Writer, spec: Specimen) -> list[str]:
    """The ISH result sentence(s) for ``spec`` (records the fact)."""
    ish = spec.ish
    assert ish is not None
    amplified = ish["ish"] == "amplified"
    ratio, cn = ish["ratio"], ish["copy_number"]
    cep = ish.get("cep17", round(cn / ratio, 1))
    w.f_marker(spec, "HER2", ish=ish["ish"], ratio=ratio, copy_number=cn)
    word = "AMPLIFIED" if amplified else "NOT AMPLIFIED"
    group = ish.get("group", 1 if amplified else 5)
    v = w.rng.randrange(4)
    if v == 0:
        return [
            f"HER2 FISH: {word}.",
            f"HER2/CEP17 ratio: {ratio}; average HER2 copy number: {cn} signals/cell; "
            f"average CEP17 copy number: {cep} signals/cell.",
            f"ASCO/CAP 2018 ISH group {group}.",
        ]
    if v == 1:
        return [f"HER2/CEP17 ratio {ratio}, average HER2 copy number {cn}: {word} (group {group})."]
    if v == 2:
        return [
            f"Dual-probe ISH (HER2 DDISH): HER2/chromosome 17 ratio {ratio}, mean HER2 "
            f"signals {cn} per nucleus - "
            + ("POSITIVE (amplified)." if amplified else "NEGATIVE (not amplified).")
        ]
    return [
        f"The HER2 gene is {word.lower()} by fluorescence in situ hybridization "
        f"(HER2:CEP17 ratio {ratio}; {cn} HER2 copies per cell)."
    ]


def ki67_line(w: Writer, spec: Specimen) -> str:
    pct = spec.markers["Ki-67"]["percent"]
    w.f_marker(spec, "Ki-67", percent=pct)
    return w.choice(
        [
            f"Ki-67: {pct}%",
            f"Ki-67 proliferation index: approximately {pct}%",
            f"MIB-1 (Ki-67) labeling index: {pct}%",
            f"Ki67 {pct} % ({'high' if pct >= 30 else 'low' if pct < 15 else 'intermediate'})",
        ]
    )


def receptor_summary(w: Writer, spec: Specimen, with_ki67: bool = False) -> str:
    """A clinician's summary of ER/PR/HER2 (records what it states)."""
    parts = []
    ms = spec.markers
    er, pr, her2 = ms.get("ER"), ms.get("PR"), ms.get("HER2")
    tn = (
        er
        and pr
        and er["status"] == "negative"
        and pr["status"] == "negative"
        and her2
        and her2["ihc"] in ("0", "1+")
    )
    if tn and w.chance(0.5):
        w.f_marker(spec, "ER", status="negative")
        w.f_marker(spec, "PR", status="negative")
        her2_bits = her2_short(w, spec)
        return w.choice(
            [f"triple-negative ({her2_bits})", f"ER/PR negative, {her2_bits} (triple-negative)"]
        )
    for name, m in (("ER", er), ("PR", pr)):
        if not m:
            continue
        if m.get("allred") or m.get("percent") is None:
            w.f_marker(spec, name, status=m["status"])
            sign = {"positive": "+", "negative": "-", "low": "-low"}[m["status"]]
            parts.append(f"{name}{sign}")
            continue
        w.f_marker(spec, name, percent=m["percent"])
        style = w.rng.randrange(3)
        if style == 0:
            parts.append(f"{name} {pct_text(m)}")
        elif style == 1:
            word = {"positive": "positive", "low": "low positive", "negative": "negative"}
            parts.append(f"{name} {word[m['status']]} ({pct_text(m)})")
        else:
            sign = {"positive": "+", "negative": "-", "low": "-low"}[m["status"]]
            parts.append(f"{name}{sign} ({pct_text(m)})")
    if her2:
        parts.append(her2_short(w, spec))
    if with_ki67 and "Ki-67" in ms:
        pct = ms["Ki-67"]["percent"]
        w.f_marker(spec, "Ki-67", percent=pct)
        parts.append(f"Ki-67 {pct}%")
    return ", ".join(parts)


def her2_short(w: Writer, spec: Specimen) -> str:
    m = spec.markers["HER2"]
    ihc = m["ihc"]
    ish = spec.ish if (spec.ish and not spec.ish_pending) else None
    if ish and ish["ish"] == "amplified" and w.plan.date >= ish["date"]:
        w.f_marker(spec, "HER2", ihc=ihc, ish="amplified", ratio=ish["ratio"])
        return w.choice(
            [
                f"HER2 {ihc} by IHC, FISH amplified (ratio {ish['ratio']})",
                f"HER2-positive (IHC {ihc}, HER2/CEP17 ratio {ish['ratio']})",
            ]
        )
    if ish and ish["ish"] == "not amplified" and w.plan.date >= ish["date"]:
        w.f_marker(spec, "HER2", ihc=ihc, ish="not amplified")
        return w.choice(
            [
                f"HER2 {ihc} with FISH not amplified (HER2-low)",
                "HER2-low (IHC 2+, ISH non-amplified)",
            ]
        )
    value: dict[str, Any] = {"ihc": ihc}
    if ihc == "0":
        value["ultralow"] = bool(m.get("ultralow"))
    w.f_marker(spec, "HER2", **value)
    if ihc == "3+":
        return w.choice(["HER2 3+", "HER2-positive (IHC 3+)", "HER2+ (3+)"])
    if ihc == "2+":
        return w.choice(
            ["HER2 2+ (equivocal), FISH pending", "HER2 2+ by IHC with FISH results still pending"]
        )
    if ihc == "1+":
        return w.choice(["HER2 1+", "HER2-low (IHC 1+)", "HER2-negative (IHC 1+, HER2-low)"])
    if m.get("ultralow"):
        return w.choice(["HER2-ultralow (IHC 0+)", "HER2 0+ (ultralow)"])
    return w.choice(["HER2 0", "HER2 IHC 0 (no staining)", "HER2-zero (IHC 0)"])


def histology_text(w: Writer, record: bool = True) -> str:
    if record:
        w.f_histology()
    return w.choice(HISTOLOGY_TEXT.get(w.case.histology, ["Adenocarcinoma"]))


def grade_text(w: Writer, form: str | None = None) -> str:
    """Histologic grade wording (records the grade)."""
    g = w.case.grade
    assert g
    w.f_grade()
    if w.case.tumour != "breast":
        word = {1: "well", 2: "moderately", 3: "poorly"}[g]
        return w.choice(
            [
                f"{word} differentiated (G{g})",
                f"grade {g} ({word} differentiated)",
                f"histologic grade G{g}",
            ]
        )
    if w.case.histology == "8500/2":
        word = {1: "low", 2: "intermediate", 3: "high"}[g]
        return w.choice([f"nuclear grade {g} ({word})", f"{word} nuclear grade (grade {g})"])
    scores = {1: (1, 2, 1), 2: (3, 2, 1), 3: (3, 3, 2)}[g]
    total = sum(scores)
    form = form or w.choice(["nottingham", "sbr", "overall", "plain", "roman"])
    if form == "nottingham":
        return (
            f"Nottingham grade {g} of 3 (tubules {scores[0]}, nuclei {scores[1]}, "
            f"mitoses {scores[2]}; total score {total})"
        )
    if form == "sbr":
        return f"modified Scarff-Bloom-Richardson grade {ROMAN[g]} (score {total}/9)"
    if form == "overall":
        return f"histologic grade {g}"
    if form == "roman":
        return f"grade {ROMAN[g]}/III"
    return f"grade {g}"


def stage_phrase(w: Writer, ev: StageEvent, with_group: bool = True) -> str:
    """A clinician's staging statement for ``ev`` (records it)."""
    tnm = " ".join(x for x in (ev.T, ev.N, ev.M) if x)
    keys = ["T", "N", "M"] + (["group"] if with_group and ev.group else [])
    w.f_stage(ev, keys)
    if not (with_group and ev.group):
        return f"{tnm}"
    kind = {"clinical": "clinical ", "pathologic": "pathologic ", "yp": "", "restage": ""}[ev.basis]
    if ev.system == "FIGO":
        return w.choice([f"FIGO stage {ev.group} ({tnm})", f"stage {ev.group} ({tnm}, FIGO)"])
    return w.choice(
        [
            f"{kind}stage {ev.group} ({tnm})",
            f"{tnm}, stage {ev.group}",
            f"AJCC 8th edition {kind}stage {ev.group} ({tnm})",
            f"{kind}stage {ev.group}, {tnm}",
        ]
    )


def drug_name(w: Writer, drug: str, brand_p: float = 0.35) -> str:
    brand = BRAND.get(drug)
    if brand and w.chance(brand_p):
        return w.choice([brand, f"{brand} ({drug})", f"{drug} ({brand})"])
    return drug


def regimen_name(w: Writer, course: Course) -> str:
    """How a note names a course's drugs: acronym, spelled out, brands..."""
    if course.label and course.label in REGIMEN:
        spelled = REGIMEN[course.label][1]
        return w.choice([course.label, f"{course.label} ({spelled})", course.label])
    if course.label:
        # a named combination without a resolvable acronym: always spell it out
        names = [drug_name(w, d) for d in course.drugs]
        return f"{course.label} ({join_and(names)})"
    names = [drug_name(w, d) for d in course.drugs]
    return join_and(names) if w.chance(0.6) else " + ".join(names)


def join_and(items: Sequence[str]) -> str:
    items = list(items)
    if len(items) <= 1:
        return "".join(items)
    if len(items) == 2:
        return f"{items[0]} and {items[1]}"
    return ", ".join(items[:-1]) + f" and {items[-1]}"


SETTING_WORD = {
    "neoadjuvant": ["neoadjuvant", "neoadjuvant", "preoperative"],
    "adjuvant": ["adjuvant"],
    "metastatic": ["first-line metastatic", "palliative-intent metastatic"],
}


def course_sentence(w: Writer, course: Course, tense: str = "past") -> str:
    """A history sentence about a given course with dates and maybe the setting (records)."""
    he = w.p.she.capitalize()
    say_setting = course.setting is not None and w.chance(0.75)
    precision = w.choice(["day", "day", "month", "month", None])
    ongoing = course.end is None or course.end > w.plan.date
    end_prec = None if ongoing else w.choice(["day", "month", None, "day"])
    if course.category == "surgery":
        w.f_tx(course, start=precision or "month")
        when = w.d(course.start, precision or "month")
        return w.choice(
            [
                f"{he} underwent {course.text} on {when}."
                if precision == "day"
                else f"{he} underwent {course.text} in {when}.",
                f"{course.text[0].upper() + course.text[1:]} was performed "
                f"{on_in(precision)} {when}.",
                f"s/p {course.text} ({when}).",
            ]
        )
    if course.category == "radiation":
        w.f_tx(course, start=precision, end=end_prec, setting=say_setting)
        adj = "adjuvant " if say_setting and course.setting == "adjuvant" else ""
        rt = w.choice(["radiation therapy", "radiotherapy", "RT"])
        where = f" {course.text}" if course.text else ""
        target = f"{adj}{rt}{where}"
        if course.setting == "metastatic" and say_setting:
            target += " for metastatic disease"
        if precision and end_prec:
            return (
                f"{he} received {target} from {w.d(course.start, precision)} to "
                f"{w.d(course.end, end_prec)}."
            )  # type: ignore[arg-type]
        if end_prec:
            return f"{he} completed {target} {on_in(end_prec)} {w.d(course.end, end_prec)}."  # type: ignore[arg-type]
        if precision:
            return f"{he} started {target} {on_in(precision)} {w.d(course.start, precision)}."
        return f"{he} received {target}."
    w.f_tx(course, start=precision, end=end_prec, setting=say_setting)
    regimen = regimen_name(w, course)
    setting = ""
    if say_setting:
        setting = w.choice(SETTING_WORD[course.setting]) + " "  # type: ignore[index]
    detail = f" {course.detail}" if course.detail and w.chance(0.6) else ""
    if course.setting == "metastatic" and say_setting and setting.startswith("first-line"):
        lead = f"{he} started {regimen}{detail} as first-line therapy for metastatic disease"
    elif course.setting == "metastatic" and say_setting:
        lead = f"{he} started {regimen}{detail} in the metastatic setting"
    else:
        lead = f"{he} received {setting}{regimen}{detail}"
        if precision and not end_prec and ongoing:
            lead = f"{he} started {setting}{regimen}{detail}"
    if precision and end_prec:
        return f"{lead} from {w.d(course.start, precision)} to {w.d(course.end, end_prec)}."  # type: ignore[arg-type]
    if precision:
        on = "on" if precision == "day" else "in"
        tail = ", ongoing" if ongoing and w.chance(0.5) else ""
        return f"{lead} {on} {w.d(course.start, precision)}{tail}."
    if end_prec:
        return f"{lead}, completed {on_in(end_prec)} {w.d(course.end, end_prec)}."  # type: ignore[arg-type]
    return f"{lead}."


def on_in(precision: str | None) -> str:
    return "on" if precision == "day" else "in"


def variant_text(v: Variant, form: str) -> tuple[str, dict[str, Any]]:
    """The alteration as written, and the notation facts it states."""
    if v.fusion:
        return v.fusion, {"bare": v.fusion}
    if form == "both" and v.cdna and v.protein:
        return f"{v.cdna} ({v.protein})", {"cdna": v.cdna, "protein": v.protein}
    if form == "protein" and v.protein:
        return v.protein, {"protein": v.protein}
    if form == "bare" and v.short:
        return v.short, {"bare": v.short}
    if v.cdna:
        return v.cdna, {"cdna": v.cdna}
    assert v.protein
    return v.protein, {"protein": v.protein}


def dose_text(drug: str) -> str:
    return DOSE.get(drug, "")
