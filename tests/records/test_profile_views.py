"""The cancer summary page and the page view that shows where each value was read."""

import pytest
from django.urls import reverse
from django.utils import timezone

from records.models import AccessEvent, Action, Profile
from records.services.profiles import store_facts
from tests.factories import document_facts, fact, quote, read_document
from workers.extraction import Field

REPORT = (
    "SURGICAL PATHOLOGY REPORT\nFINAL DIAGNOSIS\nInvasive ductal carcinoma, left breast.\n"
    "Estrogen receptor: positive (95%)\nHER2: 3+ positive"
)
ER_WORDS = "Estrogen receptor: positive (95%)"
HISTOLOGY_WORDS = "Invasive ductal carcinoma"


def contract_profile(file: str, **sections) -> dict:
    """A profile in the contract's shape, as build_profile will return it."""
    return {
        "schema": "navis.profile.v1",
        "documents": [{"file": file, "sha256": "0" * 64, "pages": 1, "ocr_pages": 0,
                       "kind": "pathology", "date": "2025-02-20"}],
        "diagnosis": {"primary_site": None, "laterality": None, "histology": None,
                      "grade": None, "diagnosis_date": None},
        "biomarkers": [],
        "stage": {"T": None, "N": None, "M": None, "group": None, "metastatic": None,
                  "metastatic_sites": [], "evidence": []},
        "treatments": [],
        "conflicts": [],
        "missing": [],
        **sections,
    }  # fmt: skip


def save_profile(patient, data: dict) -> Profile:
    return Profile.objects.update_or_create(
        patient=patient,
        defaults={"data": data, "extractor_version": "test", "computed_at": timezone.now()},
    )[0]


@pytest.fixture
def report(patient, tmp_path):
    """A read pathology report whose ER result and histology are stored as facts."""
    document = read_document(patient, tmp_path, [REPORT], name="biopsy.pdf")
    histology = {"code": "8500/3", "label": "Invasive ductal carcinoma"}
    store_facts(
        document,
        document_facts(
            fact(Field.BIOMARKER, {"status": "positive", "percent": 95}, quote(REPORT, ER_WORDS),
                 name="ER"),
            fact(Field.HISTOLOGY, histology, quote(REPORT, HISTOLOGY_WORDS)),
        ),
    )  # fmt: skip
    return document


ER = {
    "name": "ER",
    "status": "positive",
    "percent": 95,
    "evidence": [{"file": "biopsy.pdf", "page": 1, "text": ER_WORDS}],
}


@pytest.fixture
def summary_of(client, patient):
    def get(user, **sections) -> str:
        save_profile(patient, contract_profile("biopsy.pdf", **sections))
        client.force_login(user)
        response = client.get(reverse("profile", args=[patient.id]))
        assert response.status_code == 200
        return response.content.decode()

    return get


def span_url(document, start: int, end: int) -> str:
    url = reverse("document-page", args=[document.patient_id, document.id, 1])
    return f"{url}?start={start}&amp;end={end}#page-image"


def test_the_summary_shows_a_biomarker_with_a_link_to_its_evidence(summary_of, owner, report):
    page = summary_of(owner, biomarkers=[ER])
    start = REPORT.index(ER_WORDS)
    assert "Estrogen receptor (ER)" in page
    assert "<strong>Positive</strong>" in page and "95% of cells" in page
    link = (
        f'(from <a href="{span_url(report, start, start + len(ER_WORDS))}">biopsy.pdf, page 1</a>)'
    )
    assert link in page


def test_the_diagnosis_is_linked_to_the_facts_it_was_read_from(summary_of, owner, report):
    histology = {"code": "8500/3", "label": "Invasive ductal carcinoma"}
    page = summary_of(owner, diagnosis={"histology": histology})
    start = REPORT.index(HISTOLOGY_WORDS)
    assert "Invasive ductal carcinoma" in page and "8500/3" in page
    assert span_url(report, start, start + len(HISTOLOGY_WORDS)) in page


def test_evidence_that_no_fact_quotes_is_found_on_its_page(summary_of, owner, report):
    words = "HER2: 3+ positive"
    evidence = [{"file": "biopsy.pdf", "page": 1, "text": words}]
    page = summary_of(owner, biomarkers=[{"name": "HER2", "ihc": "3+", "evidence": evidence}])
    start = REPORT.index(words)
    assert span_url(report, start, start + len(words)) in page


def test_evidence_links_to_the_right_one_of_two_files_with_the_same_name(
    summary_of, owner, patient, report, tmp_path
):
    words = "Estrogen receptor: negative (0%)"
    later = read_document(patient, tmp_path, [f"ADDENDUM\n{words}"], name="biopsy.pdf")
    er = fact(Field.BIOMARKER, {"status": "negative"}, quote(f"ADDENDUM\n{words}", words))
    store_facts(later, document_facts(er))
    evidence = [{"file": "biopsy.pdf", "page": 1, "text": words}]
    page = summary_of(
        owner, biomarkers=[{"name": "ER", "status": "negative", "evidence": evidence}]
    )
    assert span_url(later, 9, 9 + len(words)) in page
    assert str(report.id) not in page.split("Estrogen receptor (ER)")[1].split("</tr>")[0]


