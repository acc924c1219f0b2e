"""Ovarian and pancreatic cancer through the common machinery: germline and somatic BRCA1/2 and
the other panel genes, high-grade serous and ductal histology, FIGO stage, debulking and
Whipple, the platinum, PARP and pancreatic regimens, and the traps these records set."""

import pytest

from tests.workers.extraction.conftest import biomarker, read, treatment_names
from tests.workers.extraction.tumours import (
    GERMLINE,
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
            GERMLINE + "RESULT: POSITIVE\nGene  Variant  Zygosity  Classification\n"
            "BRCA1  c.68_69delAG (p.Glu23fs)  Heterozygous  Pathogenic",
            "BRCA1",
            {"status": "pathogenic", "variant": "c.68_69delAG", "origin": "germline"},
            "BRCA1  c.68_69delAG",
        ),
        (
            NOTE + "Germline genetic testing (hereditary cancer panel) identified a\n"
            "pathogenic BRCA2 variant,\nc.5946delT (p.Ser1982fs).",
            "BRCA2",
            {"status": "pathogenic", "variant": "c.5946delT", "origin": "germline"},
            "c.5946delT",
        ),
        (
            MOLECULAR + "BRCA2 c.9097dupA (p.Thr3033fs), VAF 62%, pathogenic.",
            "BRCA2",
            {"status": "pathogenic", "variant": "c.9097dupA", "origin": "somatic"},
            "BRCA2 c.9097dupA",
        ),
        (
            GERMLINE + "BRCA1 variant of uncertain significance (c.4956G>A).",
            "BRCA1",
            {"status": "vus", "variant": "c.4956G>A", "origin": "germline"},
            "BRCA1 variant of uncertain significance (c.4956G>A)",
        ),
        (
            MOLECULAR + "KRAS p.Gly12Asp  VAF 18%  Pathogenic",
            "KRAS",
            {"status": "pathogenic", "variant": "p.Gly12Asp", "origin": "somatic"},
            "KRAS p.Gly12Asp",
        ),
        (
            MOLECULAR + "CDKN2A p.Arg80*  VAF 16%  Likely pathogenic",
            "CDKN2A",
            {"status": "pathogenic", "variant": "p.Arg80*"},
            "CDKN2A p.Arg80*",
        ),
        (
            NOTE + "Germline testing showed a pathogenic ATM variant (c.7271T>G).",
            "ATM",
            {"status": "pathogenic", "variant": "c.7271T>G", "origin": "germline"},
            "ATM variant (c.7271T>G)",
        ),
    ],
)
def test_ovary_and_pancreas_gene_results_are_read(text, name, expected, words):
    check_biomarker(text, name, expected, words)


def test_a_negative_germline_panel_is_negative_for_every_gene_it_lists():
    text = (
        GERMLINE + "RESULT: NEGATIVE\nGenes analyzed: BRCA1, BRCA2, PALB2, ATM, CHEK2, RAD51C, "
        "RAD51D, BRIP1.\nNo pathogenic or likely pathogenic variants were identified in any of "
        "the genes analyzed."
    )
    genes = ["BRCA1", "BRCA2", "PALB2", "ATM", "CHEK2", "RAD51C", "RAD51D", "BRIP1"]
    profile = read(text)
    for gene in genes:
        found = biomarker(profile, gene)
        assert only(found, {"status": 1, "origin": 1, "variant": 1}) == {
            "status": "negative",
            "origin": "germline",
            "variant": None,
        }, gene
        assert any(gene in e["text"] and e["text"] in text for e in found["evidence"])


def test_a_positive_panel_keeps_its_variant_and_the_other_listed_genes_are_negative():
    text = (
        GERMLINE + "RESULT: POSITIVE - Pathogenic variant detected\n"
        "Gene  Variant  Zygosity  Classification\n"
        "BRCA2  c.7617+1G>A  Heterozygous  Pathogenic\n"
        "Genes analyzed: BRCA2, BRCA1, PALB2, ATM, CHEK2.\n"
        "No additional pathogenic or likely pathogenic variants were identified in the other "
        "genes analyzed."
    )
    profile = read(text)
    assert only(biomarker(profile, "BRCA2"), {"status": 1, "variant": 1}) == {
        "status": "pathogenic",
        "variant": "c.7617+1G>A",
    }
    assert statuses(text, ["BRCA1", "PALB2", "ATM", "CHEK2"]) == dict.fromkeys(
        ["BRCA1", "PALB2", "ATM", "CHEK2"], "negative"
    )


