"""Non-breast cases: lung, colorectal, ovarian, melanoma, pancreas and prostate."""

from __future__ import annotations

import datetime as dt
import random
from typing import Any

from . import background
from .breast import Builder
from .case import Case, GeneTest, Met, Specimen, Variant
from .dates import plus, weekday_after
from .names import GERMLINE_LABS, NGS_LABS

SLOTS: list[dict[str, Any]] = [
    dict(key="L1", tumour="lung"),
    dict(key="L2", tumour="lung"),
    dict(key="L3", tumour="lung"),
    dict(key="L4", tumour="lung"),
    dict(key="L5", tumour="lung"),
    dict(key="C1", tumour="colorectal"),
    dict(key="C2", tumour="colorectal"),
    dict(key="C3", tumour="colorectal"),
    dict(key="O1", tumour="ovary", sex="F"),
    dict(key="O2", tumour="ovary", sex="F"),
    dict(key="M1", tumour="melanoma"),
    dict(key="M2", tumour="melanoma"),
    dict(key="P1", tumour="pancreas"),
    dict(key="P2", tumour="pancreas"),
    dict(key="R1", tumour="prostate", sex="M"),
    dict(key="R2", tumour="prostate", sex="M"),
]

MET_TEXT = {
    "bone": (
        "Bones",
        "Multiple sclerotic and lytic osseous lesions in the spine and pelvis, "
        "consistent with bone metastases.",
        "bones",
    ),
    "liver": (
        "Liver",
        "Multiple hypoattenuating hepatic lesions up to 2.8 cm, consistent with liver metastases.",
        "liver",
    ),
    "brain": (
        "Brain",
        "Two enhancing lesions in the left frontal lobe (9 mm) and right "
        "occipital lobe (6 mm), consistent with metastases.",
        "brain",
    ),
    "lung": (
        "Lungs",
        "Multiple bilateral pulmonary nodules up to 1.2 cm, consistent with pulmonary metastases.",
        "lungs",
    ),
    "pleura": (
        "Pleura",
        "Moderate right pleural effusion with nodular pleural thickening, "
        "consistent with pleural metastases.",
        "pleura",
    ),
    "peritoneum": (
        "Peritoneum",
        "Peritoneal nodularity, omental caking and moderate ascites, "
        "consistent with peritoneal metastases.",
        "peritoneum",
    ),
    "distant lymph node": (
        "Lymph nodes",
        "Enlarged retroperitoneal lymph nodes up to 2.0 cm, "
        "consistent with distant nodal metastases.",
        "retroperitoneal lymph nodes",
    ),
}


