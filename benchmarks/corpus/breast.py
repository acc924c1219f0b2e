"""Breast cancer cases: a table of clinical situations, each turned into a full story.

The slots are chosen so a 48-patient corpus covers the situations the extractor must get right
(HER2 positive/equivocal/low/ultralow/zero, ER-low, triple-negative, male patients, germline
BRCA1/BRCA2/PALB2, somatic PIK3CA/ESR1/AKT1, neoadjuvant with complete response, DCIS only,
de novo and recurrent metastatic disease with receptor changes). Dates, sizes, percentages and
wording vary with the seed.
"""

from __future__ import annotations

import datetime as dt
import random
from typing import Any

from . import background
from .case import Aside, Case, Course, GeneTest, Imaging, Met, Specimen, StageEvent, Variant
from .dates import plus, weekday_after
from .vocab import CATEGORY

# er/pr: ("pct", p, intensity) | ("range", lo, hi, intensity) | ("allred", score)
#        | ("neg",) | ("negw",) (negative, no %) | ("low", p) | ("lowtrap", p) ("POSITIVE (3%)")
#        | None (not tested)
# her2: "3+" | "2+amp" | "2+non" | "2+pend" | "1+" | "0" | "0u" | None
SLOTS: list[dict[str, Any]] = [
    dict(
        key="B01",
        grade=2,
        er=("pct", 95, "strong"),
        pr=("pct", 40, "moderate"),
        her2="1+",
        ki67=15,
        flow="adjuvant",
        cT="cT1c",
        cN="cN0",
        pT="pT1c",
        pN="pN0",
        surgery="lumpectomy",
        axilla="slnb",
        nodes=(3, 0),
        rt=True,
        endo="anastrozole",
        traps=["oncotype_low", "family_brca1"],
    ),
    dict(
        key="B02",
        grade=2,
        er=("pct", 90, "strong"),
        pr=("pct", 70, "strong"),
        her2="2+amp",
        ki67=25,
        flow="adjuvant",
        cT="cT1c",
        cN="cN0",
        pT="pT1c",
        pN="pN0",
        surgery="lumpectomy",
        axilla="slnb",
        nodes=(2, 0),
        chemo="TH",
        rt=True,
        endo="letrozole",
    ),
    dict(
        key="B03",
        grade=3,
        er=("neg",),
        pr=("neg",),
        her2="3+",
        ki67=60,
        flow="neoadjuvant",
        cT="cT2",
        cN="cN1",
        pT="ypT0",
        pN="ypN0",
        surgery="lumpectomy",
        axilla="slnb",
        nodes=(4, 0),
        chemo="TCHP",
        rt=True,
    ),
    dict(
        key="B04",
        grade=2,
        er=("range", 80, 90, "strong"),
        pr=("pct", 20, "weak"),
        her2="2+pend",
        ki67=20,
        flow="workup",
        cT="cT2",
        cN="cN0",
        traps=["her2_hypothetical"],
    ),
    dict(
        key="B05",
        grade=2,
        er=("pct", 95, "strong"),
        pr=("low", 5),
        her2="2+non",
        ki67=30,
        flow="adjuvant",
        cT="cT2",
        cN="cN1",
        pT="pT2",
        pN="pN1a",
        surgery="mastectomy",
        axilla="alnd",
        nodes=(14, 2),
        chemo="ddAC-T",
        rt=True,
        endo="letrozole",
        cdk="abemaciclib",
    ),
    dict(
        key="B06",
        grade=2,
        er=("pct", 70, "moderate"),
        pr=("neg",),
        her2="0u",
        ki67=22,
        flow="adjuvant",
        cT="cT2",
        cN="cN0",
        pT="pT2",
        pN="pN0",
        surgery="lumpectomy",
        axilla="slnb",
        nodes=(2, 0),
        chemo="TC",
        rt=True,
        endo="tamoxifen",
        premenopausal=True,
    ),
    dict(
        key="B07",
        grade=3,
        er=("neg",),
        pr=("neg",),
        her2="0",
        ki67=70,
        flow="neoadjuvant",
        cT="cT2",
        cN="cN1",
        pT="ypT0",
        pN="ypN0",
        surgery="mastectomy",
        axilla="slnb",
        nodes=(3, 0),
        chemo="KN522",
        rt=True,
        germ="neg",
    ),
    dict(
        key="B08",
        grade=3,
        er=("neg",),
        pr=("negw",),
        her2="1+",
        ki67=80,
        flow="neoadjuvant",
        cT="cT2",
        cN="cN1",
        pT="ypT1c",
        pN="ypN1a",
        surgery="lumpectomy",
        axilla="alnd",
        nodes=(12, 1),
        chemo="ddAC-T",
        rt=True,
        post="olaparib",
        germ=("BRCA1", "c.5266dupC", "p.Gln1756Profs*74"),
    ),
    dict(
        key="B09",
        grade=3,
        er=("low", 5),
        pr=("neg",),
        her2="0",
        ki67=45,
        flow="adjuvant",
        cT="cT1c",
        cN="cN0",
        pT="pT1c",
        pN="pN0",
        surgery="lumpectomy",
        axilla="slnb",
        nodes=(2, 0),
        chemo="ddAC-T",
        rt=True,
        traps=["declined_tamoxifen"],
    ),
    dict(
        key="B10",
        grade=1,
        er=("pct", 98, "strong"),
        pr=("pct", 85, "strong"),
        her2="1+",
        ki67=8,
        flow="adjuvant",
        cT="cT1b",
        cN="cN0",
        pT="pT1b",
        pN="pN0",
        surgery="bilateral",
        axilla="slnb",
        nodes=(2, 0),
        endo="tamoxifen",
        germ=("BRCA2", "c.5946delT", "p.Ser1982Argfs*22"),
        premenopausal=True,
    ),
    dict(
        key="B11",
        grade=2,
        er=("pct", 90, "strong"),
        pr=("pct", 30, "moderate"),
        her2="1+",
        ki67=25,
        flow="denovo",
        cT="cT2",
        cN="cN1",
        mets=["bone"],
        lines=[("letrozole+palbociclib", "zoledronic acid"), ("fulvestrant+alpelisib",)],
        somatic=[("PIK3CA", "c.3140A>G", "p.His1047Arg", 31.0)],
    ),
    dict(
        key="B12",
        grade=2,
        er=("range", 90, 100, "strong"),
        pr=("pct", 60, "strong"),
        her2="0",
        ki67=20,
        flow="recurrence",
        cT="cT2",
        cN="cN1",
        pT="pT2",
        pN="pN1a",
        surgery="lumpectomy",
        axilla="alnd",
        nodes=(11, 2),
        chemo="AC-T",
        rt=True,
        endo="anastrozole",
        mets=["liver"],
        met_biopsy="liver",
        met_markers=dict(er=("pct", 85, "strong"), pr=("neg",), her2="1+"),
        lines=[("fulvestrant+ribociclib",), ("fam-trastuzumab deruxtecan",)],
        somatic=[("ESR1", "c.1610A>C", "p.Tyr537Ser", 12.4)],
    ),
    dict(
        key="B13",
        grade=3,
        er=("neg",),
        pr=("neg",),
        her2="3+",
        ki67=55,
        flow="recurrence",
        cT="cT2",
        cN="cN1",
        pT="ypT1a",
        pN="ypN0",
        surgery="lumpectomy",
        axilla="slnb",
        nodes=(3, 0),
        chemo="TCHP",
        neo=True,
        rt=True,
        post="T-DM1",
        mets=["brain", "lung"],
        met_rt=True,
        lines=[("fam-trastuzumab deruxtecan",)],
    ),
    dict(
        key="B14",
        hist="8500/2",
        grade=2,
        er=("pct", 90, "strong"),
        pr=None,
        her2=None,
        ki67=None,
        flow="dcis",
        pT="pTis",
        pN="pNX",
        surgery="lumpectomy",
        axilla=None,
        rt=True,
        traps=["declined_tamoxifen"],
    ),
    dict(
        key="B15",
        sex="M",
        grade=2,
        er=("pct", 95, "strong"),
        pr=("pct", 80, "strong"),
        her2="1+",
        ki67=18,
        flow="adjuvant",
        cT="cT2",
        cN="cN0",
        pT="pT2",
        pN="pN0",
        surgery="mastectomy",
        axilla="slnb",
        nodes=(2, 0),
        endo="tamoxifen",
        germ="neg-brca",
    ),
    dict(
        key="B16",
        sex="M",
        grade=3,
        er=("pct", 80, "strong"),
        pr=("pct", 30, "moderate"),
        her2="0",
        ki67=35,
        flow="adjuvant",
        cT="cT2",
        cN="cN1",
        pT="pT2",
        pN="pN2a",
        surgery="mastectomy",
        axilla="alnd",
        nodes=(15, 5),
        chemo="AC-T",
        rt=True,
        endo="tamoxifen",
        germ=("BRCA2", "c.9097dupA", "p.Thr3033Asnfs*11"),
    ),
    dict(
        key="B17",
        hist="8520/3",
        grade=2,
        er=("pct", 95, "strong"),
        pr=("pct", 60, "moderate"),
        her2="0",
        ki67=12,
        flow="adjuvant",
        cT="cT3",
        cN="cN1",
        pT="pT3",
        pN="pN2a",
        surgery="mastectomy",
        axilla="alnd",
        nodes=(16, 5),
        chemo="AC-T",
        rt=True,
        endo="anastrozole",
    ),
    dict(
        key="B18",
        hist="8522/3",
        grade=2,
        er=("allred", 8),
        pr=("allred", 6),
        her2="1+",
        ki67=14,
        flow="adjuvant",
        cT="cT1c",
        cN="cN0",
        pT="pT1c",
        pN="pN1mi",
        surgery="lumpectomy",
        axilla="slnb",
        nodes=(3, 1),
        rt=True,
        endo="letrozole",
    ),
    dict(
        key="B19",
        hist="8480/3",
        grade=1,
        er=("pct", 100, "strong"),
        pr=("pct", 90, "strong"),
        her2="0",
        ki67=5,
        flow="adjuvant",
        cT="cT1b",
        cN="cN0",
        pT="pT1b",
        pN="pN0",
        surgery="lumpectomy",
        axilla="slnb",
        nodes=(1, 0),
        rt=True,
        endo="tamoxifen",
        endo_given=False,
    ),
    dict(
        key="B20",
        hist="8211/3",
        grade=1,
        er=("pct", 95, "strong"),
        pr=("pct", 70, "strong"),
        her2="1+",
        ki67=4,
        flow="adjuvant",
        cT="cT1a",
        cN="cN0",
        pT="pT1a",
        pN="pN0",
        surgery="lumpectomy",
        axilla=None,
        rt=False,
        endo="letrozole",
        old=True,
    ),
    dict(
        key="B21",
        hist="8575/3",
        grade=3,
        er=("neg",),
        pr=("neg",),
        her2="0",
        ki67=65,
        flow="adjuvant",
        cT="cT2",
        cN="cN0",
        pT="pT2",
        pN="pN0",
        surgery="mastectomy",
        axilla="slnb",
        nodes=(2, 0),
        chemo="ddAC-T",
        rt=False,
    ),
    dict(
        key="B22",
        grade=3,
        er=("pct", 60, "moderate"),
        pr=("neg",),
        her2="3+",
        ki67=40,
        flow="denovo",
        cT="cT3",
        cN="cN2a",
        mets=["liver", "lung"],
        lines=[("THP",)],
    ),
    dict(
        key="B23",
        grade=3,
        er=("pct", 40, "moderate"),
        pr=("pct", 15, "weak"),
        her2="2+amp",
        ki67=50,
        flow="neoadjuvant",
        cT="cT2",
        cN="cN1",
        pT="ypT1a",
        pN="ypN0",
        surgery="lumpectomy",
        axilla="slnb",
        nodes=(3, 0),
        chemo="TCHP",
        rt=True,
        post="T-DM1",
        endo="letrozole",
    ),
    dict(
        key="B24",
        grade=2,
        er=("pct", 85, "strong"),
        pr=("pct", 50, "moderate"),
        her2="1+",
        ki67=20,
        flow="adjuvant",
        cT="cT1c",
        cN="cN0",
        pT="pT1c",
        pN="pN1a",
        surgery="lumpectomy",
        axilla="slnb",
        nodes=(3, 1),
        chemo="TC",
        rt=True,
        endo="exemestane",
        ofs=True,
        premenopausal=True,
        oophorectomy=True,
        germ=("PALB2", "c.3113G>A", "p.Trp1038*"),
    ),
    dict(
        key="B25",
        grade=2,
        er=("pct", 80, "strong"),
        pr=("pct", 20, "weak"),
        her2="0",
        ki67=15,
        flow="recurrence",
        cT="cT2",
        cN="cN1",
        pT="pT2",
        pN="pN1a",
        surgery="mastectomy",
        axilla="alnd",
        nodes=(13, 3),
        chemo="CMF",
        rt=True,
        endo="tamoxifen",
        old=True,
        mets=["bone"],
        met_biopsy="bone",
        met_markers=dict(er=("pct", 70, "strong"), pr=("low", 5), her2="0"),
        lines=[("letrozole+palbociclib", "denosumab")],
    ),
    dict(
        key="B26",
        grade=3,
        er=("neg",),
        pr=("neg",),
        her2="0",
        ki67=75,
        flow="recurrence",
        cT="cT2",
        cN="cN0",
        pT="pT2",
        pN="pN0",
        surgery="lumpectomy",
        axilla="slnb",
        nodes=(2, 0),
        chemo="ddAC-T",
        rt=True,
        mets=["liver", "distant lymph node"],
        met_biopsy="liver",
        met_markers=dict(er=("neg",), pr=("neg",), her2="0"),
        pdl1=("CPS", 15),
        lines=[("pembrolizumab+paclitaxel",), ("sacituzumab govitecan",)],
        germ="neg",
    ),
    dict(
        key="B27",
        grade=2,
        er=("pct", 90, "strong"),
        pr=("pct", 40, "moderate"),
        her2="0",
        ki67=18,
        flow="recurrence",
        cT="cT1c",
        cN="cN1",
        pT="pT1c",
        pN="pN1a",
        surgery="lumpectomy",
        axilla="slnb",
        nodes=(3, 1),
        chemo="TC",
        rt=True,
        endo="letrozole",
        mets=["bone", "liver"],
        met_biopsy="liver",
        met_markers=dict(er=("pct", 95, "strong"), pr=("pct", 15, "weak"), her2="0u"),
        lines=[("fulvestrant+abemaciclib",), ("fam-trastuzumab deruxtecan",)],
    ),
    dict(
        key="B28",
        grade=None,
        er=("posw",),
        pr=("posw",),
        her2=None,
        ki67=None,
        flow="adjuvant",
        cT=None,
        cN=None,
        pT=None,
        pN=None,
        surgery="lumpectomy",
        axilla="slnb",
        nodes=(2, 0),
        rt=True,
        endo="anastrozole",
        docs=["discharge", "imaging"],
    ),
    dict(
        key="B29",
        hist="8520/3",
        grade=2,
        er=("pct", 95, "strong"),
        pr=("pct", 30, "moderate"),
        her2="1+",
        ki67=10,
        flow="recurrence",
        cT="cT2",
        cN="cN0",
        pT="pT2",
        pN="pN0",
        surgery="mastectomy",
        axilla="slnb",
        nodes=(3, 0),
        rt=False,
        endo="anastrozole",
        mets=["bone", "peritoneum"],
        met_biopsy=None,
        lines=[("letrozole+ribociclib",), ("fulvestrant+capivasertib",)],
        somatic=[("AKT1", "c.49G>A", "p.Glu17Lys", 22.0)],
    ),
    dict(
        key="B30",
        grade=2,
        er=("pct", 95, "strong"),
        pr=("neg",),
        her2="0",
        ki67=28,
        flow="adjuvant",
        cT="cT2",
        cN="cN0",
        pT="pT2",
        pN="pN0",
        surgery="lumpectomy",
        axilla="slnb",
        nodes=(3, 0),
        chemo="TC",
        rt=True,
        endo="tamoxifen",
        premenopausal=True,
        traps=["oncotype_high", "declined_ofs"],
    ),
    dict(
        key="B31",
        grade=3,
        er=("neg",),
        pr=("neg",),
        her2="3+",
        ki67=45,
        flow="adjuvant",
        cT="cT1b",
        cN="cN0",
        pT="pT1b",
        pN="pN0",
        surgery="lumpectomy",
        axilla="slnb",
        nodes=(2, 0),
        chemo="TH",
        rt=True,
    ),
    dict(
        key="B32",
        grade=2,
        er=("allred", 7),
        pr=("lowtrap", 3),
        her2="1+",
        ki67=12,
        flow="adjuvant",
        cT="cT1c",
        cN="cN0",
        pT="pT1c",
        pN="pN0",
        surgery="lumpectomy",
        axilla="slnb",
        nodes=(2, 0),
        rt=True,
        endo="letrozole",
        traps=["family_brca2"],
    ),
]

