"""Questions asked of a profile, decided once: a silent record is unknown, never negative."""

import pytest

from vocabulary.accessors import (
    her2_negative,
    hormone_receptor_positive,
    metastatic,
    status,
    triple_negative,
)


def profile(*markers, conflicts=(), stage=None):
    biomarkers = [{"name": name, "status": value, "evidence": []} for name, value in markers]
    return {"biomarkers": biomarkers, "conflicts": list(conflicts), "stage": stage or {}}


@pytest.mark.parametrize(
    ("markers", "answer"),
    [
        ((("ER", "negative"), ("PR", "negative"), ("HER2", "zero")), True),
        ((("ER", "negative"), ("PR", "negative"), ("HER2", "low")), True),
        ((("ER", "negative"), ("PR", "negative"), ("HER2", "negative")), True),
        ((("ER", "low"), ("PR", "negative"), ("HER2", "zero")), None),  # ER-low: her oncologist
        ((("ER", "negative"), ("PR", "negative"), ("HER2", "equivocal")), None),
        ((("ER", "negative"), ("PR", "negative")), None),  # HER2 not tested
        ((("ER", "positive"), ("PR", "negative"), ("HER2", "zero")), False),
        ((("ER", "negative"), ("PR", "negative"), ("HER2", "positive")), False),
        ((), None),
    ],
)
def test_triple_negative(markers, answer):
    assert triple_negative(profile(*markers)) is answer


def test_a_disputed_result_decides_nothing():
    disputed = profile(
        ("ER", "negative"),
        ("PR", "negative"),
        ("HER2", "zero"),
        conflicts=[{"field": "HER2.status", "values": ["zero", "low"]}],
    )
    assert status(disputed, "HER2") is None
    assert her2_negative(disputed) is None
    assert triple_negative(disputed) is None


@pytest.mark.parametrize(
    ("markers", "answer"),
    [
        ((("ER", "positive"), ("PR", "negative")), True),
        ((("ER", "negative"), ("PR", "positive")), True),
        ((("ER", "negative"), ("PR", "negative")), False),
        ((("ER", "low"), ("PR", "negative")), None),
        ((("ER", "negative"),), None),
    ],
)
def test_hormone_receptor_positive(markers, answer):
    assert hormone_receptor_positive(profile(*markers)) is answer


@pytest.mark.parametrize(
    ("stage", "answer"),
    [
        ({"metastatic": True}, True),
        ({"metastatic": False}, False),
        ({"metastatic": None, "group": "IV"}, True),
        ({"metastatic": None, "group": "IIB"}, False),
        ({"metastatic": None, "group": None}, None),
        ({}, None),
    ],
)
def test_metastatic(stage, answer):
    assert metastatic(profile(stage=stage)) is answer