class Other(Builder):
    def metastases(
        self,
        day: dt.date,
        sites: list[str],
        modality: str,
        indication: str,
        extra: list[tuple[str, str]] = (),
    ) -> None:  # type: ignore[assignment]
        mets, findings = [], list(extra)
        for site in sites:
            region, text, organ = MET_TEXT[site]
            mets.append(Met(site, day, text, organ))
            findings.append((region, text))
        impression = [
            "Findings consistent with metastatic disease involving the "
            + " and ".join(m.organ for m in mets)
            + "."
        ]
        self.imaging(day, modality, indication, findings, impression, mets)
        self.case.mets.extend(mets)

    def negative_ct(self, day: dt.date, indication: str, primary: tuple[str, str]) -> None:
        self.imaging(
            day,
            self.rng.choice(
                ["CT CHEST, ABDOMEN AND PELVIS WITH CONTRAST", "PET/CT SKULL BASE TO MID-THIGH"]
            ),
            indication,
            [primary, *self._negative_findings()],
            [
                self.rng.choice(
                    [
                        "No evidence of distant metastatic disease.",
                        "No evidence of metastatic disease.",
                    ]
                )
            ],
        )

    def ngs(
        self,
        day: dt.date,
        spec: str,
        variants: list[Variant],
        negatives: list[str],
        msi: str | None = "stable",
        tmb: float | None = None,
        tid: str = "N1",
    ) -> None:
        lab, method = self.rng.choice(NGS_LABS)
        s = self.case.specimen(spec)
        test = GeneTest(
            tid,
            self.day(day, 10, 18),
            s.date,
            "somatic",
            lab,
            method,
            s.site_text,
            variants=variants,
            negatives=negatives,
            msi=msi,
            tmb=tmb if tmb is not None else round(self.rng.uniform(1.2, 8.0), 1),
            tumor_fraction=self.rng.choice([20, 30, 40, 60]),
            specimen=spec,
        )
        self.case.tests.append(test)
        self.candidates.append(("ngs", test.date, tid))

    def germline(self, day: dt.date, variants: list[Variant], negatives: list[str]) -> None:
        lab, panel = self.rng.choice(GERMLINE_LABS)
        test = GeneTest(
            "G1",
            self.day(day, 14, 24),
            day,
            "germline",
            lab,
            panel,
            "Blood",
            variants=variants,
            negatives=negatives,
        )
        self.case.tests.append(test)
        self.candidates.append(("germline", test.date, "G1"))

    def biopsy(
        self,
        day: dt.date,
        procedure: str,
        site_text: str,
        markers: dict[str, Any] | None = None,
        role: str = "primary",
        met_site: str | None = None,
        extra: list[str] | None = None,
        sid: str = "S1",
    ) -> Specimen:
        reported = self.day(day, 2, 6)
        texts = {
            "colonoscopy": "colonoscopy with biopsy",
            "excisional biopsy": "excisional biopsy",
            "EUS-guided fine needle biopsy": "endoscopic ultrasound-guided fine needle aspiration",
            "core needle biopsy": "core needle biopsy",
        }
        course = self.course([procedure], day, None, None, text=texts[procedure])
        s = Specimen(
            sid,
            day,
            reported,
            role,
            procedure,
            site_text,
            f"{self.rng.choice(['SP', 'S', 'CP'])}{day.year % 100}-"
            f"{self.rng.randint(1000, 99999):05d}",
            markers or {},
            met_site=met_site,
            extra=extra or [],
            course=course.id,
        )
        self.case.specimens.append(s)
        self.candidates.append(("core" if sid == "S1" else "metbx", reported, sid))
        return s

    def resection(
        self,
        day: dt.date,
        procs: list[str],
        text: str,
        T: str,
        N: str,
        group: str | None,
        nodes: tuple[int, int],
        extra: list[str] | None = None,
        system: str = "AJCC 8th edition",
        markers: dict[str, Any] | None = None,
        sid: str = "S2",
    ) -> Specimen:
        course = self.course(procs, day, None, None, text=text)
        ev = self.stage(day, T, N, None, group, "yp" if T.startswith("yp") else "pathologic")
        ev.system = system
        reported = self.day(day, 4, 8)
        s = Specimen(
            sid,
            day,
            reported,
            "primary",
            procs[0],
            text[0].upper() + text[1:],
            f"SP{day.year % 100}-{self.rng.randint(40000, 79999):05d}",
            markers or {},
            resection=dict(
                size=round(self.rng.uniform(1.8, 5.5), 1),
                nodes=nodes,
                stage=ev.id,
                yp=T.startswith("yp"),
                text=text,
                margin=self.rng.choice([3, 5, 8, 12]),
                lvi=nodes[1] > 0 and self.rng.random() < 0.6,
                micromet=False,
                alnd=False,
                slnb=False,
            ),
            extra=extra or [],
            course=course.id,
        )
        self.case.specimens.append(s)
        self.candidates.append(("resection", reported, sid))
        self.candidates.append(("discharge", self.day(day, 3, 7), "surgery"))
        return s

    def consult(self, day: dt.date, tag: str = "first") -> None:
        self.candidates.append(("consult", day, tag))

    def followup(self, day: dt.date, tag: str) -> None:
        self.candidates.append(("followup", day, tag))


def pdl1(tps: int, clone: str = "22C3", unit: str = "TPS") -> dict[str, Any]:
    status = "positive" if tps >= 1 else "negative"
    return {"unit": unit, "value": tps, "status": status, "clone": clone}


def build(
    case: Case, slot: dict[str, Any], rng: random.Random
) -> list[tuple[str, dt.date, str | None]]:
    key = slot["key"]
    case.tumour = slot["tumour"]
    b = Other(case, slot, rng)
    dx = weekday_after(dt.date(rng.randint(2021, 2024), rng.randint(1, 12), rng.randint(1, 28)))
    year = rng.randint(dx.year - 82, dx.year - 45)
    case.person.dob = case.person.dob.replace(year=year)
    background.fill(rng, case)
    globals()[f"_{key}"](b, case, rng, dx)
    return b.candidates


# ------------------------------------------------------------------------ lung
def _lung_base(
    b: Other,
    case: Case,
    rng: random.Random,
    dx: dt.date,
    lobe: str,
    code: str = "8140/3",
    grade: int | None = None,
) -> None:
    case.organ = "lung"
    case.laterality = "right" if lobe.startswith("right") else "left"
    case.side_text = f"{lobe} lobe of the lung"
    case.histology = code
    case.grade = grade
    case.presentation = rng.choice(
        [
            "a persistent cough and weight loss",
            "an incidental lung nodule on a cardiac CT",
            "hemoptysis",
            "shortness of breath and chest pain",
        ]
    )