CLOCK = [
    "12 o'clock",
    "1 o'clock",
    "2 o'clock",
    "3 o'clock",
    "10 o'clock",
    "11 o'clock",
    "9 o'clock",
    "4 o'clock",
    "6 o'clock",
    "8 o'clock",
]
QUADRANT = {
    "left": [
        "upper outer quadrant",
        "upper inner quadrant",
        "lower outer quadrant",
        "retroareolar region",
    ],
    "right": [
        "upper outer quadrant",
        "lower inner quadrant",
        "upper inner quadrant",
        "central (subareolar) region",
    ],
}


def receptor(spec: Any, rng: random.Random) -> dict[str, Any] | None:
    if spec is None:
        return None
    kind = spec[0]
    intensity = rng.choice(["strong", "moderate to strong", "strong"])
    if kind == "pct":
        return {"status": "positive", "percent": spec[1], "intensity": spec[2]}
    if kind == "range":
        return {
            "status": "positive",
            "percent": spec[2],
            "range": (spec[1], spec[2]),
            "intensity": spec[3],
        }
    if kind == "allred":
        return {"status": "positive", "percent": None, "allred": spec[1], "intensity": intensity}
    if kind == "neg":
        return {"status": "negative", "percent": 0, "intensity": "none"}
    if kind == "negw":
        return {"status": "negative", "percent": None}
    if kind == "posw":
        return {"status": "positive", "percent": None}
    if kind == "low":
        return {"status": "low", "percent": spec[1], "intensity": "weak"}
    if kind == "lowtrap":
        return {"status": "low", "percent": spec[1], "intensity": "weak", "label": "POSITIVE"}
    raise ValueError(spec)


