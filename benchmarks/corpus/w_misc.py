"""Imaging reports, molecular (tumour NGS and germline) reports, lab reports, fax covers."""

from __future__ import annotations

import datetime as dt

from .base import Writer, join_and, variant_text
from .case import GeneTest, Imaging
from .dates import fmt, plus
from .names import HOSPITALS
from .styles import letterhead
from .w_notes import dx_phrase

SITE_WORDS = {
    "breast": "breast cancer",
    "colon": "colon cancer",
    "rectum": "rectal cancer",
    "prostate": "prostate cancer",
    "lung": "lung cancer",
    "ovary": "ovarian cancer",
    "pancreas": "pancreatic cancer",
}

TECHNIQUE = {
    "CT": "Axial CT images of the chest, abdomen and pelvis were obtained after intravenous "
    "administration of 100 mL iohexol. Coronal and sagittal reformats were reviewed.",
    "PET": "Approximately 60 minutes after intravenous injection of 11.2 mCi F-18 FDG, PET "
    "images were acquired from the skull base to the mid-thigh with low-dose CT for "
    "attenuation correction. Blood glucose 96 mg/dL.",
    "MRI": "Multiplanar multisequence MR images of the brain were obtained before and after "
    "intravenous gadolinium.",
    "BONE": "Whole body planar images were obtained 3 hours after intravenous injection of "
    "24.8 mCi Tc-99m MDP.",
    "US": "Targeted grayscale and color Doppler ultrasound with standard mammographic views.",
}


GENE_NOTES = {
    "PIK3CA": "PIK3CA encodes the p110-alpha catalytic subunit of PI3K; hotspot mutations "
    "activate the PI3K/AKT/mTOR pathway.",
    "ESR1": "ESR1 ligand-binding domain mutations confer ligand-independent estrogen receptor "
    "activity and are typically acquired under aromatase inhibitor therapy.",
    "AKT1": "The E17K mutation in the pleckstrin homology domain constitutively activates AKT1.",
    "EGFR": "Exon 19 deletions sensitize to EGFR tyrosine kinase inhibitors.",
    "ALK": "ALK rearrangements produce a constitutively active fusion kinase.",
    "ROS1": "ROS1 fusions drive oncogenic signalling through the ROS1 kinase domain.",
    "KRAS": "Activating KRAS mutations lock the GTPase in its active state.",
    "BRAF": "BRAF V600E constitutively activates MAPK signalling.",
    "TP53": "TP53 encodes the p53 tumor suppressor; this alteration is of uncertain or "
    "established significance as classified above.",
    "default": "Interpretation per AMP/ASCO/CAP 2017 tiering; see classification above.",
}

THERAPIES = {
    ("PIK3CA", "breast"): "alpelisib + fulvestrant; capivasertib + fulvestrant; inavolisib",
    ("ESR1", "breast"): "elacestrant; clinical trials of oral SERDs",
    ("AKT1", "breast"): "capivasertib + fulvestrant",
    ("EGFR", "lung"): "osimertinib; erlotinib; afatinib; amivantamab (trials)",
    ("ALK", "lung"): "alectinib; lorlatinib; brigatinib",
    ("ROS1", "lung"): "entrectinib; crizotinib; repotrectinib",
    ("KRAS", "lung"): "sotorasib; adagrasib (KRAS G12C inhibitors)",
    ("BRAF", "colorectal"): "encorafenib + cetuximab",
    ("BRAF", "melanoma"): "dabrafenib + trametinib; encorafenib + binimetinib",
    ("KRAS", "colorectal"): "resistance to cetuximab and panitumumab; clinical trials",
    ("KRAS", "pancreas"): "clinical trials (KRAS G12D inhibitors)",
}


def _technique(modality: str) -> str:
    for key in ("PET", "MRI", "BONE", "CT"):
        if key in modality.upper():
            return TECHNIQUE[key]
    return TECHNIQUE["US"]


