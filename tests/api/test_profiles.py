"""The profile through the API: exactly the contract, its facts, its history and its FHIR bundle."""

import jsonschema
from django.urls import reverse

from api.fhir import validate_bundle
from records import processing, review_rules
from records.services import reviews
from tests import documents as docs
from tests.factories import upload_document
from tests.reports import HER2, POSITIVE
from vocabulary import contract

SCHEMA = contract.schema()


def get(client, url_name: str, patient, **query):
    response = client.get(reverse(url_name, args=[patient.id]), query)
    assert response.status_code == 200, response.content[:300]
    return response


def test_the_profile_is_exactly_the_contract(api_as, owner, patient, biopsy):
    profile = get(api_as(owner), "api-profile", patient).json()
    jsonschema.validate(profile, SCHEMA)
    assert profile == patient.profile.data


def test_before_anything_is_read_the_profile_is_the_empty_contract(api_as, owner, patient):
    profile = get(api_as(owner), "api-profile", patient).json()
    jsonschema.validate(profile, SCHEMA)
    assert (profile["documents"], profile["biomarkers"]) == ([], [])


def test_the_profile_carries_a_clinicians_correction(api_as, owner, clinician, patient, biopsy):
    reviews.decide(patient, clinician, HER2, review_rules.Action.CORRECT, POSITIVE)
    profile = get(api_as(owner), "api-profile", patient).json()
    her2 = next(m for m in profile["biomarkers"] if m["name"] == "HER2")
    assert her2["status"] == "positive"


def test_facts_carry_their_evidence_with_its_place_on_the_page(api_as, owner, patient, biopsy):
    facts = get(api_as(owner), "api-facts", patient, field="biomarker", name="HER2").json()
    assert facts["count"] >= 1
    evidence = facts["results"][0]["evidence"][0]
    page = biopsy.pages.get(number=evidence["page"]).text
    assert page[evidence["start"] : evidence["end"]] == evidence["text"]


def test_facts_are_filtered_by_document(api_as, owner, patient, biopsy, tmp_path):
    other = upload_document(patient, docs.text_pdf(tmp_path, pages=["ER positive (90%)"]))
    processing.process(str(other.id))
    facts = get(api_as(owner), "api-facts", patient, document=str(other.id)).json()["results"]
    assert {fact["document"] for fact in facts} == {str(other.id)}


def test_facts_are_filtered_by_review_state(api_as, owner, clinician, patient, biopsy):
    reviews.decide(patient, clinician, HER2, review_rules.Action.CORRECT, POSITIVE)
    facts = get(api_as(owner), "api-facts", patient, state="corrected").json()["results"]
    assert facts and {(f["field"], f["name"], f["state"]) for f in facts} == {
        ("biomarker", "HER2", "corrected")
    }


def test_the_history_says_who_changed_what(api_as, owner, clinician, patient, biopsy):
    reviews.decide(patient, clinician, HER2, review_rules.Action.CORRECT, POSITIVE, "FISH repeated")
    changes = get(api_as(owner), "api-history", patient, key=HER2).json()["results"]
    assert [(c["who"], c["action"], c["reason"]) for c in changes] == [
        (clinician.display_name, "correct", "FISH repeated"),
        ("Navis", "", "Navis read biopsy.pdf"),
    ]


def test_the_fhir_export_is_a_valid_bundle_of_the_profile(api_as, owner, patient, biopsy):
    response = get(api_as(owner), "api-fhir", patient)
    assert response["Content-Type"].startswith("application/fhir+json")
    bundle = response.json()
    validate_bundle(bundle)
    codes = {
        coding["code"]
        for entry in bundle["entry"]
        for coding in entry["resource"].get("code", {}).get("coding", [])
    }
    assert {"85337-4", "85339-0"} <= codes  # ER and PR tumour markers
