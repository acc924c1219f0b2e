"""Letterheads, patient banners and footers: each document gets its own look."""

from __future__ import annotations

from . import layout as L
from .base import Writer
from .dates import age_on, fmt
from .names import HOSPITALS


def letterhead(
    w: Writer, institution: str, department: str, address: str = "", scanned: bool = False
) -> L.Style:
    rng = w.rng
    family = rng.choice(["Helvetica", "Helvetica", "Times", "Times", "Courier"])
    # scanned pages keep body text at 10.5 pt or more (tables 10 pt) so OCR can read them
    size = rng.choice([10.5, 11, 11.5]) if scanned else rng.choice([9.5, 10, 10.5, 11])
    if family == "Courier":
        size = max(size, 10)
    align = rng.choice(["center", "left", "center"])
    header = [
        (
            institution.upper() if rng.random() < 0.6 else institution,
            "bold",
            size + rng.choice([2, 3, 4]),
            align,
        )
    ]
    if department:
        header.append((department, "regular", size - 0.5, align))
    if address and rng.random() < 0.7:
        header.append(
            (
                f"{address}  Tel. (555) {rng.randint(200, 989)}-{rng.randint(1000, 9999)}",
                "regular",
                max(size - 1.5, 8),
                align,
            )
        )
    p = w.p
    dob = fmt(p.dob, w.ds)
    banner = rng.choice(
        [
            f"Patient: {p.last.upper()}, {p.first.upper()}    MRN: {p.mrn}    DOB: {dob}",
            f"Name: {p.first} {p.last} | MRN {p.mrn} | DOB {dob} | Sex: {w.sex_word()}",
            f"{p.last}, {p.first} (MRN {p.mrn})   DOB {dob}   Age {age_on(p.dob, w.plan.date)}",
            f"PATIENT {p.last.upper()}, {p.first.upper()}   MR# {p.mrn}   D.O.B. {dob}",
            "",
        ]
    )
    footer_left = rng.choice(
        [
            "CONFIDENTIAL - contains protected health information",
            f"Printed {fmt(w.plan.date, 'iso')} {rng.randint(7, 18):02d}:{rng.randint(0, 59):02d}",
            institution,
            f"{p.last.upper()}, {p.first.upper()}  MRN {p.mrn}",
            "",
        ]
    )
    footer_right = rng.choice(
        [
            "Page {page} of {pages}",
            "Page {page} of {pages}",
            "Page {page}",
            "{page}/{pages}",
            "- {page} -",
        ]
    )
    pagesize = L.A4_SIZE if rng.random() < 0.2 else L.LETTER_SIZE
    return L.Style(
        family=family,
        size=size,
        margin=rng.choice([50, 56, 60, 66, 72]),
        pagesize=pagesize,
        header=header,
        banner=banner,
        footer_left=footer_left,
        footer_right=footer_right,
        header_rule=rng.random() < 0.8,
    )


def hospital(w: Writer) -> tuple[str, str]:
    for name, address in HOSPITALS:
        if name == w.case.hospital:
            return name, address
    return w.case.hospital, ""
