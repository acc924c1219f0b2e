"""The benchmark's scoring rules: pure functions, no pipeline, no shared data."""

from __future__ import annotations

from typing import Any

import pytest

from benchmarks import tcga
from benchmarks.scoring import (
    Counts,
    Item,
    check_evidence,
    check_evidence_item,
    compare,
    flatten,
    merge,
    values_equal,
)
from benchmarks.speed import Bucket, FileTiming


def profile(**parts: Any) -> dict[str, Any]:
    base: dict[str, Any] = {
        "schema": "navis.profile.v1",
        "documents": [],
        "diagnosis": {
            "primary_site": None,
            "laterality": None,
            "histology": None,
            "grade": None,
            "diagnosis_date": None,
        },
        "biomarkers": [],
        "stage": {
            "T": None,
            "N": None,
            "M": None,
            "group": None,
            "metastatic": None,
            "metastatic_sites": [],
        },
        "treatments": [],
        "conflicts": [],
        "missing": [],
    }
    base.update(parts)
    return base


def items(*triples: tuple[str, str, Any]) -> list[Item]:
    return [Item(*triple) for triple in triples]


# --------------------------------------------------------------------------- flattening


@pytest.mark.parametrize(
    ("parts", "expected"),
    [
        pytest.param({}, set(), id="empty-profile"),
        pytest.param(
            {
                "diagnosis": {
                    "primary_site": "breast",
                    "laterality": None,
                    "histology": {"code": "8500/3", "label": "IDC"},
                    "grade": 2,
                    "diagnosis_date": "2025-02-20",
                }
            },
            {
                ("diagnosis.primary_site", "diagnosis.primary_site", "breast"),
                ("diagnosis.histology.code", "diagnosis.histology.code", "8500/3"),
                ("diagnosis.grade", "diagnosis.grade", 2),
                ("diagnosis.diagnosis_date", "diagnosis.diagnosis_date", "2025-02-20"),
            },
            id="diagnosis-nulls-dropped",
        ),
        pytest.param(
            {
                "biomarkers": [
                    {
                        "name": "HER2",
                        "status": "positive",
                        "ihc": "3+",
                        "ish": None,
                        "ratio": None,
                        "evidence": [{"file": "a.pdf", "page": 1, "text": "HER2 3+"}],
                    },
                    {"name": "Ki-67", "percent": 30},
                ]
            },
            {
                ("HER2.status", "HER2.status", "positive"),
                ("HER2.ihc", "HER2.ihc", "3+"),
                ("Ki-67.percent", "Ki-67.percent", 30),
            },
            id="biomarker-attrs-non-null-evidence-ignored",
        ),
        pytest.param(
            {
                "stage": {
                    "T": "pT2",
                    "N": None,
                    "M": "cM0",
                    "group": None,
                    "metastatic": False,
                    "metastatic_sites": ["bone", "liver"],
                }
            },
            {
                ("stage.T", "stage.T", "pT2"),
                ("stage.M", "stage.M", "cM0"),
                ("stage.metastatic", "stage.metastatic", False),
                ("stage.metastatic_sites.bone", "stage.metastatic_sites", True),
                ("stage.metastatic_sites.liver", "stage.metastatic_sites", True),
            },
            id="stage-one-item-per-site-false-kept",
        ),
        pytest.param(
            {
                "treatments": [
                    {
                        "name": "doxorubicin",
                        "category": "chemotherapy",
                        "start": "2025-03",
                        "end": None,
                        "setting": "neoadjuvant",
                    }
                ]
            },
            {
                ("treatment.doxorubicin", "treatment.name", True),
                ("treatment.doxorubicin.category", "treatment.category", "chemotherapy"),
                ("treatment.doxorubicin.start", "treatment.start", "2025-03"),
                ("treatment.doxorubicin.setting", "treatment.setting", "neoadjuvant"),
            },
            id="treatment-presence-and-attrs",
        ),
        pytest.param(
            {
                "conflicts": [
                    {"field": "ER.status", "values": ["positive", "negative"], "note": "x"}
                ],
                "missing": ["HER2", "PR"],
            },
            {
                ("conflicts.ER.status", "conflicts", frozenset({"positive", "negative"})),
                ("missing.HER2", "missing", True),
                ("missing.PR", "missing", True),
            },
            id="conflicts-and-missing",
        ),
        pytest.param(
            {
                "patient": {
                    "sex": "female",
                    "age": 58,
                    "menopausal_status": None,
                    "performance": {"scale": "ECOG", "value": 1, "date": "2025-09-02"},
                },
                "events": [
                    {"type": "metastasis", "date": "2024-03", "sites": ["liver"]},
                    {"type": "response", "value": "partial", "date": None, "sites": []},
                ],
                "treatments": [{"name": "capecitabine", "setting": "metastatic", "line": 2}],
            },
            {
                ("patient.sex", "patient.sex", "female"),
                ("patient.age", "patient.age", 58),
                ("patient.performance", "patient.performance", "ECOG 1"),
                ("event.metastasis.2024-03", "events.type", True),
                ("event.metastasis.2024-03.sites.liver", "events.sites", True),
                ("event.response.undated", "events.type", True),
                ("event.response.undated.value", "events.value", "partial"),
                ("treatment.capecitabine", "treatment.name", True),
                ("treatment.capecitabine.setting", "treatment.setting", "metastatic"),
                ("treatment.capecitabine.line", "treatment.line", 2),
            },
            id="r2-patient-events-line",
        ),
    ],
)
def test_flatten(parts: dict[str, Any], expected: set[tuple[str, str, Any]]) -> None:
    assert {(i.path, i.group, i.value) for i in flatten(profile(**parts))} == expected