def her2(
    code: str | None, rng: random.Random, reported: dt.date
) -> tuple[dict[str, Any] | None, dict[str, Any] | None, bool]:
    if code is None:
        return None, None, False
    if code == "3+":
        return {"ihc": "3+"}, None, False
    if code == "1+":
        return {"ihc": "1+"}, None, False
    if code == "0":
        return {"ihc": "0"}, None, False
    if code == "0u":
        return {"ihc": "0", "ultralow": True}, None, False
    if code == "2+pend":
        return {"ihc": "2+"}, None, True
    ish_date = weekday_after(plus(reported, rng.randint(5, 11)))
    if code == "2+amp":
        ratio = rng.choice([2.4, 2.6, 3.1, 3.8, 4.5, 5.2])
        cn = round(ratio * rng.choice([1.9, 2.0, 2.1, 2.2]), 1)
        return (
            {"ihc": "2+"},
            {"ish": "amplified", "ratio": ratio, "copy_number": cn, "group": 1, "date": ish_date},
            False,
        )
    ratio = rng.choice([1.1, 1.2, 1.3, 1.4, 1.6])
    cn = round(ratio * rng.choice([1.8, 2.0, 2.1]), 1)
    return (
        {"ihc": "2+"},
        {"ish": "not amplified", "ratio": ratio, "copy_number": cn, "group": 5, "date": ish_date},
        False,
    )


def markers(
    slot_er: Any,
    slot_pr: Any,
    slot_her2: str | None,
    ki67: int | None,
    rng: random.Random,
    reported: dt.date,
) -> tuple[dict, dict | None, bool]:
    out: dict[str, dict[str, Any]] = {}
    er = receptor(slot_er, rng)
    pr = receptor(slot_pr, rng)
    if er:
        out["ER"] = er
    if pr:
        out["PR"] = pr
    h, ish, pending = her2(slot_her2, rng, reported)
    if h:
        out["HER2"] = h
    if ki67 is not None:
        out["Ki-67"] = {"percent": ki67}
    return out, ish, pending


