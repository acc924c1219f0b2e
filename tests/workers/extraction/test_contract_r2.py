"""The profile speaks contract revision 2 even where the extractor does not read a field yet."""

from tests.workers.extraction.conftest import read
from vocabulary import contract


def pathology(date: str, line: str) -> str:
    return f"Surgical Pathology Report\nCollection date: {date}\nFINAL DIAGNOSIS\n{line}"


def test_the_profile_has_the_revision_2_fields_even_before_they_are_read() -> None:
    profile = read(pathology("03/01/2019", "ER: positive (95%). HER2 (IHC): score 1+."))
    assert profile["patient"] == {
        "sex": None,
        "age": None,
        "menopausal_status": None,
        "performance": None,
        "evidence": [],
    }
    assert profile["events"] == []
    assert contract.errors(profile) == []


def test_a_treatment_has_a_line_that_is_not_known_yet() -> None:
    profile = read("Oncology note 05/02/2024\nShe started letrozole on 05/02/2024.")
    assert [t.get("line", "absent") for t in profile["treatments"]] == [None]