def test_flatten_of_nothing_is_empty() -> None:
    assert flatten(None) == []
    assert flatten({}) == []


@pytest.mark.parametrize(
    ("predicted", "true", "equal"),
    [
        (95, 95.0, True),
        (1.2, 1.2 + 5e-7, True),
        (1.2, 1.21, False),
        (True, 1, False),  # a boolean is not a number
        (False, False, True),
        ("pT1c", "pt1c", False),  # T/N/M are case-sensitive, as reported
        ("95", 95, False),
        (frozenset({"positive", "low"}), frozenset({"low", "positive"}), True),
    ],
)
def test_values_equal(predicted: Any, true: Any, equal: bool) -> None:
    assert values_equal(predicted, true) is equal


# --------------------------------------------------------------------------- counting


@pytest.mark.parametrize(
    ("predicted", "truth", "counts", "hallucinated"),
    [
        pytest.param(
            items(("ER.status", "ER.status", "positive")),
            items(("ER.status", "ER.status", "positive")),
            {"ER.status": (1, 0, 0)},
            [],
            id="match",
        ),
        pytest.param(
            items(("ER.status", "ER.status", "negative")),
            items(("ER.status", "ER.status", "positive")),
            {"ER.status": (0, 1, 1)},
            [],
            id="wrong-value-is-fp-and-fn-not-hallucination",
        ),
        pytest.param(
            items(("Ki-67.percent", "Ki-67.percent", 30)),
            [],
            {"Ki-67.percent": (0, 1, 0)},
            ["Ki-67.percent"],
            id="value-from-nowhere",
        ),
        pytest.param(
            [],
            items(("stage.T", "stage.T", "pT2")),
            {"stage.T": (0, 0, 1)},
            [],
            id="missed",
        ),
        pytest.param(
            items(("ER.percent", "ER.percent", 95.0000001)),
            items(("ER.percent", "ER.percent", 95)),
            {"ER.percent": (1, 0, 0)},
            [],
            id="number-within-tolerance",
        ),
        pytest.param(
            items(
                ("stage.metastatic_sites.bone", "stage.metastatic_sites", True),
                ("stage.metastatic_sites.liver", "stage.metastatic_sites", True),
            ),
            items(("stage.metastatic_sites.bone", "stage.metastatic_sites", True)),
            {"stage.metastatic_sites": (1, 1, 0)},
            ["stage.metastatic_sites.liver"],
            id="extra-site-is-hallucinated",
        ),
        pytest.param(
            items(("missing.HER2", "missing", True)),
            items(("HER2.status", "HER2.status", "low")),
            {"missing": (0, 1, 0), "HER2.status": (0, 0, 1)},
            [],
            id="wrong-missing-entry-is-fp-not-hallucination",
        ),
        pytest.param(
            items(
                ("treatment.letrozole", "treatment.name", True),
                ("treatment.letrozole.start", "treatment.start", "2025-06"),
            ),
            items(("treatment.letrozole", "treatment.name", True)),
            {"treatment.name": (1, 0, 0), "treatment.start": (0, 1, 0)},
            ["treatment.letrozole.start"],
            id="date-the-records-do-not-give",
        ),
        pytest.param(
            items(
                ("treatment.radiation therapy", "treatment.name", True),
                ("treatment.radiation therapy", "treatment.name", True),
            ),
            items(("treatment.radiation therapy", "treatment.name", True)),
            {"treatment.name": (1, 1, 0)},
            [],
            id="duplicate-is-fp-not-hallucination",
        ),
        pytest.param(
            items(("conflicts.ER.status", "conflicts", frozenset({"positive", "negative"}))),
            items(("conflicts.ER.status", "conflicts", frozenset({"negative", "positive"}))),
            {"conflicts": (1, 0, 0)},
            [],
            id="conflict-compared-as-set",
        ),
    ],
)
def test_compare(
    predicted: list[Item],
    truth: list[Item],
    counts: dict[str, tuple[int, int, int]],
    hallucinated: list[str],
) -> None:
    result = compare(predicted, truth)
    assert {g: (c.tp, c.fp, c.fn) for g, c in result.groups.items()} == counts
    assert [item.path for item in result.hallucinations] == hallucinated


