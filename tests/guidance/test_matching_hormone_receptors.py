"""A hormone-receptor criterion admitting either status asks only that the status is known."""

import pytest

from guidance.matching import evaluate
from guidance.trials.model import Criterion
from vocabulary.biomarkers import RECEPTOR_STATUSES

EITHER = Criterion(
    "Is hormone receptor-negative or hormone receptor-positive.",
    True,
    "biomarker",
    {"name": "HR", "statuses": list(RECEPTOR_STATUSES)},
)


def profile(er: str | None, pr: str | None) -> dict:
    markers = [{"name": n, "status": s} for n, s in (("ER", er), ("PR", pr)) if s]
    return {"biomarkers": markers}


@pytest.mark.parametrize(
    ("er", "pr", "status"),
    [
        ("positive", "positive", "met"),
        ("negative", "negative", "met"),  # once read as "not met"
        ("low", "negative", "met"),  # ER-low is one of the results it admits
        (None, None, "unknown"),  # not reported is never read as either
    ],
)
def test_either_hormone_receptor_status_is_met_once_it_is_known(er, pr, status):
    assert evaluate(EITHER, profile(er, pr))["status"] == status


HR_POSITIVE = Criterion(
    "HR-positive (ER and/or PR >= 1%) breast cancer", True, "biomarker",
    {"name": "HR", "statuses": ["positive", "low"]},
)  # fmt: skip
HR_NEGATIVE = Criterion(
    "HR-negative breast cancer", True, "biomarker", {"name": "HR", "statuses": ["negative"]}
)


@pytest.mark.parametrize(
    ("criterion", "er", "pr", "status"),
    [
        (HR_POSITIVE, "low", "negative", "met"),  # ASCO/CAP: ER >= 1 % is ER-positive
        (HR_POSITIVE, "negative", "negative", "not met"),
        (HR_NEGATIVE, "low", "negative", "unknown"),  # ER-low: the oncologist decides
        (HR_NEGATIVE, "negative", "negative", "met"),
        (HR_NEGATIVE, "positive", None, "not met"),
    ],
)
def test_er_low_decides_only_where_the_criterion_names_it(criterion, er, pr, status):
    assert evaluate(criterion, profile(er, pr))["status"] == status
