"""Eligibility text -> criteria: what a criterion asks of a profile, in the profile's words."""

import re

import pytest

from guidance.trials.eligibility import (
    parse_eligibility,
    parse_item,
    sites_in,
    split_items,
    stage_in,
    unescape,
)
from workers.extraction import rule_files
from workers.extraction.finders import genes as gene_finder
from workers.extraction.finders import her2

HER2_NEGATIVE = ["negative", "low", "ultralow", "zero"]


def kinds(text, inclusion=True):
    return {(c.kind, c.inclusion): c.detail for c in parse_item(text, inclusion)}


@pytest.mark.parametrize(
    ("text", "kind", "detail"),
    [
        (
            "HER2-positive (IHC 3+ or ISH amplified)",
            "biomarker",
            {"name": "HER2", "statuses": ["positive"]},
        ),
        ("HER2-low (IHC 1+ or 2+/ISH-)", "biomarker", {"name": "HER2", "statuses": ["low"]}),
        (
            "HER2 IHC 1+ or IHC 2+/ISH- (HER2-low) status or HER2 IHC 0 status",
            "biomarker",
            {"name": "HER2", "statuses": ["low", "ultralow", "zero"]},
        ),
        ("HER2-negative disease", "biomarker", {"name": "HER2", "statuses": HER2_NEGATIVE}),
        ("IHC 3+ HER2 overexpression", "biomarker", {"name": "HER2", "statuses": ["positive"]}),
        ("triple-negative", "biomarker", {"name": "TNBC"}),
        ("ER-positive", "biomarker", {"name": "ER", "statuses": ["positive", "low"]}),
        ("Hormone receptor-positive", "biomarker", {"name": "HR", "statuses": ["positive", "low"]}),
        (
            "Germline BRCA1 or BRCA2 mutation",
            "biomarker",
            {
                "name": "BRCA",
                "statuses": ["pathogenic"],
                "genes": ["BRCA1", "BRCA2"],
                "origin": "germline",
            },
        ),
        (
            "Somatic PIK3CA mutation",
            "biomarker",
            {"name": "PIK3CA", "statuses": ["pathogenic"], "origin": "somatic"},
        ),
        ("MSI-high or dMMR tumour", "biomarker", {"name": "MSI", "statuses": ["high"]}),
        ("metastatic or locally advanced unresectable", "stage", {"groups": ["III", "IV"]}),
        ("Metastatic breast cancer", "stage", {"metastatic": True}),
        ("Stage II-III breast cancer", "stage", {"metastatic": False, "groups": ["II", "III"]}),
        ("Stage IV breast cancer", "stage", {"metastatic": True}),
        ("Non-metastatic breast cancer", "stage", {"metastatic": False}),
        ("No clinical suspicion of metastatic disease", "stage", {"metastatic": False}),
        ("Without evidence of distant metastases", "stage", {"metastatic": False}),
        ("prior trastuzumab required", "prior_therapy", {"names": ["trastuzumab"]}),
        (
            "at least 1 prior line of endocrine therapy",
            "prior_therapy",
            {"min_lines": 1, "categories": ["endocrine therapy"]},
        ),
        (
            "At least 1 but no more than 4 prior chemotherapy regimens",
            "prior_therapy",
            {"min_lines": 1, "max_lines": 4, "categories": ["chemotherapy"]},
        ),
        ("age >= 18 years", "age", {"min": 18}),
        ("Aged 18 to 75 years", "age", {"min": 18, "max": 75}),
        ("female", "sex", {"sexes": ["female"]}),
        ("Histologically confirmed adenocarcinoma of the breast", "site", {"sites": ["breast"]}),
        # "HER2-positivity" is HER2-positive
        (
            "Central testing of tumor tissue documenting HER2-positivity",
            "biomarker",
            {"name": "HER2", "statuses": ["positive"]},
        ),
        # "never HER2-positive" asks for HER2-negative, not HER2-positive
        (
            "Was never previously HER2-positive (IHC 3+ or IHC 2+/ISH+) on prior pathology testing",
            "biomarker",
            {"name": "HER2", "statuses": HER2_NEGATIVE},
        ),
        # "non-metastatic" negates the spread, not the marker
        (
            "Non-metastatic HER2-positive breast cancer",
            "biomarker",
            {"name": "HER2", "statuses": ["positive"]},
        ),
        (
            "gBRCAm breast cancer",
            "biomarker",
            {
                "name": "BRCA",
                "statuses": ["pathogenic"],
                "genes": ["BRCA1", "BRCA2"],
                "origin": "germline",
            },
        ),
        # one gene of an "or" list is enough: one row, not one required row per gene
        (
            "Documented germline BRCA1, BRCA2 or PALB2 pathogenic variant",
            "biomarker",
            {
                "name": "BRCA1/BRCA2/PALB2",
                "statuses": ["pathogenic"],
                "genes": ["BRCA1", "BRCA2", "PALB2"],
                "origin": "germline",
            },
        ),
        # no gene named: any germline pathogenic variant
        (
            "Germline mutation carriers",
            "biomarker",
            {"name": "germline", "statuses": ["pathogenic"], "origin": "germline"},
        ),
        (
            "De novo metastatic breast cancer",
            "stage",
            {"metastatic": True, "at_diagnosis": True},
        ),
        (
            "Biopsy-proven stage I-III invasive breast cancer",
            "stage",
            {"metastatic": False, "groups": ["I", "II", "III"]},
        ),
        (
            "Disease that is not amenable to curative therapy",
            "stage",
            {"incurable": True},
        ),
        (
            "At least one prior line of chemotherapy in the metastatic setting",
            "prior_therapy",
            {"min_lines": 1, "categories": ["chemotherapy"], "setting": "metastatic"},
        ),
        (
            "Previously received a CDK4/6 inhibitor in the advanced/metastatic setting",
            "prior_therapy",
            {"categories": ["CDK4/6 inhibitor"], "setting": "advanced"},
        ),
        # "0-3 lines": a ceiling only, no line required
        (
            "0-3 prior lines of chemotherapy for metastatic disease",
            "prior_therapy",
            {"max_lines": 3, "categories": ["chemotherapy"], "setting": "metastatic"},
        ),
    ],
)
def test_criterion_is_read_into_profile_vocabulary(text, kind, detail):
    assert kinds(text)[(kind, True)] == detail


