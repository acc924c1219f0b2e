"""A clinician's decisions on real read records: they hold through re-reading and new records."""

from functools import partial

import pytest

from records import processing, review_rules
from records.models import ClinicianFact, Profile, ProfileChange
from records.services import reviews
from records.services.documents import reprocess
from records.services.profiles import Cause, recompute_profile, store_facts
from tests.reports import ADDENDUM, HER2, POSITIVE, read_report


def shown(patient, key: str = HER2):
    profile = Profile.objects.get(patient=patient)
    return (
        review_rules.items(profile.data)[key].value
        if key in review_rules.items(profile.data)
        else None
    )


def state(patient, key: str = HER2) -> review_rules.ItemState:
    return reviews.reviewed(Profile.objects.get(patient=patient)).states[key]


def reread_everything(patient) -> None:
    for document in patient.documents.all():
        assert reprocess(document)
        assert processing.process(str(document.id)) == "done"


def test_the_records_say_her2_low(patient, biopsy):
    assert shown(patient)["status"] == "low"
    assert state(patient).state == review_rules.State.EXTRACTED


def test_a_correction_is_shown_at_once(patient, clinician, biopsy):
    reviews.decide(patient, clinician, HER2, review_rules.Action.CORRECT, POSITIVE, "FISH repeated")
    assert shown(patient) == POSITIVE
    assert state(patient).state == review_rules.State.CORRECTED


def test_a_correction_is_a_clinician_fact_with_author_time_and_reason(patient, clinician, biopsy):
    reviews.decide(patient, clinician, HER2, review_rules.Action.CORRECT, POSITIVE, "FISH repeated")
    fact = ClinicianFact.objects.get(patient=patient)
    assert (fact.author, fact.action, fact.reason) == (clinician, "correct", "FISH repeated")
    assert fact.replaced["status"] == "low"
    assert fact.created_at is not None


def test_a_correction_survives_reading_every_document_again(patient, clinician, biopsy):
    reviews.decide(patient, clinician, HER2, review_rules.Action.CORRECT, POSITIVE)
    reread_everything(patient)
    assert shown(patient) == POSITIVE
    assert not state(patient).changed_since_decision


def test_a_correction_holds_while_its_document_is_being_read_again(patient, clinician, biopsy):
    reviews.decide(patient, clinician, HER2, review_rules.Action.CORRECT, POSITIVE)
    assert reprocess(biopsy)
    assert shown(patient) == POSITIVE


def test_a_correction_survives_a_new_extractor_version(patient, clinician, biopsy, monkeypatch):
    reviews.decide(patient, clinician, HER2, review_rules.Action.CORRECT, POSITIVE)
    monkeypatch.setattr(processing, "store_facts", partial(store_facts, version="99.0.0"))
    reread_everything(patient)
    assert set(biopsy.facts.values_list("extractor_version", flat=True)) == {"99.0.0"}
    assert shown(patient) == POSITIVE


def test_a_rejected_value_stays_rejected_after_reading_again(patient, clinician, biopsy):
    reviews.decide(patient, clinician, "diagnosis.grade", review_rules.Action.REJECT, reason="typo")
    reread_everything(patient)
    assert Profile.objects.get(patient=patient).data["diagnosis"]["grade"] is None
    assert state(patient, "diagnosis.grade").state == review_rules.State.REJECTED


def test_an_accepted_value_is_verified(patient, clinician, biopsy):
    reviews.decide(patient, clinician, HER2, review_rules.Action.ACCEPT)
    assert state(patient).state == review_rules.State.VERIFIED


def test_a_later_record_changing_a_verified_value_flags_it(patient, clinician, biopsy, tmp_path):
    reviews.decide(patient, clinician, HER2, review_rules.Action.ACCEPT)
    read_report(patient, tmp_path, ADDENDUM, "addendum.pdf")
    assert shown(patient)["status"] == "positive"
    assert state(patient).state == review_rules.State.EXTRACTED
    assert state(patient).changed_since_decision


def test_a_correction_outranks_a_later_record(patient, clinician, biopsy, tmp_path):
    zero = {**POSITIVE, "status": "zero", "ihc": "0"}
    reviews.decide(patient, clinician, HER2, review_rules.Action.CORRECT, zero)
    read_report(patient, tmp_path, ADDENDUM, "addendum.pdf")
    assert shown(patient) == zero
    assert state(patient).changed_since_decision


def test_a_correction_that_breaks_the_contract_is_refused(patient, clinician, biopsy):
    with pytest.raises(reviews.ReviewError, match="cannot be stored"):
        reviews.decide(
            patient, clinician, HER2, review_rules.Action.CORRECT, {**POSITIVE, "ihc": "4+"}
        )
    assert not ClinicianFact.objects.exists()


