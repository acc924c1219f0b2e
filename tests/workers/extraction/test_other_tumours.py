"""Rules every tumour's gene results share, whatever the organ (the per-tumour cases are in
test_tumour_lung.py, test_tumour_colorectal.py, test_tumour_ovary_pancreas.py and
test_tumour_prostate_melanoma.py): which description of a variant the profile keeps, where
a result's origin comes from, what a gene list does and does not say, and words that name a
gene without reporting a result in it."""

import pytest

from tests.workers.extraction.conftest import biomarker, read
from tests.workers.extraction.tumours import GERMLINE, MOLECULAR, NOTE, PATHOLOGY, only, statuses

LAB = MOLECULAR.replace("04/02/2025", "03/30/2023")
LATER_NOTE = "MEDICAL ONCOLOGY FOLLOW-UP\nDate of visit: 07/24/2023\n"


@pytest.mark.parametrize(
    ("documents", "name", "variant", "words"),
    [
        (
            # the lab writes the cDNA change, a later note only the protein change at that codon
            (LAB + "KRAS  c.35G>A  41%  Pathogenic", LATER_NOTE + "NGS showed KRAS G12D."),
            "KRAS",
            "c.35G>A",
            "c.35G>A",
        ),
        (
            (
                LAB + "BRAF c.1799T>A (p.Val600Glu), pathogenic. BRAF V600E activates MAPK.",
                LATER_NOTE + "Tumor NGS showed BRAF V600E.",
            ),
            "BRAF",
            "c.1799T>A",
            "BRAF c.1799T>A",
        ),
        (
            (LAB + "KRAS p.Gly12Asp  18%  Pathogenic", LATER_NOTE + "KRAS G12D mutated."),
            "KRAS",
            "p.Gly12Asp",
            "KRAS p.Gly12Asp",
        ),
        (
            # a note that names no variant takes the one the report gives
            (
                GERMLINE.replace("04/20/2025", "11/10/2022") + "BRCA2  c.7617+1G>A  Pathogenic",
                LATER_NOTE + "He carries a germline pathogenic BRCA2 mutation.",
            ),
            "BRCA2",
            "c.7617+1G>A",
            "c.7617+1G>A",
        ),
    ],
)
def test_the_most_precise_description_of_the_variant_is_kept(documents, name, variant, words):
    found = biomarker(read(*documents), name)
    assert found["variant"] == variant
    assert any(words in item["text"] for item in found["evidence"])


@pytest.mark.parametrize(
    ("text", "name", "expected"),
    [
        # a variant written after another gene's symbol is that gene's, not the first one's
        (MOLECULAR + "EGFR L858R, CTNNB1 c.110C>T.", "EGFR", {"variant": "L858R"}),
        # a gene with its own variant under a line that reads "Negative" keeps its result
        (
            MOLECULAR + "HER2 IHC\nNegative\nKRAS G12C detected.",
            "KRAS",
            {"status": "pathogenic", "variant": "G12C"},
        ),
        # a fusion partner named before the gene is part of the fusion, not another gene
        (
            MOLECULAR + "TPM3-NTRK1 fusion detected.",
            "NTRK1",
            {"status": "pathogenic", "variant": "TPM3-NTRK1 fusion"},
        ),
    ],
)
def test_a_variant_belongs_to_the_gene_it_is_written_with(text, name, expected):
    assert only(biomarker(read(text), name), expected) == expected


@pytest.mark.parametrize(
    ("documents", "name", "variant"),
    [
        (
            (
                LAB + "EGFR c.2573T>G (p.Leu858Arg), pathogenic.",
                LATER_NOTE + "Repeat biopsy NGS showed EGFR T790M.",
            ),
            "EGFR",
            "T790M",
        ),
        # same codon, another amino acid: c.35G>A is G12D, so it does not describe G12C
        ((LAB + "KRAS  c.35G>A  Pathogenic", LATER_NOTE + "NGS showed KRAS G12C."), "KRAS", "G12C"),
    ],
)
def test_a_different_later_variant_is_not_replaced_by_an_earlier_one(documents, name, variant):
    assert biomarker(read(*documents), name)["variant"] == variant


def test_a_note_without_a_variant_borrows_none_when_reports_disagree():
    documents = (
        LAB + "EGFR c.2573T>G (p.Leu858Arg), pathogenic.",
        MOLECULAR.replace("04/02/2025", "05/30/2023") + "EGFR c.2369C>T (p.Thr790Met), pathogenic.",
        "MEDICAL ONCOLOGY FOLLOW-UP\nDate of visit: 09/24/2023\n"
        "Her EGFR-mutated cancer progressed.",
    )
    found = biomarker(read(*documents), "EGFR")
    assert only(found, {"status": 1, "variant": 1}) == {"status": "pathogenic", "variant": None}


