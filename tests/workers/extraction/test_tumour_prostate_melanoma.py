"""Prostate cancer and melanoma through the common machinery: site, histology, Gleason and
Grade Group (which are not the contract's grade), PSA (which is not a biomarker of the
contract), germline HRR panels, BRAF in melanoma, androgen-deprivation and checkpoint
therapies, prostatectomy and wide local excision, and the traps these records set."""

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
    ("text", "expected"),
    [
        (
            PATHOLOGY + "Prostate, needle biopsies (12 cores): Adenocarcinoma of the prostate, "
            "acinar type, Gleason score 4+3=7 (Grade Group 3), involving 5 of 12 cores.",
            {"primary_site": "prostate", "code": "8140/3", "grade": None},
        ),
        (
            PATHOLOGY + "Prostate, radical prostatectomy: Prostatic adenocarcinoma, Gleason 3+4=7 "
            "(Grade Group 2). pT3a pN0.",
            {"primary_site": "prostate", "code": "8140/3", "grade": None, "T": "pT3a", "N": "pN0"},
        ),
        (
            PATHOLOGY + "Prostate, biopsy: Adenocarcinoma, Gleason score 5+5=10, Grade Group 5, "
            "ISUP grade 5.",
            {"primary_site": "prostate", "grade": None},
        ),
        (
            NOTE + "Assessment: 68-year-old man with metastatic castration-resistant prostate "
            "cancer, clinical stage IVB (cT3b cN1 cM1b).",
            {"primary_site": "prostate", "group": "IVB", "M": "cM1b"},
        ),
        (
            PATHOLOGY + "Skin, left upper back, wide local excision: Malignant melanoma, "
            "Breslow thickness 2.1 mm.",
            {"primary_site": "skin", "code": "8720/3", "grade": None},
        ),
        (
            NOTE + "Assessment: stage IIIB melanoma of the left calf, BRAF V600E.",
            {"primary_site": "skin", "code": "8720/3", "group": "IIIB"},
        ),
        (NOTE + "Assessment: uveal melanoma with liver metastases.", {"primary_site": "eye"}),
        (NOTE + "Assessment: mucosal melanoma of the vulva.", {"primary_site": None}),
    ],
)
def test_prostate_and_melanoma_diagnosis_and_stage(text, expected):
    profile = read(text)
    found = {
        **profile["diagnosis"],
        "code": (profile["diagnosis"]["histology"] or {}).get("code"),
        **{key: profile["stage"][key] for key in ("T", "N", "M", "group")},
    }
    assert only(found, expected) == expected


def test_melanoma_subtype_written_after_a_comma_is_its_histology():
    text = PATHOLOGY + "Skin, back, excision: Malignant melanoma, superficial spreading type."
    assert (read(text)["diagnosis"]["histology"] or {}).get("code") == "8743/3"


def test_melanoma_t_category_after_an_absent_feature_is_read():
    text = PATHOLOGY + "Malignant melanoma, Breslow thickness 2.1 mm, ulceration absent, pT3a."
    assert read(text)["stage"]["T"] == "pT3a"


@pytest.mark.parametrize(
    ("text", "laterality"),
    [
        (PATHOLOGY + "Skin, left upper back, excisional biopsy: malignant melanoma.", "left"),
        (NOTE + "Assessment: superficial spreading melanoma of the right forearm.", "right"),
        (
            PATHOLOGY
            + "Wide local excision: melanoma.\nSynoptic summary\nSpecimen Laterality: Right",
            "right",
        ),
        # a side named for something other than the lesion says nothing of the primary
        (NOTE + "Melanoma of the back. Port placed in the right arm; pain in the left leg.", None),
    ],
)
def test_skin_primary_laterality_comes_from_the_lesion(text, laterality):
    assert read(text)["diagnosis"]["laterality"] == laterality


def test_psa_is_not_a_biomarker_of_the_contract():
    # the contract has no PSA entry; a lab value must not turn into some other biomarker
    profile = read(NOTE + "PSA 12.4 ng/mL (rising from 8.1). Adenocarcinoma of the prostate.")
    assert profile["biomarkers"] == []


