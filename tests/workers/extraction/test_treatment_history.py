"""Which treatments a record shows were given, under which names, and when."""

import pytest

from tests.workers.extraction.conftest import read, treatment_names


def treatment(profile: dict, name: str) -> dict:
    return next(t for t in profile["treatments"] if t["name"] == name)


@pytest.mark.parametrize(
    "text",
    [
        "Restaging CT was obtained on Apr 4, 2023.",
        "Follow-up in Apr 2024 with labs.",
    ],
)
def test_a_month_abbreviation_is_not_a_procedure_acronym(text: str) -> None:
    assert read(text)["treatments"] == []


@pytest.mark.parametrize(
    ("text", "name"),
    [
        ("She underwent APR on 03/02/2023.", "abdominoperineal resection"),
        ("Status post BSO in 2019.", "oophorectomy"),
        (
            "He underwent RALP with bilateral pelvic lymphadenectomy on 2/6/2023.",
            "radical prostatectomy",
        ),
        ("Procedure: Excision (less than total mastectomy)", "lumpectomy"),
    ],
)
def test_procedures_resolve_to_their_plain_names(text: str, name: str) -> None:
    assert name in treatment_names(read(text))


def test_a_pelvic_lymph_node_dissection_keeps_its_site() -> None:
    profile = read("He underwent RALP with bilateral pelvic lymphadenectomy on 2/6/2023.")
    assert treatment_names(profile) == {"radical prostatectomy", "pelvic lymph node dissection"}


def test_a_date_after_a_list_of_drugs_belongs_to_every_drug() -> None:
    profile = read(
        "Admitted nine days after a cycle of neoadjuvant TCHP (docetaxel, carboplatin, "
        "trastuzumab and pertuzumab) (started in 01/2025)."
    )
    starts = {t["name"]: t["start"] for t in profile["treatments"]}
    assert starts == {
        "docetaxel": "2025-01",
        "carboplatin": "2025-01",
        "trastuzumab": "2025-01",
        "pertuzumab": "2025-01",
    }


def test_drugs_given_one_after_the_other_keep_their_own_dates() -> None:
    profile = read(
        "She received AC x4 from 01/2024 to 03/2024, "
        "then paclitaxel weekly from 04/2024 to 06/2024."
    )
    assert treatment(profile, "doxorubicin")["start"] == "2024-01"
    assert treatment(profile, "paclitaxel")["start"] == "2024-04"


def test_the_fullest_date_of_the_same_day_wins() -> None:
    note = "HPI: Core needle biopsy in March 2024 showed invasive carcinoma."
    report = (
        "Surgical Pathology Report\nProcedure date: 03/18/2024\n"
        "A. Left breast, core needle biopsy: invasive carcinoma."
    )
    profile = read(note, report)
    assert treatment(profile, "core needle biopsy")["start"] == "2024-03-18"


def test_an_operation_starts_on_the_day_the_specimen_was_taken() -> None:
    report = (
        "Surgical Pathology Final Report\nProcedure Date: Jun 3, 2025\nReceived: Jun 5, 2025\n"
        "Date of Report: Jun 11, 2025\nDIAGNOSIS\n"
        "A. Left breast, lumpectomy: no residual carcinoma."
    )
    profile = read(report)
    assert treatment(profile, "lumpectomy")["start"] == "2025-06-03"
    assert profile["documents"][0]["date"] == "2025-06-11"


def test_therapies_a_genomic_report_lists_for_a_variant_were_not_given() -> None:
    report = (
        "Comprehensive Genomic Profiling Report\nReport date: 03/02/2022\n"
        "GENOMIC FINDINGS\nEML4-ALK fusion detected.\n"
        "Therapies associated with this finding: alectinib, brigatinib, lorlatinib."
    )
    assert read(report)["treatments"] == []


def test_a_genomic_report_clinical_history_can_name_a_treatment_given() -> None:
    report = (
        "Comprehensive Genomic Profiling Report\nReport date: 03/02/2022\n"
        "Clinical history: progressed on osimertinib started 01/2021.\n"
        "GENOMIC FINDINGS\nEGFR C797S detected."
    )
    assert "osimertinib" in treatment_names(read(report))


@pytest.mark.parametrize(
    "text",
    [
        "Referred to surgery for cytoreductive surgery: total hysterectomy and omentectomy.",
        "IMPRESSION\nSuspicious mass (BI-RADS 5). Ultrasound-guided core biopsy recommended.",
    ],
)
def test_a_referral_or_recommendation_is_not_a_treatment(text: str) -> None:
    assert read(text)["treatments"] == []


@pytest.mark.parametrize(
    ("text", "given"),
    [
        ("She received adjuvant RT to the left breast from 05-May-2022 to 24-May-2022.", True),
        ("She completed adjuvant RT to the left breast in 05/2022.", True),
        ("RT 50 Gy in 25 fractions to the chest wall, 01/2023.", True),
        ("Exam: RT breast with a 2 cm mass at 10 o'clock.", False),
        ("RT axillary lymph nodes are not enlarged.", False),
    ],
)
def test_rt_is_radiation_only_where_the_sentence_speaks_of_treatment(
    text: str, given: bool
) -> None:
    assert ("radiation therapy" in treatment_names(read(text))) is given