def test_profiles_end_to_end_and_micro() -> None:
    truth = profile(
        biomarkers=[{"name": "ER", "status": "positive", "percent": 95}],
        stage={
            "T": "pT2",
            "N": "pN1a",
            "M": None,
            "group": None,
            "metastatic": None,
            "metastatic_sites": [],
        },
    )
    predicted = profile(
        biomarkers=[
            {"name": "ER", "status": "positive", "percent": 90},
            {"name": "Ki-67", "percent": 20},
        ],
        stage={
            "T": "pT2",
            "N": None,
            "M": None,
            "group": None,
            "metastatic": None,
            "metastatic_sites": [],
        },
    )
    result = compare(flatten(predicted), flatten(truth))
    micro = result.micro
    assert (micro.tp, micro.fp, micro.fn) == (2, 2, 2)  # status+T; 90 and Ki-67; 95 and N
    assert [i.path for i in result.hallucinations] == ["Ki-67.percent"]
    total = merge([result, result])
    assert (total.micro.tp, total.micro.fp, len(total.hallucinations)) == (4, 4, 2)


@pytest.mark.parametrize(
    ("tp", "fp", "fn", "precision", "recall", "f1"),
    [
        (0, 0, 0, None, None, None),
        (0, 0, 5, None, 0.0, 0.0),  # nothing predicted: F1 0, precision undefined
        (3, 1, 0, 0.75, 1.0, pytest.approx(6 / 7)),
        (1, 1, 1, 0.5, 0.5, 0.5),
    ],
)
def test_counts(tp: int, fp: int, fn: int, precision: Any, recall: Any, f1: Any) -> None:
    counts = Counts(tp, fp, fn)
    assert (counts.precision, counts.recall, counts.f1) == (precision, recall, f1)


# --------------------------------------------------------------------------- evidence

PAGES = {"a.pdf": ["ER: positive (95%)\nPR: negative", "HER2 (IHC): 3+"], "b.pdf": ["pT2 N1a"]}


@pytest.mark.parametrize(
    ("evidence", "problem"),
    [
        pytest.param({"file": "a.pdf", "page": 1, "text": "positive (95%)"}, None, id="valid"),
        pytest.param(
            {"file": "a.pdf", "page": 2, "text": "HER2 (IHC): 3+"}, None, id="valid-page-2"
        ),
        pytest.param(
            {"file": "a.pdf", "page": 2, "text": "positive (95%)"}, "text not on", id="wrong-page"
        ),
        pytest.param({"file": "a.pdf", "page": 3, "text": "3+"}, "outside", id="no-such-page"),
        pytest.param({"file": "a.pdf", "page": 0, "text": "ER"}, "outside", id="page-zero"),
        pytest.param({"file": "c.pdf", "page": 1, "text": "ER"}, "unknown file", id="other-file"),
        pytest.param({"file": "a.pdf", "page": 1, "text": ""}, "empty", id="empty-text"),
        pytest.param({"file": "a.pdf", "page": "1", "text": "ER"}, "integer", id="page-str"),
        pytest.param(
            {"file": "a.pdf", "page": 1, "text": "er: positive"}, "text not on", id="case-changed"
        ),
        pytest.param(
            {"file": "a.pdf", "page": 1, "text": "ER: positive (95%) PR"},
            "text not on",
            id="newline-not-kept",
        ),
        pytest.param("ER positive", "not an object", id="not-an-object"),
    ],
)
def test_check_evidence_item(evidence: Any, problem: str | None) -> None:
    reason = check_evidence_item(evidence, PAGES)
    if problem is None:
        assert reason is None
    else:
        assert reason is not None and problem in reason