def test_a_decision_on_a_value_not_in_the_summary_is_refused(patient, clinician, biopsy):
    with pytest.raises(reviews.ReviewError):
        reviews.decide(patient, clinician, "biomarker:EGFR", review_rules.Action.ACCEPT)


def test_every_decision_is_in_the_history_with_who_and_why(patient, clinician, biopsy):
    reviews.decide(patient, clinician, HER2, review_rules.Action.CORRECT, POSITIVE, "FISH repeated")
    change = ProfileChange.objects.filter(patient=patient, key=HER2).first()
    assert (change.actor, change.action, change.reason) == (clinician, "correct", "FISH repeated")
    assert (change.before["status"], change.after["status"]) == ("low", "positive")


def test_reading_a_record_is_in_the_history_as_navis(patient, biopsy):
    change = ProfileChange.objects.get(patient=patient, key=HER2)
    assert (change.actor, change.document, change.reason) == (None, biopsy, "Navis read biopsy.pdf")


def test_the_version_goes_up_only_when_what_is_shown_changes(patient, clinician, biopsy):
    before = Profile.objects.get(patient=patient).version
    reread_everything(patient)  # out and back in: two changes
    after_reading = Profile.objects.get(patient=patient).version
    assert after_reading == before + 2
    recompute_profile(patient, Cause.reread(biopsy))  # nothing new: the same version
    assert Profile.objects.get(patient=patient).version == after_reading


def test_accepting_a_value_marks_it_verified_without_changing_it(patient, clinician, biopsy):
    before = Profile.objects.get(patient=patient)
    reviews.decide(patient, clinician, HER2, review_rules.Action.ACCEPT, reason="seen the slide")
    after = Profile.objects.get(patient=patient)
    her2 = next(b for b in after.data["biomarkers"] if b["name"] == "HER2")
    assert her2["review"]["state"] == "verified"
    assert her2["review"]["reason"] == "seen the slide"
    assert her2["review"]["by"] == clinician.display_name
    # the reviewed profile changed (a new version), the value did not (no value in its history)
    assert after.version == before.version + 1
    assert not ProfileChange.objects.filter(patient=patient, version=after.version).exists()
    assert "review" not in next(b for b in after.extracted["biomarkers"] if b["name"] == "HER2")


def test_a_sign_off_keeps_the_version_and_values_signed(patient, clinician, biopsy):
    signed = reviews.sign_off(patient, clinician, "reviewed in clinic")
    profile = Profile.objects.get(patient=patient)
    assert (signed.version, signed.data, signed.note) == (
        profile.version,
        profile.data,
        "reviewed in clinic",
    )


def test_nothing_is_flagged_right_after_a_sign_off(patient, clinician, biopsy):
    reviews.sign_off(patient, clinician)
    since = reviews.since_sign_off(patient, clinician, Profile.objects.get(patient=patient))
    assert (since.changed, since.new_documents) == ([], [])


def test_a_later_document_changing_a_signed_value_flags_it(patient, clinician, biopsy, tmp_path):
    reviews.sign_off(patient, clinician)
    addendum = read_report(patient, tmp_path, ADDENDUM, "addendum.pdf")
    since = reviews.since_sign_off(patient, clinician, Profile.objects.get(patient=patient))
    assert since.changed_keys == {HER2}
    assert since.new_documents == [addendum]


def test_the_queue_puts_patients_with_news_first(patient, clinician, biopsy, tmp_path):
    entry = reviews.queue(clinician, [patient])[0]
    assert entry.needs_attention  # never signed
    reviews.sign_off(patient, clinician)
    assert not reviews.queue(clinician, [patient])[0].needs_attention
    read_report(patient, tmp_path, ADDENDUM, "addendum.pdf")
    assert reviews.queue(clinician, [patient])[0].since.changed_keys == {HER2}


@pytest.mark.parametrize(
    ("key", "value"),
    [
        (HER2, 0),
        (HER2, {**POSITIVE, "name": "ER"}),
        ("diagnosis.grade", {"grade": 3}),
        ("diagnosis.histology", "ductal"),
    ],
)
def test_a_correction_of_the_wrong_shape_is_refused(patient, clinician, biopsy, key, value):
    with pytest.raises(reviews.ReviewError, match="cannot be stored"):
        reviews.decide(patient, clinician, key, review_rules.Action.CORRECT, value)
    assert not ClinicianFact.objects.exists()


def test_a_corrected_biomarker_keeps_its_name_when_none_is_given(patient, clinician, biopsy):
    without_name = {k: v for k, v in POSITIVE.items() if k != "name"}
    reviews.decide(patient, clinician, HER2, review_rules.Action.CORRECT, without_name)
    assert shown(patient) == POSITIVE