@pytest.mark.parametrize(
    ("text", "name", "origin"),
    [
        (
            NOTE + "Tumor next-generation sequencing (Northgate\nMolecular Pathology) showed "
            "ESR1 c.1610A>C.",
            "ESR1",
            "somatic",
        ),
        (
            NOTE + "Germline genetic testing (Heritage\nGenetics Laboratory) identified a "
            "pathogenic PALB2 variant.",
            "PALB2",
            "germline",
        ),
        (GERMLINE + "BRCA1  c.68_69delAG  Heterozygous  Pathogenic", "BRCA1", "germline"),
        (MOLECULAR + "PIK3CA  c.3140A>G  31%  Likely pathogenic", "PIK3CA", "somatic"),
        (NOTE + "KRAS G12C mutation.", "KRAS", None),
    ],
)
def test_origin_comes_from_the_test_that_found_it_and_is_never_guessed(text, name, origin):
    assert biomarker(read(text), name)["origin"] == origin


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        (
            PATHOLOGY + "EGFR, ALK, ROS1: negative.",
            {"EGFR": "negative", "ALK": "negative", "ROS1": "negative"},
        ),
        (
            PATHOLOGY + "EGFR/ALK/ROS1 negative.",
            {"EGFR": "negative", "ALK": "negative", "ROS1": "negative"},
        ),
        (
            GERMLINE + "BRCA1 and BRCA2: no pathogenic variants detected.",
            {"BRCA1": "negative", "BRCA2": "negative"},
        ),
        (GERMLINE + "BRCA1/2 negative.", {"BRCA1": "negative", "BRCA2": "negative"}),
        (
            NOTE + "KRAS G12C (VAF 22%) and STK11 Q37*; no alterations in EGFR, ALK,\nROS1 "
            "and BRAF.",
            {"KRAS": "pathogenic", "STK11": "pathogenic", "EGFR": "negative", "BRAF": "negative"},
        ),
        (NOTE + "No EML4-ALK fusion was identified.", {"ALK": "negative"}),
        (NOTE + "BRCA mutation testing negative.", {"BRCA1": "negative", "BRCA2": "negative"}),
        (NOTE + "BRCA mutation carrier.", {"BRCA1": None, "BRCA2": None}),
    ],
)
def test_each_gene_of_a_list_takes_the_result_written_for_the_list(text, expected):
    assert statuses(text, list(expected)) == expected


@pytest.mark.parametrize(
    ("text", "absent"),
    [
        (PATHOLOGY + "HER2 FISH: HER2 gene amplification is present (positive).", "ERBB2"),
        (PATHOLOGY + "- WT1 positive, PAX8 positive, p53 aberrant (diffuse strong).", "TP53"),
        (PATHOLOGY + "- CK7 positive, TTF-1 positive, ALK (D5F3) pending.", "ALK"),
        (MOLECULAR + "MLH1 promoter hypermethylation detected.", "MLH1"),
        (NOTE + "We will test for ALK rearrangement and ROS1 fusion.", "ROS1"),
        (NOTE + "Genes tested: EGFR, ALK, ROS1, BRAF, KRAS, MET, RET, NTRK1.", "EGFR"),
        # what a report says of such variants in general is not the patient's result
        (MOLECULAR + "Activating KRAS mutations lock the GTPase in its active state.", "KRAS"),
        (GERMLINE + "Pathogenic BRCA2 variants are associated with increased risks.", "BRCA2"),
    ],
)
def test_a_gene_named_without_a_result_for_it_is_not_reported(text, absent):
    assert biomarker(read(text), absent) is None


def test_a_gene_reported_negative_is_no_longer_missing():
    text = (
        PATHOLOGY + "Lung, left upper lobe, core biopsy: adenocarcinoma.\n"
        "PD-L1 (22C3) TPS 80%.\nMolecular: EGFR L858R detected; ALK, ROS1 and KRAS negative."
    )
    profile = read(text)
    assert profile["diagnosis"]["primary_site"] == "lung"
    assert not {"EGFR", "ALK", "ROS1", "KRAS", "PD-L1"} & set(profile["missing"])


def test_every_gene_value_carries_verbatim_evidence():
    text = (
        MOLECULAR + "Gene  Alteration  VAF  Classification\nEGFR  c.2573T>G (p.Leu858Arg)  31%  "
        "Pathogenic\nTP53  c.743G>A (p.Arg248Gln)  28%  Pathogenic\nPERTINENT NEGATIVES\n"
        "Negative: ALK, ROS1, KRAS, BRAF.\nPD-L1 (22C3) TPS 60%.\nTMB 14 mut/Mb (high)."
    )
    profile = read(text)
    assert {b["name"] for b in profile["biomarkers"]} >= {
        "EGFR",
        "TP53",
        "ALK",
        "ROS1",
        "KRAS",
        "BRAF",
        "PD-L1",
        "TMB",
    }
    for item in profile["biomarkers"]:
        assert item["evidence"], item["name"]
        for evidence in item["evidence"]:
            assert evidence["text"] in text and evidence["page"] == 1
    assert only(biomarker(profile, "TP53"), {"status": 1, "variant": 1}) == {
        "status": "pathogenic",
        "variant": "c.743G>A",
    }


@pytest.mark.parametrize(
    ("text", "grade"),
    [
        (
            PATHOLOGY
            + "- Invasive carcinoma of no special type (ductal), Nottingham grade 2 of 3.",
            2,
        ),
        (PATHOLOGY + "Colon: adenocarcinoma, moderately differentiated (G2).", 2),
        (PATHOLOGY + "Pancreas: ductal adenocarcinoma, poorly differentiated.", 3),
        # Gleason / Grade Group, WHO grade of a neuroendocrine tumour and the two-tier
        # serous grade are not the contract's 1-3 histologic grade
        (PATHOLOGY + "Prostate: adenocarcinoma, Gleason score 4+3=7 (Grade Group 3).", None),
        (PATHOLOGY + "Pancreas: well-differentiated neuroendocrine tumor, WHO grade 2.", None),
        (PATHOLOGY + "Ovary: high-grade serous carcinoma.", None),
        (
            PATHOLOGY + "Colon: poorly differentiated adenocarcinoma with neuroendocrine features.",
            3,
        ),
    ],
)
def test_grade_is_the_histologic_grade_only(text, grade):
    assert read(text)["diagnosis"]["grade"] == grade