@pytest.mark.parametrize(
    ("text", "inclusion", "kind", "detail"),
    [
        # "no prior X" in the inclusion list excludes patients who had X
        (
            "no prior anti-HER2 CAR-T",
            True,
            "prior_therapy",
            {"target": "HER2", "categories": ["cell therapy"]},
        ),
        ("Prior treatment with fulvestrant", False, "prior_therapy", {"names": ["fulvestrant"]}),
        ("HER2-positive disease", False, "biomarker", {"name": "HER2", "statuses": ["positive"]}),
        ("Stage IV disease", False, "stage", {"metastatic": True}),
        # excluding "more than one prior line" excludes two lines or more
        (
            "More than one prior line of chemotherapy",
            False,
            "prior_therapy",
            {"min_lines": 2, "categories": ["chemotherapy"]},
        ),
        # a carrier exclusion excludes carriers
        (
            "Known germline BRCA1 or BRCA2 mutation carrier",
            False,
            "biomarker",
            {
                "name": "BRCA",
                "statuses": ["pathogenic"],
                "genes": ["BRCA1", "BRCA2"],
                "origin": "germline",
            },
        ),
        # the stage at first diagnosis, not the stage now
        (
            "Stage IV disease at presentation",
            False,
            "stage",
            {"metastatic": True, "at_diagnosis": True},
        ),
    ],
)
def test_exclusions_are_marked_not_inclusion(text, inclusion, kind, detail):
    assert kinds(text, inclusion)[(kind, False)] == detail


