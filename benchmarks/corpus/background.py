"""Background history for notes: comorbidities, medications, family and social history."""

from __future__ import annotations

import random

from .case import Case

PMH = [
    ("Hypertension", "lisinopril 10 mg daily"),
    ("Hypothyroidism", "levothyroxine 75 mcg daily"),
    ("Type 2 diabetes mellitus", "metformin 500 mg twice daily"),
    ("Hyperlipidemia", "atorvastatin 20 mg nightly"),
    ("Osteoarthritis of the knees", "acetaminophen as needed"),
    ("Gastroesophageal reflux disease", "omeprazole 20 mg daily"),
    ("Migraine", "sumatriptan as needed"),
    ("Asthma, mild intermittent", "albuterol inhaler as needed"),
    ("Depression", "sertraline 50 mg daily"),
    ("Atrial fibrillation", "apixaban 5 mg twice daily"),
    ("Chronic kidney disease stage 2", ""),
    ("Remote appendectomy (1998)", ""),
    ("Osteopenia", "calcium and vitamin D"),
]

ALLERGIES = [
    "No known drug allergies.",
    "Penicillin (rash).",
    "Sulfa drugs (hives).",
    "NKDA",
    "Codeine (nausea).",
    "Iodinated contrast (itching) - premedicate.",
]

SOCIAL = [
    "Works as a {job}. Never smoker. Drinks alcohol socially.",
    "Retired {job}. Former smoker, quit {quit} ({py} pack-years). No alcohol.",
    "Lives with {partner}. Works as a {job}. Never smoker, rare alcohol.",
    "{job_cap}; lives alone, close to {her} daughter. Never used tobacco.",
]
JOBS = [
    "schoolteacher",
    "accountant",
    "nurse",
    "civil engineer",
    "librarian",
    "bus driver",
    "software developer",
    "chef",
    "pharmacist",
    "farmer",
    "graphic designer",
    "postal worker",
]

RELATIVES = [
    "mother",
    "maternal aunt",
    "sister",
    "paternal grandmother",
    "father",
    "maternal grandmother",
    "paternal aunt",
    "brother",
    "maternal cousin",
]
CANCERS = {
    "mother": ["breast cancer at age {a}", "ovarian cancer at age {a}", "colon cancer at {a}"],
    "father": [
        "prostate cancer at age {a}",
        "lung cancer (smoker) at {a}",
        "pancreatic cancer at {a}",
    ],
    "brother": ["melanoma at {a}", "testicular cancer at {a}"],
}


def family_lines(rng: random.Random, case: Case, trap_gene: str | None = None) -> list[str]:
    """A family history; ``trap_gene`` adds a relative's mutation (not the patient's)."""
    lines = []
    for _ in range(rng.randint(1, 3)):
        relative = rng.choice(RELATIVES)
        pool = CANCERS.get(
            relative,
            [
                "breast cancer at age {a}",
                "ovarian cancer at age {a}",
                "colon cancer at {a}",
                "leukemia at {a}",
            ],
        )
        lines.append(f"{relative.capitalize()}: {rng.choice(pool).format(a=rng.randint(38, 79))}.")
    if trap_gene:
        relative = rng.choice(["mother", "sister", "maternal aunt"])
        lines.append(
            rng.choice(
                [
                    f"Her {relative} had a {trap_gene} mutation identified on genetic testing.",
                    f"{relative.capitalize()} carries a pathogenic {trap_gene} variant "
                    "(tested 2016).",
                    f"{relative.capitalize()} was found to have a {trap_gene} mutation after "
                    "her own cancer diagnosis.",
                ]
            ).replace("Her mother", "Mother")
        )
    if rng.random() < 0.25:
        lines.append("No other known family history of cancer.")
    return lines


def fill(rng: random.Random, case: Case, trap_gene: str | None = None) -> None:
    picks = rng.sample(PMH, rng.randint(1, 4))
    case.pmh = [p for p, _ in picks]
    case.meds = [m for _, m in picks if m]
    case.allergies = rng.choice(ALLERGIES)
    job = rng.choice(JOBS)
    case.social = rng.choice(SOCIAL).format(
        job=job,
        job_cap=job.capitalize(),
        quit=rng.randint(1990, 2015),
        py=rng.randint(5, 40),
        partner=rng.choice(["her husband", "her wife", "a partner"])
        if case.person.sex == "F"
        else rng.choice(["his wife", "a partner"]),
        her=case.person.her,
    )
    if case.person.sex == "M":
        case.social = case.social.replace("her husband", "his wife")
    case.family = family_lines(rng, case, trap_gene)
