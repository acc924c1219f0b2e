"""The guidance pages: the general answer for everyone, a patient's own part only for her team.

The topic is one written here (so the tests do not depend on the shipped wording); the
personal part comes from the real personalization of a stored profile.
"""

import json
import logging

import pytest
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils import timezone

from guidance import topics
from guidance.models import Trial as TrialRow
from guidance.trials.model import Criterion, Trial
from guidance.views import trial_match
from records.evidence import EvidenceFinder
from records.models import AccessEvent, Action, Profile
from tests.factories import read_document

TOPIC = {
    "slug": "test-topic",
    "title": "What does a test topic say?",
    "reviewed": "2026-01-15",
    "sources": [{"title": "A public source", "url": "https://example.org/source"}],
    "sites": ["breast"],
    "general": [
        {"heading": "First idea", "text": "The first general paragraph."},
        {"heading": "Second idea", "text": "The second general paragraph."},
    ],
    "questions": ["A general question for the oncologist?"],
    "trials": {"modalities": [], "targets": ["HER2"], "sites": ["breast"]},
    "rules": ["her2_status", "missing_fields"],
}
HER2_WORDS = "HER2 (4B5): 3+ positive"
REPORT = f"SURGICAL PATHOLOGY REPORT\nInvasive ductal carcinoma, left breast.\n{HER2_WORDS}"


@pytest.fixture(autouse=True)
def test_topics(tmp_path, monkeypatch):
    """Only the topic written above is shipped, for the length of a test."""
    directory = tmp_path / "topics"
    directory.mkdir()
    (directory / "test-topic.json").write_text(json.dumps(TOPIC), encoding="utf-8")
    monkeypatch.setattr(topics, "TOPICS_DIR", directory)
    topics.load_topics.cache_clear()
    yield
    topics.load_topics.cache_clear()


def her2_positive_profile() -> dict:
    """A profile in the contract's shape: HER2-positive breast cancer, stage not found."""
    evidence = [{"file": "biopsy.pdf", "page": 1, "text": HER2_WORDS}]
    return {
        "schema": "navis.profile.v1",
        "documents": [{"file": "biopsy.pdf", "sha256": "0" * 64, "pages": 1, "ocr_pages": 0,
                       "kind": "pathology", "date": "2025-03-02"}],
        "diagnosis": {"primary_site": "breast", "laterality": "left",
                      "histology": {"code": "8500/3", "label": "Invasive ductal carcinoma"},
                      "grade": None, "diagnosis_date": None},
        "biomarkers": [{"name": "HER2", "status": "positive", "ihc": "3+", "evidence": evidence}],
        "stage": {"T": None, "N": None, "M": None, "group": None, "metastatic": None,
                  "metastatic_sites": [], "evidence": []},
        "treatments": [],
        "conflicts": [],
        "missing": ["stage"],
    }  # fmt: skip


@pytest.fixture
def her_profile(patient, tmp_path):
    """Her biopsy was read, and her profile says HER2 positive, quoting it."""
    read_document(patient, tmp_path, [REPORT], name="biopsy.pdf")
    return Profile.objects.create(
        patient=patient,
        data=her2_positive_profile(),
        extractor_version="test",
        computed_at=timezone.now(),
    )


def topic_url(**query) -> str:
    url = reverse("guidance-topic", args=["test-topic"])
    return url + "".join(f"?{k}={v}" for k, v in query.items())


def page_of(client, url: str) -> str:
    response = client.get(url)
    assert response.status_code == 200
    return response.content.decode()


# Everyone


def test_the_list_links_every_topic(client):
    page = page_of(client, reverse("guidance"))
    assert f'href="{topic_url()}"' in page
    assert TOPIC["title"] in page


def test_an_unknown_topic_is_404(client):
    assert client.get(reverse("guidance-topic", args=["no-such-topic"])).status_code == 404


@pytest.mark.parametrize("name", ["guidance", "guidance-topic"])
def test_the_pages_only_answer_reads(client, name):
    url = reverse(name, args=["test-topic"] if name == "guidance-topic" else [])
    assert client.post(url).status_code == 405


def test_the_general_answer_is_shown_in_its_order(client):
    page = page_of(client, topic_url())
    positions = [page.index(s["text"]) for s in TOPIC["general"]]
    assert positions == sorted(positions)
    assert "Reviewed" in page and "2026-01-15" in page
    assert 'href="https://example.org/source"' in page


# Anonymous visitor


@pytest.mark.parametrize(
    "expected",
    [
        "What does this mean for you?",
        f'href="{reverse("signup")}"',
        "general question for the oncologist",
        "not medical advice",
    ],
)
def test_a_visitor_sees_the_general_answer_and_an_invitation(client, expected):
    assert expected in page_of(client, topic_url())