@pytest.mark.parametrize(
    "text",
    [
        "measurable disease per RECIST",
        "Life expectancy of at least 12 weeks",
        "ALT < 3 x ULN (< 5 x ULN for patients with liver metastases)",
        "Women of childbearing potential must use effective contraception",
        "Prior neratinib treatment is allowed",  # permitted, not required
        "Chemotherapy within 3 weeks before the first dose",  # a wash-out, not a history rule
        "If HER2-positive, prior trastuzumab is required",  # conditional
        "Cohort 2: HER2-low metastatic breast cancer",  # one cohort's rule, not everyone's
        "Known active brain metastases",  # not the disease stage
        "Other malignancy within 5 years except breast cancer",  # another cancer's history
        "Known driver mutations (e.g. EGFR, ALK, BRAF) sensitive to approved therapy",  # examples
        "NOTE: Postmenopausal status defined as prior oophorectomy or age >= 60 years",
        # an organ's failure is not a treatment failure
        "Symptomatic visceral disease, imminent organ failure, or any other reason that makes "
        "the participant ineligible for endocrine monotherapy",
        # "prior to" is a time, not a treatment history
        "Participants >= 60 years of age are required to have LVEF evaluation performed within "
        "1 year prior to lymphodepleting chemotherapy",
        # a qualified germline variant is not just any germline variant
        "A moderate penetrance germline pathogenic variant",
    ],
)
def test_uncheckable_or_conditional_text_is_other(text):
    assert [c.kind for c in parse_item(text)] == ["other"]


@pytest.mark.parametrize(
    "text",
    [
        "Inability to obtain histologic proof of metastatic breast cancer",
        "Presence of bulky tumour at the primary or metastatic site",
    ],
)
def test_exclusions_that_mention_metastases_without_naming_the_stage_set_none(text):
    assert [c.kind for c in parse_item(text, False)] == ["other"]


def test_setting_of_a_past_treatment_is_not_a_stage():
    criteria = parse_item("No prior anti-HER2 therapy in the metastatic setting", True)
    assert [c.kind for c in criteria] == ["prior_therapy"]


def test_trastuzumab_deruxtecan_is_not_also_trastuzumab():
    (criterion,) = parse_item("Prior trastuzumab deruxtecan", True)
    assert "trastuzumab" not in criterion.detail["names"]


def test_one_bullet_naming_several_things_yields_each_with_the_same_text():
    text = "Histologically confirmed HER2-positive metastatic breast cancer"
    criteria = parse_item(text)
    assert {c.kind for c in criteria} == {"site", "biomarker", "stage"}
    assert {c.text for c in criteria} == {text}


@pytest.mark.parametrize(
    ("escaped", "plain"),
    [(r"LVEF \>= 50%", "LVEF >= 50%"), (r"ANC \< 1.5", "ANC < 1.5"), (r"\*bold\*", "*bold*")],
)
def test_markdown_escapes_are_undone(escaped, plain):
    assert unescape(escaped) == plain


def test_headings_switch_between_inclusion_and_exclusion_and_nested_bullets_are_items():
    text = (
        "Inclusion Criteria:\n\n* Breast cancer\n* All of:\n\n  * prior trastuzumab\n"
        "  * prior pertuzumab\n\nExclusion Criteria:\n\n1. Pregnancy\n"
    )
    assert split_items(text) == [
        (True, "Breast cancer", False),
        (True, "All of:", False),
        (True, "prior trastuzumab", True),
        (True, "prior pertuzumab", True),
        (False, "Pregnancy", False),
    ]
    assert [(c.text, c.kind) for c in parse_eligibility(text)] == [
        ("Breast cancer", "site"),
        ("prior trastuzumab", "prior_therapy"),
        ("prior pertuzumab", "prior_therapy"),
        ("Pregnancy", "other"),
    ]


def test_sub_bullets_under_any_of_are_alternatives_not_each_required():
    text = (
        "Inclusion Criteria:\n\n* Any one of the following:\n\n"
        "  * prior trastuzumab\n  * prior lapatinib\n"
    )
    assert [(c.text, c.kind) for c in parse_eligibility(text)] == [
        ("prior trastuzumab", "other"),
        ("prior lapatinib", "other"),
    ]