def test_check_evidence_finds_values_without_evidence() -> None:
    good = [{"file": "a.pdf", "page": 1, "text": "positive (95%)"}]
    result = check_evidence(
        profile(
            biomarkers=[
                {"name": "ER", "status": "positive", "evidence": good},
                {"name": "PR", "status": "negative"},  # no evidence key at all
                {"name": "HER2", "ihc": "3+", "evidence": []},
            ],  # empty list
            stage={
                "T": "pT2",
                "N": None,
                "M": None,
                "group": None,
                "metastatic": None,
                "metastatic_sites": [],
                "evidence": [],
            },
            treatments=[
                {
                    "name": "letrozole",
                    "category": "endocrine therapy",
                    "evidence": [{"file": "b.pdf", "page": 1, "text": "letrozole"}],
                }
            ],
        ),
        PAGES,
    )
    assert result.checked == 5
    assert sorted((p.where, p.reason.split()[0]) for p in result.problems) == [
        ("biomarkers[HER2]", "value"),
        ("biomarkers[PR]", "value"),
        ("stage", "value"),
        ("treatments[letrozole]", "text"),
    ]
    assert result.share_valid == pytest.approx(1 / 5)


def test_empty_stage_needs_no_evidence_but_any_evidence_anywhere_is_checked() -> None:
    result = check_evidence(
        profile(
            diagnosis={
                "primary_site": "breast",
                "laterality": None,
                "histology": None,
                "grade": None,
                "diagnosis_date": None,
                "evidence": [{"file": "b.pdf", "page": 1, "text": "pT2"}],
            }
        ),
        PAGES,
    )
    assert (result.checked, result.problems) == (1, [])


# --------------------------------------------------------------------------- TCGA mapping


@pytest.mark.parametrize(
    ("label", "expected"),
    [
        ("Positive", {"positive", "low"}),  # TCGA positive is >= 1 %: our "low" agrees
        ("Negative", {"negative"}),
        ("Indeterminate", None),
        ("[Not Evaluated]", None),
        ("[Not Available]", None),
    ],
)
def test_receptor_mapping(label: str, expected: set[str] | None) -> None:
    assert tcga.receptor_expected(label) == (frozenset(expected) if expected else None)


@pytest.mark.parametrize(
    ("ihc", "resolved", "ish_in_text", "expected"),
    [
        ("Positive", "Positive", False, {"positive"}),
        ("Negative", "Negative", False, {"low", "ultralow", "zero", "negative"}),
        ("Equivocal", "Negative", True, {"low", "ultralow", "zero", "negative"}),
        ("Equivocal", "Positive", True, {"positive"}),
        # the report gives IHC 2+ but not the FISH that decided: "equivocal" also agrees
        ("Equivocal", "Negative", False, {"low", "ultralow", "zero", "negative", "equivocal"}),
        ("Equivocal", "Unresolved", False, {"equivocal"}),
        ("[Not Evaluated]", "Unresolved", False, None),
        ("[Not Available]", "Unresolved", True, None),
    ],
)
def test_her2_status_mapping(
    ihc: str, resolved: str, ish_in_text: bool, expected: set[str] | None
) -> None:
    row = {"her2_status_by_ihc": ihc, "her2_resolved": resolved}
    got = tcga.expected_her2_status(row, ish_in_text)
    assert got == (frozenset(expected) if expected is not None else None)


@pytest.mark.parametrize(
    ("label", "code"),
    [
        ("Infiltrating Ductal Carcinoma", "8500/3"),
        ("Infiltrating Lobular Carcinoma", "8520/3"),
        ("Mixed Histology (please specify)", "8522/3"),
        ("Mucinous Carcinoma", "8480/3"),
        ("Medullary Carcinoma", "8510/3"),
        ("Metaplastic Carcinoma", "8575/3"),
        ("Other, specify", None),
        ("Other  specify", None),  # as spelled in labels.csv
        ("[Not Available]", None),
    ],
)
def test_histology_mapping(label: str, code: str | None) -> None:
    assert tcga.histology_code(label) == code


