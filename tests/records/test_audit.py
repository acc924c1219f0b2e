"""Every read of a patient's records is logged, and she can see who looked."""

from django.urls import reverse

from records.models import AccessEvent, Action


def test_opening_a_document_is_logged_with_who_what_and_when(client, clinician, document):
    client.force_login(clinician)
    client.get(reverse("document", args=[document.patient_id, document.id]))
    event = AccessEvent.objects.get(actor=clinician)
    assert (event.patient_id, event.action, event.target_id) == (
        document.patient_id,
        Action.VIEW_DOCUMENT,
        str(document.id),
    )
    assert event.at is not None


def test_downloading_the_original_file_is_logged(client, owner, document):
    client.force_login(owner)
    client.get(reverse("document-file", args=[document.patient_id, document.id]))
    assert AccessEvent.objects.filter(actor=owner, action=Action.DOWNLOAD).count() == 1


def test_a_refused_access_leaves_no_trace_in_the_patients_log(client, stranger, document):
    client.force_login(stranger)
    client.get(reverse("document", args=[document.patient_id, document.id]))
    assert not AccessEvent.objects.filter(patient=document.patient).exists()


def test_the_patient_sees_which_clinician_looked(client, owner, clinician, document):
    client.force_login(clinician)
    client.get(reverse("patient", args=[document.patient_id]))
    client.force_login(owner)
    page = client.get(reverse("access-log", args=[document.patient_id])).content.decode()
    assert clinician.display_name in page
    assert Action.VIEW_RECORDS.label in page


def test_the_patient_sees_which_document_a_clinician_opened(client, owner, clinician, document):
    client.force_login(clinician)
    client.get(reverse("document", args=[document.patient_id, document.id]))
    client.force_login(owner)
    page = client.get(reverse("access-log", args=[document.patient_id]))
    others = list(page.context["others"])
    assert [(o["actor_label"], o["times"]) for o in others] == [(clinician.email, 1)]
    assert f"opened a document: {document.original_name}" in page.content.decode()


def test_opening_the_upload_page_is_not_logged_as_an_upload(client, owner):
    client.force_login(owner)
    client.get(reverse("upload", args=[owner.patient.id]))
    assert list(AccessEvent.objects.values_list("action", flat=True)) == [Action.OPEN_UPLOAD_PAGE]