def write_imaging(w: Writer) -> None:
    c = w.case
    img: Imaging = next(i for i in c.imaging if i.id == w.plan.ref)
    address = dict(HOSPITALS).get(c.hospital, "")
    w.style = letterhead(
        w,
        c.hospital,
        w.choice(
            ["Department of Radiology", "Diagnostic Imaging", "Radiology and Nuclear Medicine"]
        ),
        address,
        w.plan.scan != "none",
    )
    w.title = img.modality
    w.heading(
        w.choice(["RADIOLOGY REPORT", "DIAGNOSTIC IMAGING REPORT", "IMAGING REPORT"]),
        align="center",
        size_delta=2,
    )
    pairs = []
    if not w.style.banner:
        pairs += [("Patient", f"{w.p.last}, {w.p.first}"), ("MRN", w.p.mrn), ("DOB", w.d(w.p.dob))]
    pairs += [
        ("Exam", img.modality),
        (w.choice(["Exam Date", "Date of Exam", "Study Date"]), w.d(img.date)),
        ("Accession", f"RAD{w.rng.randint(1000000, 9999999)}"),
        ("Ordering Physician", c.oncologist if img.date > c.dx_date else c.pcp),
    ]
    w.fields(pairs, columns=w.choice([1, 2]))
    indication = img.indication
    word = SITE_WORDS.get(c.organ)
    if word and word.split()[0] in indication.lower() and "cancer" in indication.lower():
        w.f_site()
    w.para(indication, lead=w.choice(["CLINICAL INDICATION:", "INDICATION:", "HISTORY:"]))
    w.para(
        img.comparison
        if img.date <= c.dx_date
        else w.choice(
            [
                "None available.",
                f"Prior study dated {w.d(plus(img.date, -w.rng.randint(60, 200)))}.",
            ]
        ),
        lead="COMPARISON:",
    )
    w.para(_technique(img.modality), lead="TECHNIQUE:")
    w.heading("FINDINGS", size_delta=0)
    for met in img.mets:
        w.f_met(met)
    for region, text in img.findings:
        w.para(text, lead=f"{region}:")
    if not img.mets and len(img.findings) < 3:
        w.para(
            w.choice(
                [
                    "Visualized osseous structures: no aggressive lesion.",
                    "Soft tissues: unremarkable.",
                ]
            ),
            lead="Other:",
        )
    w.heading("IMPRESSION", size_delta=0)
    w.lines([f"{i}. {t}" for i, t in enumerate(img.impression, 1)], indent=8)
    if img.mets and w.chance(0.4):
        w.para(
            w.choice(
                [
                    "Findings discussed with the ordering physician by telephone.",
                    "Critical result communicated to the care team.",
                ]
            ),
            italic=True,
        )
    w.gap(6)
    w.para(
        f"Interpreted by {c.radiologist}. Electronically signed {w.d(img.date)} "
        f"{w.rng.randint(8, 18):02d}:{w.rng.randint(0, 59):02d}.",
        italic=True,
    )


def _gene_fact(w: Writer, test: GeneTest, gene: str, **value: object) -> None:
    w.fact("marker", gene, test.id, test.date.isoformat(), **value)


