"""Storing a document's facts and rebuilding the patient's profile from them."""

import pytest

from records.models import DocumentStatus, Fact, Profile
from records.services.documents import reprocess
from records.services.profiles import recompute_profile, store_facts, stored_document_facts
from tests.factories import document_facts, fact, quote, read_document
from workers.extraction import EXTRACTOR_VERSION, Field, build_profile, extract_document
from workers.pipeline.types import PageText, Source

REPORT = (
    "FINAL DIAGNOSIS\nInvasive ductal carcinoma, left breast.\nEstrogen receptor: positive (95%)"
)
ER_WORDS = "Estrogen receptor: positive (95%)"


def er_positive():
    value = {"status": "positive", "percent": 95}
    words = quote(REPORT, ER_WORDS)
    return fact(Field.BIOMARKER, value, words, name="ER", date="2025-02-20", section="biomarkers")


@pytest.fixture
def read(patient, tmp_path):
    return read_document(patient, tmp_path, [REPORT], name="Biopsy report.pdf")


def test_storing_facts_keeps_each_fact_with_its_evidence(read):
    store_facts(read, document_facts(er_positive()))
    row = read.facts.get()
    start, end = REPORT.index(ER_WORDS), REPORT.index(ER_WORDS) + len(ER_WORDS)
    assert (row.field, row.name, row.value["status"]) == ("biomarker", "ER", "positive")
    assert row.evidence == [
        {"file": "report.pdf", "page": 1, "text": ER_WORDS, "start": start, "end": end}
    ]
    assert (row.date, row.extractor_version) == ("2025-02-20", EXTRACTOR_VERSION)


def test_storing_facts_twice_leaves_one_set(read):
    store_facts(read, document_facts(er_positive()))
    store_facts(read, document_facts(er_positive()))
    assert Fact.objects.filter(document=read).count() == 1


def test_storing_facts_notes_the_kind_and_date_of_the_document(read):
    store_facts(read, document_facts(kind="molecular", date="2025-03"))
    read.refresh_from_db()
    assert (read.kind, read.report_date) == ("molecular", "2025-03")


def test_a_date_that_is_not_a_date_is_stored_as_unknown(read):
    store_facts(read, document_facts(fact(Field.DIAGNOSIS_DATE, {}, date="last spring")))
    assert read.facts.get().date == ""


def test_stored_facts_come_back_as_the_extractor_returned_them(read):
    store_facts(read, document_facts(er_positive()))
    [again] = stored_document_facts(read).facts
    expected = er_positive().to_dict()
    expected["evidence"][0]["file"] = read.original_name
    assert again.to_dict() == expected


def test_stored_evidence_names_the_file_as_the_patient_uploaded_it(read):
    store_facts(read, document_facts(er_positive()))
    [again] = stored_document_facts(read).facts
    assert [e.file for e in again.evidence] == ["Biopsy report.pdf"]


def test_recompute_saves_the_profile_built_from_the_read_documents(patient, read):
    store_facts(read, document_facts(kind="pathology", date="2025-02-20"))
    profile = recompute_profile(patient)
    assert profile.data["schema"] == "navis.profile.v1"
    assert [(d["file"], d["kind"], d["date"]) for d in profile.data["documents"]] == [
        ("Biopsy report.pdf", "pathology", "2025-02-20")
    ]
    assert profile.extractor_version == EXTRACTOR_VERSION


def test_recompute_hands_every_stored_fact_to_build_profile(patient, read, tmp_path, monkeypatch):
    other = read_document(patient, tmp_path, ["HER2: 3+"], name="her2.pdf")
    store_facts(read, document_facts(er_positive()))
    store_facts(other, document_facts(fact(Field.BIOMARKER, {"ihc": "3+"}, name="HER2")))
    seen = []
    monkeypatch.setattr(
        "records.services.profiles.build_profile", lambda documents: seen.extend(documents) or {}
    )
    recompute_profile(patient)
    assert sorted((d.file, [f.name for f in d.facts]) for d in seen) == [
        ("Biopsy report.pdf", ["ER"]),
        ("her2.pdf", ["HER2"]),
    ]


def test_recompute_keeps_one_profile_per_patient(patient, read):
    recompute_profile(patient)
    recompute_profile(patient)
    assert Profile.objects.filter(patient=patient).count() == 1


def test_a_document_that_failed_contributes_nothing(patient, read):
    store_facts(read, document_facts(er_positive()))
    read.status = DocumentStatus.FAILED
    read.save()
    assert recompute_profile(patient).data["documents"] == []


def test_deleting_a_document_then_recomputing_removes_its_facts(patient, read):
    store_facts(read, document_facts(er_positive()))
    recompute_profile(patient)
    read.delete()
    assert recompute_profile(patient).data["documents"] == []
    assert not Fact.objects.exists()


def test_reprocessing_takes_a_document_out_of_the_profile_until_it_is_read_again(patient, read):
    store_facts(read, document_facts(er_positive()))
    recompute_profile(patient)
    reprocess(read)
    assert Profile.objects.get(patient=patient).data["documents"] == []


RICH_REPORT = (
    "Surgical Pathology Report\nCollection date: 02/14/2025\nReport date: 02/20/2025\n"
    "FINAL DIAGNOSIS\nLeft breast, core needle biopsy: invasive ductal carcinoma, grade 2.\n"
    "Estrogen receptor: positive (95%). HER2 (IHC): 3+.\npT2 pN1a. Ki-67: 30%."
)


def test_a_stored_and_rebuilt_profile_equals_the_one_built_straight_from_the_pages(
    patient, tmp_path
):
    document = read_document(patient, tmp_path, [RICH_REPORT], name="biopsy.pdf")
    pages = [PageText(1, RICH_REPORT, Source.TEXT, None, 612, 792, [])]
    extracted = extract_document("biopsy.pdf", pages, sha256=document.sha256, page_count=1)
    store_facts(document, extracted)
    stored = recompute_profile(patient).data
    direct = build_profile([extracted])
    assert stored["diagnosis"] == direct["diagnosis"]
    assert stored["diagnosis"]["primary_site"] == "breast"
    assert stored["biomarkers"] == direct["biomarkers"]
    assert stored["stage"] == direct["stage"]