@pytest.mark.parametrize(
    ("text", "name", "expected", "words"),
    [
        (
            GERMLINE + "RESULT: POSITIVE\nBRCA2  c.7617+1G>A  Heterozygous  Pathogenic\n"
            "Genes analyzed: BRCA2, BRCA1, ATM, CHEK2, HOXB13.\n"
            "No additional pathogenic or likely pathogenic variants were identified in the "
            "other genes analyzed.",
            "HOXB13",
            {"status": "negative", "origin": "germline", "variant": None},
            "HOXB13",
        ),
        (
            NOTE + "He carries a germline pathogenic BRCA2 mutation.",
            "BRCA2",
            {"status": "pathogenic", "origin": "germline", "variant": None},
            "BRCA2 mutation",
        ),
        (
            MOLECULAR + "BRAF c.1799T>A (p.Val600Glu), VAF 34%, pathogenic.",
            "BRAF",
            {"status": "pathogenic", "variant": "c.1799T>A", "origin": "somatic"},
            "BRAF c.1799T>A (p.Val600Glu)",
        ),
        (
            PATHOLOGY + "BRAF V600E mutation: not detected (melanoma, lymph node).",
            "BRAF",
            {"status": "negative", "variant": None},
            "BRAF V600E mutation: not detected",
        ),
        (
            MOLECULAR + "NRAS p.Gln61Arg (Q61R), VAF 28%, pathogenic.",
            "NRAS",
            {"status": "pathogenic", "variant": "p.Gln61Arg"},
            "NRAS p.Gln61Arg",
        ),
        (
            MOLECULAR + "Tumor Mutational Burden: 5.3 mutations/megabase\n"
            "No reportable alterations were detected in BRAF, NRAS and KIT.",
            "KIT",
            {"status": "negative", "variant": None},
            "No reportable alterations were detected in BRAF, NRAS and KIT",
        ),
    ],
)
def test_prostate_and_melanoma_gene_results_are_read(text, name, expected, words):
    check_biomarker(text, name, expected, words)


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        (NOTE + "He started leuprolide on Nov 7, 2022.", {"leuprolide": "endocrine therapy"}),
        (NOTE + "He receives Lupron Depot every 3 months.", {"leuprolide": "endocrine therapy"}),
        (NOTE + "He continues enzalutamide 160 mg daily.", {"enzalutamide": "endocrine therapy"}),
        (
            NOTE + "He started abiraterone 1000 mg daily with prednisone 5 mg in Nov 2022.",
            {"abiraterone": "endocrine therapy"},
        ),
        (NOTE + "He received docetaxel x 6 cycles.", {"docetaxel": "chemotherapy"}),
        (NOTE + "He was treated with mitoxantrone in 2019.", {"mitoxantrone": "chemotherapy"}),
        (
            NOTE + "He underwent robotic-assisted radical prostatectomy on 02/06/2023.",
            {"radical prostatectomy": "surgery"},
        ),
        (
            NOTE + "He completed external beam radiation therapy to the prostate.",
            {"radiation therapy": "radiation"},
        ),
        (
            NOTE + "He received Pluvicto x 4 doses.",
            {"lutetium lu-177 vipivotide tetraxetan": "other"},
        ),
        (
            NOTE + "She received nivolumab + ipilimumab x 4 doses, then nivolumab maintenance.",
            {"nivolumab": "immunotherapy", "ipilimumab": "immunotherapy"},
        ),
        (
            NOTE + "She started dabrafenib and trametinib on 03/01/2025.",
            {"dabrafenib": "targeted therapy", "trametinib": "targeted therapy"},
        ),
        (
            NOTE + "She completed adjuvant pembrolizumab for 1 year.",
            {"pembrolizumab": "immunotherapy"},
        ),
        (
            PATHOLOGY
            + "Skin, left calf, wide local excision: residual melanoma, margins negative.",
            {"wide local excision": "surgery"},
        ),
    ],
)
def test_prostate_and_melanoma_treatments(text, expected):
    assert only(treatments(text), expected) == expected


def test_prednisone_given_with_abiraterone_is_not_a_cancer_treatment():
    found = treatments(NOTE + "He started abiraterone 1000 mg daily with prednisone 5 mg.")
    assert "prednisone" not in found


@pytest.mark.parametrize(
    ("text", "absent"),
    [
        (NOTE + "FAMILY HISTORY: Father had prostate cancer.", "primary_site prostate"),
        (NOTE + "His father had prostate cancer at 70.", "primary_site prostate"),
        (NOTE + "His brother carries a BRCA2 mutation.", "BRCA2"),
        (NOTE + "Germline testing for HRR genes including BRCA2 is recommended.", "BRCA2"),
        (NOTE + "If BRAF V600-mutant, dabrafenib/trametinib would be an option.", "BRAF"),
    ],
)
def test_prostate_and_melanoma_findings_that_are_not_the_patients(text, absent):
    profile = read(text)
    if absent.startswith("primary_site"):
        assert profile["diagnosis"]["primary_site"] != absent.split()[1]
    else:
        assert biomarker(profile, absent) is None


@pytest.mark.parametrize(
    ("text", "absent"),
    [
        (NOTE + "We discussed enzalutamide versus abiraterone.", {"enzalutamide", "abiraterone"}),
        (NOTE + "If an HRR mutation is found, olaparib would be an option.", {"olaparib"}),
        (
            NOTE + "If BRAF V600-mutant, dabrafenib/trametinib would be an option.",
            {"dabrafenib", "trametinib"},
        ),
        (NOTE + "He declined radical prostatectomy.", {"radical prostatectomy"}),
    ],
)
def test_prostate_and_melanoma_therapies_not_given_are_not_treatments(text, absent):
    assert not absent & treatment_names(read(text))


def test_a_drug_that_would_be_an_option_is_not_a_treatment():
    text = NOTE + "Olaparib would be an option if an HRR mutation is found."
    assert "olaparib" not in treatment_names(read(text))


def test_braf_wild_type_melanoma_is_negative_for_braf_only():
    text = PATHOLOGY + "Melanoma, lymph node metastasis. BRAF wild-type by PCR; NRAS not tested."
    assert statuses(text, ["BRAF", "NRAS"]) == {"BRAF": "negative", "NRAS": None}
