"""The blind eligibility scorer: labels and parser output meet in the same terms."""

import pytest

from benchmarks.eligibility_blind import expected, read, score

NOTHING = {"her2": None, "negated": False, "genes": [], "sites": [], "metastatic": None}
NEGATIVE = ["low", "negative", "ultralow", "zero"]
EVERY = ["positive", "equivocal", "low", "ultralow", "zero", "negative"]


@pytest.mark.parametrize(
    ("label", "field", "value"),
    [
        ({**NOTHING, "her2": ["positive"], "negated": True}, "her2", NEGATIVE),
        ({**NOTHING, "her2": ["positive"], "negated": True, "genes": ["KRAS"]}, "her2", ["positive"]),  # noqa: E501  (the negation is RAS's)
        ({**NOTHING, "her2": EVERY}, "her2", []),  # "regardless of HER2": nothing asked
        ({**NOTHING, "mmr": "deficient"}, "msi", "high"),
        ({**NOTHING, "msi": "stable"}, "msi", "stable"),
    ],
)  # fmt: skip
def test_labels_are_read_as_what_a_profile_would_be_checked_for(label, field, value):
    assert expected(label)[field] == value


def test_the_parser_is_asked_in_the_same_terms():
    got = read("HER2-positive (IHC 3+) metastatic breast cancer", True)
    assert got["her2"] == ["positive"]
    assert got["sites"] == ["breast"]
    assert got["metastatic"] is True


def test_a_disagreement_is_counted_and_shown():
    rows = [{"id": "x", "text": "HER2-low breast cancer", "section": "inclusion",
             "label": {**NOTHING, "her2": ["zero"], "sites": ["breast"]}}]  # fmt: skip
    result = score(rows)
    assert result["exact"] == 0
    assert [(m[0], m[1]) for m in result["misses"]] == [("x", "her2")]
