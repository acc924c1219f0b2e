"""ConText: which mentions are not the patient's, and how far a trigger's scope reaches.

Each case judges one target (a word of the sentence, as a finding of the given kind) with
``components.context.judge`` on the page our sentence and section components built, as
``extract.py`` does for every finding. The sentences are written for these tests.
"""

from __future__ import annotations

import pytest

from tests.workers.extraction.conftest import biomarker, read, treatment_names
from workers.extraction.components.context import CANCELLING, judge
from workers.extraction.components.findings import find_all, page_view
from workers.extraction.facts import Field
from workers.extraction.finders.base import Finding

FIELDS = {
    "histology": Field.HISTOLOGY,
    "metastasis": Field.METASTASIS,
    "site": Field.PRIMARY_SITE,
    "treatment": Field.TREATMENT,
    "biomarker": Field.BIOMARKER,
}


def context_of(text: str, target: str, kind: str, nth: int = 0) -> set[str]:
    """The context categories of the ``nth`` occurrence of ``target`` in ``text``."""
    start = -1
    for _ in range(nth + 1):
        start = text.index(target, start + 1)
    finding = Finding(kind, FIELDS[kind], target, {}, start, start + len(target))
    return judge(finding, page_view(text))


@pytest.mark.parametrize(
    ("text", "target", "kind"),
    [
        ("Negative for carcinoma in 3 sentinel nodes.", "carcinoma", "histology"),
        ("No evidence of metastatic disease.", "metastatic disease", "metastasis"),
        ("Margins are free of invasive carcinoma.", "invasive carcinoma", "histology"),
        ("Ductal carcinoma in situ: not identified.", "Ductal carcinoma in situ", "histology"),
        ("Liver metastases were ruled out by MRI.", "Liver metastases", "metastasis"),
        ("The patient did not receive adjuvant chemotherapy.", "chemotherapy", "treatment"),
        ("Radiation therapy was not given because of her age.", "Radiation therapy", "treatment"),
        ("Residual tumor: none.", "Residual tumor", "histology"),
        ("Adjuvant chemotherapy was omitted.", "chemotherapy", "treatment"),
        ("Chemotherapy was not recommended given the low score.", "Chemotherapy", "treatment"),
        ("The cytology is negative for malignant cells.", "malignant cells", "histology"),
        (
            "Trastuzumab was not administered due to a low ejection fraction.",
            "Trastuzumab",
            "treatment",
        ),
    ],
)
def test_negation_triggers_negate_what_they_govern(text, target, kind):
    assert "negated" in context_of(text, target, kind)


@pytest.mark.parametrize(
    ("text", "target", "kind"),
    [
        ("No change in the size of the liver metastases.", "liver metastases", "metastasis"),
        ("No interval change in the osseous metastases.", "osseous metastases", "metastasis"),
        ("No increase in the pulmonary metastases.", "pulmonary metastases", "metastasis"),
        (
            "Not only ductal carcinoma in situ but also invasive carcinoma is present.",
            "ductal carcinoma in situ",
            "histology",
        ),
        (
            "There is no doubt that this represents metastatic carcinoma.",
            "metastatic carcinoma",
            "metastasis",
        ),
        ("There was no delay in starting letrozole.", "letrozole", "treatment"),
        ("She tolerated paclitaxel without difficulty.", "paclitaxel", "treatment"),
    ],
)
def test_pseudo_negations_negate_nothing(text, target, kind):
    assert context_of(text, target, kind) == set()


@pytest.mark.parametrize(
    ("text", "target"),
    [
        ("Metastatic disease to bone cannot be excluded.", "Metastatic disease"),
        ("A metastasis cannot be ruled out.", "metastasis"),
        ("Pulmonary metastasis is not ruled out.", "Pulmonary metastasis"),
        ("CT chest to rule out pulmonary metastases.", "pulmonary metastases"),
        ("We cannot rule out metastatic disease without a biopsy.", "metastatic disease"),
    ],
)
def test_what_cannot_be_excluded_or_is_to_be_ruled_out_is_uncertain_not_absent(text, target):
    assert context_of(text, target, "metastasis") == {"hypothetical"}


@pytest.mark.parametrize(
    ("text", "target", "kind"),
    [
        ("If HER2 is amplified we would add trastuzumab.", "HER2", "biomarker"),
        (
            "Should she develop bone metastases, we would start denosumab.",
            "bone metastases",
            "metastasis",
        ),
        ("The liver lesion is suspicious for metastasis.", "metastasis", "metastasis"),
        (
            "Findings are concerning for lymphangitic carcinomatosis.",
            "lymphangitic carcinomatosis",
            "metastasis",
        ),
        ("Probable liver metastases.", "liver metastases", "metastasis"),
        ("HER2 FISH is pending.", "HER2", "biomarker"),
        (
            "The differential diagnosis includes lobular carcinoma.",
            "lobular carcinoma",
            "histology",
        ),
        (
            "The adrenal nodule is indeterminate; metastasis is a possibility.",
            "metastasis",
            "metastasis",
        ),
        ("Chemotherapy will depend on the recurrence score.", "Chemotherapy", "treatment"),
    ],
)
def test_conditional_suspected_and_pending_mentions_are_hypothetical(text, target, kind):
    assert "hypothetical" in context_of(text, target, kind)


