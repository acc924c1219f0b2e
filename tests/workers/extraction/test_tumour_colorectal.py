"""Colorectal cancer through the common machinery: KRAS, NRAS, BRAF, MSI and mismatch repair,
TMB, colon versus rectum, differentiation grade, the CRC regimens and resections, and the
traps a colorectal record sets."""

import pytest

from tests.workers.extraction.conftest import biomarker, read, treatment_names
from tests.workers.extraction.tumours import (
    MOLECULAR,
    NOTE,
    PATHOLOGY,
    check_biomarker,
    only,
    statuses,
    treatments,
)


@pytest.mark.parametrize(
    ("text", "name", "expected", "words"),
    [
        (
            MOLECULAR + "KRAS c.35G>A (p.Gly12Asp), VAF 41%, pathogenic.",
            "KRAS",
            {"status": "pathogenic", "variant": "c.35G>A", "origin": "somatic"},
            "KRAS c.35G>A (p.Gly12Asp)",
        ),
        (
            PATHOLOGY + "NRAS wild-type.",
            "NRAS",
            {"status": "negative", "variant": None},
            "NRAS wild-type",
        ),
        (
            PATHOLOGY + "BRAF V600E mutation detected (PCR).",
            "BRAF",
            {"status": "pathogenic", "variant": "V600E"},
            "BRAF V600E mutation detected",
        ),
        (
            NOTE + "No KRAS mutation was detected on the resection specimen.",
            "KRAS",
            {"status": "negative", "variant": None},
            "No KRAS mutation was detected",
        ),
        (
            MOLECULAR + "MSI: High.\nTMB 45.2 mut/Mb (TMB-High).",
            "TMB",
            {"status": "high", "value": 45.2, "unit": "mut/Mb"},
            "45.2 mut/Mb (TMB-High)",
        ),
    ],
)
def test_colorectal_gene_results_are_read(text, name, expected, words):
    check_biomarker(text, name, expected, words)


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        (
            PATHOLOGY + "KRAS/NRAS/BRAF wild-type.",
            {"KRAS": "negative", "NRAS": "negative", "BRAF": "negative"},
        ),
        (
            PATHOLOGY + "RAS wild-type; BRAF not tested.",
            {"KRAS": "negative", "NRAS": "negative", "BRAF": None},
        ),
        (
            NOTE + "Tumor NGS showed BRAF V600E; no mutations in KRAS or NRAS.",
            {"KRAS": "negative", "NRAS": "negative", "BRAF": "pathogenic"},
        ),
        (
            MOLECULAR + "KRAS G12D detected.\nGenes with no reportable alterations\n"
            "No reportable alterations were detected in NRAS and BRAF.",
            {"KRAS": "pathogenic", "NRAS": "negative", "BRAF": "negative"},
        ),
        (
            NOTE + "Extended RAS testing showed a KRAS mutation.",
            {"KRAS": "pathogenic", "NRAS": None, "BRAF": None},
        ),
        (NOTE + "RAS mutant disease.", {"KRAS": None, "NRAS": None, "BRAF": None}),
    ],
)
def test_ras_and_braf_statuses(text, expected):
    assert statuses(text, list(expected)) == expected


@pytest.mark.parametrize(
    ("text", "status", "words"),
    [
        (PATHOLOGY + "Microsatellite instability: MSI-H.", "high", "MSI-H"),
        (MOLECULAR + "Microsatellite status: MSI-High", "high", "MSI-High"),
        (
            MOLECULAR + "Microsatellite instability (MSI): high",
            "high",
            "Microsatellite instability (MSI): high",
        ),
        (PATHOLOGY + "Microsatellite stable (MSS).", "stable", "Microsatellite stable"),
        (MOLECULAR + "MSI status: stable", "stable", "MSI status: stable"),
        (MOLECULAR + "Microsatellite instability: not detected.", "stable", "not detected"),
        (
            PATHOLOGY + "Negative for microsatellite instability.",
            "stable",
            "Negative for microsatellite instability",
        ),
        (NOTE + "Tumor is not MSI-high.", "stable", "not MSI-high"),
    ],
)
def test_msi_is_high_or_stable_as_stated(text, status, words):
    check_biomarker(text, "MSI", {"status": status}, words)


