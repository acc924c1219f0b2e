"""TNM as pathology reports write it: typed forms with spaces, descriptors glued on, form
fields whose line breaks OCR turned into full stops, OCR's O for 0 and l for 1."""

import pytest

from tests.workers.extraction.conftest import read
from workers.extraction.finders.base import PageView
from workers.extraction.finders.staging import find_labelled_tnm

PATHOLOGY = "SURGICAL PATHOLOGY REPORT\nCollected: 02/11/2024\n"


def tnm(text: str) -> tuple[str | None, str | None, str | None]:
    stage = read(PATHOLOGY + text)["stage"]
    return stage["T"], stage["N"], stage["M"]


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("Pathological staging (pTN): pT 2 N 1.", ("pT2", "pN1", None)),
        ("Pathological staging (pTN): pT 1b N 0.", ("pT1b", "pN0", None)),
    ],
)
def test_a_space_between_axis_and_category_after_a_prefix(text, expected):
    assert tnm(text) == expected


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("Tumour classification: NOS, G2, pT1cN0L0V0R0.", ("pT1c", "pN0", None)),
        ("Tumour classification: G III, pT3NOLOVORO.", ("pT3", "pN0", None)),
        ("Classification: pT2(mult)N1aL1V0R0.", ("pT2", "pN1a", None)),
    ],
)
def test_descriptors_glued_to_the_tnm_string_do_not_hide_it(text, expected):
    assert tnm(text) == expected


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        (
            "Pathological T. T3. Pathological N. N2a. Clinical M. M0.",
            [{"T": "pT3"}, {"N": "pN2a"}, {"M": "cM0"}],
        ),
        ("T Stage: 2 N Stage: 1 M Stage: 0", [{"T": "T2"}, {"N": "N1"}, {"M": "M0"}]),
    ],
)
def test_form_fields_give_their_axis_and_prefix(text, expected):
    # read by the finder: which staging event a clinical M joins is consolidation's business
    assert [finding.value for finding in find_labelled_tnm(PageView(text, [0], []))] == expected


def test_a_value_that_names_another_axis_is_not_read_under_the_shifted_label():
    text = "T STAGE, PATHOLOGIC: N STAGE, PATHOLOGIC: pT2. M STAGE, PATHOLOGIC: pN0. OTHER: pMX."
    assert tnm(text) == ("pT2", "pN0", None)


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        (
            "Tumor Extent: T3 tumor size more than 5 cm, Venous Invasion: Absent.",
            ("T3", None, None),
        ),
        ("Primary Tumor: pT2. Regional Lymph Nodes: pN1.", ("pT2", "pN1", None)),
    ],
)
def test_a_category_under_an_ajcc_heading_is_read_and_a_later_absent_does_not_negate_it(
    text, expected
):
    assert tnm(text) == expected


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("Pathologic stage (AJCC): pTlc pNla.", ("pT1c", "pN1a", None)),
        ("Impression: cT4 cN2 cMla, stage IV.", ("cT4", "cN2", "cM1a")),
    ],
)
def test_ocr_l_for_one_after_a_prefix(text, expected):
    assert tnm(text) == expected


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("Pathologic stage: pT2 NO LYMPH NODES RECEIVED.", ("pT2", None, None)),
        ("The pT is assigned from the largest invasive focus.", (None, None, None)),
        ("Pathologic stage: pT1b pN0 pMX.", ("pT1b", "pN0", None)),
    ],
)
def test_what_is_no_category_is_not_read_as_one(text, expected):
    assert tnm(text) == expected


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("No distant metastasis identified, cM0.", (None, None, "cM0")),
        ("Lymphovascular invasion absent, pT1b pN0.", ("pT1b", "pN0", None)),
    ],
)
def test_a_negation_before_a_category_is_about_something_else(text, expected):
    # a category carries its own negative (N0, M0): "no" or "absent" before it never cancels it
    assert tnm(text) == expected


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("Pathologic stage: pTis pNX.", ("pTis", "pNX", None)),
        ("N STAGE, PATHOLOGIC: pNX. M STAGE, PATHOLOGIC: pMX.", (None, "pNX", None)),
        ("T Stage: X N Stage: 0 M Stage: X", ("TX", "N0", None)),
    ],
)
def test_tx_and_nx_are_reported_as_written_and_mx_states_nothing(text, expected):
    # AJCC keeps TX and NX as categories; it dropped MX in its 7th edition (M is cM0 unless
    # metastasis is shown)
    assert tnm(text) == expected