def _L1(b: Other, case: Case, rng: random.Random, dx: dt.date) -> None:
    _lung_base(b, case, rng, dx, "right upper")
    b.metastases(
        b.day(dx, -12, -5),
        ["pleura"],
        "PET/CT SKULL BASE TO MID-THIGH",
        "Right upper lobe mass; staging.",
        [("Right upper lobe", "FDG-avid spiculated 4.1 cm right upper lobe mass (SUVmax 12.4).")],
    )
    s = b.biopsy(
        dx,
        "core needle biopsy",
        "Lung, right upper lobe, CT-guided core needle biopsy",
        {"PD-L1": pdl1(5)},
    )
    b.ngs(
        b.day(s.reported, 1, 5),
        "S1",
        [
            Variant(
                "EGFR",
                "pathogenic",
                "c.2235_2249del",
                "p.Glu746_Ala750del",
                vaf=27.5,
                classification="Pathogenic",
            ),
            Variant(
                "TP53",
                "pathogenic",
                "c.743G>A",
                "p.Arg248Gln",
                vaf=31.0,
                classification="Likely pathogenic",
            ),
        ],
        ["ALK", "ROS1", "KRAS", "BRAF", "MET", "RET"],
        msi=None,
    )
    consult = b.day(case.tests[-1].date, 2, 8)
    b.stage(consult, "cT2b", "cN2", "cM1a", "IVA", "clinical")
    b.consult(consult)
    start = b.day(consult, 3, 10)
    b.course(["osimertinib"], start, None, "metastatic", detail="80 mg daily", line="first-line")
    b.followup(b.day(start, 50, 150), "line1")


def _L2(b: Other, case: Case, rng: random.Random, dx: dt.date) -> None:
    _lung_base(b, case, rng, dx, "left lower")
    b.metastases(
        b.day(dx, -10, -4),
        ["bone"],
        "PET/CT SKULL BASE TO MID-THIGH",
        "Left lower lobe mass, staging.",
        [("Left lower lobe", "Hypermetabolic 3.6 cm left lower lobe mass.")],
    )
    b.metastases(
        b.day(dx, -6, -1), ["brain"], "MRI BRAIN WITH AND WITHOUT CONTRAST", "Lung mass; staging."
    )
    s = b.biopsy(
        dx,
        "core needle biopsy",
        "Lung, left lower lobe, CT-guided core needle biopsy",
        {"PD-L1": pdl1(0)},
    )
    b.ngs(
        b.day(s.reported, 1, 5),
        "S1",
        [
            Variant(
                "ALK", "pathogenic", fusion="EML4-ALK fusion", vaf=None, classification="Pathogenic"
            )
        ],
        ["EGFR", "KRAS", "ROS1", "BRAF", "MET"],
        msi=None,
    )
    consult = b.day(case.tests[-1].date, 2, 7)
    b.stage(consult, "cT2a", "cN1", "cM1c", "IVB", "clinical")
    b.consult(consult)
    start = b.day(consult, 3, 10)
    b.course(
        ["alectinib"], start, None, "metastatic", detail="600 mg twice daily", line="first-line"
    )
    rt = b.day(consult, 5, 12)
    b.course(
        ["radiation therapy"],
        rt,
        rt,
        None,
        text="(stereotactic radiosurgery) to the left frontal brain lesion",
        detail="20 Gy in 1 fraction",
    )
    b.followup(b.day(start, 60, 160), "line1")


def _L3(b: Other, case: Case, rng: random.Random, dx: dt.date) -> None:
    _lung_base(b, case, rng, dx, "right lower")
    b.metastases(
        b.day(dx, -12, -4),
        ["lung"],
        "CT CHEST, ABDOMEN AND PELVIS WITH CONTRAST",
        "Cough and weight loss.",
        [("Right lower lobe", "Spiculated 3.9 cm right lower lobe mass.")],
    )
    s = b.biopsy(
        dx,
        "core needle biopsy",
        "Lung, right lower lobe mass, CT-guided core needle biopsy",
        {"PD-L1": pdl1(80)},
        extra=["TTF-1 positive, napsin A positive, p40 negative."],
    )
    b.ngs(
        b.day(s.reported, 1, 5),
        "S1",
        [
            Variant(
                "KRAS", "pathogenic", "c.34G>T", "p.Gly12Cys", vaf=22.1, classification="Pathogenic"
            ),
            Variant(
                "STK11",
                "pathogenic",
                "c.109C>T",
                "p.Gln37*",
                vaf=20.3,
                classification="Likely pathogenic",
            ),
        ],
        ["EGFR", "ALK", "ROS1", "BRAF", "MET", "RET"],
        msi="stable",
        tmb=11.2,
    )
    consult = b.day(case.tests[-1].date, 2, 7)
    b.stage(consult, "cT2a", "cN2", "cM1a", "IVA", "clinical")
    b.consult(consult)
    start = b.day(consult, 3, 10)
    end = plus(start, rng.randint(200, 320))
    b.course(
        ["pembrolizumab"],
        start,
        end,
        "metastatic",
        detail="200 mg every 3 weeks",
        line="first-line",
    )
    b.imaging(
        weekday_after(plus(end, -8)),
        "CT CHEST, ABDOMEN AND PELVIS WITH CONTRAST",
        "Lung cancer on immunotherapy; restaging.",
        [("Lungs", "Enlarging right lower lobe mass and new contralateral nodules.")],
        ["Progression of disease."],
        list(case.mets),
    )
    start2 = b.day(end, 7, 20)
    b.course(["sotorasib"], start2, None, "metastatic", detail="960 mg daily", line="second-line")
    b.followup(b.day(start2, 40, 120), "line2")


