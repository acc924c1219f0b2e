"""The review pages: the queue, the review, a correction, sign-off, history and the PDF."""

import io

import pypdfium2
import pytest
from django.urls import reverse

from records import review_rules
from records.models import AccessEvent, Action, ClinicianFact, Profile, SignOff
from records.services import reviews
from tests import documents as docs
from tests.factories import upload_document
from tests.reports import ADDENDUM, HER2, POSITIVE, read_report
from vocabulary.biomarkers import HER2_STATUSES


@pytest.fixture
def as_clinician(client, clinician):
    client.force_login(clinician)
    return client


@pytest.fixture
def as_owner(client, owner):
    client.force_login(owner)
    return client


def page(client, name: str, patient, **query) -> str:
    response = client.get(reverse(name, args=[patient.id]), query)
    assert response.status_code == 200
    return response.content.decode()


def her2_status(patient) -> str:
    return review_rules.items(Profile.objects.get(patient=patient).data)[HER2].value["status"]


def pdf_text(content: bytes) -> tuple[int, str]:
    pdf = pypdfium2.PdfDocument(io.BytesIO(content))
    try:
        text = "\n".join(pdf[i].get_textpage().get_text_range() for i in range(len(pdf)))
        return len(pdf), text
    finally:
        pdf.close()


def correct_her2(client, patient, **fields):
    data = {"status": "positive", "ihc": "3+", "ish": "", "ratio": "", "copy_number": ""}
    return client.post(
        reverse("review-correct", args=[patient.id]) + f"?key={HER2}", {**data, **fields}
    )


# --- the queue ---------------------------------------------------------------------------------


def test_the_queue_lists_a_sharing_patient_not_yet_signed(as_clinician, patient, biopsy):
    html = as_clinician.get(reverse("home")).content.decode()
    assert reverse("review", args=[patient.id]) in html
    assert "Not signed off yet." in html


def test_the_queue_counts_values_changed_since_sign_off(
    as_clinician, patient, clinician, biopsy, tmp_path
):
    reviews.sign_off(patient, clinician)
    read_report(patient, tmp_path, ADDENDUM, "addendum.pdf")
    html = as_clinician.get(reverse("home")).content.decode()
    assert "1 value changed" in html
    assert "1 new record" in html


def test_the_queue_shows_records_that_failed(as_clinician, patient, tmp_path):
    broken = upload_document(patient, docs.text_pdf(tmp_path, pages=["x"], name="broken.pdf"))
    broken.status, broken.failure_code = "failed", "corrupt"
    broken.save()
    assert "1 could not be read" in as_clinician.get(reverse("home")).content.decode()


# --- the review page ---------------------------------------------------------------------------


def test_the_review_shows_each_value_with_its_evidence_words(as_clinician, patient, biopsy):
    html = page(as_clinician, "review", patient)
    assert "HER2-low" in html
    assert "HER2 (IHC): 2+ (equivocal)" in html
    assert reverse("document-page", args=[patient.id, biopsy.id, 1]) in html


def test_opening_the_review_is_audit_logged(as_clinician, patient, clinician, biopsy):
    page(as_clinician, "review", patient)
    assert AccessEvent.objects.filter(actor=clinician, action=Action.OPEN_REVIEW).exists()


def test_accepting_a_value_verifies_it(as_clinician, patient, biopsy):
    url = reverse("review-decide", args=[patient.id])
    response = as_clinician.post(url, {"key": HER2, "action": "accept", "reason": "checked"})
    assert response.status_code == 302 and response.url.endswith("#item-biomarker-her2")
    assert ClinicianFact.objects.get().action == "accept"
    assert 'data-review="verified"' in page(as_clinician, "review", patient)


def test_rejecting_a_value_takes_it_out_of_the_summary(as_clinician, patient, biopsy):
    url = reverse("review-decide", args=[patient.id])
    as_clinician.post(url, {"key": "diagnosis.grade", "action": "reject", "reason": "not graded"})
    assert Profile.objects.get(patient=patient).data["diagnosis"]["grade"] is None
    assert "not graded" in page(as_clinician, "review", patient)


def test_an_unknown_action_changes_nothing(as_clinician, patient, biopsy):
    url = reverse("review-decide", args=[patient.id])
    as_clinician.post(url, {"key": HER2, "action": "correct"})
    assert not ClinicianFact.objects.exists()


# --- a correction ------------------------------------------------------------------------------


def test_the_correction_form_starts_from_the_value_shown(as_clinician, patient, biopsy):
    html = page(as_clinician, "review-correct", patient, key=HER2)
    assert '<option value="low" selected>' in html
    assert '<option value="2+" selected>' in html