def write_ngs(w: Writer) -> None:
    c = w.case
    test: GeneTest = next(t for t in c.tests if t.id == w.plan.ref)
    w.style = letterhead(
        w,
        test.lab,
        w.choice(
            [
                "Molecular Oncology Laboratory",
                "CLIA-certified, CAP-accredited laboratory",
                "Precision Oncology Services",
            ]
        ),
        "",
        w.plan.scan != "none",
    )
    w.title = w.choice(
        [
            "COMPREHENSIVE GENOMIC PROFILING REPORT",
            "Solid Tumor NGS Report",
            "MOLECULAR PATHOLOGY REPORT - NEXT-GENERATION SEQUENCING",
        ]
    )
    w.heading(w.title, align="center", size_delta=1.5)
    dx = dx_phrase(w, histology=c.tumour != "breast" or w.chance(0.5))
    pairs = [
        ("Patient", f"{w.p.last.upper()}, {w.p.first}"),
        ("DOB", w.d(w.p.dob)),
        ("MRN", w.p.mrn),
        ("Diagnosis", dx[0].upper() + dx[1:]),
        ("Specimen", test.specimen_text),
        ("Collected", w.d(test.collected)),
        ("Report date", w.d(test.date)),
        ("Ordering physician", c.oncologist),
        ("Test", test.method),
        ("Tumor content", f"{test.tumor_fraction}%"),
    ]
    w.fields(pairs, columns=w.choice([1, 2]))
    if test.specimen:  # the specimen line and its collection date state the procedure
        spec = c.specimen(test.specimen)
        if spec.course:
            w.f_tx(next(x for x in c.courses if x.id == spec.course), start="day")
        if spec.id == "S1":
            w.f_dx("day")
    pathogenic = [v for v in test.variants if v.status == "pathogenic"]
    w.heading(w.choice(["RESULTS SUMMARY", "Summary of Findings", "KEY RESULTS"]))
    if pathogenic:
        w.para(
            f"{len(pathogenic)} clinically significant alteration"
            f"{'s' if len(pathogenic) > 1 else ''} identified. See the table below; "
            "therapy associations are listed for information only."
        )
    else:
        w.para("No clinically significant genomic alterations were identified.")
    if test.variants:
        form = w.choice(["both", "both", "protein", "cdna"])
        rows = []
        for v in test.variants:
            text, value = variant_text(v, form)
            status = "pathogenic" if v.status == "pathogenic" else "vus"
            _gene_fact(w, test, v.gene, status=status, origin="somatic", **value)
            cls = (
                v.classification
                if v.status == "pathogenic"
                else w.choice(
                    ["VUS", "Uncertain significance", "Variant of uncertain significance"]
                )
            )
            rows.append([v.gene, text, f"{v.vaf:g}%" if v.vaf else "-", cls])
        w.table(
            ["Gene", "Alteration", "VAF", "Classification"], rows, widths=[0.14, 0.46, 0.12, 0.28]
        )
        if w.chance(0.6):
            w.heading(
                w.choice(["VARIANT DETAILS", "Interpretation of Reported Variants"]), size_delta=0
            )
            for v, row in zip(test.variants, rows, strict=True):
                w.para(
                    f"{row[0]} {row[1]}. " + GENE_NOTES.get(v.gene, GENE_NOTES["default"]),
                    lead=f"{v.gene}:",
                )
    associations = [
        [v.gene + (f" {v.short}" if v.short else ""), THERAPIES[(v.gene, c.tumour)]]
        for v in pathogenic
        if (v.gene, c.tumour) in THERAPIES
    ]
    if test.msi == "high":
        associations.append(["MSI-High", "pembrolizumab, nivolumab (tumor-agnostic approvals)"])
    if associations and w.chance(0.8):
        # therapies the lab lists as options: nothing here was given to the patient
        w.heading(w.choice(["THERAPY ASSOCIATIONS", "Potential Treatment Options"]), size_delta=0)
        w.table(
            ["Alteration", "Therapies with potential clinical benefit"],
            associations,
            widths=[0.3, 0.7],
            ruled=w.chance(0.5),
        )
        w.para(
            "Therapy associations are provided for information only and are not treatment "
            "recommendations; decisions rest with the treating physician.",
            size=w.style.size - 1,
        )
    bio = []
    if test.msi:
        _gene_fact(w, test, "MSI", status=test.msi)
        bio.append(
            (
                "Microsatellite status",
                w.choice(["MS-Stable", "Stable (MSS)"])
                if test.msi == "stable"
                else w.choice(["MSI-High", "MSI-H"]),
            )
        )
    if test.tmb is not None:
        high = test.tmb >= 10
        _gene_fact(w, test, "TMB", value=test.tmb, unit="mut/Mb", status="high" if high else None)
        unit = w.choice(["Muts/Mb", "mutations/megabase", "mut/Mb"])
        bio.append(
            ("Tumor Mutational Burden", f"{test.tmb} {unit}" + (" (TMB-High)" if high else ""))
        )
    if bio:
        w.heading(w.choice(["BIOMARKER FINDINGS", "Genomic Signatures"]), size_delta=0)
        w.fields(bio)
    if test.negatives:
        for gene in test.negatives:
            _gene_fact(w, test, gene, status="negative", origin="somatic")
        w.heading(
            w.choice(["PERTINENT NEGATIVES", "Genes with no reportable alterations"]), size_delta=0
        )
        w.para(
            w.choice(
                [
                    f"No reportable alterations were detected in {join_and(test.negatives)}.",
                    f"Negative (no pathogenic variants, fusions or copy number alterations): "
                    f"{', '.join(test.negatives)}.",
                ]
            )
        )
    w.heading("METHODOLOGY", size_delta=0)
    w.para(
        "DNA and RNA were extracted from macrodissected formalin-fixed paraffin-embedded "
        "tumor tissue. Libraries were prepared by hybrid capture and sequenced to a median "
        "depth above 500x. Single nucleotide variants, small insertions and deletions, copy "
        "number alterations and selected gene fusions are reported. Variants are described "
        "using HGVS nomenclature against the MANE Select transcript. This tumor-only assay "
        "cannot determine whether a variant is germline or somatic; follow-up germline "
        "testing is recommended where clinically indicated."
    )
    w.heading("LIMITATIONS", size_delta=0)
    w.para(
        "A negative result does not exclude alterations below the limit of detection (5% "
        "variant allele fraction) or in regions not covered by the assay. Results should be "
        "interpreted together with the clinical and pathological findings."
    )
    w.gap(6)
    w.para(
        f"Laboratory Director: {w.rng.choice(['R. Okafor', 'L. Mistry', 'T. Brandt'])}, "
        f"PhD, FACMG. Report released {w.d(test.date)}.",
        italic=True,
    )