def test_treatments_are_listed_in_the_order_they_started(summary_of, owner, report):
    page = summary_of(owner, treatments=[
        {"name": "lumpectomy", "category": "surgery", "start": "2025-08-14", "end": None,
         "setting": None, "evidence": []},
        {"name": "doxorubicin", "category": "chemotherapy", "start": "2025-03", "end": "2025-05",
         "setting": "neoadjuvant", "evidence": []},
    ])  # fmt: skip
    assert page.index("Doxorubicin") < page.index("Lumpectomy")
    assert "March 2025" in page and "14 August 2025" in page
    assert "before surgery (neoadjuvant)" in page


def test_the_stage_is_shown_with_each_part_explained(summary_of, owner, report):
    stage = {"T": "pT2", "N": "pN1a", "M": "cM0", "group": "IIB", "metastatic": False,
             "metastatic_sites": [], "evidence": []}  # fmt: skip
    page = summary_of(owner, stage=stage)
    assert "IIB" in page and "pN1a" in page and "nearby lymph nodes" in page


def test_conflicts_are_listed_as_disagreements(summary_of, owner, report):
    conflict = {"field": "ER.status", "values": ["positive", "negative"], "note": ""}
    page = summary_of(owner, conflicts=[conflict])
    assert "Your records disagree about the ER result: positive / negative." in page


def test_missing_values_send_the_patient_to_her_oncologist(summary_of, owner, report):
    page = summary_of(owner, missing=["HER2"])
    assert "Not found in your records: HER2 — ask your oncologist." in page


def test_the_summary_says_it_is_read_by_software_and_is_not_medical_advice(
    summary_of, owner, report
):
    page = summary_of(owner)
    assert "Software read this summary from your records" in page
    assert "may contain mistakes" in page and "not medical advice" in page


def test_the_summary_says_so_when_nothing_has_been_read_yet(client, owner, patient):
    client.force_login(owner)
    page = client.get(reverse("profile", args=[patient.id])).content.decode()
    assert "Navis has not read any of your records yet." in page


def test_values_from_the_records_are_escaped(summary_of, owner, report):
    page = summary_of(owner, missing=["<script>alert(1)</script>"])
    assert "<script>alert" not in page and "&lt;script&gt;alert(1)" in page


def test_a_clinician_with_a_live_share_sees_the_summary(summary_of, clinician, report):
    page = summary_of(clinician, biomarkers=[ER])
    assert "Cancer summary of Ada" in page and "Estrogen receptor (ER)" in page


@pytest.mark.parametrize("persona", ["stranger", "stranger_clinician", "revoked_clinician"])
def test_someone_without_access_gets_404_for_the_summary(client, patient, request, persona):
    client.force_login(request.getfixturevalue(persona))
    assert client.get(reverse("profile", args=[patient.id])).status_code == 404


def test_the_records_page_links_to_the_summary(client, owner, patient):
    client.force_login(owner)
    page = client.get(reverse("patient", args=[patient.id])).content.decode()
    assert f'href="{reverse("profile", args=[patient.id])}"' in page


def test_opening_the_summary_is_logged(client, clinician, patient):
    client.force_login(clinician)
    client.get(reverse("profile", args=[patient.id]))
    assert AccessEvent.objects.get(actor=clinician).action == Action.VIEW_PROFILE


# The page a value was read from.


def page_of(client, user, document, number=1, **query) -> str:
    client.force_login(user)
    url = reverse("document-page", args=[document.patient_id, document.id, number])
    response = client.get(url, query)
    assert response.status_code == 200
    return response.content.decode()


def test_the_page_view_marks_exactly_the_evidence_span(client, owner, report):
    start = REPORT.index(ER_WORDS)
    page = page_of(client, owner, report, start=start, end=start + len(ER_WORDS))
    assert page.count("<mark") == 1
    assert f'<mark id="evidence">{ER_WORDS}</mark>' in page
    assert "left breast." in page  # the lines around it are there too


def test_the_page_view_links_back_to_the_summary(client, owner, report):
    page = page_of(client, owner, report)
    assert f'href="{reverse("profile", args=[report.patient_id])}"' in page


def test_a_span_beyond_the_page_is_pulled_inside_it(client, owner, report):
    page = page_of(client, owner, report, start=-5, end=100_000)
    assert f'<mark id="evidence">{REPORT}</mark>' in page


@pytest.mark.parametrize(("start", "end"), [("abc", "4"), ("9", "3"), ("", "")])
def test_a_span_that_is_not_a_span_marks_nothing(client, owner, report, start, end):
    page = page_of(client, owner, report, start=start, end=end)
    assert "<mark" not in page and "Invasive ductal carcinoma" in page


