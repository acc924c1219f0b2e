"""Invented people and places. Any resemblance to real persons or institutions is accidental."""

from __future__ import annotations

import datetime as dt
import random

from .case import Person

FEMALE = [
    "Adaeze",
    "Beatrix",
    "Carmen",
    "Dalia",
    "Edith",
    "Farah",
    "Gwen",
    "Hana",
    "Ines",
    "Jolene",
    "Kalinda",
    "Lourdes",
    "Marisol",
    "Nadia",
    "Odette",
    "Priya",
    "Quinn",
    "Rosalind",
    "Svetlana",
    "Tamsin",
    "Ulla",
    "Valeria",
    "Wren",
    "Ximena",
    "Yara",
    "Zofia",
    "Amara",
    "Bronwyn",
    "Celeste",
    "Delphine",
    "Esperanza",
    "Fumiko",
    "Greta",
    "Hollis",
    "Imogen",
    "Junia",
    "Keziah",
    "Leocadia",
    "Minh",
    "Noor",
    "Oona",
    "Paloma",
    "Rhiannon",
    "Saoirse",
    "Thandiwe",
    "Verity",
    "Winona",
]
MALE = [
    "Anselm",
    "Bartholomew",
    "Cosimo",
    "Desmond",
    "Emeka",
    "Florian",
    "Gideon",
    "Hamish",
    "Ignatius",
    "Jorge",
    "Kwabena",
    "Leopold",
    "Mattias",
    "Nikolai",
    "Osvaldo",
    "Percival",
    "Rafferty",
    "Silas",
    "Tobiah",
    "Umberto",
    "Viggo",
    "Wendell",
    "Yusuf",
    "Zoltan",
]
LAST = [
    "Abernathy",
    "Okonkwo",
    "Valderrama",
    "Lindqvist",
    "Castellanos",
    "Nakashima",
    "Ferreira",
    "Halvorsen",
    "Mbeki",
    "Quintero",
    "Rosenthal",
    "Szymanski",
    "Thibodeaux",
    "Underhill",
    "Vasquez-Orr",
    "Whitcombe",
    "Yamamura",
    "Zielinski",
    "Achterberg",
    "Brennan-Kaye",
    "Cabrera",
    "Dunmore",
    "Estrada",
    "Fairweather",
    "Galloway",
    "Hakimi",
    "Iwasaki",
    "Jablonski",
    "Kowalczyk",
    "Larkspur",
    "Marchetti",
    "Nwosu",
    "Oyelaran",
    "Pemberton",
    "Quayle",
    "Rasmussen",
    "Sandoval",
    "Tremblay",
    "Ulrich",
    "Villanueva",
    "Wojcik",
    "Xiong",
    "Yilmaz",
    "Zamora",
    "Ashcombe",
    "Beaumont",
    "Corriveau",
    "Delacroix",
    "Eberhardt",
    "Fontaine",
    "Grimaldi",
    "Hollister",
    "Ibarra",
    "Jorgensen",
    "Kettering",
    "Lombardi",
    "Moreau",
    "Northcott",
]
DOCTOR_FIRST = [
    "A.",
    "B.",
    "C.",
    "D.",
    "E.",
    "F.",
    "G.",
    "H.",
    "J.",
    "K.",
    "L.",
    "M.",
    "N.",
    "P.",
    "R.",
    "S.",
    "T.",
    "V.",
    "W.",
]
DOCTOR_LAST = [
    "Ashworth",
    "Balogun",
    "Chandrasekar",
    "Dobrev",
    "Eriksen",
    "Fitzgerald-Lowe",
    "Gallardo",
    "Huang",
    "Ilunga",
    "Jovanovic",
    "Kaplan",
    "Lemaire",
    "Moravec",
    "Nakagawa",
    "Oduya",
    "Pellegrini",
    "Ravindran",
    "Sorensen",
    "Takacs",
    "Uchenna",
    "Varga",
    "Whitlock",
    "Zaragoza",
]
HOSPITALS = [
    ("Riverbend Medical Center", "400 Mill Road, Harrow Falls"),
    ("St. Albertine Regional Hospital", "12 Cathedral Way, Norwick"),
    ("Lakeshore University Health", "2200 Shoreline Drive, Port Ellery"),
    ("Northgate Cancer Institute", "77 Beacon Street, Northgate"),
    ("Cedar Hollow Community Hospital", "9 Orchard Lane, Cedar Hollow"),
    ("Meridian Valley Health System", "1500 Valley Parkway, Meridian"),
    ("Bayfront Oncology Associates", "310 Harbor Blvd, Suite 4, Bayfront"),
    ("Granite Peaks Medical Group", "45 Summit Road, Granite City"),
]
PATH_LABS = [
    "Riverbend Medical Center - Department of Pathology",
    "Tri-County Pathology Associates",
    "Lakeshore University Health Laboratories",
    "Sentinel Diagnostic Pathology, LLC",
    "Meridian Valley Anatomic Pathology",
    "Keystone Reference Laboratories",
]
NGS_LABS = [
    ("GenomaSight Diagnostics", "GS-Solid 324 (DNA + RNA)"),
    ("Helix Point Oncology Lab", "HPO Comprehensive Tumor Panel v3"),
    ("OncoAtlas Molecular", "OncoAtlas 500 hybrid-capture panel"),
    ("Northgate Molecular Pathology", "NMP Solid Tumor NGS Panel (161 genes)"),
]
GERMLINE_LABS = [
    ("Heritage Genetics Laboratory", "Hereditary Breast and Ovarian Cancer Panel"),
    ("Lineage Clinical Genomics", "CancerRisk Multi-Gene Panel"),
    ("Ancestry-Independent Genetic Testing Inc.", "Common Hereditary Cancers Panel"),
]


class People:
    """Draws distinct names for one corpus."""

    def __init__(self, rng: random.Random):
        self.rng = rng
        self.used: set[str] = set()

    def patient(self, sex: str, born: tuple[int, int]) -> Person:
        while True:
            first = self.rng.choice(FEMALE if sex == "F" else MALE)
            last = self.rng.choice(LAST)
            if f"{first} {last}" not in self.used:
                self.used.add(f"{first} {last}")
                break
        year = self.rng.randint(*born)
        dob = dt.date(year, self.rng.randint(1, 12), self.rng.randint(1, 28))
        mrn = f"{self.rng.randint(10, 99)}{self.rng.randint(0, 999999):06d}"
        return Person(first, last, sex, dob, mrn)

    def doctor(self) -> str:
        return f"{self.rng.choice(DOCTOR_FIRST)} {self.rng.choice(DOCTOR_LAST)}, MD"