@pytest.mark.parametrize(
    "text",
    [
        PATHOLOGY
        + "Mismatch repair IHC: loss of MLH1 and PMS2 expression; MSH2 and MSH6 retained.",
        PATHOLOGY + "MLH1: loss of nuclear expression. PMS2: loss of nuclear expression.",
        MOLECULAR + "MLH1 promoter hypermethylation detected.",
    ],
)
def test_mismatch_repair_stains_and_methylation_are_not_gene_variants(text):
    # protein loss on IHC or promoter methylation is not a pathogenic variant in the gene
    assert statuses(text, ["MLH1", "PMS2", "MSH2", "MSH6"]) == dict.fromkeys(
        ["MLH1", "PMS2", "MSH2", "MSH6"]
    )


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        (
            PATHOLOGY + "Colon, sigmoid, resection: Invasive adenocarcinoma, moderately "
            "differentiated (G2), pT3 pN1b.",
            {"primary_site": "colon", "code": "8140/3", "grade": 2, "T": "pT3", "N": "pN1b"},
        ),
        (
            PATHOLOGY + "Rectum, low anterior resection: Adenocarcinoma, well differentiated, "
            "ypT2 ypN0.",
            {"primary_site": "rectum", "code": "8140/3", "grade": 1, "T": "ypT2", "N": "ypN0"},
        ),
        (
            PATHOLOGY + "Ascending colon, right hemicolectomy: Mucinous adenocarcinoma, pT4a pN2a.",
            {"primary_site": "colon", "code": "8480/3", "T": "pT4a", "N": "pN2a"},
        ),
        (
            PATHOLOGY + "Liver, segment 6, core biopsy: Metastatic adenocarcinoma consistent "
            "with a colorectal primary.",
            {"primary_site": "colon"},
        ),
        (
            NOTE + "Assessment: colorectal adenocarcinoma metastatic to the liver.",
            {"primary_site": "colon"},
        ),
        (NOTE + "Assessment: metastatic CRC, on second-line therapy.", {"primary_site": "colon"}),
    ],
)
def test_colorectal_diagnosis_and_stage(text, expected):
    profile = read(text)
    found = {
        **profile["diagnosis"],
        "code": (profile["diagnosis"]["histology"] or {}).get("code"),
        **{key: profile["stage"][key] for key in ("T", "N", "M", "group")},
    }
    assert only(found, expected) == expected


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        (
            NOTE + "She completed 6 months of adjuvant FOLFOX in 2024.",
            {
                "fluorouracil": "chemotherapy",
                "leucovorin": "chemotherapy",
                "oxaliplatin": "chemotherapy",
            },
        ),
        (
            NOTE + "He received CAPOX x 8 cycles.",
            {"capecitabine": "chemotherapy", "oxaliplatin": "chemotherapy"},
        ),
        (
            NOTE + "He is receiving FOLFIRI plus bevacizumab.",
            {
                "irinotecan": "chemotherapy",
                "fluorouracil": "chemotherapy",
                "bevacizumab": "targeted therapy",
            },
        ),
        (
            NOTE + "She started encorafenib and cetuximab on 01/15/2025.",
            {"encorafenib": "targeted therapy", "cetuximab": "targeted therapy"},
        ),
        (
            NOTE + "He has been on pembrolizumab for MSI-H disease since 01/2025.",
            {"pembrolizumab": "immunotherapy"},
        ),
        (
            NOTE + "She underwent laparoscopic low anterior resection on 05/02/2024.",
            {"low anterior resection": "surgery"},
        ),
        (
            PATHOLOGY + "Colon, right hemicolectomy: adenocarcinoma.",
            {"right hemicolectomy": "surgery"},
        ),
    ],
)
def test_colorectal_treatments(text, expected):
    assert only(treatments(text), expected) == expected


@pytest.mark.parametrize(
    ("text", "absent"),
    [
        (NOTE + "If MSI-high, immunotherapy would be an option.", "MSI"),
        (NOTE + "MSI testing is pending.", "MSI"),
        (NOTE + "FAMILY HISTORY: Her mother carried a pathogenic MLH1 variant.", "MLH1"),
        (NOTE + "Her mother had a KRAS-mutated colon cancer.", "KRAS"),
    ],
)
def test_colorectal_results_that_are_not_the_patients_are_not_reported(text, absent):
    assert biomarker(read(text), absent) is None


@pytest.mark.parametrize(
    ("text", "absent"),
    [
        (
            MOLECULAR + "KRAS c.35G>A (p.Gly12Asp), pathogenic.\nTHERAPY ASSOCIATIONS\n"
            "KRAS G12D: resistance to cetuximab and panitumumab; clinical trials.",
            {"cetuximab", "panitumumab"},
        ),
        (
            MOLECULAR + "MSI-High.\nPotential treatment options: pembrolizumab, nivolumab "
            "(tumor-agnostic approvals).",
            {"pembrolizumab", "nivolumab"},
        ),
        (NOTE + "We discussed FOLFOX versus CAPOX.", {"oxaliplatin", "capecitabine"}),
        (NOTE + "If MSI-high, pembrolizumab would be an option.", {"pembrolizumab"}),
    ],
)
def test_colorectal_therapies_only_listed_or_discussed_are_not_treatments(text, absent):
    assert not absent & treatment_names(read(text))