@pytest.mark.parametrize(
    ("label", "ours", "axis", "agrees"),
    [
        ("T1c", "pT1c", "T", True),
        ("T1", "pT1c", "T", True),  # the label is coarser
        ("T1c", "pT1", "T", False),  # we said less than the label
        ("T1c", "pT1b", "T", False),
        ("T2", "ypT2", "T", True),
        ("T2", "cT2", "T", True),
        ("T2", "pT 2", "T", True),
        ("T2", "pT3", "T", False),
        ("T4b", "pT4b", "T", True),
        ("T2", None, "T", False),
        ("T2", "pt2", "T", False),  # lower-case axis letter is not a T
        ("N0 (i+)", "pN0(i+)", "N", True),
        ("N0 (i+)", "pN0", "N", True),
        ("N0 (i-)", "pN0(i-)", "N", True),
        ("N1mi", "pN1mi", "N", True),
        ("N1mi", "pN1(mi)", "N", True),
        ("N1mi", "pN1", "N", False),
        ("N1", "pN1a", "N", True),
        ("N1a", "pN1", "N", False),
        ("N2a", "pN2a", "N", True),
        ("NX", "pNX", "N", True),
        ("N0", "pN1", "N", False),
        ("M0", "cM0", "M", True),
        ("M0", "pM1", "M", False),
        ("MX", "cM0", "M", False),
        ("MX", "pMX", "M", True),
    ],
)
def test_tnm_agreement(label: str, ours: str | None, axis: str, agrees: bool) -> None:
    assert tcga.tnm_agrees(label, ours, axis) is agrees


@pytest.mark.parametrize(
    ("label", "ours", "agrees"),
    [
        ("Stage IIA", "IIA", True),
        ("Stage I", "IA", True),
        ("Stage IIA", "II", False),
        ("Stage II", "IIIA", False),
        ("Stage IIIB", "IIIB", True),
        ("Stage IV", "IV", True),
        ("Stage IIA", None, False),
    ],
)
def test_group_agreement(label: str, ours: str | None, agrees: bool) -> None:
    assert tcga.group_agrees(label, ours) is agrees


@pytest.mark.parametrize(
    ("text", "field", "expected", "is_stated"),
    [
        ("PATHOLOGIC STAGE: pT2N1MX.", "stage.T", None, True),
        ("PATHOLOGIC STAGE: pT2N1MX.", "stage.N", None, True),
        ("PATHOLOGIC STAGE: pT2N1MX.", "stage.M", None, False),  # MX states no M
        ("Pathological staging (pTN): pT 1c N 0.", "stage.N", None, True),
        ("T Stage: 2 N Stage: 2a M Stage: 0", "stage.N", None, True),
        ("T Stage: 2 N Stage: 2a M Stage: 0", "stage.group", None, False),
        ("Tissue Specification: Tumor", "stage.T", None, False),
        ("yo female with left clinical T2N1 IDC", "stage.T", None, False),  # not pathologic
        ("yo female with left clinical T2N1 IDC", "stage.N", None, False),
        ("Clinical stage: IIA", "stage.group", None, False),
        ("cT2 cN1 on imaging", "stage.T", None, False),
        ("cT2 cN1 on imaging", "stage.N", None, False),
        ("ypT2 pN1a cM0", "stage.M", None, True),  # cM0 is how a resection gives M
        ("ypT2 pN1a cM0", "stage.T", None, True),
        ("N STAGE, PATHOLOGIC: pNO(i-).", "stage.N", None, True),
        ("NO TUMOR IS SEEN IN THE MARGINS", "stage.N", None, False),
        ("G III, pT2NOLOVORO.", "stage.N", None, True),
        ("AJCC anatomic stage IIA", "stage.group", None, True),
        ("survival in stage II, node-positive breast cancer patients", "stage.group", None, False),
        ("HER 2 NEU BY FISH: PENDING (PLEASE SEE.", "HER2.ish", None, False),
        ("FISH for HER2/neu amplification will be performed", "HER2.ish", None, False),
        ("Her2/neu antigen (FISH): Non-amplified (ratio: 1.91).", "HER2.ish", None, True),
        ("NEGATIVE FOR HER-2 BY FISH.", "HER2.ish", None, True),
        ("HER-2 NOT AMPLIFIED.", "HER2.ish", None, True),
        ("HER2/NEU: 2+.", "HER2.ihc", None, True),
        ("HER2 protein. Negative reaction ( Score = 1+ ).", "HER2.ihc", None, True),
        ("HER2/NEU: pending.", "HER2.ihc", None, False),
        ("HER2/CEP17 ratio: 1.02.", "HER2.ratio", 1.02, True),
        ("HER2/CEP17 ratio: 1.02.", "HER2.ratio", 1.5, False),
        ("INFILTRATING DUCTAL CARCINOMA, GRADE II", "histology.code", "8500/3", True),
        ("DUCTAL CARCINOMA IN SITU, SOLID TYPE", "histology.code", "8500/3", False),
        (
            "Histologic type: Infiltrating ductal and lobular carcinoma.",
            "histology.code",
            "8522/3",
            True,
        ),
        ("Mixed infiltrating lobular and grade I ductal", "histology.code", "8522/3", True),
        ("Invasive lobular carcinoma, classic type", "histology.code", "8522/3", False),
        ("Invasive lobular carcinoma, classic type", "histology.code", "8520/3", True),
        ("lobular carcinoma in situ only", "histology.code", "8520/3", False),
        ("Medullary carcinoma", "histology.code", "8510/3", True),
        ("Anything", "histology.code", None, False),
    ],
)
def test_stated(text: str, field: str, expected: Any, is_stated: bool) -> None:
    assert tcga.stated(text, field, expected) is is_stated


