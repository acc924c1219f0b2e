"""Dates as records write them, read into the contract's YYYY[-MM[-DD]] form."""

import pytest

from workers.extraction.dates import find_dates, parse_date


@pytest.mark.parametrize(
    ("text", "value"),
    [
        ("03/14/2025", "2025-03-14"),
        ("3/14/2025", "2025-03-14"),
        ("3/14/25", "2025-03-14"),
        ("March 14, 2025", "2025-03-14"),
        ("Mar 14, 2025", "2025-03-14"),
        ("2025-03-14", "2025-03-14"),
        ("14-Mar-2025", "2025-03-14"),
        ("14 March 2025", "2025-03-14"),
        ("from 8\nMay 2023", "2023-05-08"),
        ("03/2025", "2025-03"),
        ("March 2025", "2025-03"),
        ("Sept. 2024", "2024-09"),
    ],
)
def test_each_written_form_reads_to_the_contract_form(text: str, value: str) -> None:
    assert parse_date(text) == value


@pytest.mark.parametrize(
    ("text", "values"),
    [
        ("diagnosed in 2019", ["2019"]),
        ("since 2021, on letrozole", ["2021"]),
        ("Ki-67 2019 cells", []),
        ("MRN 20190314", []),
    ],
)
def test_a_bare_year_counts_only_after_in_since_of_or_during(text: str, values: list[str]) -> None:
    assert [d.value for d in find_dates(text, years=True)] == values


def test_offsets_point_at_the_words_read() -> None:
    text = "Biopsy on 14 March 2025 and surgery 04/02/2025."
    assert [text[d.start : d.end] for d in find_dates(text)] == ["14 March 2025", "04/02/2025"]