def test_a_correction_is_saved_with_its_reason(as_clinician, patient, clinician, biopsy):
    response = correct_her2(as_clinician, patient, reason="FISH repeated: amplified")
    assert response.status_code == 302
    fact = ClinicianFact.objects.get()
    assert (fact.author, fact.value["status"], fact.reason) == (
        clinician,
        "positive",
        "FISH repeated: amplified",
    )
    assert her2_status(patient) == "positive"


def test_an_impossible_correction_is_refused_with_the_reason(as_clinician, patient, biopsy):
    response = correct_her2(as_clinician, patient, ratio="-2")
    assert response.status_code == 200
    assert "greater than or equal to 0" in response.content.decode()
    assert not ClinicianFact.objects.exists()


def test_a_correction_of_a_value_not_in_the_summary_goes_back(as_clinician, patient, biopsy):
    response = as_clinician.get(reverse("review-correct", args=[patient.id]), {"key": "nope"})
    assert response.status_code == 302


# --- sign-off and history ----------------------------------------------------------------------


def test_signing_off_keeps_the_version(as_clinician, patient, clinician, biopsy):
    as_clinician.post(reverse("review-sign-off", args=[patient.id]), {"note": "seen in clinic"})
    signed = SignOff.objects.get()
    assert (signed.clinician, signed.version, signed.note) == (
        clinician,
        Profile.objects.get(patient=patient).version,
        "seen in clinic",
    )
    assert AccessEvent.objects.filter(action=Action.SIGN_OFF).count() == 1


def test_a_value_changed_after_sign_off_is_marked_on_the_review(
    as_clinician, patient, clinician, biopsy, tmp_path
):
    reviews.sign_off(patient, clinician)
    read_report(patient, tmp_path, ADDENDUM, "addendum.pdf")
    html = page(as_clinician, "review", patient)
    assert "Changed since you signed off: it was HER2-low" in html


def test_the_history_says_who_changed_what_when_and_why(as_owner, patient, clinician, biopsy):
    reviews.decide(patient, clinician, HER2, review_rules.Action.CORRECT, POSITIVE, "FISH repeated")
    reviews.sign_off(patient, clinician, "all checked")
    html = page(as_owner, "profile-history", patient)
    assert "HER2: HER2-low" in html and "→ Positive" in html
    assert clinician.display_name in html and "FISH repeated" in html
    assert "Navis read biopsy.pdf" in html
    assert "Signed off version" in html and "all checked" in html


# --- what the patient sees ---------------------------------------------------------------------


def test_the_patient_sees_the_corrected_value_and_who_corrected_it(
    as_owner, patient, clinician, biopsy
):
    reviews.decide(patient, clinician, HER2, review_rules.Action.CORRECT, POSITIVE, "FISH repeated")
    html = page(as_owner, "profile", patient)
    assert "<strong>Positive</strong>" in html
    assert f"Corrected by {clinician.display_name}" in html
    assert "The records said: HER2-low, IHC score 2+" in html


def test_the_patient_sees_which_values_were_verified(as_owner, patient, clinician, biopsy):
    reviews.decide(patient, clinician, "biomarker:ER", review_rules.Action.ACCEPT)
    assert f"Verified by {clinician.display_name}" in page(as_owner, "profile", patient)


def test_guidance_follows_the_corrected_value(as_owner, patient, clinician, biopsy):
    url = reverse("guidance-topic", args=["her2-targeted-therapy"])
    assert "read as HER2-low" in as_owner.get(url).content.decode()
    reviews.decide(patient, clinician, HER2, review_rules.Action.CORRECT, POSITIVE, "FISH repeated")
    html = as_owner.get(url).content.decode()
    assert "read as HER2-positive" in html and "read as HER2-low" not in html
    assert f"Corrected by {clinician.display_name}" in html


# --- the printable summary ---------------------------------------------------------------------


def test_the_summary_pdf_is_one_page_with_what_the_summary_holds(
    as_owner, patient, clinician, biopsy
):
    reviews.decide(patient, clinician, HER2, review_rules.Action.CORRECT, POSITIVE, "FISH repeated")
    response = as_owner.get(reverse("profile-pdf", args=[patient.id]))
    assert response["Content-Type"] == "application/pdf"
    assert response["Cache-Control"] == "private, no-store"
    pages, text = pdf_text(response.content)
    assert pages == 1
    for words in ("Invasive ductal carcinoma", "Positive", "corrected by", "biopsy.pdf", "cT2"):
        assert words in text, words


def test_printing_the_summary_is_audit_logged(as_clinician, patient, clinician, biopsy):
    as_clinician.get(reverse("profile-pdf", args=[patient.id]))
    assert AccessEvent.objects.filter(actor=clinician, action=Action.PRINT_SUMMARY).exists()


def test_the_her2_result_offers_every_status_of_the_contract(as_clinician, patient, biopsy):
    html = page(as_clinician, "review-correct", patient, key=HER2)
    for status in HER2_STATUSES:  # r2: a bare "negative" too
        assert f'<option value="{status}"' in html, status