def write_germline(w: Writer) -> None:
    c = w.case
    test: GeneTest = next(t for t in c.tests if t.id == w.plan.ref)
    w.style = letterhead(w, test.lab, "Clinical Genomics", "", w.plan.scan != "none")
    w.title = w.choice(
        ["GENETIC TEST REPORT", "Hereditary Cancer Test Results", "GERMLINE GENETIC TESTING"]
    )
    w.heading(w.title, align="center", size_delta=1.5)
    genes = [v.gene for v in test.variants] + test.negatives
    w.fields(
        [
            ("Patient", f"{w.p.first} {w.p.last}"),
            ("DOB", w.d(w.p.dob)),
            ("Sex", w.sex_word()),
            ("Specimen", test.specimen_text),
            ("Collected", w.d(test.collected)),
            ("Reported", w.d(test.date)),
            ("Ordering provider", c.oncologist),
            ("Test", f"{test.method} ({len(genes)} genes)"),
        ],
        columns=w.choice([1, 2]),
    )
    positive = bool(test.variants)
    w.heading(
        w.choice(["RESULT: POSITIVE", "POSITIVE - Pathogenic variant detected"])
        if positive
        else w.choice(["RESULT: NEGATIVE", "NEGATIVE - No pathogenic variants detected"]),
        size_delta=1.5,
    )
    if positive:
        rows = []
        for v in test.variants:
            text, value = variant_text(v, w.choice(["both", "cdna", "both"]))
            _gene_fact(w, test, v.gene, status="pathogenic", origin="germline", **value)
            rows.append([v.gene, text, v.zygosity, v.classification])
        w.table(
            ["Gene", "Variant", "Zygosity", "Classification"], rows, widths=[0.14, 0.46, 0.18, 0.22]
        )
    for gene in test.negatives:
        _gene_fact(w, test, gene, status="negative", origin="germline")
    w.para(f"Genes analyzed: {', '.join(genes)}.", lead="")
    w.para(
        "No additional pathogenic or likely pathogenic variants were identified in the "
        "other genes analyzed."
        if positive
        else "No pathogenic or likely pathogenic variants were identified in any of the genes "
        "analyzed."
    )
    w.heading("INTERPRETATION", size_delta=0)
    if positive:
        v = test.variants[0]
        w.para(
            f"This individual is heterozygous for a pathogenic variant in {v.gene}. "
            f"Pathogenic {v.gene} variants are associated with increased risks of breast, "
            "ovarian, pancreatic and prostate cancer. Each first-degree relative has a 50% "
            "chance of carrying this variant; cascade testing of relatives is recommended."
        )
    else:
        w.para(
            "A negative result reduces but does not eliminate the possibility of a "
            "hereditary predisposition. Cancer risk management should be based on personal "
            "and family history."
        )
    w.para(
        "Method: next-generation sequencing of coding regions and intron/exon boundaries "
        "with deletion/duplication analysis. Variants classified per ACMG/AMP guidelines.",
        size=w.style.size - 1,
    )
    w.para(
        f"Reviewed and signed by {w.rng.choice(['M. Haddad', 'S. Lindgren'])}, PhD, on "
        f"{w.d(test.date)}.",
        italic=True,
    )


