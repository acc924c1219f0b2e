"""The diagnosis date is the day the cancer was first shown."""

import pytest

from tests.workers.extraction.conftest import read


@pytest.mark.parametrize(
    ("texts", "date"),
    [
        (("HPI: Core needle biopsy in 02/2022 showed IDC of the left breast.",), "2022-02"),
        (
            ("HPI: Right breast core needle biopsy on 18 February 2021 showed IDC.",),
            "2021-02-18",
        ),
        (
            (
                "HPI: Core needle biopsy in 02/2022 showed IDC.",
                "Surgical Pathology\nCollection date: 02/14/2022\nFINAL DIAGNOSIS\n"
                "Left breast, core needle biopsy: invasive ductal carcinoma.",
            ),
            "2022-02-14",
        ),
        (
            (
                "Surgical Pathology\nCollection date: 03/02/2023\nFINAL DIAGNOSIS\n"
                "Left breast, lumpectomy: invasive ductal carcinoma, 1.8 cm.",
                "HPI: Ultrasound-guided core biopsy on 01/20/2023 showed invasive carcinoma.",
            ),
            "2023-01-20",
        ),
    ],
)
def test_the_earliest_diagnostic_biopsy_dates_the_diagnosis(
    texts: tuple[str, ...], date: str
) -> None:
    assert read(*texts)["diagnosis"]["diagnosis_date"] == date


def test_a_biopsy_only_recommended_does_not_date_the_diagnosis() -> None:
    text = "IMPRESSION\nSuspicious mass, BI-RADS 5, seen 05/02/2024. Core biopsy recommended."
    assert read(text)["diagnosis"]["diagnosis_date"] is None