@pytest.mark.parametrize(
    "text",
    [
        "Any prior systemic anti-cancer therapy for metastatic HER2-positive breast cancer",
        "Inability to confirm biomarker eligibility based on central testing of PIK3CA status",
        "Previously treated with any form HER2- or HER3-primed DC1 therapy.",
        "For affected BRCA1 and BRCA2 mutation carriers, affected women with non-BRCA mutations",
    ],
)
def test_an_exclusion_about_a_treatment_or_test_for_a_marker_does_not_exclude_the_marker(text):
    assert "biomarker" not in [c.kind for c in parse_item(text, False)]


@pytest.mark.parametrize(
    "text",
    [
        "Stage 0-III breast cancer, regardless of hormone-receptor status or HER2-overexpression",
        "Positive expression of NY-ESO-1 (>/= 50% tumor cells 2+ or 3+ by IHC)",
    ],
)
def test_no_her2_requirement_is_read_where_none_is_made(text):
    assert "HER2" not in [c.detail.get("name") for c in parse_item(text)]


@pytest.mark.parametrize(
    ("text", "inclusion"),
    [
        ("Must agree to provide a tumour biopsy from primary and/or metastatic lesion", True),
        ("Progression within 12 months of CDK4/6 in the first line metastatic setting", True),
        ("Triple Negative Breast Cancer -Patient is not within five years of diagnosis", False),
    ],
)
def test_a_metastatic_lesion_setting_or_time_since_diagnosis_is_no_requirement(text, inclusion):
    assert [c.kind for c in parse_item(text, inclusion)] == ["other"]


def test_an_exclusion_of_inoperable_or_metastatic_disease_names_the_stage():
    [row] = parse_item("Inoperable locally advanced or metastatic breast cancer", False)
    assert (row.kind, row.inclusion) == ("stage", False)


def test_either_hormone_receptor_status_asks_only_that_it_is_known():
    [row] = parse_item("Is hormone receptor-negative or hormone receptor-positive")
    assert (row.kind, row.detail) == (
        "biomarker",
        {"name": "HR", "statuses": ["positive", "low", "negative"]},
    )


def test_receptors_below_ten_percent_with_her2_negative_are_read_as_such():
    rows = parse_item("ER/PR <10% and HER negative per current ASCO/CAP guidelines")
    details = {c.detail["name"]: c.detail["statuses"] for c in rows}
    assert details == {
        "ER": ["negative", "low"],
        "PR": ["negative", "low"],
        "HER2": ["negative", "low", "ultralow", "zero"],
    }


@pytest.mark.parametrize(
    ("heading", "kept"),
    [
        (
            "Exclusion Criteria (1st Screening prior to Tumor Resection - See below for "
            "evaluation of continuing eligibility prior to start of investigational treatment):",
            True,  # a long qualifier says something: kept as a lead-in
        ),
        ("Exclusion criteria for the second screening", False),
        ("Exclusion Criteria (Cohort A)", False),
    ],
)
def test_a_heading_with_a_qualifier_still_starts_the_exclusions(heading, kept):
    text = f"Inclusion Criteria:\n\n* Breast cancer\n\n{heading}\n\n* Pregnancy\n"
    expected = [(True, "Breast cancer", False)]
    expected += [(False, heading, False)] if kept else []
    assert split_items(text) == [*expected, (False, "Pregnancy", False)]


@pytest.mark.parametrize(
    "text",
    [
        # a marker level the profile has no name for
        "Metastatic HER2-negative breast cancer AR expression of >= 10%",
        # a treatment history followed by an allowance and a rule it cannot read
        "Previously received a CDK4/6 inhibitor in the advanced setting. One additional line of "
        "ET is allowed. Duration of the most recent prior ET must be at least 6 months.",
    ],
)
def test_a_sentence_read_only_in_part_keeps_an_other_row(text):
    kinds_read = [c.kind for c in parse_item(text)]
    assert "other" in kinds_read
    assert len(kinds_read) > 1


# --- one reader for clinical words: criteria are read by the record finders ------------------


def her2_rows(text, inclusion=True):
    return [
        c.detail["statuses"] for c in parse_item(text, inclusion) if c.detail.get("name") == "HER2"
    ]