def anatomic_group(T: str | None, N: str | None, M: str | None) -> str | None:
    """AJCC 8th edition anatomic stage group for breast."""
    if T is None or N is None:
        return None
    if M and "M1" in M:
        return "IV"
    t = T.lstrip("cpy").removeprefix("T")
    n = N.lstrip("cpy").removeprefix("N")
    if t == "is":
        return "0" if n in ("0", "X") else None
    tc = "1" if t.startswith("1") else t[:1]
    nc = "1mi" if n == "1mi" else n[:1]
    if nc == "3":
        return "IIIC"
    if tc == "4":
        return "IIIB"
    if nc == "2" or (tc == "3" and nc == "1"):
        return "IIIA"
    if (tc == "3" and nc == "0") or (tc == "2" and nc == "1"):
        return "IIB"
    if (tc == "2" and nc == "0") or (tc in ("0", "1") and nc == "1"):
        return "IIA"
    if tc in ("0", "1") and nc == "1mi":
        return "IB"
    if tc == "1" and nc == "0":
        return "IA"
    return None


TUMOUR_SIZE = {
    "T1a": (0.3, 0.5),
    "T1b": (0.6, 1.0),
    "T1c": (1.1, 1.9),
    "T2": (2.1, 4.6),
    "T3": (5.2, 7.5),
    "T0": (0, 0),
    "Tis": (0.8, 2.5),
}


def size_for(T: str | None, rng: random.Random) -> float:
    key = (T or "T2").lstrip("cpy")
    lo, hi = TUMOUR_SIZE.get(key, (2.1, 4.0))
    return round(rng.uniform(lo, hi), 1)