@pytest.mark.parametrize(
    ("text", "target", "kind"),
    [
        ("Her mother had a BRCA1 mutation.", "BRCA1", "biomarker"),
        ("FAMILY HISTORY: sister with ovarian cancer.", "ovarian cancer", "site"),
        ("Maternal aunt with breast cancer at age 50.", "breast cancer", "site"),
        ("Breast cancer in her paternal grandmother.", "Breast cancer", "site"),
        ("Her mother's breast cancer was triple negative.", "breast cancer", "site"),
        # a relative clause goes on talking about the relative
        (
            "Her mother, who carried a BRCA2 mutation, died of ovarian cancer.",
            "ovarian cancer",
            "site",
        ),
        # a relative's treatment: "received" confirms it was given, to her
        ("Her mother received tamoxifen for breast cancer.", "tamoxifen", "treatment"),
        ("Her mother now has metastatic breast cancer.", "breast cancer", "site"),
    ],
)
def test_a_relatives_mentions_are_family(text, target, kind):
    assert "family" in context_of(text, target, kind)


@pytest.mark.parametrize(
    ("text", "target"),
    [
        ("She declined tamoxifen.", "tamoxifen"),
        ("We discussed adjuvant chemotherapy with docetaxel.", "docetaxel"),
        ("We recommend adjuvant whole breast radiation therapy.", "radiation therapy"),
        ("She is scheduled for bilateral mastectomy on 5/12/2025.", "mastectomy"),
        ("She will start anastrozole next week.", "anastrozole"),
        ("Radiation to begin 4 weeks after surgery.", "Radiation"),
        ("She was offered enrollment in a trial of tucatinib.", "tucatinib"),
        ("We talked about sacituzumab govitecan as the next line.", "sacituzumab govitecan"),
        ("She does not wish to take tamoxifen.", "tamoxifen"),
        ("Re-excision of the margins has been scheduled.", "Re-excision"),
    ],
)
def test_treatments_offered_discussed_scheduled_or_declined_are_planned(text, target):
    assert "planned" in context_of(text, target, "treatment")


@pytest.mark.parametrize(
    ("text", "target", "kind"),
    [
        ("She has a history of right breast cancer.", "breast cancer", "site"),
        # "received" ends a plan's scope, not the past's
        ("Patient previously received tamoxifen for 5 years.", "tamoxifen", "treatment"),
        ("She underwent a mastectomy 12 years ago.", "mastectomy", "treatment"),
        ("She is no longer taking tamoxifen.", "tamoxifen", "treatment"),
        ("In the past she took raloxifene.", "raloxifene", "treatment"),
    ],
)
def test_past_mentions_are_historical_and_still_the_patients(text, target, kind):
    assert context_of(text, target, kind) == {"historical"}


@pytest.mark.parametrize(
    ("text", "target", "kind"),
    [
        ("She completed 4 cycles of doxorubicin.", "doxorubicin", "treatment"),
        ("She will continue letrozole.", "letrozole", "treatment"),
        ("The patient started tamoxifen in May 2024.", "tamoxifen", "treatment"),
        ("Triple-negative breast cancer diagnosed in 2023.", "breast cancer", "site"),
        (
            "Compared with the prior study, there are new pulmonary metastases.",
            "pulmonary metastases",
            "metastasis",
        ),
        (
            "HISTORY OF PRESENT ILLNESS: Biopsy showed invasive ductal carcinoma.",
            "invasive ductal carcinoma",
            "histology",
        ),
        ("PLAN:\nContinue anastrozole.", "anastrozole", "treatment"),
    ],
)
def test_plain_statements_have_no_context(text, target, kind):
    assert context_of(text, target, kind) == set()


@pytest.mark.parametrize(
    ("text", "target", "kind", "not_expected"),
    [
        (
            "No new metastases; the known liver metastases are stable.",
            "liver metastases",
            "metastasis",
            "negated",
        ),
        (
            "No lymphovascular invasion, however perineural invasion is present.",
            "perineural invasion",
            "histology",
            "negated",
        ),
        (
            "Negative for lymphovascular invasion and positive for perineural invasion.",
            "perineural invasion",
            "histology",
            "negated",
        ),
        (
            "She declined chemotherapy but received radiation therapy.",
            "radiation therapy",
            "treatment",
            "planned",
        ),
        (
            "No chemotherapy was needed, and she began anastrozole.",
            "anastrozole",
            "treatment",
            "negated",
        ),
        (
            "Her sister had ovarian cancer, whereas she has breast cancer.",
            "breast cancer",
            "site",
            "family",
        ),
        (
            "Her aunt had breast cancer, and the patient carries a BRCA1 variant.",
            "BRCA1",
            "biomarker",
            "family",
        ),
        (
            "Her mother came with her; she has bone metastases.",
            "bone metastases",
            "metastasis",
            "family",
        ),
        (
            "We discussed letrozole; she started letrozole today.",
            "letrozole",
            "treatment",
            "planned",
        ),
    ],
)
def test_a_scope_ends_at_a_terminator_or_a_confirmation(text, target, kind, not_expected):
    nth = 1 if text.count(target) > 1 else 0
    assert not_expected not in context_of(text, target, kind, nth)