@pytest.mark.parametrize(
    ("text", "statuses"),
    [
        # wordings the record HER2 finder knows and the old criterion grammar did not
        ("c-erbB-2 positive metastatic breast cancer", ["positive"]),
        ("HER2 (4B5) 3+ breast cancer", ["positive"]),
        ("HER2 IHC 2+ and FISH amplified", ["positive"]),
        ("HER2 IHC 2+ with ISH not amplified", ["low"]),
        ("HER2 not amplified by FISH", HER2_NEGATIVE),
        ("Human epidermal growth factor receptor 2 (HER2)-negative disease", HER2_NEGATIVE),
        ("HER2neu-negative breast cancer", HER2_NEGATIVE),
        # the criterion layer over them: sets of admitted statuses, ranges, requirements
        ("HER2-low or HER2-ultralow breast carcinoma", ["low", "ultralow"]),
        ("HER2 LOW/ULTRA LOW by local testing", ["low", "ultralow"]),
        ("HER2 1-3+ expression by IHC", ["positive", "low"]),
        ("Amplification of HER2 by ISH", ["positive"]),
        ("HER2-overexpressing gastric cancer", ["positive"]),
        ("HER negative per ASCO/CAP", HER2_NEGATIVE),
        ("Her 2 positive or negative", ["negative", "positive", "low", "ultralow", "zero"]),
        # the definition after a written category does not change what is asked
        ("HER-2 negative tumor with an IHC result of 0 or 1+", HER2_NEGATIVE),
        ("HER2 is considered negative by IHC when expression is 0 or 1+", []),
    ],
)
def test_her2_in_a_criterion_is_read_by_the_record_her2_finder(text, statuses):
    assert her2_rows(text) == ([statuses] if statuses else [])


def test_a_her2_wording_taught_to_the_record_finder_is_read_in_criteria_too(monkeypatch):
    text = "neu oncoprotein positive breast cancer"
    assert her2_rows(text) == []
    taught = re.compile(her2._NAME.pattern + "|neu\\s+oncoprotein", re.IGNORECASE)
    monkeypatch.setattr(her2, "_NAME", taught)
    assert her2_rows(text) == [["positive"]]


@pytest.mark.parametrize(
    "text",
    [
        "HLA-A2+ and tumoral overexpression of NY-ESO-1 (2 to 3+ IHC staining in > 50% of cells)",
        "Dual-probe HER2/CEP17 ratio < 2.0 with an average HER2 copy number < 4.0 signals/cell",
    ],
)
def test_scores_and_numbers_that_are_not_a_her2_requirement_ask_for_none(text):
    assert her2_rows(text) == []


def genes(text, inclusion=True):
    return [c.detail for c in parse_item(text, inclusion) if c.kind == "biomarker"]


def pathogenic(name, genes=None, origin=None):
    detail = {"name": name, "statuses": ["pathogenic"]}
    detail |= {"genes": genes} if genes else {}
    return detail | ({"origin": origin} if origin else {})


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        # genes of the extractor's lexicon that the old 12-gene list lacked
        ("Documented NTRK1 gene fusion", [pathogenic("NTRK1")]),
        ("RET fusion-positive NSCLC", [pathogenic("RET")]),
        ("Activating ERBB2 mutation", [pathogenic("ERBB2")]),
        ("FGFR2 fusion or rearrangement", [pathogenic("FGFR2")]),
        ("Known germline CHEK2 pathogenic variant", [pathogenic("CHEK2", origin="germline")]),
        (
            "ROS1 or NTRK1/2/3 gene fusion",
            [pathogenic("ROS1/NTRK1/NTRK2/NTRK3", ["ROS1", "NTRK1", "NTRK2", "NTRK3"])],
        ),
        ("RAS-mutated colorectal cancer", [pathogenic("RAS", ["KRAS", "NRAS"])]),
    ],
)
def test_a_gene_of_the_extractors_lexicon_is_read_in_a_criterion(text, expected):
    assert genes(text) == expected


def test_a_gene_taught_to_the_extractors_lexicon_is_read_in_criteria_too(monkeypatch):
    text = "Documented NRG1 fusion"
    assert genes(text) == []
    table = rule_files.table

    def taught(name):
        data = table(name)
        return {**data, "genes": [*data["genes"], "NRG1"]} if name == "genes.json" else data

    monkeypatch.setattr(rule_files, "table", taught)
    gene_finder._gene_words.cache_clear()
    try:
        assert genes(text) == [pathogenic("NRG1")]
    finally:
        monkeypatch.undo()
        gene_finder._gene_words.cache_clear()