def test_score_report_scores_only_labelled_and_stated_fields() -> None:
    row = {
        "er_status_by_ihc": "Positive",
        "text_mentions_er": "True",
        "pr_status_by_ihc": "[Not Evaluated]",
        "text_mentions_pr": "True",
        "her2_status_by_ihc": "Negative",
        "her2_resolved": "Negative",
        "her2_ihc_score": "1+",
        "her2_fish_status": "[Not Evaluated]",
        "her2_cent17_ratio": "[Not Available]",
        "text_mentions_her2": "False",
        "ajcc_tumor_pathologic_pt": "T1c",
        "ajcc_nodes_pathologic_pn": "N0 (i+)",
        "ajcc_metastasis_pathologic_pm": "MX",
        "ajcc_pathologic_tumor_stage": "Stage IA",
        "histological_type": "Infiltrating Ductal Carcinoma",
    }
    text = "INVASIVE DUCTAL CARCINOMA. ER: weakly positive (5%). pT1c pN0(i+)."
    ours = profile(
        biomarkers=[
            {
                "name": "ER",
                "status": "low",
                "percent": 5,
                "evidence": [{"file": "r.txt", "page": 1, "text": "weakly positive (5%)"}],
            }
        ],
        stage={
            "T": "pT1",
            "N": None,
            "M": None,
            "group": None,
            "metastatic": None,
            "metastatic_sites": [],
        },
        diagnosis={
            "primary_site": "breast",
            "laterality": None,
            "grade": None,
            "histology": {"code": "8500/3", "label": "IDC"},
            "diagnosis_date": None,
        },
    )
    score = tcga.score_report("TCGA-XX-0001", row, text, ours)
    got = {r.field: (r.ours, r.agrees) for r in score.results}
    assert got == {
        "ER.status": ("low", True),  # low agrees with TCGA Positive
        "stage.T": ("pT1", False),  # the text and label say T1c, more precise than ours
        "stage.N": (None, False),  # stated, labelled, not returned: a disagreement
        "histology.code": ("8500/3", True),
    }
    assert {"PR.status", "stage.M"} <= set(score.unlabelled)  # [Not Evaluated], MX
    assert {"HER2.status", "HER2.ihc", "stage.group"} <= set(score.unstated)
    per_field, overall = tcga.summarise([score])
    assert (overall.scored, overall.predicted, overall.matches) == (4, 3, 2)
    assert overall.agreement == 0.5
    assert overall.coverage == 0.75
    assert overall.accuracy == pytest.approx(2 / 3)
    assert per_field["ER.status"].agreement == 1.0
    assert score.results[0].evidence == "weakly positive (5%)"


# --------------------------------------------------------------------------- speed


def test_speed_buckets_compare_the_same_files() -> None:
    timing = FileTiming(
        "P1",
        "a.pdf",
        pages=3,
        text_pages=1,
        ocr_pages=2,
        read_seconds=5.0,
        extract_seconds=0.5,
        build_share=0.1,
        pdfplumber_seconds=0.02,
        tesseract_seconds=4.08,
    )
    bucket = Bucket()
    bucket.add(timing)
    assert bucket.pipeline == pytest.approx(5.1)
    assert bucket.baseline == pytest.approx(4.1)
    assert bucket.ratio == pytest.approx(5.1 / 4.1)
    assert bucket.reading == pytest.approx(4.5)
    skipped = Bucket()
    skipped.add(FileTiming("P1", "b.pdf", 1, 1, 0, 0.1))  # baselines not measured
    assert skipped.ratio is None
