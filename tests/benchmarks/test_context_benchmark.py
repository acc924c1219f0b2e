"""The context benchmark's case file is well formed, and our engine runs over all of it.

No score threshold: the figures are for the README, not for CI.
"""

from __future__ import annotations

import json
from collections import Counter
from pathlib import Path

import pytest

from benchmarks.context import (
    CASES,
    LABELS,
    CaseError,
    build,
    load_cases,
    main,
    score,
)


def test_the_case_file_loads_with_every_target_in_its_text():
    cases = load_cases()
    assert len(cases) >= 150
    assert len({case.id for case in cases}) == len(cases)
    for case in cases:
        for target in case.targets:
            assert case.text[target.start : target.end] == target.span


def test_the_case_file_covers_every_label_and_kind_of_case():
    cases = load_cases()
    labels = Counter(label for case in cases for t in case.targets for label in t.labels)
    groups = Counter(case.group for case in cases)
    assert set(labels) == set(LABELS)
    assert {"negation", "pseudo", "family", "hypothetical", "planned", "historical"} <= set(groups)
    assert {"positive", "scope", "boundary"} <= set(groups)
    assert {case.split for case in cases} == {"dev", "heldout", "blind"}


def case_line(**changes: object) -> str:
    case = {
        "id": "x-001",
        "split": "dev",
        "group": "negation",
        "source": "note",
        "text": "No evidence of metastatic disease.",
        "targets": [{"span": "metastatic disease", "kind": "metastasis", "labels": ["negated"]}],
    }
    case.update(changes)
    return json.dumps(case)


@pytest.mark.parametrize(
    "line",
    [
        case_line(targets=[{"span": "carcinoma", "kind": "histology", "labels": []}]),
        case_line(targets=[{"span": "metastatic disease", "kind": "metastasis", "labels": ["x"]}]),
        case_line(targets=[{"span": "metastatic disease", "kind": "organ", "labels": []}]),
        case_line(
            targets=[{"span": "metastatic disease", "kind": "metastasis", "labels": [], "nth": 1}]
        ),
        case_line(split="test"),
        case_line(targets=[]),
        case_line() + "\n" + case_line(),  # the same id twice
    ],
)
def test_a_malformed_case_is_refused(tmp_path: Path, line: str):
    path = tmp_path / "cases.jsonl"
    path.write_text(line + "\n", encoding="utf-8")
    with pytest.raises(CaseError):
        load_cases(path)


@pytest.mark.parametrize("name", ["ours", "ours-findings"])
def test_our_engines_run_over_every_case(name: str):
    cases = load_cases()
    engine = build(name, cases)
    predictions = [engine.predict(case) for case in cases]
    assert [len(p) for p in predictions] == [len(case.targets) for case in cases]
    labelled = [got for p in predictions for got in p if got is not None]
    assert all(got <= set(LABELS) for got in labelled)
    if name == "ours":
        assert len(labelled) == sum(len(case.targets) for case in cases)
    result = score(cases, predictions, engine.labels)
    assert result["targets"] == len(labelled)


def test_the_command_runs_our_engine_and_says_which_engines_it_skipped(capsys, tmp_path):
    out = tmp_path / "ours.json"
    assert main(["--engine", "ours", "--repeat", "1", "--json", str(out)]) == 0
    printed = capsys.readouterr().out
    assert "| ours |" in printed
    assert json.loads(out.read_text())[0]["cases"] == len(load_cases(CASES))
    main(["--engine", "negspacy", "--engine", "medspacy", "--repeat", "1"])
    printed = capsys.readouterr().out
    for engine in ("negspacy", "medspacy"):
        assert f"skipped {engine}" in printed or f"ran {engine}" in printed