def _L4(b: Other, case: Case, rng: random.Random, dx: dt.date) -> None:
    _lung_base(b, case, rng, dx, "right middle")
    b.metastases(
        b.day(dx, -9, -3),
        ["liver"],
        "CT CHEST, ABDOMEN AND PELVIS WITH CONTRAST",
        "Dyspnea; abnormal chest radiograph.",
        [("Right middle lobe", "3.0 cm right middle lobe mass with hilar adenopathy.")],
    )
    s = b.biopsy(
        dx,
        "core needle biopsy",
        "Liver, segment 6, ultrasound-guided core needle biopsy",
        {"PD-L1": pdl1(20)},
        role="metastatic",
        met_site="liver",
        extra=[
            "Metastatic adenocarcinoma; immunoprofile (TTF-1+, CK7+, CK20-) "
            "supports a lung primary."
        ],
    )
    b.ngs(
        b.day(s.reported, 1, 5),
        "S1",
        [Variant("ROS1", "pathogenic", fusion="CD74-ROS1 fusion", classification="Pathogenic")],
        ["EGFR", "ALK", "KRAS", "BRAF"],
        msi=None,
    )
    consult = b.day(case.tests[-1].date, 2, 7)
    b.stage(consult, "cT2a", "cN1", "cM1c", "IVB", "clinical")
    b.consult(consult)
    start = b.day(consult, 3, 10)
    b.course(["entrectinib"], start, None, "metastatic", detail="600 mg daily", line="first-line")
    b.followup(b.day(start, 40, 150), "line1")


def _L5(b: Other, case: Case, rng: random.Random, dx: dt.date) -> None:
    _lung_base(b, case, rng, dx, "right upper", code="8070/3", grade=2)
    s = b.biopsy(
        dx,
        "core needle biopsy",
        "Lung, right upper lobe, CT-guided core needle biopsy",
        {"PD-L1": pdl1(60)},
        extra=["p40 positive, TTF-1 negative."],
    )
    b.negative_ct(
        b.day(dx, -10, -3),
        "Right upper lobe mass; staging.",
        ("Right upper lobe", "5.4 cm right upper lobe mass abutting the chest wall."),
    )
    consult = b.day(s.reported, 4, 12)
    b.stage(consult, "cT3", "cN0", "cM0", "IIB", "clinical")
    b.consult(consult)
    surg = b.day(consult, 14, 30)
    b.resection(
        surg,
        ["lobectomy", "mediastinal lymph node dissection"],
        "right upper lobectomy with mediastinal lymph node dissection",
        "pT3",
        "pN0",
        "IIB",
        (14, 0),
    )
    b.followup(b.day(surg, 14, 24), "postop")
    start = b.day(surg, 35, 55)
    b.course(["cisplatin", "vinorelbine"], start, plus(start, 63), "adjuvant", detail="x 4 cycles")
    b.followup(b.day(start, 90, 150), "late")


# ----------------------------------------------------------------- colorectal
def _C1(b: Other, case: Case, rng: random.Random, dx: dt.date) -> None:
    case.organ, case.laterality, case.histology, case.grade = "colon", None, "8140/3", 2
    case.side_text = "sigmoid colon"
    case.presentation = "rectal bleeding and iron-deficiency anemia"
    b.biopsy(dx, "colonoscopy", "Sigmoid colon mass at 25 cm, colonoscopic biopsy")
    b.negative_ct(
        b.day(dx, 3, 10),
        "Newly diagnosed colon cancer; staging.",
        ("Colon", "Circumferential wall thickening of the sigmoid colon over 5 cm."),
    )
    surg = b.day(dx, 18, 35)
    s = b.resection(
        surg,
        ["sigmoid colectomy"],
        "laparoscopic sigmoid colectomy",
        "pT3",
        "pN1b",
        "IIIB",
        (18, 3),
        markers={"MSI": {"status": "stable", "method": "PCR"}},
    )
    s.mmr = {"MLH1": "intact", "PMS2": "intact", "MSH2": "intact", "MSH6": "intact"}
    consult = b.day(s.reported, 5, 14)
    b.consult(consult, "postop")
    start = b.day(consult, 7, 20)
    b.course(
        ["capecitabine", "oxaliplatin"],
        start,
        plus(start, 21 * 7 + rng.randint(0, 4)),
        "adjuvant",
        label="CAPOX",
        detail="x 8 cycles",
    )
    b.followup(b.day(start, 60, 140), "chemo")