@pytest.mark.parametrize(
    "text",
    [
        GERMLINE + "Genes analyzed: BRCA1, BRCA2, PALB2, ATM.\nResults will follow.",
        NOTE + "A hereditary cancer panel (BRCA1, BRCA2, PALB2, ATM) was sent.",
    ],
)
def test_a_gene_list_alone_says_only_what_was_tested(text):
    assert statuses(text, ["BRCA1", "BRCA2", "PALB2", "ATM"]) == dict.fromkeys(
        ["BRCA1", "BRCA2", "PALB2", "ATM"]
    )


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        (
            PATHOLOGY + "Right ovary and omentum, debulking: High-grade serous carcinoma.\n"
            "FIGO stage IIIC.",
            {"primary_site": "ovary", "code": "8461/3", "grade": None, "group": "IIIC"},
        ),
        (
            PATHOLOGY + "Ovary, left, salpingo-oophorectomy: Endometrioid carcinoma, FIGO grade 1.",
            {"primary_site": "ovary", "laterality": "left", "code": "8380/3", "grade": 1},
        ),
        (
            NOTE
            + "Assessment: stage IIIC high-grade serous ovarian cancer, s/p interval debulking.",
            {"primary_site": "ovary", "code": "8461/3"},
        ),
        (
            PATHOLOGY + "Pancreas, head, pancreaticoduodenectomy (Whipple): Pancreatic ductal "
            "adenocarcinoma, moderately differentiated, ypT2 ypN1.",
            {"primary_site": "pancreas", "code": "8500/3", "grade": 2, "T": "ypT2", "N": "ypN1"},
        ),
        (
            NOTE + "Assessment: carcinoma of the head of pancreas, borderline resectable.",
            {"primary_site": "pancreas"},
        ),
        (
            PATHOLOGY + "Pancreas, head mass, EUS-guided FNA: Adenocarcinoma.",
            {"primary_site": "pancreas", "code": "8140/3"},
        ),
    ],
)
def test_ovary_and_pancreas_diagnosis_and_stage(text, expected):
    profile = read(text)
    found = {
        **profile["diagnosis"],
        "code": (profile["diagnosis"]["histology"] or {}).get("code"),
        **{key: profile["stage"][key] for key in ("T", "N", "M", "group")},
    }
    assert only(found, expected) == expected


def test_figo_stage_iiic_is_not_distant_metastasis():
    stage = read(PATHOLOGY + "High-grade serous carcinoma of the ovary, FIGO stage IIIC.")["stage"]
    assert stage["metastatic"] is False


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        (
            NOTE + "She received carboplatin and paclitaxel x 6 cycles.",
            {"carboplatin": "chemotherapy", "paclitaxel": "chemotherapy"},
        ),
        (
            NOTE + "She underwent interval debulking surgery on 08/12/2024.",
            {"debulking surgery": "surgery"},
        ),
        (
            PATHOLOGY + "Uterus, ovaries and omentum: total abdominal hysterectomy, bilateral "
            "salpingo-oophorectomy and omentectomy.",
            {"hysterectomy": "surgery", "oophorectomy": "surgery", "omentectomy": "surgery"},
        ),
        (
            NOTE + "She continues olaparib maintenance, 300 mg twice daily.",
            {"olaparib": "targeted therapy"},
        ),
        (NOTE + "She has been on niraparib since 02/2025.", {"niraparib": "targeted therapy"}),
        (
            NOTE + "He completed 8 cycles of FOLFIRINOX.",
            {
                "fluorouracil": "chemotherapy",
                "leucovorin": "chemotherapy",
                "irinotecan": "chemotherapy",
                "oxaliplatin": "chemotherapy",
            },
        ),
        (
            NOTE + "She was treated with gemcitabine + nab-paclitaxel.",
            {"gemcitabine": "chemotherapy", "paclitaxel": "chemotherapy"},
        ),
        (
            NOTE + "He underwent a Whipple procedure on 06/03/2024.",
            {"pancreaticoduodenectomy": "surgery"},
        ),
        (
            NOTE + "He completed chemoradiation with capecitabine.",
            {"capecitabine": "chemotherapy", "radiation therapy": "radiation"},
        ),
    ],
)
def test_ovary_and_pancreas_treatments(text, expected):
    assert only(treatments(text), expected) == expected


def test_a_drug_named_in_a_based_on_compound_is_given():
    found = treatments(NOTE + "He completed capecitabine-based chemoradiation.")
    assert found.get("capecitabine") == "chemotherapy"


@pytest.mark.parametrize(
    ("text", "absent"),
    [
        (NOTE + "Her sister carries a BRCA1 mutation.", "BRCA1"),
        (NOTE + "FAMILY HISTORY: mother with ovarian cancer, BRCA2 positive.", "BRCA2"),
        (NOTE + "Germline testing for BRCA1/2 has been sent.", "BRCA1"),
        (NOTE + "Germline testing for BRCA1/2 has been sent.", "BRCA2"),
        (
            PATHOLOGY + "Omentum, biopsy: high-grade serous carcinoma.\n"
            "- WT1 positive, PAX8 positive, p53 aberrant (diffuse strong).",
            "TP53",
        ),
    ],
)
def test_ovary_results_that_are_not_the_patients_are_not_reported(text, absent):
    assert biomarker(read(text), absent) is None


@pytest.mark.parametrize(
    ("text", "absent"),
    [
        (
            NOTE + "Plan: gemcitabine/nab-paclitaxel if her performance status allows.",
            "gemcitabine",
        ),
        (NOTE + "We discussed olaparib maintenance; she would like to think about it.", "olaparib"),
        (
            MOLECULAR
            + "BRCA2 c.9097dupA, pathogenic.\nTherapies with potential clinical benefit:\n"
            "BRCA2  olaparib; niraparib; rucaparib",
            "olaparib",
        ),
    ],
)
def test_ovary_and_pancreas_therapies_not_given_are_not_treatments(text, absent):
    assert absent not in treatment_names(read(text))
