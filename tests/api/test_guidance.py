"""Guidance, trial matches and the trial catalog through the API."""

import json
from pathlib import Path

import jsonschema
import pytest
from django.urls import reverse

SCHEMA = json.loads(
    (Path(__file__).resolve().parents[2] / "guidance/guidance.schema.json").read_text()
)


def test_guidance_is_the_guidance_contract_for_her_profile(api_as, owner, patient, biopsy):
    url = reverse("api-guidance", args=[patient.id, "her2-low-adc"])
    document = api_as(owner).get(url).json()
    jsonschema.validate(document, SCHEMA)
    assert any("HER2-low" in section["text"] for section in document["personal"])


def test_an_unknown_topic_is_404(api_as, owner, patient):
    response = api_as(owner).get(reverse("api-guidance", args=[patient.id, "no-such-topic"]))
    assert response.status_code == 404


def test_trial_matches_need_a_topic(api_as, owner, patient):
    response = api_as(owner).get(reverse("api-trial-matches", args=[patient.id]))
    assert response.status_code == 400 and "topic" in response.json()["error"]["fields"]


def test_trial_matches_judge_every_criterion(api_as, owner, patient, biopsy):
    url = reverse("api-trial-matches", args=[patient.id])
    matches = api_as(owner).get(url, {"topic": "her2-low-adc"}).json()
    assert matches
    statuses = {c["status"] for m in matches for c in m["criteria"]}
    assert statuses <= {"met", "not met", "unknown"}


def test_topics_are_listed(api_as, owner):
    topics = api_as(owner).get(reverse("api-topics")).json()
    assert "car-t-breast" in {topic["slug"] for topic in topics}


@pytest.mark.parametrize(
    ("query", "holds"),
    [
        ({"condition": "breast"}, lambda t: any("breast" in c.lower() for c in t["conditions"])),
        ({"target": "her2"}, lambda t: (t["target"] or "").lower() == "her2"),
        ({"open": "true"}, lambda t: t["open"]),
        ({"status": "recruiting"}, lambda t: t["status"].lower() == "recruiting"),
    ],
)
def test_the_catalog_is_searched(api_as, owner, query, holds):
    found = api_as(owner).get(reverse("api-trials"), {**query, "page_size": 500}).json()
    assert found["count"] > 0
    assert all(holds(trial) for trial in found["results"])


def test_a_bad_open_filter_is_400(api_as, owner):
    response = api_as(owner).get(reverse("api-trials"), {"open": "maybe"})
    assert response.status_code == 400


def test_one_trial_by_its_id(api_as, owner):
    first = api_as(owner).get(reverse("api-trials")).json()["results"][0]
    trial = api_as(owner).get(reverse("api-trial", args=[first["nct_id"].lower()])).json()
    assert trial["nct_id"] == first["nct_id"] and trial["criteria"]