class Builder:
    """Builds one breast case from a slot."""

    def __init__(self, case: Case, slot: dict[str, Any], rng: random.Random):
        self.case = case
        self.slot = slot
        self.rng = rng
        self.n_course = 0
        self.n_stage = 0
        self.n_img = 0
        self.candidates: list[tuple[str, dt.date, str | None]] = []

    # ------------------------------------------------------------- helpers
    def course(
        self, drugs: list[str], start: dt.date, end: dt.date | None, setting: str | None, **kw: Any
    ) -> Course:
        self.n_course += 1
        category = kw.pop("category", None) or CATEGORY.get(drugs[0], "surgery")
        c = Course(f"C{self.n_course}", drugs, category, start, end, setting, **kw)
        self.case.courses.append(c)
        return c

    def stage(
        self,
        day: dt.date,
        T: str | None,
        N: str | None,
        M: str | None,
        group: str | None,
        basis: str,
    ) -> StageEvent:
        self.n_stage += 1
        ev = StageEvent(f"E{self.n_stage}", day, T, N, M, group, basis)
        self.case.stages.append(ev)
        return ev

    def imaging(
        self,
        day: dt.date,
        modality: str,
        indication: str,
        findings: list[tuple[str, str]],
        impression: list[str],
        mets: list[Met] | None = None,
    ) -> Imaging:
        self.n_img += 1
        img = Imaging(f"I{self.n_img}", day, modality, indication, findings, impression, mets or [])
        self.case.imaging.append(img)
        self.candidates.append(("imaging", day, img.id))
        return img

    def day(self, start: dt.date, low: int, high: int) -> dt.date:
        return weekday_after(plus(start, self.rng.randint(low, high)))

    # --------------------------------------------------------------- story
    def build(self, dx: dt.date) -> None:
        s, c, rng = self.slot, self.case, self.rng
        flow = s["flow"]
        side = c.laterality or "left"
        clock = rng.choice(CLOCK)
        c.side_text = f"{side} breast, {rng.choice(QUADRANT[side])}"
        size = size_for(s.get("cT") or s.get("pT"), rng)
        c.presentation = rng.choice(
            [
                f"a palpable {side} breast lump noticed in the shower",
                "an abnormal screening mammogram",
                f"a {size} cm mass on screening mammography, {side} breast",
                f"skin dimpling of the {side} breast",
                f"a {side} breast mass found on self-examination",
            ]
        )
        if c.person.sex == "M":
            c.presentation = f"a firm, painless {side} subareolar mass"
        # diagnostic imaging before the biopsy
        img_day = weekday_after(plus(dx, -rng.randint(6, 16)))
        self.imaging(
            img_day,
            rng.choice(
                [
                    "DIAGNOSTIC MAMMOGRAM AND ULTRASOUND, BILATERAL",
                    f"ULTRASOUND {side.upper()} BREAST AND AXILLA",
                ]
            ),
            "Evaluation of a breast abnormality.",
            [
                (
                    f"{side.capitalize()} breast",
                    f"Irregular hypoechoic mass with spiculated margins at {clock}, "
                    f"measuring {size} x {round(size * 0.8, 1)} cm.",
                ),
                (
                    "Axilla",
                    "Normal-appearing lymph nodes."
                    if s.get("cN") in (None, "cN0")
                    else f"Enlarged {side} axillary lymph node with cortical thickening to "
                    f"{rng.randint(4, 9)} mm.",
                ),
            ],
            [
                "Suspicious mass, highly suggestive of malignancy (BI-RADS 5). "
                "Ultrasound-guided core biopsy recommended."
            ],
        )
        reported = self.day(dx, 2, 5)
        ms, ish, pending = markers(s["er"], s["pr"], s["her2"], s["ki67"], rng, reported)
        is_dcis = flow == "dcis"
        biopsy = self.course(
            ["core needle biopsy"], dx, None, None, text=f"{side} breast core needle biopsy"
        )
        s1 = Specimen(
            "S1",
            dx,
            reported,
            "primary",
            "core needle biopsy",
            f"{side.capitalize()} breast, {clock}, {rng.randint(2, 8)} cm from nipple, "
            f"{rng.choice(['ultrasound-guided', 'stereotactic', 'ultrasound-guided'])} "
            "core needle biopsy",
            f"SP{dx.year % 100}-{rng.randint(1000, 39999):05d}",
            ms,
            ish,
            pending,
            course=biopsy.id,
        )
        if is_dcis:
            s1.site_text = s1.site_text.replace("ultrasound-guided", "stereotactic")
        c.specimens.append(s1)
        self.candidates.append(("core", reported, "S1"))
        if ish:
            self.candidates.append(("addendum", ish["date"], "S1"))
        # clinical stage at the first consult
        consult = self.day(max(reported, ish["date"] if ish else reported), 4, 14)
        cM = "cM1" if flow == "denovo" else "cM0"
        if flow == "denovo":
            cgroup = "IV"
        else:
            cgroup = anatomic_group(s.get("cT"), s.get("cN"), cM) if s.get("cT") else None
        clin = None
        if s.get("cT"):
            clin = self.stage(consult, s["cT"], s["cN"], cM, cgroup, "clinical")
        self.candidates.append(("consult", consult, "first"))
        if flow == "workup":
            self._workup(consult)
            return
        if flow == "denovo":
            self._denovo(consult, clin)
            return
        # staging imaging for larger / node-positive tumours
        if s.get("cT") in ("cT2", "cT3") or s.get("cN") not in (None, "cN0"):
            when = self.day(consult, -4, 6)
            self.imaging(
                when,
                rng.choice(
                    ["CT CHEST, ABDOMEN AND PELVIS WITH CONTRAST", "PET/CT SKULL BASE TO MID-THIGH"]
                ),
                "Newly diagnosed breast cancer, staging. Rule out metastatic disease.",
                self._negative_findings(),
                [
                    rng.choice(
                        [
                            "No evidence of metastatic disease.",
                            "No evidence of distant metastatic disease in the chest, abdomen or "
                            "pelvis.",
                            "No CT evidence of metastatic disease. Indeterminate 3 mm right "
                            "lower lobe nodule, likely benign; attention on follow-up.",
                        ]
                    )
                ],
            )
        self._germline(consult)
        t = consult
        if flow == "neoadjuvant" or s.get("neo"):
            t = self._chemo(self.day(consult, 7, 18), "neoadjuvant")
            surg = self.day(t, 21, 35)
        else:
            surg = self.day(consult, 10, 30)
        t = self._surgery(surg, ms)
        post_consult = self.day(t, 12, 24)
        self.candidates.append(("followup", post_consult, "postop"))
        if flow in ("adjuvant", "recurrence") and s.get("chemo") and not s.get("neo"):
            t = self._chemo(self.day(post_consult, 7, 21), "adjuvant")
        elif flow == "dcis" or not s.get("chemo"):
            t = post_consult
        if s.get("rt"):
            start = self.day(t, 18, 35)
            weeks = (
                3
                if s.get("surgery") == "lumpectomy" and s.get("pN") in ("pN0", "ypN0", "pNX")
                else 5
            )
            end = plus(start, weeks * 7 + rng.randint(-3, 2))
            where = rng.choice(
                [
                    "to the whole breast",
                    f"to the {side} breast",
                    f"to the {side} chest wall and regional nodes",
                ]
            )
            if s.get("surgery") == "lumpectomy":
                where = rng.choice(
                    [
                        f"to the {side} breast",
                        "to the whole breast",
                        f"to the {side} breast with tumor bed boost",
                    ]
                )
            else:
                where = f"to the {side} chest wall and regional lymph nodes"
            dose = "40.05 Gy in 15 fractions" if weeks == 3 else "50 Gy in 25 fractions"
            self.course(["radiation therapy"], start, end, "adjuvant", text=where, detail=dose)
            t = end
            self.candidates.append(("followup", self.day(end, 10, 40), "post-rt"))
        post = s.get("post")
        if post:
            start = self.day(t if not s.get("rt") else plus(t, -rng.randint(20, 30)), 7, 21)
            if post == "olaparib":
                self.course(
                    ["olaparib"],
                    start,
                    plus(start, 364),
                    "adjuvant",
                    detail="300 mg twice daily for one year",
                )
            elif post == "T-DM1":
                self.course(
                    ["ado-trastuzumab emtansine"],
                    start,
                    plus(start, 14 * 21),
                    "adjuvant",
                    detail="3.6 mg/kg every 3 weeks x 14 cycles",
                )
        endo = s.get("endo")
        if endo:
            start = self.day(t, 14, 35)
            if s.get("endo_given", True):
                self.course([endo], start, None, "adjuvant", detail=f"{endo_dose(endo)}")
                if s.get("ofs"):
                    self.course(
                        ["goserelin"],
                        plus(start, -rng.randint(0, 14)),
                        None,
                        "adjuvant",
                        detail="3.6 mg subcutaneously every 4 weeks",
                    )
                if s.get("cdk"):
                    self.course(
                        [s["cdk"]],
                        self.day(start, 20, 60),
                        None,
                        "adjuvant",
                        detail="150 mg twice daily for two years",
                    )
                self.candidates.append(("followup", self.day(start, 60, 200), "endo"))
                if s.get("oophorectomy"):
                    day = self.day(start, 200, 320)
                    self.course(
                        ["oophorectomy"],
                        day,
                        None,
                        None,
                        text="laparoscopic bilateral salpingo-oophorectomy",
                    )
                    self.candidates.append(("followup", self.day(day, 20, 60), "late"))
            else:
                c.asides.append(
                    Aside(plus(t, -60), plus(t, 40), f"Plan to start {endo} after radiation.")
                )
            t = start
        c.asides.extend(self._traps(consult, surg))
        if flow == "recurrence":
            self._recurrence(t)

    def _negative_findings(self) -> list[tuple[str, str]]:
        rng = self.rng
        return [
            (
                "Chest",
                rng.choice(
                    [
                        "No pulmonary nodules or masses. No pleural effusion.",
                        "Lungs are clear. No suspicious nodule.",
                    ]
                ),
            ),
            (
                "Abdomen and pelvis",
                rng.choice(
                    [
                        "Liver is normal in size without focal lesion. Simple renal cyst on the "
                        "left.",
                        "No focal hepatic lesion. Spleen, pancreas and adrenal glands are "
                        "unremarkable.",
                        "Small hepatic cyst in segment 6 (8 mm), unchanged and benign.",
                    ]
                ),
            ),
            (
                "Bones",
                rng.choice(
                    [
                        "No suspicious osseous lesion. Degenerative changes of the lumbar spine.",
                        "No lytic or blastic lesions.",
                    ]
                ),
            ),
        ]

    def _workup(self, consult: dt.date) -> None:
        c = self.case
        c.asides.append(
            Aside(
                consult,
                plus(consult, 30),
                "If HER2 is amplified on FISH we would add trastuzumab and "
                "pertuzumab to neoadjuvant chemotherapy.",
            )
        )
        c.asides.append(
            Aside(
                consult,
                plus(consult, 30),
                "Discussed neoadjuvant chemotherapy versus upfront surgery; final "
                "recommendation pending FISH.",
            )
        )
        c.asides.append(
            Aside(consult, plus(consult, 30), "Breast MRI and genetics referral ordered.")
        )
        self._germline(consult, force=False)

    def _germline(self, after: dt.date, force: bool = True) -> None:
        s, c, rng = self.slot, self.case, self.rng
        germ = s.get("germ")
        if not germ:
            return
        from .names import GERMLINE_LABS

        lab, panel = rng.choice(GERMLINE_LABS)
        collected = self.day(after, 0, 7)
        day = self.day(collected, 14, 24)
        panel_genes = ["BRCA1", "BRCA2", "PALB2", "ATM", "CHEK2", "CDH1", "PTEN", "TP53"]
        if germ == "neg-brca":
            test = GeneTest(
                "G1",
                day,
                collected,
                "germline",
                lab,
                "BRCA1/BRCA2 sequencing and deletion/duplication analysis",
                "Blood",
                negatives=["BRCA1", "BRCA2"],
            )
        elif germ == "neg":
            test = GeneTest(
                "G1", day, collected, "germline", lab, panel, "Blood", negatives=panel_genes
            )
        else:
            gene, cdna, prot = germ
            test = GeneTest(
                "G1",
                day,
                collected,
                "germline",
                lab,
                panel,
                rng.choice(["Blood", "Saliva"]),
                variants=[Variant(gene, "pathogenic", cdna, prot, classification="Pathogenic")],
                negatives=[g for g in panel_genes if g != gene],
            )
        c.tests.append(test)
        self.candidates.append(("germline", day, "G1"))

    def _chemo(self, start: dt.date, setting: str) -> dt.date:
        """Schedule the slot's chemotherapy from ``start``; returns the last treatment day."""
        s, rng = self.slot, self.rng
        chemo = s["chemo"]
        if chemo in ("TC", "TCHP", "CMF"):
            cycles = {"TC": 4, "TCHP": 6, "CMF": 6}[chemo]
            length = {"TC": 21, "TCHP": 21, "CMF": 28}[chemo] * (cycles - 1) + rng.randint(0, 3)
            end = plus(start, length)
            from .vocab import REGIMEN

            self.course(
                REGIMEN[chemo][0], start, end, setting, label=chemo, detail=f"x {cycles} cycles"
            )
            self.candidates.append(("discharge", self.day(start, 9, 40), "neutropenic"))
            return end
        if chemo in ("AC-T", "ddAC-T"):
            dd = chemo == "ddAC-T"
            ac_end = plus(start, (14 if dd else 21) * 3)
            self.course(
                ["doxorubicin", "cyclophosphamide"],
                start,
                ac_end,
                setting,
                label="ddAC" if dd else "AC",
                detail="x 4 cycles",
                series=chemo,
            )
            t_start = plus(ac_end, 14 if dd else 21)
            t_end = plus(t_start, 77 if not dd or rng.random() < 0.5 else 42)
            detail = "weekly x 12" if (t_end - t_start).days > 50 else "every 2 weeks x 4"
            self.course(["paclitaxel"], t_start, t_end, setting, detail=detail, series=chemo)
            if rng.random() < 0.6:
                self.candidates.append(("discharge", self.day(start, 8, 30), "neutropenic"))
            return t_end
        if chemo == "TH":
            end_t = plus(start, 77)
            self.course(
                ["paclitaxel"], start, end_t, setting, detail="80 mg/m2 weekly x 12", series="TH"
            )
            self.course(
                ["trastuzumab"],
                start,
                plus(start, 357),
                setting,
                detail="every 3 weeks to complete one year",
                series="TH",
            )
            return end_t
        if chemo == "KN522":
            p1_end = plus(start, 77)
            self.course(
                ["pembrolizumab"],
                start,
                None,
                setting,
                detail="200 mg every 3 weeks",
                series="KN522",
            )
            self.course(
                ["carboplatin", "paclitaxel"],
                start,
                p1_end,
                setting,
                detail="weekly x 12",
                series="KN522",
            )
            ac_start = plus(p1_end, 14)
            ac_end = plus(ac_start, 63)
            self.course(
                ["doxorubicin", "cyclophosphamide"],
                ac_start,
                ac_end,
                setting,
                label="AC",
                detail="every 3 weeks x 4",
                series="KN522",
            )
            return ac_end
        raise ValueError(chemo)

    def _surgery(self, day: dt.date, ms: dict[str, Any]) -> dt.date:
        s, c, rng = self.slot, self.case, self.rng
        side = c.laterality or "left"
        kind = s["surgery"]
        axilla = s.get("axilla")
        procs: list[str] = []
        text = ""
        if kind == "lumpectomy":
            procs.append("lumpectomy")
            text = rng.choice(
                [
                    f"{side} lumpectomy",
                    f"{side} breast lumpectomy",
                    f"{side} partial mastectomy (lumpectomy)",
                    f"wire-localized {side} lumpectomy",
                ]
            )
        elif kind == "mastectomy":
            procs.append("mastectomy")
            text = rng.choice(
                [
                    f"{side} total mastectomy",
                    f"{side} simple mastectomy",
                    f"{side} modified radical mastectomy"
                    if axilla == "alnd"
                    else f"{side} mastectomy",
                ]
            )
        elif kind == "bilateral":
            procs.extend(["mastectomy", "reconstruction"])
            text = (
                "bilateral nipple-sparing mastectomy with immediate tissue-expander reconstruction"
            )
        if axilla == "slnb":
            procs.append("sentinel lymph node biopsy")
            text += rng.choice(
                [
                    " and sentinel lymph node biopsy",
                    " with sentinel lymph node biopsy",
                    " and sentinel node biopsy",
                ]
            )
        elif axilla == "alnd":
            procs.append("axillary lymph node dissection")
            text += rng.choice(
                [
                    " and axillary lymph node dissection",
                    f" with {side} axillary lymph node dissection",
                ]
            )
        surgery = self.course(procs, day, None, None, text=text)
        reported = self.day(day, 4, 8)
        examined, positive = s.get("nodes") or (0, 0)
        yp = (s.get("pT") or "").startswith("yp")
        pT, pN = s.get("pT"), s.get("pN")
        group = None
        if pT and pN and not yp:
            group = anatomic_group(pT, pN, None)
        ev = self.stage(day, pT, pN, None, group, "yp" if yp else "pathologic") if pT else None
        resect_markers: dict[str, Any] = {}
        retest = (
            not yp
            and self.rng.random() < 0.25
            and "ER" in ms
            and ms["ER"].get("percent") not in (None,)
        )
        if retest:
            er = dict(ms["ER"])
            if er.get("range"):
                er.pop("range")
            resect_markers["ER"] = er
        size = 0.0 if pT in ("ypT0",) else size_for(pT, rng)
        s2 = Specimen(
            "S2",
            day,
            reported,
            "primary",
            procs[0],
            f"{side.capitalize()} breast, {text.split(' with ')[0].split(' and ')[0]}",
            f"SP{day.year % 100}-{rng.randint(40000, 79999):05d}",
            resect_markers,
            resection=dict(
                size=size,
                nodes=(examined, positive),
                stage=ev.id if ev else None,
                yp=yp,
                text=text,
                margin=rng.choice([2, 3, 4, 6, 8, 11]),
                lvi=positive > 0 and rng.random() < 0.5,
                micromet=pN == "pN1mi",
                alnd=axilla == "alnd",
                slnb=axilla == "slnb",
            ),
            course=surgery.id,
        )
        c.specimens.append(s2)
        self.candidates.append(("resection", reported, "S2"))
        self.candidates.append(("discharge", self.day(day, 1, 2), "surgery"))
        return day

    def _traps(self, consult: dt.date, surg: dt.date) -> list[Aside]:
        s, rng = self.slot, self.rng
        out = []
        for trap in s.get("traps", []):
            if trap == "oncotype_low":
                out.append(
                    Aside(
                        surg,
                        plus(surg, 60),
                        f"Oncotype DX recurrence score {rng.randint(8, 17)}; discussed "
                        "chemotherapy, which is not expected to add benefit, and it is "
                        "not recommended.",
                    )
                )
            elif trap == "oncotype_high":
                out.append(
                    Aside(
                        surg,
                        plus(surg, 40),
                        f"Oncotype DX recurrence score {rng.randint(28, 41)}; "
                        "chemotherapy recommended.",
                    )
                )
            elif trap == "declined_tamoxifen":
                out.append(
                    Aside(
                        surg,
                        plus(surg, 900),
                        "Endocrine therapy with tamoxifen was offered; she declined "
                        "tamoxifen after discussion of risks and benefits.",
                    )
                )
            elif trap == "declined_ofs":
                out.append(
                    Aside(
                        surg,
                        plus(surg, 900),
                        "Ovarian function suppression was discussed; she declined "
                        "goserelin injections and prefers tamoxifen alone.",
                    )
                )
        return out

    def _met_sites(self, day: dt.date) -> tuple[list[Met], list[tuple[str, str]], list[str]]:
        rng = self.rng
        mets, findings, impression = [], [], []
        phr = {
            "bone": (
                "Bones",
                [
                    "Multiple sclerotic lesions in the thoracic and lumbar spine and the pelvis, "
                    "consistent with osseous metastases.",
                    "Lytic lesions in the T8 vertebral body and the right iliac wing, compatible "
                    "with bone metastases.",
                ],
                "bones",
            ),
            "liver": (
                "Liver",
                [
                    "Innumerable hypodense hepatic lesions, the largest 3.2 cm in segment 7, "
                    "compatible with metastatic disease.",
                    "Three new enhancing liver lesions (up to 2.4 cm) consistent with hepatic "
                    "metastases.",
                ],
                "liver",
            ),
            "lung": (
                "Lungs",
                [
                    "Multiple bilateral pulmonary nodules up to 1.4 cm, consistent with pulmonary "
                    "metastases.",
                    "New 1.1 cm and 0.8 cm nodules in the right lower lobe, suspicious for "
                    "metastatic disease; in this context, metastases are most likely.",
                ],
                "lungs",
            ),
            "brain": (
                "Brain",
                [
                    "Two enhancing lesions in the right frontal lobe and left cerebellum with "
                    "surrounding edema, consistent with metastases.",
                    "Three ring-enhancing lesions, the largest 1.6 cm in the left parietal lobe, "
                    "consistent with brain metastases.",
                ],
                "brain",
            ),
            "distant lymph node": (
                "Lymph nodes",
                [
                    "Enlarged retroperitoneal lymph nodes up to 2.1 cm, consistent with nodal "
                    "metastases.",
                    "Para-aortic lymphadenopathy (1.8 cm), compatible with distant nodal "
                    "metastasis.",
                ],
                "retroperitoneal lymph nodes",
            ),
            "peritoneum": (
                "Peritoneum",
                [
                    "Peritoneal nodularity and omental stranding with small-volume ascites, "
                    "consistent with peritoneal carcinomatosis.",
                    "Diffuse peritoneal thickening and nodules consistent with peritoneal "
                    "metastases.",
                ],
                "peritoneum",
            ),
            "pleura": (
                "Pleura",
                [
                    "Moderate right pleural effusion with nodular pleural thickening, consistent "
                    "with pleural metastases.",
                    "Left pleural effusion with enhancing pleural nodules, compatible with "
                    "malignant pleural disease.",
                ],
                "pleura",
            ),
        }
        for site in self.slot.get("mets", []):
            region, options, organ = phr[site]
            text = rng.choice(options)
            m = Met(site, day, text, organ)
            mets.append(m)
            findings.append((region, text))
        impression.append(
            "Findings consistent with metastatic disease involving the "
            + " and ".join(m.organ for m in mets)
            + "."
        )
        return mets, findings, impression

    def _denovo(self, consult: dt.date, clin: StageEvent | None) -> None:
        c, rng = self.case, self.rng
        img_day = self.day(c.dx_date, -3, 8)
        mets, findings, impression = self._met_sites(img_day)
        modality = "CT CHEST, ABDOMEN AND PELVIS WITH CONTRAST"
        if "brain" in self.slot.get("mets", []):
            modality = "MRI BRAIN WITH AND WITHOUT CONTRAST"
        self.imaging(
            img_day, modality, "Newly diagnosed breast cancer; staging.", findings, impression, mets
        )
        c.mets.extend(mets)
        if "bone" in self.slot.get("mets", []) and rng.random() < 0.6:
            bday = self.day(img_day, 1, 6)
            self.imaging(
                bday,
                "WHOLE BODY BONE SCAN (Tc-99m MDP)",
                "Breast cancer staging; rule out osseous metastases.",
                [
                    (
                        "Skeleton",
                        mets[0].finding
                        if mets[0].site == "bone"
                        else "Multiple foci of increased uptake in the spine and ribs.",
                    )
                ],
                [
                    "Multiple foci of increased radiotracer uptake consistent with "
                    "osseous metastatic disease."
                ],
                [m for m in mets if m.site == "bone"],
            )
        self._germline(consult)
        self._lines(self.day(consult, 5, 15))
        self._somatic(self.day(consult, 10, 40))

    def _lines(self, start: dt.date) -> None:
        rng = self.rng
        t = start
        lines = self.slot.get("lines", [])
        for index, line in enumerate(lines):
            last = index == len(lines) - 1
            duration = rng.randint(190, 420)
            end = None if last else plus(t, duration)
            main = line[0]
            label = "first-line" if index == 0 else "second-line"
            if main == "THP":
                self.course(
                    ["docetaxel"], t, plus(t, 105), "metastatic", detail="x 6 cycles", line=label
                )
                self.course(
                    ["trastuzumab", "pertuzumab"],
                    t,
                    end,
                    "metastatic",
                    detail="every 3 weeks",
                    line=label,
                )
            else:
                drugs = main.split("+")
                for drug in drugs:
                    self.course([drug], t, end, "metastatic", line=label, detail=endo_dose(drug))
            for extra in line[1:]:
                self.course([extra], self.day(t, 0, 20), None, None, detail=endo_dose(extra))
            self.candidates.append(("followup", self.day(t, 40, 120), f"line{index + 1}"))
            if not last:
                self.imaging(
                    weekday_after(plus(t, duration - 12)),
                    "CT CHEST, ABDOMEN AND PELVIS WITH CONTRAST",
                    "Metastatic breast cancer on treatment; restaging.",
                    [("Overall", "Interval enlargement of known metastatic lesions.")]
                    + [
                        (m.organ.capitalize(), "Progression of " + m.organ + " metastases.")
                        for m in self.case.mets
                    ],
                    ["Progression of metastatic disease."],
                    list(self.case.mets),
                )
                t = weekday_after(plus(t, duration + rng.randint(3, 14)))

    def _somatic(self, day: dt.date, spec: str = "S1") -> None:
        s, c, rng = self.slot, self.case, self.rng
        if not s.get("somatic"):
            return
        from .names import NGS_LABS

        lab, method = rng.choice(NGS_LABS)
        variants = [
            Variant(
                g,
                "pathogenic",
                cdna,
                prot,
                vaf=vaf,
                classification=rng.choice(["Pathogenic", "Likely pathogenic"]),
            )
            for g, cdna, prot, vaf in s["somatic"]
        ]
        variants.append(
            Variant(
                "TP53",
                "vus",
                "c.1079G>A",
                "p.Gly360Glu",
                vaf=round(rng.uniform(35, 52), 1),
                classification="VUS",
            )
        )
        negatives = [
            g
            for g in ("ERBB2", "PTEN", "BRCA1", "BRCA2")
            if g not in [v.gene for v in variants]
            and g not in [v.gene for t in c.tests for v in t.variants]
            and g not in [n for t in c.tests for n in t.negatives]
        ]
        spec_obj = c.specimen(spec)
        test = GeneTest(
            "N1",
            self.day(day, 10, 20),
            spec_obj.date,
            "somatic",
            lab,
            method,
            spec_obj.site_text,
            variants=variants,
            negatives=negatives,
            msi="stable",
            tmb=round(rng.uniform(1.5, 7.5), 1),
            tumor_fraction=rng.choice([30, 40, 50, 60]),
            specimen=spec,
        )
        c.tests.append(test)
        self.candidates.append(("ngs", test.date, "N1"))

    def _recurrence(self, after: dt.date) -> None:
        s, c, rng = self.slot, self.case, self.rng
        when = weekday_after(plus(after, rng.randint(500, 1800)))
        when = min(when, dt.date(2025, 6, 2))
        when = max(when, plus(after, 120))
        c.recurrence = when
        for course in c.courses:  # adjuvant therapy stopped (completed or at recurrence)
            if course.end is None and course.start < when:
                course.end = min(plus(course.start, 5 * 365), plus(when, -rng.randint(20, 60)))
        mets, findings, impression = self._met_sites(when)
        modality = "PET/CT SKULL BASE TO MID-THIGH"
        if "brain" in s.get("mets", []):
            modality = "MRI BRAIN WITH AND WITHOUT CONTRAST"
        img = self.imaging(
            when,
            modality,
            rng.choice(
                [
                    "History of breast cancer with new back pain.",
                    "History of breast cancer; rising tumor markers.",
                    "Breast cancer survivor with new headaches and dizziness."
                    if "brain" in s.get("mets", [])
                    else "History of breast cancer; abnormal liver enzymes.",
                ]
            ),
            findings,
            impression,
            mets,
        )
        c.mets.extend(mets)
        t = img.date
        if s.get("met_biopsy"):
            site = s["met_biopsy"]
            bday = self.day(t, 5, 14)
            rep = self.day(bday, 3, 6)
            mm = s["met_markers"]
            ms, ish, pending = markers(mm["er"], mm["pr"], mm["her2"], None, rng, rep)
            organ = {
                "liver": "Liver, segment 7",
                "bone": "Right iliac bone",
                "lung": "Right lower lobe of lung",
            }[site]
            if s.get("pdl1"):
                unit, value = s["pdl1"]
                ms["PD-L1"] = {
                    "unit": unit,
                    "value": value,
                    "status": "positive" if value >= 10 else "negative",
                    "clone": "22C3",
                }
            cnb = self.course(
                ["core needle biopsy"], bday, None, None, text=f"core needle biopsy of the {site}"
            )
            guide = (
                "CT-guided" if site == "bone" else rng.choice(["CT-guided", "ultrasound-guided"])
            )
            met = Specimen(
                "S3",
                bday,
                rep,
                "metastatic",
                "core needle biopsy",
                f"{organ}, {guide} core needle biopsy",
                f"SP{bday.year % 100}-{rng.randint(80000, 99999)}",
                ms,
                ish,
                pending,
                met_site=site,
                organ_text=organ.split(",")[0],
                course=cnb.id,
            )
            c.specimens.append(met)
            self.candidates.append(("metbx", rep, "S3"))
            t = rep
        restage_day = self.day(t, 4, 12)
        self.stage(
            restage_day, None, None, "pM1" if s.get("met_biopsy") else "cM1", "IV", "restage"
        )
        self.candidates.append(("consult", restage_day, "recurrence"))
        if s.get("met_rt"):
            start = self.day(restage_day, 3, 10)
            self.course(
                ["radiation therapy"],
                start,
                plus(start, 2 if rng.random() < 0.5 else 0),
                None,
                text="(stereotactic radiosurgery) to the brain lesions",
                detail="21 Gy in 1 fraction",
            )
        self._lines(self.day(restage_day, 7, 20))
        self._somatic(self.day(restage_day, 5, 30), "S3" if s.get("met_biopsy") else "S1")


