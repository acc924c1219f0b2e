"""Lung cancer through the common machinery: EGFR, ALK, ROS1, KRAS, BRAF, MET, RET, PD-L1, TMB,
lung histology and site, lobectomy and the lung regimens, and the traps a lung record sets."""

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
            MOLECULAR + "EGFR exon 19 deletion (p.E746_A750del), VAF 23%, pathogenic.",
            "EGFR",
            {"status": "pathogenic", "variant": "p.E746_A750del", "origin": "somatic"},
            "EGFR exon 19 deletion (p.E746_A750del)",
        ),
        (
            MOLECULAR + "Gene  Alteration  VAF  Classification\n"
            "EGFR  c.2573T>G (p.Leu858Arg)  31%  Pathogenic",
            "EGFR",
            {"status": "pathogenic", "variant": "c.2573T>G", "origin": "somatic"},
            "c.2573T>G",
        ),
        (
            NOTE + "Tumor next-generation sequencing showed EGFR L858R.",
            "EGFR",
            {"status": "pathogenic", "variant": "L858R", "origin": "somatic"},
            "EGFR L858R",
        ),
        (
            PATHOLOGY + "ALK rearrangement detected by FISH (break-apart probe).",
            "ALK",
            {"status": "pathogenic", "variant": None},
            "ALK rearrangement detected",
        ),
        (
            NOTE + "Tumor NGS (Foundation) showed an EML4-ALK fusion; he started alectinib.",
            "ALK",
            {"status": "pathogenic", "variant": "EML4-ALK fusion", "origin": "somatic"},
            "EML4-ALK fusion",
        ),
        (
            MOLECULAR + "ALK  EML4-ALK fusion  Pathogenic",
            "ALK",
            {"status": "pathogenic", "variant": "EML4-ALK fusion"},
            "EML4-ALK fusion",
        ),
        (
            PATHOLOGY + "ROS1 fusion not detected.",
            "ROS1",
            {"status": "negative", "variant": None},
            "ROS1 fusion not detected",
        ),
        (
            NOTE + "Molecular testing revealed a CD74-ROS1 fusion.",
            "ROS1",
            {"status": "pathogenic", "variant": "CD74-ROS1 fusion"},
            "CD74-ROS1 fusion",
        ),
        (
            MOLECULAR + "KRAS G12C (c.34G>T), VAF 18%.",
            "KRAS",
            {"status": "pathogenic", "variant": "c.34G>T", "origin": "somatic"},
            "KRAS G12C (c.34G>T)",
        ),
        (
            MOLECULAR + "KRAS G12C mutation (c.34G>T; p.Gly12Cys) detected.",
            "KRAS",
            {"status": "pathogenic", "variant": "c.34G>T"},
            "(c.34G>T; p.Gly12Cys)",
        ),
        (
            NOTE + "Tumor NGS: BRAF V600E.",
            "BRAF",
            {"status": "pathogenic", "variant": "V600E"},
            "BRAF V600E",
        ),
        (
            MOLECULAR + "MET exon 14 skipping mutation (c.3028+1G>T) detected.",
            "MET",
            {"status": "pathogenic", "variant": "c.3028+1G>T"},
            "MET exon 14 skipping",
        ),
        (
            MOLECULAR + "KIF5B-RET fusion detected.",
            "RET",
            {"status": "pathogenic", "variant": "KIF5B-RET fusion"},
            "KIF5B-RET fusion",
        ),
        (
            MOLECULAR + "STK11 p.Gln37* (VAF 20%), likely pathogenic.",
            "STK11",
            {"status": "pathogenic", "variant": "p.Gln37*"},
            "STK11 p.Gln37*",
        ),
    ],
)
def test_lung_gene_results_are_read(text, name, expected, words):
    check_biomarker(text, name, expected, words)


@pytest.mark.parametrize(
    ("text", "expected", "words"),
    [
        (
            PATHOLOGY + "PD-L1 (22C3) TPS 60%.",
            {"value": 60, "unit": "TPS"},
            "PD-L1 (22C3) TPS 60%",
        ),
        (
            PATHOLOGY + "PD-L1 IHC (22C3 pharmDx): Tumor Proportion Score (TPS) 20%.\n"
            "Interpretation: POSITIVE, low expression.",
            {"status": "positive", "value": 20, "unit": "TPS"},
            "Tumor Proportion Score (TPS) 20%",
        ),
        (
            PATHOLOGY + "PD-L1 expression by IHC (SP263): tumor proportion score 5%; positive.",
            {"status": "positive", "value": 5, "unit": "TPS"},
            "tumor proportion score 5%",
        ),
        (
            PATHOLOGY + "PD-L1 (22C3): TPS = 60% - POSITIVE (high expression).",
            {"status": "positive", "value": 60, "unit": "TPS"},
            "TPS = 60% - POSITIVE",
        ),
        (
            PATHOLOGY + "PD-L1 (22C3) TPS <1% (negative).",
            {"status": "negative", "value": None, "unit": "TPS"},
            "negative",
        ),
    ],
)
def test_lung_pdl1_keeps_value_unit_and_stated_status(text, expected, words):
    check_biomarker(text, "PD-L1", expected, words)


