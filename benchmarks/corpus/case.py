"""One invented patient's disease course: the facts the documents are written from.

A ``Case`` is the whole story (specimens and their results, staging statements, treatment
courses, imaging, genetic tests, plans that never happened). Documents are written from it,
each saying only part of the story; the truth is consolidated from what the written documents
actually say (see ``ledger``), never from the case directly.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field
from typing import Any


@dataclass
class Person:
    first: str
    last: str
    sex: str  # "F" or "M"
    dob: dt.date
    mrn: str

    @property
    def she(self) -> str:
        return "she" if self.sex == "F" else "he"

    @property
    def her(self) -> str:
        return "her" if self.sex == "F" else "his"

    @property
    def woman(self) -> str:
        return "woman" if self.sex == "F" else "man"


@dataclass
class Specimen:
    id: str
    date: dt.date  # collected
    reported: dt.date
    role: str  # "primary" | "metastatic"
    procedure: str  # contract procedure name (core needle biopsy, lumpectomy, ...)
    site_text: str  # "Left breast, 2 o'clock, ultrasound-guided core biopsy"
    accession: str
    markers: dict[str, dict[str, Any]] = field(default_factory=dict)
    ish: dict[str, Any] | None = None  # {"ish", "ratio", "copy_number", "group", "date"}
    ish_pending: bool = False
    diagnosis: list[str] = field(default_factory=list)  # extra diagnosis lines (DCIS etc.)
    resection: dict[str, Any] | None = None  # size, margins, nodes, lvi, stage id...
    met_site: str | None = None  # contract site for a metastatic specimen
    organ_text: str = ""  # "liver", "iliac bone"...
    mmr: dict[str, str] | None = None  # MLH1: "intact"/"loss"...
    extra: list[str] = field(default_factory=list)  # findings that are not contract facts
    course: str | None = None  # the procedure course that took this specimen


@dataclass
class StageEvent:
    id: str
    date: dt.date
    T: str | None
    N: str | None
    M: str | None
    group: str | None
    basis: str  # clinical | pathologic | yp | restage
    system: str = "AJCC 8th edition"


@dataclass
class Course:
    id: str
    drugs: list[str]  # contract names (ingredients, procedure names, "radiation therapy")
    category: str
    start: dt.date
    end: dt.date | None  # None = ongoing / not applicable
    setting: str | None = None
    label: str | None = None  # regimen acronym as written ("TCHP", "ddAC")
    given: bool = True
    detail: str = ""  # cycles / dose / target text
    text: str = ""  # how a procedure or radiation course is described
    line: str | None = None  # "first-line", "second-line" (metastatic)
    series: str | None = None  # courses written together ("ddAC-T", "KEYNOTE-522", "TH")


@dataclass
class Met:
    site: str  # contract site
    date: dt.date
    finding: str  # imaging wording
    organ: str  # plain-language organ for notes ("liver", "bones")


@dataclass
class Imaging:
    id: str
    date: dt.date
    modality: str  # title of the exam
    indication: str
    findings: list[tuple[str, str]]  # (region, text)
    impression: list[str]
    mets: list[Met] = field(default_factory=list)
    comparison: str = "None."


@dataclass
class Variant:
    gene: str
    status: str  # pathogenic | vus
    cdna: str | None = None
    protein: str | None = None  # HGVS, three-letter amino acids
    fusion: str | None = None
    vaf: float | None = None
    classification: str = "Pathogenic"
    zygosity: str = "Heterozygous"

    @property
    def short(self) -> str | None:
        """One-letter protein change as clinicians write it ("H1047R", "E746_A750del")."""
        if not self.protein:
            return None
        text = self.protein.removeprefix("p.")
        for three, one in AMINO.items():
            text = text.replace(three, one)
        return text


AMINO = {
    "Ala": "A",
    "Arg": "R",
    "Asn": "N",
    "Asp": "D",
    "Cys": "C",
    "Gln": "Q",
    "Glu": "E",
    "Gly": "G",
    "His": "H",
    "Ile": "I",
    "Leu": "L",
    "Lys": "K",
    "Met": "M",
    "Phe": "F",
    "Pro": "P",
    "Ser": "S",
    "Thr": "T",
    "Trp": "W",
    "Tyr": "Y",
    "Val": "V",
    "Ter": "*",
}


@dataclass
class GeneTest:
    id: str
    date: dt.date  # reported
    collected: dt.date
    kind: str  # germline | somatic
    lab: str
    method: str
    specimen_text: str
    variants: list[Variant] = field(default_factory=list)
    negatives: list[str] = field(default_factory=list)  # genes tested with nothing found
    msi: str | None = None  # "high" | "stable"
    tmb: float | None = None
    tumor_fraction: int | None = None
    specimen: str | None = None  # the specimen id a tumour test was run on


@dataclass
class Aside:
    """A thing said in a plan that is not a fact: plans, discussions, refusals, hypotheticals."""

    date: dt.date  # first note that can say it
    until: dt.date  # last note that can say it
    text: str


@dataclass
class Case:
    pid: str
    person: Person
    tumour: str  # breast | lung | colorectal | ovary | melanoma | pancreas | prostate
    organ: str  # contract primary_site
    laterality: str | None
    side_text: str  # "left breast, upper outer quadrant"
    histology: str  # ICD-O-3 code
    grade: int | None
    grade_text: str = ""  # how the resection/biopsy grades ("Nottingham grade 2 of 3 ...")
    specimens: list[Specimen] = field(default_factory=list)
    stages: list[StageEvent] = field(default_factory=list)
    courses: list[Course] = field(default_factory=list)
    mets: list[Met] = field(default_factory=list)
    imaging: list[Imaging] = field(default_factory=list)
    tests: list[GeneTest] = field(default_factory=list)
    asides: list[Aside] = field(default_factory=list)
    family: list[str] = field(default_factory=list)
    pmh: list[str] = field(default_factory=list)
    meds: list[str] = field(default_factory=list)
    allergies: str = "No known drug allergies."
    social: str = ""
    presentation: str = ""  # how the cancer was found
    menopause: str = ""
    recurrence: dt.date | None = None
    hospital: str = ""
    lab: str = ""
    oncologist: str = ""
    surgeon: str = ""
    pathologist: str = ""
    radiologist: str = ""
    pcp: str = ""
    admissions: list[dict[str, Any]] = field(default_factory=list)

    @property
    def primary(self) -> Specimen:
        return self.specimens[0]

    @property
    def dx_date(self) -> dt.date:
        return self.specimens[0].date

    def specimen(self, sid: str) -> Specimen:
        return next(s for s in self.specimens if s.id == sid)

    def courses_between(self, start: dt.date, end: dt.date) -> list[Course]:
        return [c for c in self.courses if c.given and start <= c.start <= end]