def endo_dose(drug: str) -> str:
    from .vocab import DOSE

    return DOSE.get(drug, "")


def build(
    case: Case, slot: dict[str, Any], rng: random.Random
) -> list[tuple[str, dt.date, str | None]]:
    """Fill ``case`` from ``slot``; returns candidate documents (writer, date, ref)."""
    case.tumour = "breast"
    case.organ = "breast"
    case.histology = slot.get("hist", "8500/3")
    case.grade = slot.get("grade")
    flow = slot["flow"]
    if flow == "recurrence":
        first = (slot.get("old") and 2012) or 2016
        dx = dt.date(rng.randint(first, first + 3), rng.randint(1, 12), rng.randint(1, 28))
    elif slot.get("old"):
        dx = dt.date(rng.randint(2018, 2021), rng.randint(1, 12), rng.randint(1, 28))
    else:
        dx = dt.date(rng.randint(2021, 2024), rng.randint(1, 12), rng.randint(1, 28))
    if flow in ("workup", "denovo"):
        dx = dt.date(rng.randint(2023, 2025), rng.randint(1, 9), rng.randint(1, 28))
    dx = weekday_after(dx)
    premenopausal = slot.get("premenopausal")
    born = (dx.year - 48, dx.year - 34) if premenopausal else (dx.year - 82, dx.year - 52)
    if slot.get("key") == "B20":
        born = (dx.year - 84, dx.year - 76)
    year = rng.randint(*born)
    case.person.dob = case.person.dob.replace(year=year)
    case.menopause = (
        "premenopausal" if premenopausal else ("postmenopausal" if case.person.sex == "F" else "")
    )
    trap = None
    if "family_brca1" in slot.get("traps", []):
        trap = "BRCA1"
    if "family_brca2" in slot.get("traps", []):
        trap = "BRCA2"
    background.fill(rng, case, trap)
    b = Builder(case, slot, rng)
    b.build(dx)
    return b.candidates