def test_rt_dates_are_read() -> None:
    text = "She received adjuvant RT to the left breast from 05-May-2022 to 24-May-2022."
    rt = treatment(read(text), "radiation therapy")
    assert (rt["start"], rt["end"], rt["setting"]) == ("2022-05-05", "2022-05-24", "adjuvant")


@pytest.mark.parametrize(
    ("line", "name"),
    [
        ("B. Sentinel lymph nodes, left axilla, excision:", "sentinel lymph node biopsy"),
        ("2. SENTINEL LYMPH NODE #1, RIGHT AXILLA, BIOPSY:", "sentinel lymph node biopsy"),
        ("B. Axillary lymph nodes, right axilla, excision:", "axillary lymph node dissection"),
        ("C. Axillary lymph nodes, level I-II, dissection:", "axillary lymph node dissection"),
    ],
)
def test_a_nodal_specimen_shows_the_nodal_operation(line: str, name: str) -> None:
    report = (
        "Surgical Pathology Report\nProcedure Date: 08/24/2023\nFINAL DIAGNOSIS\n"
        f"A. Left breast, lumpectomy:\n- Invasive ductal carcinoma, 0.9 cm.\n{line}\n"
        "- Negative for carcinoma in 2 lymph nodes (0/2)."
    )
    operation = treatment(read(report), name)
    assert operation["start"] == "2023-08-24"


def test_negative_sentinel_nodes_alone_are_not_an_operation() -> None:
    text = "Negative for carcinoma in 3 sentinel nodes (0/3)."
    assert read(text)["treatments"] == []


def test_a_drug_own_dates_beat_those_its_regimen_name_carries() -> None:
    text = (
        "She started neoadjuvant pembrolizumab on 05-Aug-2022 (KEYNOTE-522 regimen), given with "
        "weekly carboplatin and paclitaxel from 05-Aug-2022 to 21-Oct-2022 and then with "
        "doxorubicin/cyclophosphamide from 04-Nov-2022 to 06-Jan-2023."
    )
    profile = read(text)
    assert treatment(profile, "doxorubicin")["start"] == "2022-11-04"
    assert treatment(profile, "carboplatin")["start"] == "2022-08-05"


@pytest.mark.parametrize(
    ("text", "start", "end"),
    [
        ("He completed adjuvant RT to the right chest wall and nodes in 11/2023.", None, "2023-11"),
        ("She completed RT to the whole breast on March 24, 2018.", None, "2018-03-24"),
        ("Letrozole was discontinued in 05/2024 for arthralgias.", None, "2024-05"),
        ("She completed tamoxifen, started 01/2015, after five years.", "2015-01", None),
        ("Letrozole started 02/2019.", "2019-02", None),
    ],
)
def test_a_single_date_after_completed_is_the_end(
    text: str, start: str | None, end: str | None
) -> None:
    given = read(text)["treatments"][0]
    assert (given["start"], given["end"]) == (start, end)


@pytest.mark.parametrize(
    ("text", "names"),
    [
        (
            "Total abdominal hysterectomy, bilateral salpingo-oophorectomy and omentectomy "
            "(primary cytoreduction) on 09/16/2021.",
            {"hysterectomy", "oophorectomy", "omentectomy"},
        ),
        (
            "She underwent left partial mastectomy (lumpectomy) on 03/22/2022.",
            {"lumpectomy"},
        ),
        (
            "She underwent lumpectomy (and sentinel lymph node biopsy) on 03/22/2022.",
            {"lumpectomy", "sentinel lymph node biopsy"},
        ),
    ],
)
def test_a_parenthesis_that_renames_the_operation_is_not_another(
    text: str, names: set[str]
) -> None:
    assert treatment_names(read(text)) == names


def test_dates_after_another_treatment_are_not_borrowed() -> None:
    text = "She received AC from 04-Nov-2022 to 06-Jan-2023; pembrolizumab continued throughout."
    assert treatment(read(text), "pembrolizumab")["end"] is None


def test_dates_opening_the_sentence_belong_to_its_treatments() -> None:
    text = "In 2019 she received AC followed by paclitaxel."
    assert treatment(read(text), "paclitaxel")["start"] == "2019"


@pytest.mark.parametrize(
    "text",
    [
        "Interval cytoreductive surgery: total hysterectomy, bilateral salpingo-oophorectomy "
        "and omentectomy, 07/31/2023.",
        "She underwent total abdominal hysterectomy, bilateral salpingo-oophorectomy and "
        "omentectomy omeprazole 20 mg daily;\n(primary cytoreduction) on 2021-07-05.",
    ],
)
def test_the_operation_s_name_before_or_apart_from_its_parts_is_not_another(text: str) -> None:
    assert treatment_names(read(text)) == {"hysterectomy", "oophorectomy", "omentectomy"}