def _C2(b: Other, case: Case, rng: random.Random, dx: dt.date) -> None:
    case.organ, case.laterality, case.histology, case.grade = "colon", None, "8480/3", None
    case.side_text = "ascending colon"
    case.presentation = "abdominal distension and weight loss"
    b.metastases(
        b.day(dx, -8, -2),
        ["peritoneum"],
        "CT ABDOMEN AND PELVIS WITH CONTRAST",
        "Abdominal distension.",
        [("Colon", "Bulky mass of the ascending colon.")],
    )
    s = b.biopsy(
        dx,
        "colonoscopy",
        "Ascending colon mass, biopsy at colonoscopy",
        {"MSI": {"status": "high", "method": "IHC/PCR"}},
        extra=["Extracellular mucin comprises more than 50% of the tumor."],
    )
    s.mmr = {"MLH1": "loss", "PMS2": "loss", "MSH2": "intact", "MSH6": "intact"}
    b.ngs(
        b.day(s.reported, 1, 5),
        "S1",
        [
            Variant(
                "BRAF",
                "pathogenic",
                "c.1799T>A",
                "p.Val600Glu",
                vaf=34.0,
                classification="Pathogenic",
            )
        ],
        ["KRAS", "NRAS"],
        msi="high",
        tmb=round(rng.uniform(28, 52), 1),
    )
    consult = b.day(case.tests[-1].date, 2, 7)
    b.stage(consult, "cT4a", "cN1", "cM1c", "IVC", "clinical")
    b.consult(consult)
    start = b.day(consult, 5, 14)
    b.course(
        ["pembrolizumab"],
        start,
        None,
        "metastatic",
        detail="200 mg every 3 weeks",
        line="first-line",
    )
    b.followup(b.day(start, 50, 150), "line1")


def _C3(b: Other, case: Case, rng: random.Random, dx: dt.date) -> None:
    case.organ, case.laterality, case.histology, case.grade = "rectum", None, "8140/3", 2
    case.side_text = "rectum"
    case.presentation = "change in bowel habits and rectal bleeding"
    s = b.biopsy(dx, "colonoscopy", "Rectal mass at 9 cm from the anal verge, biopsy (colonoscopy)")
    s.mmr = {"MLH1": "intact", "PMS2": "intact", "MSH2": "intact", "MSH6": "intact"}
    b.metastases(
        b.day(dx, 4, 12),
        ["liver"],
        "CT CHEST, ABDOMEN AND PELVIS WITH CONTRAST",
        "Newly diagnosed rectal cancer; staging.",
        [("Pelvis", "Irregular wall thickening of the mid rectum.")],
    )
    b.ngs(
        b.day(s.reported, 5, 10),
        "S1",
        [
            Variant(
                "KRAS", "pathogenic", "c.35G>A", "p.Gly12Asp", vaf=41.0, classification="Pathogenic"
            ),
            Variant(
                "APC",
                "pathogenic",
                "c.4348C>T",
                "p.Arg1450*",
                vaf=44.0,
                classification="Pathogenic",
            ),
        ],
        ["NRAS", "BRAF"],
        msi="stable",
    )
    consult = b.day(case.tests[-1].date, 2, 7)
    b.stage(consult, "cT3", "cN1", "cM1a", "IVA", "clinical")
    b.consult(consult)
    start = b.day(consult, 5, 14)
    b.course(
        ["leucovorin", "fluorouracil", "oxaliplatin"],
        start,
        None,
        "metastatic",
        label="FOLFOX",
        detail="every 2 weeks",
        line="first-line",
    )
    b.course(
        ["bevacizumab"],
        start,
        None,
        "metastatic",
        detail="5 mg/kg every 2 weeks",
        line="first-line",
    )
    b.followup(b.day(start, 40, 140), "line1")


