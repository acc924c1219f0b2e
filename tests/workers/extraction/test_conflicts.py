"""Disagreeing receptor results between specimens are listed; the newest one is used."""

import pytest

from tests.workers.extraction.conftest import biomarker, read


def pathology(date: str, line: str) -> str:
    return f"Surgical Pathology Report\nCollection date: {date}\nFINAL DIAGNOSIS\n{line}"


@pytest.mark.parametrize(
    ("older", "newer", "field", "values"),
    [
        (
            "PR: 20% nuclear staining, POSITIVE.",
            "PR: low positive, 5%.",
            "PR.status",
            ["low", "positive"],
        ),
        ("HER2 (IHC): score 0.", "HER2 (IHC): score 1+.", "HER2.status", ["low", "zero"]),
        ("ER: positive (95%).", "ER: negative (0%).", "ER.status", ["negative", "positive"]),
    ],
)
def test_a_newer_specimen_that_disagrees_is_listed(older, newer, field, values) -> None:
    profile = read(pathology("03/01/2019", older), pathology("06/01/2023", newer))
    assert [(c["field"], c["values"]) for c in profile["conflicts"]] == [(field, values)]


def test_a_note_restating_the_newest_result_does_not_hide_the_disagreement() -> None:
    profile = read(
        pathology("03/01/2019", "PR: 20% nuclear staining, POSITIVE."),
        pathology("04/11/2023", "PR: low positive, 5%."),
        "Progress note\nVisit date: 08/22/2023\nAssessment: metastatic breast cancer, ER+, PR 5%.",
    )
    assert [c["values"] for c in profile["conflicts"]] == [["low", "positive"]]
    assert biomarker(profile, "PR")["status"] == "low"


def test_the_coarse_word_negative_does_not_disagree_with_low() -> None:
    profile = read(
        pathology("03/01/2019", "HER2 (IHC): score 1+."),
        "Progress note 08/22/2023\nAssessment: ER+/PR+/HER2-negative breast cancer.",
    )
    assert profile["conflicts"] == []


def test_a_note_restating_the_report_leaves_the_report_s_whole_result() -> None:
    addendum = pathology(
        "03/18/2024",
        "HER2 IHC: 2+.\nHER2/CEP17 ratio 1.4\nAverage HER2 copy number per cell 2.5\n"
        "Result: NOT AMPLIFIED",
    )
    note = (
        "Progress note\nVisit date: 04/08/2024\nAssessment: HER2-low (IHC 2+, ISH non-amplified)."
    )
    her2 = biomarker(read(addendum, note), "HER2")
    assert (her2["status"], her2["ratio"], her2["copy_number"]) == ("low", 1.4, 2.5)


def test_a_newer_note_with_another_result_is_not_overruled_by_an_older_report() -> None:
    report = pathology("03/18/2020", "ER: positive (95%).")
    note = "Progress note\nVisit date: 04/08/2024\nOutside liver biopsy 03/2024: ER negative (0%)."
    assert biomarker(read(report, note), "ER")["status"] == "negative"


def test_what_the_report_leaves_unsaid_the_restating_note_may_give() -> None:
    report = pathology("10/02/2023", "PR (1E2): Positive, strong.")
    note = "Progress note\nVisit date: 11/16/2023\nAssessment: ER+ (90%), PR+ (70%), HER2-negative."
    pr = biomarker(read(report, note), "PR")
    assert (pr["status"], pr["percent"]) == ("positive", 70)
    assert pr["evidence"][0]["text"].startswith("PR (1E2)")


def test_a_conflict_carries_the_record_words_behind_every_value() -> None:
    profile = read(
        pathology("03/01/2019", "HER2 (IHC): score 0."),
        pathology("06/01/2023", "HER2 (IHC): score 1+."),
    )
    (conflict,) = profile["conflicts"]
    quoted = " | ".join(item["text"] for item in conflict["evidence"])
    assert "score 1+" in quoted and "score 0" in quoted  # r2: both sides, the one used first
    assert conflict["evidence"][0]["text"].endswith("1+")
