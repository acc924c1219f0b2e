"""A clinician's review through the API: decisions, their effect, and sign-off."""

from django.urls import reverse

from records.models import ClinicianFact, SignOff
from tests.reports import ADDENDUM, HER2, POSITIVE, read_report


def decide(client, patient, **body):
    return client.post(reverse("api-reviews", args=[patient.id]), body, format="json")


def items(client, patient) -> dict:
    listed = client.get(reverse("api-review-items", args=[patient.id])).json()
    return {item["key"]: item for item in listed}


def test_a_correction_is_saved_and_shown(api_as, clinician, patient, biopsy):
    api = api_as(clinician)
    response = decide(api, patient, key=HER2, action="correct", value=POSITIVE, reason="FISH")
    assert response.status_code == 201
    assert response.json()["replaced"]["status"] == "low"
    item = items(api, patient)[HER2]
    assert (item["state"], item["shown"]["status"]) == ("corrected", "positive")


def test_an_accepted_value_is_verified(api_as, clinician, patient, biopsy):
    api = api_as(clinician)
    decide(api, patient, key="biomarker:ER", action="accept")
    assert items(api, patient)["biomarker:ER"]["state"] == "verified"


def test_a_correction_that_breaks_the_contract_is_400_with_the_reason(
    api_as, clinician, patient, biopsy
):
    response = decide(
        api_as(clinician), patient, key=HER2, action="correct", value={**POSITIVE, "ihc": "4+"}
    )
    assert response.status_code == 400
    assert "cannot be stored" in response.json()["error"]["fields"]["value"][0]
    assert not ClinicianFact.objects.exists()


def test_a_decision_on_a_value_not_in_the_summary_is_400(api_as, clinician, patient, biopsy):
    response = decide(api_as(clinician), patient, key="biomarker:EGFR", action="accept")
    assert response.status_code == 400 and "key" in response.json()["error"]["fields"]


def test_an_unknown_action_is_400(api_as, clinician, patient, biopsy):
    response = decide(api_as(clinician), patient, key=HER2, action="delete")
    assert response.status_code == 400 and "action" in response.json()["error"]["fields"]


def test_decisions_are_listed_for_the_patient_too(api_as, owner, clinician, patient, biopsy):
    decide(api_as(clinician), patient, key=HER2, action="correct", value=POSITIVE)
    listed = api_as(owner).get(reverse("api-reviews", args=[patient.id])).json()["results"]
    assert [(d["key"], d["action"], d["author"]) for d in listed] == [
        (HER2, "correct", clinician.display_name)
    ]


def test_a_sign_off_signs_the_current_version(api_as, clinician, patient, biopsy):
    url = reverse("api-sign-offs", args=[patient.id])
    response = api_as(clinician).post(url, {"note": "seen"}, format="json")
    assert response.status_code == 201
    assert response.json()["version"] == patient.profile.version == SignOff.objects.get().version


def test_a_value_changed_since_my_sign_off_is_flagged(api_as, clinician, patient, biopsy, tmp_path):
    api = api_as(clinician)
    api.post(reverse("api-sign-offs", args=[patient.id]), {}, format="json")
    read_report(patient, tmp_path, ADDENDUM, "addendum.pdf")
    assert items(api, patient)[HER2]["changed_since_my_sign_off"]
    assert not items(api, patient)["biomarker:ER"]["changed_since_my_sign_off"]