# ---------------------------------------------------------------------- ovary
def _O1(b: Other, case: Case, rng: random.Random, dx: dt.date) -> None:
    case.organ, case.laterality, case.histology, case.grade = "ovary", None, "8461/3", None
    case.side_text = "ovaries"
    case.presentation = "bloating, early satiety and a pelvic mass"
    b.imaging(
        b.day(dx, -10, -3),
        "CT ABDOMEN AND PELVIS WITH CONTRAST",
        "Abdominal bloating; pelvic mass on ultrasound.",
        [
            (
                "Pelvis",
                "Complex solid and cystic adnexal masses bilaterally (right 7.2 cm, left 5.1 cm).",
            ),
            ("Omentum", "Omental thickening (omental cake) and small-volume ascites."),
            ("Liver", "No focal hepatic parenchymal lesion."),
        ],
        [
            "Bilateral adnexal masses with omental disease, most consistent with ovarian "
            "carcinoma. No hepatic parenchymal lesion."
        ],
    )
    b.biopsy(
        dx,
        "core needle biopsy",
        "Omentum, CT-guided core needle biopsy",
        extra=["WT1 positive, PAX8 positive, p53 aberrant (diffuse strong)."],
    )
    consult = b.day(dx, 7, 14)
    b.consult(consult)
    surg = b.day(consult, 10, 25)
    b.resection(
        surg,
        ["hysterectomy", "oophorectomy", "omentectomy"],
        "total abdominal hysterectomy, bilateral salpingo-oophorectomy and omentectomy "
        "(primary cytoreduction)",
        "pT3c",
        "pN0",
        "IIIC",
        (12, 0),
        system="FIGO",
    )
    germ_day = b.day(consult, 0, 10)
    b.germline(
        germ_day,
        [Variant("BRCA1", "pathogenic", "c.68_69delAG", "p.Glu23Valfs*17")],
        ["BRCA2", "PALB2", "RAD51C", "RAD51D", "BRIP1"],
    )
    start = b.day(surg, 21, 35)
    end = plus(start, 105)
    b.course(["carboplatin", "paclitaxel"], start, end, "adjuvant", detail="every 3 weeks x 6")
    b.followup(b.day(start, 40, 90), "chemo")
    m = b.day(end, 21, 40)
    b.course(["olaparib"], m, None, None, detail="300 mg twice daily (maintenance)")
    b.followup(b.day(m, 40, 120), "maint")


def _O2(b: Other, case: Case, rng: random.Random, dx: dt.date) -> None:
    case.organ, case.laterality, case.histology, case.grade = "ovary", "right", "8461/3", None
    case.side_text = "right ovary"
    case.presentation = "abdominal pain and a right adnexal mass"
    b.metastases(
        b.day(dx, -10, -3),
        ["liver"],
        "CT CHEST, ABDOMEN AND PELVIS WITH CONTRAST",
        "Right adnexal mass.",
        [
            ("Pelvis", "8.4 cm solid right ovarian mass."),
            ("Omentum", "Omental nodularity and ascites."),
        ],
    )
    b.biopsy(
        dx,
        "core needle biopsy",
        "Right adnexal mass, ultrasound-guided core needle biopsy",
        extra=["PAX8 and WT1 positive; p53 aberrant."],
    )
    consult = b.day(dx, 6, 14)
    b.stage(consult, None, None, None, "IVB", "clinical").system = "FIGO"
    b.consult(consult)
    b.germline(b.day(consult, 0, 10), [], ["BRCA1", "BRCA2"])
    start = b.day(consult, 5, 14)
    end = plus(start, 63)
    b.course(["carboplatin", "paclitaxel"], start, end, "neoadjuvant", detail="every 3 weeks x 3")
    surg = b.day(end, 21, 35)
    b.resection(
        surg,
        ["hysterectomy", "oophorectomy", "omentectomy"],
        "interval cytoreductive surgery: total hysterectomy, bilateral "
        "salpingo-oophorectomy and omentectomy",
        "ypT3c",
        "ypN1a",
        None,
        (9, 2),
        system="FIGO",
    )
    start2 = b.day(surg, 21, 35)
    b.course(["bevacizumab"], start2, None, None, detail="15 mg/kg every 3 weeks")
    b.followup(b.day(start2, 30, 100), "late")