@pytest.mark.parametrize(
    "text",
    [
        "Confirmed EGFR and ALK mutation-negative disease",  # the gene finder's own negation
        "Patient must not have any known EGFR or ALK genetic alterations",
        "Absence of sensitizing EGFR mutation or ALK/ROS1 alteration",
        "NSCLC not harboring an activating EGFR mutation or ALK rearrangement",
        "PDAC with wild-type RAS",
        "BRCA1 or BRCA2 variant of uncertain significance",
        "TP53 mutation status results required before randomization",  # a test, not a result
    ],
)
def test_a_gene_wanted_absent_uncertain_or_only_tested_is_no_requirement(text):
    kinds = [c.kind for c in parse_item(text)]
    assert "biomarker" not in kinds
    assert "other" in kinds  # never met on half of its words


def test_cdk4_6_names_a_drug_class_not_a_gene():
    assert genes("Known RB1 mutation conferring resistance to CDK4/6i", False) == [
        pathogenic("RB1")
    ]


@pytest.mark.parametrize(
    ("text", "statuses"),
    [
        ("MSI-H or dMMR tumour", ["high"]),
        ("Non-MSI-H colorectal cancer", ["stable"]),  # once read as MSI-high
        ("Microsatellite stable (MSS) disease", ["stable"]),
    ],
)
def test_msi_is_read_by_the_record_msi_finder(text, statuses):
    assert [d["statuses"] for d in genes(text) if d["name"] == "MSI"] == [statuses]


def test_msi_high_beside_mss_asks_for_neither_alone():
    rows = parse_item("MSS colorectal cancer that is not MSI-H and is MMR-deficient")
    assert "MSI" not in [c.detail.get("name") for c in rows]
    assert "other" in [c.kind for c in rows]


@pytest.mark.parametrize(
    ("text", "sites"),
    [
        ("Histologically confirmed colorectal cancer", ["colon", "rectum"]),
        ("Metastatic uveal melanoma", ["eye"]),  # the record site phrase, not "melanoma"
        ("Stage III cutaneous melanoma (uveal melanoma is excluded)", ["skin"]),
        ("Solid tumors excluding NSCLC and CRC", ["solid tumours"]),
        ("Locally advanced TNBC", ["breast"]),
        ("Metastatic mCRPC", ["prostate"]),
        ("KRAS G12C (Kirsten rat sarcoma viral oncogene) mutated solid tumour", ["solid tumours"]),
    ],
)
def test_sites_are_the_record_site_phrases_and_the_trials_organ_words(text, sites):
    assert sites_in(text) == sites


def test_a_record_specimen_label_is_no_disease_in_a_criterion():
    text = "Target tumor must be > 1 cm from skin, nerves and bowel"
    assert "site" not in [c.kind for c in parse_item(text)]


@pytest.mark.parametrize(
    ("text", "groups"),
    [
        ("AJCC Stage 0-III breast cancer", ["0", "I", "II", "III"]),
        ("Stage 0, I, II, or IIIA disease", ["0", "I", "II", "III"]),
        ("Diagnosed with stage IIB, III, or IV cutaneous melanoma", ["II", "III", "IV"]),
    ],
)
def test_stage_numerals_are_the_vocabularys(text, groups):
    assert stage_in(text)["groups"] == groups


def test_stage_in_other_numerals_is_not_stage_zero():
    assert stage_in("Premenopausal women with stage 0-3 breast cancer") is None


def test_bullets_under_the_exceptions_to_a_rule_are_not_each_required():
    text = (
        "Inclusion Criteria:\n\n* No other prior malignancy is allowed with the following "
        "exceptions:\n\n  * Adequately treated basal cell skin cancer\n"
    )
    assert [(c.text, c.kind) for c in parse_eligibility(text)] == [
        ("No other prior malignancy is allowed with the following exceptions:", "other"),
        ("Adequately treated basal cell skin cancer", "other"),
    ]