def test_a_visitor_who_names_a_patient_is_sent_to_log_in(client, patient):
    response = client.get(topic_url(patient=patient.id))
    assert response.status_code == 302
    assert response.url.startswith(reverse("login"))


# Who may see a patient's guidance


@pytest.mark.parametrize(
    ("persona", "status"),
    [
        ("owner", 200),
        ("clinician", 200),
        ("revoked_clinician", 404),
        ("stranger", 404),
        ("stranger_clinician", 404),
    ],
)
def test_only_her_care_team_sees_her_guidance(client, request, her_profile, persona, status):
    client.force_login(request.getfixturevalue(persona))
    response = client.get(topic_url(patient=her_profile.patient.id))
    assert response.status_code == status
    assert ("biopsy.pdf, page 1" in response.content.decode()) == (status == 200)


@pytest.mark.parametrize("wanted", ["not-a-uuid", "00000000-0000-0000-0000-000000000000"])
def test_an_unknown_patient_is_404(client, owner, wanted):
    client.force_login(owner)
    assert client.get(topic_url(patient=wanted)).status_code == 404


@pytest.mark.parametrize("persona", ["owner", "clinician"])
def test_reading_her_guidance_is_audit_logged(client, request, her_profile, persona):
    reader = request.getfixturevalue(persona)
    client.force_login(reader)
    url = topic_url(patient=her_profile.patient.id) if persona == "clinician" else topic_url()
    page_of(client, url)
    events = AccessEvent.objects.filter(actor=reader, patient=her_profile.patient)
    assert list(events.values_list("action", flat=True)) == [Action.VIEW_GUIDANCE]


def test_a_clinician_sees_no_patient_unless_naming_one(client, clinician, her_profile):
    client.force_login(clinician)
    page = page_of(client, topic_url())
    assert "biopsy.pdf" not in page and "For Ada" not in page
    assert f"?patient={her_profile.patient.id}" in page  # a link to choose her
    assert not AccessEvent.objects.filter(actor=clinician).exists()


# The patient herself


def test_a_patient_without_records_is_invited_to_upload(client, owner, patient):
    client.force_login(owner)
    page = page_of(client, topic_url())
    assert f'href="{reverse("upload", args=[patient.id])}"' in page
    assert "Clinical trials to ask about" not in page


def test_her_part_comes_after_the_general_answer(client, owner, her_profile):
    client.force_login(owner)
    page = page_of(client, topic_url())
    assert page.index(TOPIC["general"][-1]["text"]) < page.index(">For you<")


def test_her_evidence_links_to_the_page_it_was_read_from(client, owner, her_profile):
    client.force_login(owner)
    page = page_of(client, topic_url())
    document = her_profile.patient.documents.get()
    page_url = reverse("document-page", args=[her_profile.patient.id, document.id, 1])
    assert f'href="{page_url}?start=' in page
    assert "biopsy.pdf, page 1" in page


@pytest.mark.parametrize(
    "expected",
    ["Clinical trials to ask about", "Questions to ask your oncologist", "Not found in your"],
)
def test_her_page_has_trials_questions_and_missing_items(client, owner, her_profile, expected):
    client.force_login(owner)
    assert expected in page_of(client, topic_url())


def test_no_health_data_is_logged(client, owner, her_profile, caplog):
    client.force_login(owner)
    with caplog.at_level(logging.DEBUG):
        page_of(client, topic_url())
    assert "HER2" not in caplog.text and "biopsy" not in caplog.text


# The criteria checklist


@pytest.fixture
def her2_trial(db):
    """An imported trial of our own: HER2 CAR-T for metastatic breast cancer."""
    trial = Trial(
        nct_id="NCT09999999", title="HER2 CAR-T cells for metastatic breast cancer",
        phase="Phase 1", status="Recruiting", open=True, conditions=("Breast Cancer",),
        sites=("breast",), modality="CAR-T", target="HER2", source="test",
        criteria=(
            Criterion("HER2-positive breast cancer", True, "biomarker",
                      {"name": "HER2", "statuses": ["positive"]}),
            Criterion("Metastatic disease", True, "stage", {"metastatic": True}),
            Criterion("Prior treatment with any CAR-T cell therapy", False, "other", {}),
        ),
    )  # fmt: skip
    return TrialRow.objects.create(nct_id=trial.nct_id, data=trial.to_dict())


@pytest.fixture
def her_trials_page(client, owner, her_profile, her2_trial) -> str:
    client.force_login(owner)
    page = page_of(client, topic_url())
    start = page.index('id="trial-NCT09999999"')
    return page[start : page.index("</article>", start)]


