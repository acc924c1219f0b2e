"""The TCGA scorer: what counts as stated, and how labels map, where the plain rules were not
enough (a mention without a result, MX, a chart more precise than the report)."""

from typing import Any

import pytest

from benchmarks import tcga


@pytest.mark.parametrize(
    ("label", "percent_bin", "expected"),
    [
        ("Negative", "<10%", {"negative", "low"}),  # a 10 % cut-off: our low lies below it
        ("Negative", "", {"negative"}),
        ("Positive", "<10%", {"positive", "low"}),
        ("Positive", "90-99%", {"positive", "low"}),
        ("[Not Evaluated]", "<10%", None),
    ],
)
def test_receptor_label_with_its_percent_bin(label: str, percent_bin: str, expected: Any) -> None:
    got = tcga.receptor_expected(label, percent_bin)
    assert got == (frozenset(expected) if expected is not None else None)


def _row(**columns: str) -> dict[str, str]:
    row = {
        column: "[Not Available]"
        for column in (
            "er_status_by_ihc",
            "pr_status_by_ihc",
            "her2_status_by_ihc",
            "her2_resolved",
            "her2_ihc_score",
            "her2_fish_status",
            "her2_cent17_ratio",
            "ajcc_tumor_pathologic_pt",
            "ajcc_nodes_pathologic_pn",
            "ajcc_metastasis_pathologic_pm",
            "ajcc_pathologic_tumor_stage",
            "histological_type",
        )
    }
    row.update(columns)
    return row


def test_mx_is_an_unknown_label() -> None:
    # AJCC dropped MX in its 7th edition; the extractor answers it with null
    row = _row(ajcc_metastasis_pathologic_pm="MX")
    assert "stage.M" not in tcga.label_expectations(row, "pT2 pN0 pMX")


@pytest.mark.parametrize(
    ("column", "label", "field", "ours"),
    [
        ("ajcc_nodes_pathologic_pn", "NX", "stage.N", "pNX"),
        ("ajcc_tumor_pathologic_pt", "TX", "stage.T", "pTX"),
    ],
)
def test_tx_and_nx_are_categories_scored_as_written(
    column: str, label: str, field: str, ours: str
) -> None:
    text = "Pathologic stage: pTX pNX pMX."
    expected = tcga.label_expectations(_row(**{column: label}), text)[field]
    assert tcga.stated(text, field)
    assert tcga.agrees(field, expected[1], ours)


@pytest.mark.parametrize(
    ("text", "is_stated"),
    [
        ("PATHOLOGIC STAGE: pT2 pN0 pMX.", False),
        ("DISTANT METASTASIS (M): pMX: Cannot be assessed.", False),
        ("M Stage: X", False),
        ("ypT1 ypN0 cM0", True),
        ("Clinical M. M0.", True),
        ("M Stage: 0", True),
    ],
)
def test_mx_does_not_state_m(text: str, is_stated: bool) -> None:
    assert tcga.stated(text, "stage.M") is is_stated


@pytest.mark.parametrize(
    ("text", "axis", "label", "is_stated"),
    [
        ("Regional Lymph Nodes: pN2.", "N", "N2a", False),
        ("Regional Lymph Nodes: pN2a.", "N", "N2a", True),
        ("T Stage: 1 N Stage: 0", "T", "T1c", False),
        ("T Stage: 1c N Stage: 0", "T", "T1c", True),
        ("pT 1c N 0", "T", "T1c", True),
        ("node positive for carcinoma [AJCC pN1 mi (sn)]", "N", "N1mi", True),
        ("pT2 pN0(i-)", "N", "N0 (i-)", True),  # no subcategory to state
        ("clinical T2b; pathologic pT2", "T", "T2b", False),  # a clinical statement is not it
    ],
)
def test_a_label_subcategory_is_stated_only_when_written(
    text: str, axis: str, label: str, is_stated: bool
) -> None:
    assert tcga.subcategory_stated(text, axis, label) is is_stated


@pytest.mark.parametrize(
    ("text", "label", "expected"),
    [
        ("Regional Lymph Nodes: pN2.", "N2a", "N2"),
        ("Regional Lymph Nodes: pN2a.", "N2a", "N2a"),
    ],
)
def test_a_label_more_precise_than_the_report_is_compared_at_its_category(
    text: str, label: str, expected: str
) -> None:
    got = tcga.label_expectations(_row(ajcc_nodes_pathologic_pn=label), text)["stage.N"]
    assert got == (label, expected)
    assert tcga.agrees("stage.N", got[1], "pN2") is (expected == "N2")


@pytest.mark.parametrize(
    ("text", "name", "is_stated"),
    [
        ("Frozen section diagnosis: carcinoma. ER/PR taken.", "ER", False),
        ("HER-2/neu has been ordered on block A4.", "HER2", False),
        ("See the separate report for HER2 immunostaining and FISH results.", "HER2", False),
        ("ER: pending. PR: negative (0%).", "ER", False),
        ("ER: pending. PR: negative (0%).", "PR", True),
        ("ESTROGEN AND PROGESTERONE RECEPTORS: positive.", "ER", True),
        ("The cells are positive for ER and PR.", "PR", True),
        ("40% of tumour cells show staining. for progesterone receptors.", "PR", True),
        ("ER+ and HER2-", "ER", True),
        ("HER2 protein stained with HercepTest (Score = 1+).", "HER2", True),
        ("Her2-neu gene is not amplified by FISH.", "HER2", True),
    ],
)
def test_a_receptor_status_is_stated_only_by_a_mention_with_a_result(
    text: str, name: str, is_stated: bool
) -> None:
    assert tcga.result_stated(text, name) is is_stated


@pytest.mark.parametrize(
    ("mentions", "text", "is_stated"),
    [
        ("True", "ER: positive (90%).", True),
        ("True", "ER/PR taken.", False),  # TCGA's column says mentioned; no result is given
        ("False", "ER: positive (90%).", False),
    ],
)
def test_receptor_status_needs_both_the_mention_column_and_a_result(
    mentions: str, text: str, is_stated: bool
) -> None:
    row = _row(er_status_by_ihc="Positive", text_mentions_er=mentions)
    assert tcga.field_stated(row, text, "ER.status", frozenset({"positive"})) is is_stated