def test_page_text_is_escaped_even_inside_the_mark(client, owner, patient, tmp_path):
    text = "Note: <script>alert('x')</script> end"
    document = read_document(patient, tmp_path, [text], name="odd.pdf")
    page = page_of(client, owner, document, start=0, end=len(text))
    assert "<script>alert" not in page
    assert "&lt;script&gt;alert(&#x27;x&#x27;)&lt;/script&gt;" in page


def test_a_page_that_does_not_exist_is_404(client, owner, report):
    client.force_login(owner)
    url = reverse("document-page", args=[report.patient_id, report.id, 2])
    assert client.get(url).status_code == 404


def test_a_clinician_with_a_live_share_sees_the_page(client, clinician, report):
    assert "Estrogen receptor" in page_of(client, clinician, report)


@pytest.mark.parametrize("persona", ["stranger", "stranger_clinician", "revoked_clinician"])
def test_someone_without_access_gets_404_for_the_page(client, report, request, persona):
    client.force_login(request.getfixturevalue(persona))
    url = reverse("document-page", args=[report.patient_id, report.id, 1])
    assert client.get(url).status_code == 404


def test_opening_a_page_is_logged_against_its_document(client, clinician, report):
    page_of(client, clinician, report)
    event = AccessEvent.objects.get(actor=clinician)
    assert (event.action, event.target_id) == (Action.VIEW_EVIDENCE, str(report.id))


def test_a_diagnosis_date_no_record_states_links_to_the_diagnosis_of_that_date(
    summary_of, owner, patient, tmp_path
):
    text = "Collected: 03/14/2024\nInvasive ductal carcinoma."
    document = read_document(patient, tmp_path, [text], name="biopsy.pdf")
    histology = {"code": "8500/3", "label": "Invasive ductal carcinoma"}
    evidence = quote(text, HISTOLOGY_WORDS)
    store_facts(
        document, document_facts(fact(Field.HISTOLOGY, histology, evidence, date="2024-03-14"))
    )
    page = summary_of(owner, diagnosis={"diagnosis_date": "2024-03-14"})
    diagnosed = page.split("Diagnosed")[1].split("</tr>")[0]
    assert "14 March 2024" in diagnosed
    assert span_url(document, evidence.start, evidence.end) in diagnosed


def test_words_found_on_no_page_still_link_to_the_page_unmarked(summary_of, owner, report):
    evidence = [{"file": "biopsy.pdf", "page": 1, "text": "words that are not there"}]
    page = summary_of(
        owner, biomarkers=[{"name": "AR", "status": "negative", "evidence": evidence}]
    )
    url = reverse("document-page", args=[report.patient_id, report.id, 1])
    assert f'(from <a href="{url}">biopsy.pdf, page 1</a>)' in page


def test_what_the_records_say_about_her_is_shown_in_plain_words(summary_of, owner, report):
    page = summary_of(owner, patient={
        "sex": "female", "age": 58, "menopausal_status": "postmenopausal",
        "performance": {"scale": "ECOG", "value": 1, "date": "2025-09-02"},
        "evidence": [{"file": "biopsy.pdf", "page": 1, "text": ER_WORDS}],
    })  # fmt: skip
    shown = ("About you", "Female", "58 years", "After menopause", "ECOG 1", "2 September 2025")
    for words in shown:
        assert words in page, words


def test_nothing_about_her_is_shown_when_the_records_do_not_say(summary_of, owner, report):
    page = summary_of(owner, patient={"sex": None, "age": None, "menopausal_status": None,
                                      "performance": None, "evidence": []})  # fmt: skip
    assert "About you" not in page


def test_events_are_listed_oldest_first_with_their_sites(summary_of, owner, report):
    page = summary_of(owner, events=[
        {"type": "metastasis", "date": "2024-03-10", "sites": ["liver"], "evidence": []},
        {"type": "response", "value": "partial", "date": "2024-09", "sites": [], "evidence": []},
    ])  # fmt: skip
    assert page.index("The cancer spread") < page.index("Response to treatment")
    assert "to liver" in page and "the cancer shrank (partial response)" in page


def test_a_treatment_shows_its_line_in_the_metastatic_setting(summary_of, owner, report):
    page = summary_of(owner, treatments=[
        {"name": "capecitabine", "category": "chemotherapy", "start": "2024-04", "end": None,
         "setting": "metastatic", "line": 2, "evidence": []},
    ])  # fmt: skip
    assert "second line of treatment" in page


def test_mmr_and_a_bare_her2_negative_are_said_plainly(summary_of, owner, report):
    page = summary_of(owner, biomarkers=[
        {"name": "MMR", "status": "deficient", "variant": "MLH1, PMS2", "evidence": []},
        {"name": "HER2", "status": "negative", "ihc": None, "ish": None, "evidence": []},
    ])  # fmt: skip
    assert "Mismatch repair proteins (MMR)" in page and "dMMR" in page
    assert "the report gives no HER2 score" in page
