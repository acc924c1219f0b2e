"""The ASCO/CAP rules as the contract states them, one table each."""

import pytest

from vocabulary.biomarkers import her2_status, ish_from_numbers, receptor_status

# (word, percent, allred, status)
RECEPTORS = [
    (None, 95, None, "positive"),
    (None, 11, None, "positive"),
    (None, 10, None, "low"),  # r2: exactly 10 % is low
    (None, 1, None, "low"),
    (None, 0.5, None, "negative"),
    (None, 0, None, "negative"),
    ("positive", 10, None, "low"),  # the percentage decides over the lab's word
    ("negative", None, None, "negative"),
    (None, None, 5, "positive"),
    (None, None, 2, "negative"),
    (None, None, None, None),  # untested is unknown, never negative
]


@pytest.mark.parametrize(("word", "percent", "allred", "status"), RECEPTORS)
def test_er_and_pr_status(word, percent, allred, status):
    assert receptor_status(word, percent, allred) == status


# (ihc, ish, word, ultralow, status)
HER2 = [
    ("3+", None, None, False, "positive"),
    ("2+", "amplified", None, False, "positive"),
    ("2+", "not amplified", None, False, "low"),
    ("2+", None, None, False, "equivocal"),
    ("1+", None, None, False, "low"),
    ("0", None, None, True, "ultralow"),
    ("0", None, "negative", False, "zero"),  # a stated score decides: "negative (IHC 0)"
    (None, None, "negative", False, "negative"),  # r2: only "HER2 negative" was written
    (None, "not amplified", None, False, "negative"),
    (None, "amplified", None, False, "positive"),
    (None, None, None, False, None),
]


@pytest.mark.parametrize(("ihc", "ish", "word", "ultralow", "status"), HER2)
def test_her2_category(ihc, ish, word, ultralow, status):
    assert her2_status(ihc, ish, word=word, ultralow=ultralow) == status


@pytest.mark.parametrize(
    ("ratio", "copies", "ihc", "ish"),
    [
        (2.5, 5.0, None, "amplified"),  # group 1
        (1.2, 2.0, None, "not amplified"),  # group 5
        (1.5, 6.5, "2+", "amplified"),  # group 3 with IHC 2+
        (1.5, 6.5, "1+", "not amplified"),  # group 3 without
        (2.2, 3.0, None, "not amplified"),  # group 2
        (None, None, None, None),
    ],
)
def test_ish_groups(ratio, copies, ihc, ish):
    assert ish_from_numbers(ratio, copies, ihc) == ish