def write_lab(w: Writer) -> None:
    c = w.case
    w.style = letterhead(w, c.hospital, "Clinical Laboratory", "", w.plan.scan != "none")
    w.title = "LABORATORY REPORT"
    w.heading(
        w.choice(["LABORATORY RESULTS", "Cumulative Lab Report", "CLINICAL LABORATORY"]),
        align="center",
        size_delta=1.5,
    )
    w.fields(
        [
            (
                "Collected",
                w.d(w.plan.date) + f" {w.rng.randint(7, 11):02d}:{w.rng.randint(0, 59):02d}",
            ),
            ("Ordering", c.oncologist),
            ("Patient", f"{w.p.last}, {w.p.first}"),
            ("MRN", w.p.mrn),
        ],
        columns=2,
    )
    r = w.rng
    rows = [
        ["WBC", f"{r.randint(32, 98) / 10}", "x10^3/uL", "4.0-11.0"],
        ["Hemoglobin", f"{r.randint(98, 142) / 10}", "g/dL", "12.0-16.0"],
        ["Platelets", str(r.randint(140, 390)), "x10^3/uL", "150-400"],
        ["ANC", f"{r.randint(15, 70) / 10}", "x10^3/uL", "1.5-7.5"],
        ["Creatinine", f"{r.randint(6, 12) / 10}", "mg/dL", "0.5-1.1"],
        ["AST", str(r.randint(14, 48)), "U/L", "10-40"],
        ["ALT", str(r.randint(10, 52)), "U/L", "7-56"],
        ["Alkaline phosphatase", str(r.randint(50, 180)), "U/L", "44-147"],
    ]
    marker = {
        "breast": ("CA 27.29", "U/mL", "<38"),
        "colorectal": ("CEA", "ng/mL", "<3.0"),
        "ovary": ("CA-125", "U/mL", "<35"),
        "pancreas": ("CA 19-9", "U/mL", "<37"),
        "prostate": ("PSA", "ng/mL", "<4.0"),
        "lung": ("CEA", "ng/mL", "<3.0"),
        "melanoma": ("LDH", "U/L", "140-280"),
    }[c.tumour]
    rows.append([marker[0], str(r.randint(5, 240)), marker[1], marker[2]])
    w.table(
        ["Test", "Result", "Units", "Reference range"],
        rows,
        widths=[0.34, 0.2, 0.2, 0.26],
        ruled=w.chance(0.6),
    )
    w.para(
        "Results flagged H/L are outside the reference range. Verified by laboratory staff.",
        size=w.style.size - 1,
    )


def fax_cover(w: Writer, pages: int, sent: dt.date) -> None:
    """A fax cover sheet: no clinical content."""
    c = w.case
    w.heading("FAX", align="left", size_delta=14)
    w.heading(w.choice(["TRANSMITTAL", "COVER SHEET", "Facsimile Transmission"]), size_delta=4)
    w.gap(10)
    sender = w.choice([c.hospital, c.lab, "Health Information Management"])
    w.fields(
        [
            (
                "To",
                w.choice(
                    [
                        "Navis records intake",
                        f"Dr. {c.oncologist}",
                        "Patient portal upload",
                        "Second opinion clinic",
                    ]
                ),
            ),
            ("From", f"{sender} - Release of Information"),
            ("Fax", f"(555) {w.rng.randint(200, 989)}-{w.rng.randint(1000, 9999)}"),
            ("Phone", f"(555) {w.rng.randint(200, 989)}-{w.rng.randint(1000, 9999)}"),
            ("Date", fmt(sent, w.ds)),
            ("Pages (including cover)", str(pages)),
            (
                "Re",
                w.choice(
                    [
                        "Medical records as requested",
                        "Requested records",
                        "Records for continuity of care",
                    ]
                ),
            ),
        ],
        key_width=170,
    )
    w.gap(18)
    w.para("Comments: Please see attached. Call with any questions about this transmission.")
    w.gap(30)
    w.para(
        "CONFIDENTIALITY NOTICE: The documents accompanying this facsimile transmission "
        "contain confidential information that is legally privileged. This information is "
        "intended only for the use of the individual or entity named above. If you are not "
        "the intended recipient, you are hereby notified that any disclosure, copying, "
        "distribution or action taken in reliance on the contents of these documents is "
        "strictly prohibited. If you have received this fax in error, please notify the "
        "sender immediately and destroy the documents.",
        size=w.style.size - 0.5,
    )


WRITERS = {
    "imaging": write_imaging,
    "ngs": write_ngs,
    "germline": write_germline,
    "lab": write_lab,
}