@pytest.mark.parametrize(
    ("text", "expected", "words"),
    [
        (PATHOLOGY + "PD-L1 CPS 12", {"value": 12, "unit": "CPS", "status": None}, "PD-L1 CPS 12"),
        (
            PATHOLOGY + "PD-L1 (22C3 pharmDx) combined positive score (CPS) of 15.",
            # "positive" in the unit's name is not a status
            {"value": 15, "unit": "CPS", "status": None},
            "combined positive score (CPS) of 15",
        ),
        (
            PATHOLOGY + "PD-L1 (22C3) TPS 20% (low expression, TPS 1-49%).",
            # the band the report explains is not the value
            {"value": 20, "unit": "TPS"},
            "TPS 20%",
        ),
    ],
)
def test_pdl1_unit_names_and_bands_are_not_results(text, expected, words):
    check_biomarker(text, "PD-L1", expected, words)


@pytest.mark.parametrize(
    ("text", "expected", "words"),
    [
        (
            MOLECULAR + "TMB 14 mut/Mb (high).",
            {"status": "high", "value": 14, "unit": "mut/Mb"},
            "TMB 14 mut/Mb (high)",
        ),
        (
            MOLECULAR + "Tumor Mutational Burden: 2.7 mutations/megabase",
            {"status": None, "value": 2.7, "unit": "mut/Mb"},
            "2.7 mutations/megabase",
        ),
        (
            MOLECULAR + "TMB-H (12 mut/Mb).",
            {"status": "high", "value": 12, "unit": "mut/Mb"},
            "TMB-H (12 mut/Mb)",
        ),
        (
            MOLECULAR + "Tumor Mutational Burden: 5.8 Muts/Mb",
            {"value": 5.8, "unit": "mut/Mb"},
            "5.8 Muts/Mb",
        ),
    ],
)
def test_tmb_value_is_read_in_mutations_per_megabase(text, expected, words):
    check_biomarker(text, "TMB", expected, words)


