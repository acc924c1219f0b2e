"""The trial-matching benchmark's case file is well formed, and the benchmark runs over it.

No score threshold: the figure is for the team and the README, not for CI.
"""

from __future__ import annotations

import copy

import pytest

from benchmarks.guidance import LABELS, CaseError, check_cases, judge, load_cases, main, report
from guidance.trials.catalog import load_catalog
from tests.guidance.profiles import PROFILES

CATALOG = {trial.nct_id: trial for trial in load_catalog()}


def test_the_case_file_fits_the_catalog_and_the_profiles():
    cases = load_cases()
    check_cases(cases, CATALOG, PROFILES)
    assert len({case["trial"] for case in cases}) >= 12
    assert {case["profile"] for case in cases} == set(PROFILES)


def test_every_case_is_an_open_trial_for_the_profiles_cancer():
    for case in load_cases():
        trial = CATALOG[case["trial"]]
        site = PROFILES[case["profile"]]["diagnosis"]["primary_site"]
        assert trial.open, case["trial"]
        assert site in trial.sites or "solid tumours" in trial.sites, (case["profile"], trial)


def test_every_label_is_in_the_vocabulary_and_decided_labels_say_why():
    for case in load_cases():
        for criterion in case["criteria"]:
            assert criterion["label"] in LABELS
            assert criterion["label"] == "unknown" or criterion["why"].strip()


def _broken(change) -> list[dict]:
    cases = copy.deepcopy(load_cases()[:1])
    change(cases[0])
    return cases


@pytest.mark.parametrize(
    ("change", "message"),
    [
        (lambda case: case.update(trial="NCT99999999"), "not in the catalog"),
        (lambda case: case.update(profile="nobody"), "unknown profile"),
        (lambda case: case["criteria"][0].update(text="Invented criterion"), "not in the trial"),
        (lambda case: case["criteria"][0].update(label="eligible"), "not in"),
        (lambda case: case["criteria"].pop(), "missing or repeated"),
        (
            lambda case: case["criteria"][0].update(label="met", why=""),
            "without a why",
        ),
    ],
)
def test_a_broken_case_is_refused_with_its_reason(change, message):
    with pytest.raises(CaseError, match=message):
        check_cases(_broken(change), CATALOG, PROFILES)


def test_the_benchmark_judges_every_labelled_criterion():
    cases = load_cases()
    rows = judge(cases, CATALOG, PROFILES)
    assert len(rows) == sum(len(case["criteria"]) for case in cases)
    assert {row.ours for row in rows} <= set(LABELS)
    text = report(rows)
    assert "agreement, all criteria" in text
    assert "confusion" in text


def test_the_command_prints_the_figures(capsys):
    assert main([]) == 0
    out = capsys.readouterr().out
    assert "agreement, decidable criteria" in out
    assert "disagreements:" in out