@pytest.mark.parametrize(
    ("text", "target"),
    [
        ("She was not treated with trastuzumab.", "trastuzumab"),
        ("She never started letrozole because of cost.", "letrozole"),
    ],
)
def test_a_negated_confirmation_confirms_nothing(text, target):
    assert "negated" in context_of(text, target, "treatment")


@pytest.mark.parametrize(
    ("text", "target", "kind", "not_expected"),
    [
        (
            "No evidence of metastatic disease. She remains on anastrozole.",
            "anastrozole",
            "treatment",
            "negated",
        ),
        (
            "Her mother had breast cancer. She has a pathogenic BRCA1 variant.",
            "BRCA1",
            "biomarker",
            "family",
        ),
        (
            "We recommend a mastectomy. She had a lumpectomy in 2019.",
            "lumpectomy",
            "treatment",
            "planned",
        ),
        (
            "Dr. Smith discussed the results. Left mastectomy was performed.",
            "mastectomy",
            "treatment",
            "planned",
        ),
        (
            "No carcinoma identified in the margins\nInvasive ductal carcinoma, 1.2 cm",
            "Invasive ductal carcinoma",
            "histology",
            "negated",
        ),
    ],
)
def test_a_scope_ends_at_the_sentence_boundary(text, target, kind, not_expected):
    assert not_expected not in context_of(text, target, kind)


@pytest.mark.parametrize(
    ("text", "target", "kind", "expected"),
    [
        # "not" inside "not identified" governs nothing after it
        (
            "Lymphovascular invasion is not identified in the invasive carcinoma.",
            "invasive carcinoma",
            "histology",
            set(),
        ),
        (
            "Lymphovascular invasion is not identified in the invasive carcinoma.",
            "Lymphovascular invasion",
            "histology",
            {"negated"},
        ),
        # "excluded" inside "cannot be excluded" is no negation
        (
            "A metastatic focus cannot be excluded.",
            "metastatic focus",
            "metastasis",
            {"hypothetical"},
        ),
        # "No family history of": family, and no past of the patient's
        ("No family history of breast cancer.", "breast cancer", "site", {"family", "negated"}),
        # "her daughter's wedding": the relative owns the wedding, not the radiation
        (
            "She wishes to defer radiation until after her daughter's wedding.",
            "radiation",
            "treatment",
            {"planned"},
        ),
    ],
)
def test_a_phrase_inside_a_longer_one_and_a_possessive_relative(text, target, kind, expected):
    assert context_of(text, target, kind) == expected


@pytest.mark.parametrize(
    ("text", "name", "status"),
    [
        ("ER negative (0%), PR negative.", "ER", "negative"),
        ("HER2 FISH: not amplified (ratio 1.2).", "HER2", "negative"),
        ("No pathogenic variants were detected in BRCA1.", "BRCA1", "negative"),
    ],
)
def test_a_negative_result_is_the_patients_value_not_a_negated_mention(text, name, status):
    found = biomarker(read("PATHOLOGY REPORT\nCollected: 03/14/2025\n" + text), name)
    assert found is not None and found["status"] == status


@pytest.mark.parametrize(
    ("text", "name", "reported"),
    [
        ("Her mother had a BRCA1 mutation.", "BRCA1", False),
        ("She declined tamoxifen.", "tamoxifen", False),
        ("She was not treated with trastuzumab.", "trastuzumab", False),
        ("Her mother received tamoxifen for breast cancer.", "tamoxifen", False),
        ("She completed tamoxifen in 2020.", "tamoxifen", True),
        ("Patient previously received tamoxifen for 5 years.", "tamoxifen", True),
    ],
)
def test_findings_carry_their_context_into_the_profile(text, name, reported):
    profile = read("ONCOLOGY CONSULTATION\nDate of visit: 04/02/2025\n" + text)
    found = name in treatment_names(profile) or biomarker(profile, name) is not None
    assert found is reported


def test_each_finding_on_a_page_gets_its_context():
    page = page_view("Her mother had a BRCA1 mutation. She started letrozole.")
    by_text = {page.text[f.start : f.end]: f for f in find_all(page)}
    gene = next(finding for text, finding in by_text.items() if "BRCA1" in text)
    gene_context, drug_context = judge(gene, page), judge(by_text["letrozole"], page)
    assert (gene_context, not gene_context & CANCELLING) == ({"family"}, False)
    assert (drug_context, not drug_context & CANCELLING) == (set(), True)