@pytest.mark.parametrize(
    "text",
    [
        MOLECULAR + "EGFR exon 19 deletion detected.\n"
        "Pertinent negatives: ALK, ROS1, KRAS, BRAF, MET, and RET.",
        MOLECULAR + "EGFR exon 19 deletion detected.\n"
        "No reportable alterations were detected in ALK, ROS1, KRAS, BRAF, MET and RET.",
        MOLECULAR + "EGFR exon 19 deletion detected.\nPERTINENT NEGATIVES\n"
        "Negative (no pathogenic variants, fusions or copy number alterations):\n"
        "ALK, ROS1, KRAS, BRAF, MET, RET.",
        MOLECULAR + "EGFR exon 19 deletion detected.\nPERTINENT NEGATIVES\n"
        "ALK, ROS1, KRAS, BRAF, MET, RET",
        NOTE + "NGS showed an EGFR exon 19 deletion; no alterations in ALK, ROS1, KRAS, BRAF,\n"
        "MET and RET.",
    ],
)
def test_pertinent_negatives_are_negative_for_each_gene_named(text):
    genes = ["ALK", "ROS1", "KRAS", "BRAF", "MET", "RET"]
    found = statuses(text, ["EGFR", *genes])
    assert found == {"EGFR": "pathogenic", **dict.fromkeys(genes, "negative")}


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        (
            PATHOLOGY + "Lung, right upper lobe, lobectomy: Invasive adenocarcinoma, acinar "
            "predominant, grade 2.",
            {"primary_site": "lung", "laterality": "right", "code": "8140/3", "grade": 2},
        ),
        (
            PATHOLOGY + "Lung, left lower lobe, CT-guided core biopsy: Squamous cell carcinoma, "
            "poorly differentiated.",
            {"primary_site": "lung", "laterality": "left", "code": "8070/3", "grade": 3},
        ),
        (
            NOTE + "Assessment: Adenocarcinoma of the lung, stage IVA, EGFR exon 19 deletion.",
            {"primary_site": "lung", "code": "8140/3"},
        ),
        (
            NOTE + "Assessment: extensive-stage small cell lung cancer.",
            {"primary_site": "lung", "code": "8041/3"},
        ),
    ],
)
def test_lung_diagnosis(text, expected):
    diagnosis = read(text)["diagnosis"]
    found = {**diagnosis, "code": (diagnosis["histology"] or {}).get("code")}
    assert only(found, expected) == expected


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        (PATHOLOGY + "Lung, right upper lobe, lobectomy: pT2a pN1", {"T": "pT2a", "N": "pN1"}),
        (
            NOTE + "Clinical stage IVA (cT2a cN2 cM1a).",
            {"T": "cT2a", "N": "cN2", "M": "cM1a", "group": "IVA", "metastatic": True},
        ),
    ],
)
def test_lung_stage_is_read_as_reported(text, expected):
    assert only(read(text)["stage"], expected) == expected


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        (
            NOTE + "He received 4 cycles of carboplatin/pemetrexed/pembrolizumab.",
            {
                "carboplatin": "chemotherapy",
                "pemetrexed": "chemotherapy",
                "pembrolizumab": "immunotherapy",
            },
        ),
        (
            NOTE + "He started osimertinib 80 mg daily on 02/10/2025.",
            {"osimertinib": "targeted therapy"},
        ),
        (
            NOTE + "She continues on Tagrisso, tolerating it well.",
            {"osimertinib": "targeted therapy"},
        ),
        (
            NOTE + "He has been on alectinib 600 mg twice daily since March 2024.",
            {"alectinib": "targeted therapy"},
        ),
        (
            NOTE + "He completed concurrent chemoradiation with cisplatin/etoposide, then "
            "durvalumab consolidation.",
            {
                "radiation therapy": "radiation",
                "cisplatin": "chemotherapy",
                "etoposide": "chemotherapy",
                "durvalumab": "immunotherapy",
            },
        ),
        (
            PATHOLOGY + "Lung, right upper lobe, VATS lobectomy: invasive adenocarcinoma.",
            {"lobectomy": "surgery"},
        ),
        (
            NOTE + "He received gemcitabine, cisplatin and necitumumab (Portrazza).",
            {
                "gemcitabine": "chemotherapy",
                "cisplatin": "chemotherapy",
                "necitumumab": "targeted therapy",
            },
        ),
        (
            NOTE + "She received nivolumab + ipilimumab.",
            {"nivolumab": "immunotherapy", "ipilimumab": "immunotherapy"},
        ),
    ],
)
def test_lung_treatments_resolve_to_ingredients_and_categories(text, expected):
    found = treatments(text)
    assert only(found, expected) == expected


@pytest.mark.parametrize(
    ("text", "absent"),
    [
        (NOTE + "EGFR testing pending.", "EGFR"),
        (NOTE + "If EGFR-mutated, osimertinib would be preferred.", "EGFR"),
        (NOTE + "We will test for ALK rearrangement.", "ALK"),
        (NOTE + "Tumor NGS and PD-L1 are pending.", "PD-L1"),
        (NOTE + "His father had lung cancer with an EGFR mutation.", "EGFR"),
        (NOTE + "No KRAS mutation was detected.", "KRAS pathogenic"),
    ],
)
def test_lung_results_that_are_not_the_patients_are_not_reported(text, absent):
    name, _, status = absent.partition(" ")
    found = biomarker(read(text), name)
    assert found is None if not status else (found or {}).get("status") != status


@pytest.mark.parametrize(
    ("text", "absent"),
    [
        (NOTE + "If EGFR-mutated, osimertinib would be preferred.", "osimertinib"),
        (NOTE + "We discussed osimertinib versus chemotherapy.", "osimertinib"),
        (
            MOLECULAR + "KRAS G12C (c.34G>T), VAF 18%.\nTHERAPY ASSOCIATIONS\n"
            "KRAS G12C: sotorasib; adagrasib (FDA-approved in NSCLC).",
            "sotorasib",
        ),
        (
            MOLECULAR + "EGFR exon 19 deletion.\nTherapies with potential clinical benefit:\n"
            "EGFR exon 19 deletion  osimertinib; erlotinib; afatinib",
            "osimertinib",
        ),
    ],
)
def test_lung_therapies_only_discussed_or_listed_are_not_treatments(text, absent):
    assert absent not in treatment_names(read(text))