@pytest.mark.parametrize(
    ("criterion", "words"),
    [
        ("HER2-positive breast cancer", "Met"),
        ("Metastatic disease", "Not known from your records"),
        ("Prior treatment with any CAR-T cell therapy", "Not known from your records"),
    ],
)
def test_her_trial_checklist_answers_each_criterion(her_trials_page, criterion, words):
    line = next(li for li in her_trials_page.split("<li") if criterion in li)
    assert f"<strong>{words}:</strong>" in line


def test_her_trial_lists_its_exclusions_apart(her_trials_page):
    excluded = her_trials_page.split("<h4>Who cannot join</h4>")[1]
    assert "Prior treatment with any CAR-T cell therapy" in excluded
    assert "Metastatic disease" not in excluded


def test_a_met_criterion_links_to_the_record_behind_it(her_trials_page):
    line = next(li for li in her_trials_page.split("<li") if "HER2-positive breast" in li)
    assert "biopsy.pdf, page 1</a>" in line


TRIAL = {
    "nct_id": "NCT00000001",
    "title": "A trial written for this test",
    "phase": "Phase 1",
    "status": "Recruiting",
    "target": "HER2",
    "fit": "possible",
    "criteria": [
        {"text": "HER2-positive breast cancer", "status": "met", "because": ["HER2.status"],
         "evidence": [{"file": "biopsy.pdf", "page": 1, "text": HER2_WORDS}]},
        {"text": "Metastatic disease", "status": "unknown", "because": ["stage.metastatic"],
         "evidence": []},
        {"text": "Prior CAR-T cell therapy", "status": "not met", "because": ["treatments"],
         "evidence": []},
        {"text": "Advanced HER2-positive solid tumour", "status": "met",
         "because": ["diagnosis.primary_site"], "evidence": []},
        {"text": "Advanced HER2-positive solid tumour", "status": "met",
         "because": ["HER2.status"], "evidence": []},
        {"text": "Advanced HER2-positive solid tumour", "status": "unknown",
         "because": ["stage.group"], "evidence": []},
    ],
}  # fmt: skip


@pytest.fixture
def checklist(patient, tmp_path) -> str:
    read_document(patient, tmp_path, [REPORT], name="biopsy.pdf")
    exclusions = frozenset({"Prior CAR-T cell therapy"})
    trial = trial_match(TRIAL, EvidenceFinder(patient), exclusions)
    guidance = {"personal": [], "trials": [trial], "questions": [], "missing": []}
    context = {"topic": topics.get_topic("test-topic"), "patient": patient, "is_owner": True}
    return render_to_string("guidance/topic_detail.html", {**context, "guidance": guidance})


@pytest.mark.parametrize(
    ("criterion", "symbol", "words"),
    [
        ("HER2-positive breast cancer", "✓", "Met"),
        ("Metastatic disease", "?", "Not known from your records"),
        ("Prior CAR-T cell therapy", "✗", "Rules you out"),
    ],
)
def test_each_criterion_says_its_status_in_words_and_symbol(checklist, criterion, symbol, words):
    line = next(li for li in checklist.split("<li") if criterion in li)
    assert f'aria-hidden="true">{symbol}</span>' in line
    assert f"<strong>{words}:</strong>" in line


def test_exclusions_are_listed_apart_from_what_the_trial_requires(checklist):
    required, excluded = checklist.split("<h4>Who cannot join</h4>")
    assert "<h4>Who can join</h4>" in required and "HER2-positive breast cancer" in required
    assert "Prior CAR-T cell therapy" in excluded and "HER2-positive" not in excluded


def test_a_sentence_checked_in_parts_is_shown_once_with_its_worst_answer(checklist):
    lines = [li for li in checklist.split('<li class="criterion') if "Advanced HER2" in li]
    assert len(lines) == 1
    assert "<strong>Not known from your records:</strong>" in lines[0]
    for part in ["where the cancer started: met", "HER2 result: met", "stage: not known"]:
        assert part in lines[0]


@pytest.mark.parametrize(
    "expected",
    [
        "Might be a fit: some things are not known yet",
        "What the trial asks: 1 fits your records, 1 does not, 2 not known",
        'href="https://clinicaltrials.gov/study/NCT00000001"',
        "Phase 1 · Recruiting · Target: HER2",
        "biopsy.pdf, page 1",
    ],
)
def test_a_trial_shows_its_fit_facts_and_evidence(checklist, expected):
    assert expected in checklist


def test_every_page_links_to_the_guides(client):
    response = client.get("/accounts/login/")
    assert 'href="/guidance/"' in response.content.decode()