# ------------------------------------------------------------------- melanoma
def _M1(b: Other, case: Case, rng: random.Random, dx: dt.date) -> None:
    case.organ, case.laterality, case.histology, case.grade = "skin", "left", "8720/3", None
    case.side_text = "skin of the left upper back"
    case.presentation = "a changing pigmented lesion on the left upper back"
    dx = dt.date(dx.year - 2, dx.month, min(dx.day, 28))
    b.biopsy(
        dx,
        "excisional biopsy",
        "Skin, left upper back, excisional biopsy",
        extra=[
            "Breslow thickness: 2.6 mm",
            "Ulceration: present",
            "Mitotic rate: 6/mm2",
            "Microsatellites: not identified",
        ],
    )
    surg = b.day(dx, 20, 40)
    b.resection(
        surg,
        ["wide local excision", "sentinel lymph node biopsy"],
        "wide local excision of the left upper back with sentinel lymph node biopsy",
        "pT3b",
        "pN1a",
        "IIIC",
        (2, 1),
    )
    b.consult(b.day(surg, 12, 25), "postop")
    start = b.day(surg, 30, 50)
    b.course(["nivolumab"], start, plus(start, 350), "adjuvant", detail="480 mg every 4 weeks")
    rec = weekday_after(plus(start, rng.randint(420, 600)))
    b.metastases(
        rec, ["lung", "brain"], "PET/CT AND MRI BRAIN", "Melanoma surveillance; new cough."
    )
    s3 = b.biopsy(
        b.day(rec, 4, 10),
        "core needle biopsy",
        "Lung, left lower lobe nodule, CT-guided core needle biopsy",
        role="metastatic",
        met_site="lung",
        sid="S3",
    )
    b.ngs(
        b.day(s3.reported, 1, 4),
        "S3",
        [
            Variant(
                "BRAF",
                "pathogenic",
                "c.1799T>A",
                "p.Val600Glu",
                vaf=38.0,
                classification="Pathogenic",
            )
        ],
        ["NRAS", "KIT"],
        msi=None,
    )
    restage = b.day(case.tests[-1].date, 2, 7)
    b.stage(restage, None, None, "pM1d", "IV", "restage")
    b.consult(restage, "recurrence")
    start2 = b.day(restage, 3, 10)
    b.course(
        ["dabrafenib", "trametinib"],
        start2,
        None,
        "metastatic",
        detail="dabrafenib 150 mg twice daily with trametinib 2 mg daily",
        line="first-line",
    )
    b.followup(b.day(start2, 40, 120), "line1")


def _M2(b: Other, case: Case, rng: random.Random, dx: dt.date) -> None:
    case.organ, case.laterality, case.histology, case.grade = "skin", "right", "8743/3", None
    case.side_text = "skin of the right forearm"
    case.presentation = "an enlarging irregular mole on the right forearm"
    b.biopsy(
        dx,
        "excisional biopsy",
        "Skin, right dorsal forearm, excisional biopsy",
        extra=["Breslow thickness: 1.6 mm", "Ulceration: absent", "Mitotic rate: 3/mm2"],
    )
    surg = b.day(dx, 20, 40)
    b.resection(
        surg,
        ["wide local excision", "sentinel lymph node biopsy"],
        "wide local excision of the right forearm with sentinel lymph node biopsy",
        "pT2a",
        "pN1a",
        "IIIA",
        (2, 1),
    )
    b.ngs(b.day(surg, 5, 15), "S2", [], ["BRAF", "NRAS", "KIT"], msi=None)
    b.consult(b.day(case.tests[-1].date, 3, 10), "postop")
    b.negative_ct(
        b.day(surg, 10, 20),
        "Stage III melanoma; staging.",
        ("Surgical bed", "Postoperative changes of the right forearm."),
    )
    start = b.day(surg, 35, 55)
    b.course(
        ["pembrolizumab"],
        start,
        plus(start, 357),
        "adjuvant",
        detail="400 mg every 6 weeks for one year",
    )
    b.followup(b.day(start, 60, 200), "adj")


# ------------------------------------------------------------------- pancreas
def _P1(b: Other, case: Case, rng: random.Random, dx: dt.date) -> None:
    case.organ, case.laterality, case.histology, case.grade = "pancreas", None, "8140/3", 2
    case.side_text = "head of the pancreas"
    case.presentation = "painless jaundice"
    b.biopsy(
        dx,
        "EUS-guided fine needle biopsy",
        "Pancreas, head mass, EUS-guided fine needle aspiration (cell block)",
    )
    b.negative_ct(
        b.day(dx, -9, -2),
        "Jaundice; pancreatic protocol CT.",
        (
            "Pancreas",
            "2.8 cm hypoenhancing mass in the pancreatic head with biliary "
            "and pancreatic duct dilatation; no arterial involvement.",
        ),
    )
    consult = b.day(dx, 7, 14)
    b.consult(consult)
    surg = b.day(consult, 10, 25)
    s = b.resection(
        surg,
        ["pancreaticoduodenectomy"],
        "pancreaticoduodenectomy (Whipple procedure)",
        "pT2",
        "pN1",
        "IIB",
        (21, 2),
    )
    b.ngs(
        b.day(s.reported, 3, 10),
        "S2",
        [
            Variant(
                "KRAS", "pathogenic", "c.35G>A", "p.Gly12Asp", vaf=18.0, classification="Pathogenic"
            ),
            Variant(
                "CDKN2A",
                "pathogenic",
                "c.238C>T",
                "p.Arg80*",
                vaf=16.0,
                classification="Likely pathogenic",
            ),
        ],
        ["BRCA1", "BRCA2", "PALB2"],
        msi="stable",
    )
    start = b.day(surg, 40, 60)
    b.course(
        ["gemcitabine", "capecitabine"], start, plus(start, 165), "adjuvant", detail="x 6 cycles"
    )
    b.followup(b.day(start, 50, 150), "chemo")


def _P2(b: Other, case: Case, rng: random.Random, dx: dt.date) -> None:
    case.organ, case.laterality, case.histology, case.grade = "pancreas", None, "8140/3", 3
    case.side_text = "body of the pancreas"
    case.presentation = "epigastric pain radiating to the back and weight loss"
    b.metastases(
        b.day(dx, -10, -3),
        ["liver"],
        "CT CHEST, ABDOMEN AND PELVIS WITH CONTRAST",
        "Epigastric pain and weight loss.",
        [("Pancreas", "3.4 cm hypoattenuating mass in the pancreatic body.")],
    )
    b.biopsy(
        dx,
        "core needle biopsy",
        "Liver, segment 4, ultrasound-guided core needle biopsy",
        role="metastatic",
        met_site="liver",
        extra=[
            "Metastatic adenocarcinoma consistent with pancreaticobiliary primary "
            "(CK7+, CK19+, SMAD4 loss)."
        ],
    )
    consult = b.day(dx, 6, 12)
    b.stage(consult, "cT2", "cN1", "cM1", "IV", "clinical")
    b.consult(consult)
    b.germline(
        b.day(consult, 0, 7),
        [Variant("BRCA2", "pathogenic", "c.5946delT", "p.Ser1982Argfs*22")],
        ["BRCA1", "PALB2", "ATM", "CHEK2"],
    )
    start = b.day(consult, 5, 12)
    end = plus(start, rng.randint(110, 170))
    b.course(
        ["leucovorin", "fluorouracil", "irinotecan", "oxaliplatin"],
        start,
        end,
        "metastatic",
        label="FOLFIRINOX",
        detail="every 2 weeks",
        line="first-line",
    )
    b.followup(b.day(start, 40, 90), "line1")
    m = b.day(end, 14, 28)
    b.course(["olaparib"], m, None, None, detail="300 mg twice daily, maintenance")
    b.followup(b.day(m, 40, 120), "maint")


# ------------------------------------------------------------------- prostate
def _R1(b: Other, case: Case, rng: random.Random, dx: dt.date) -> None:
    case.organ, case.laterality, case.histology, case.grade = "prostate", None, "8140/3", None
    case.side_text = "prostate"
    case.presentation = "a rising PSA (7.8 ng/mL) on routine screening"
    b.biopsy(
        dx,
        "core needle biopsy",
        "Prostate, transrectal ultrasound-guided 12-core needle biopsy",
        extra=[
            "Gleason score 4+3=7 (Grade Group 3) in 5 of 12 cores",
            "Perineural invasion: present",
        ],
    )
    b.negative_ct(
        b.day(dx, 10, 20),
        "Prostate cancer staging.",
        ("Pelvis", "Prostate mildly enlarged; no pelvic lymphadenopathy."),
    )
    consult = b.day(dx, 14, 28)
    b.consult(consult)
    surg = b.day(consult, 20, 45)
    b.resection(
        surg,
        ["radical prostatectomy", "pelvic lymph node dissection"],
        "robotic-assisted radical prostatectomy with bilateral pelvic lymph node dissection",
        "pT3a",
        "pN0",
        "IIIB",
        (14, 0),
        extra=[
            "Gleason score 4+3=7 (Grade Group 3)",
            "Extraprostatic extension: present, focal (left posterior)",
        ],
    )
    b.followup(b.day(surg, 30, 90), "postop")


def _R2(b: Other, case: Case, rng: random.Random, dx: dt.date) -> None:
    case.organ, case.laterality, case.histology, case.grade = "prostate", None, "8140/3", None
    case.side_text = "prostate"
    case.presentation = "back pain and a PSA of 212 ng/mL"
    b.metastases(
        b.day(dx, -12, -4),
        ["bone"],
        "WHOLE BODY BONE SCAN (Tc-99m MDP)",
        "Elevated PSA and back pain.",
    )
    b.biopsy(
        dx,
        "core needle biopsy",
        "Prostate, 12-core needle biopsy",
        extra=["Gleason score 4+5=9 (Grade Group 5) in 10 of 12 cores"],
    )
    consult = b.day(dx, 7, 14)
    b.stage(consult, "cT3b", "cN1", "cM1b", "IVB", "clinical")
    b.consult(consult)
    start = b.day(consult, 1, 7)
    b.course(["leuprolide"], start, None, "metastatic", detail="22.5 mg every 3 months")
    b.course(
        ["abiraterone"],
        b.day(start, 7, 20),
        None,
        "metastatic",
        detail="1000 mg daily with prednisone 5 mg",
    )
    b.germline(
        b.day(consult, 0, 7),
        [Variant("BRCA2", "pathogenic", "c.7617+1G>A", None)],
        ["BRCA1", "ATM", "CHEK2", "HOXB13"],
    )
    b.followup(b.day(start, 60, 150), "line1")
