"""Personalization: the general answer kept, personal sections only where the records say so."""

import json
import re
from pathlib import Path

import jsonschema
import pytest

from guidance.markdown import render_markdown
from guidance.personalize import personalize
from guidance.topics import RULE_NAMES, load_topics, parse_topic
from tests.guidance.profiles import (
    ER_LOW,
    ER_POS,
    HER2_POS,
    PR_NEG,
    PROFILES,
    TRIALS,
    marker,
    profile,
)

ROOT = Path(__file__).resolve().parents[2]
SCHEMA = json.loads((ROOT / "guidance/guidance.schema.json").read_text())

TOPIC = parse_topic(
    {
        "slug": "test-topic",
        "title": "A test topic",
        "reviewed": "2026-01-01",
        "sources": [{"title": "A source", "url": "https://example.org/"}],
        "sites": [],
        "general": [{"heading": "For everyone", "text": "The same for every reader."}],
        "questions": ["A general question?"],
        "trials": {"modalities": [], "targets": [], "sites": []},
        "rules": sorted(RULE_NAMES),
    }
)


def document(name: str) -> dict:
    return personalize(TOPIC, PROFILES[name], TRIALS)


def headings(doc: dict) -> set[str]:
    return {s["heading"] for s in doc["personal"]}


def all_quotes(facts: dict) -> list[dict]:
    items = [*facts["biomarkers"], facts["stage"], *facts["treatments"]]
    return [q for item in items for q in item.get("evidence") or []]


@pytest.mark.parametrize("name", sorted(PROFILES))
def test_it_follows_the_contract(name):
    jsonschema.validate(document(name), SCHEMA)


@pytest.mark.parametrize("name", sorted(PROFILES))
def test_the_general_answer_is_kept_as_the_topic_has_it(name):
    assert document(name)["general"] == [
        {"heading": "For everyone", "text": "The same for every reader."}
    ]


@pytest.mark.parametrize("name", sorted(PROFILES))
def test_every_personal_section_quotes_the_profile(name):
    quotes = all_quotes(PROFILES[name])
    for section in document(name)["personal"]:
        assert section["because"] and section["evidence"]
        assert all(q in quotes for q in section["evidence"])
        assert section["evidence"][0]["text"] in section["text"]


@pytest.mark.parametrize(
    ("name", "present", "absent"),
    [
        (
            "her2_positive_metastatic_after_trastuzumab",
            {"Your HER2 status", "Early or metastatic", "Treatments you have had"},
            {"Triple-negative breast cancer", "Your hormone receptors"},
        ),
        (
            "her2_low_hr_positive",
            {"Your HER2 status", "Your hormone receptors"},
            {"Triple-negative breast cancer", "Your BRCA result"},
        ),
        (
            "her2_zero_tnbc_brca1",
            {"Your HER2 status", "Triple-negative breast cancer", "Your BRCA result"},
            {"Your hormone receptors"},
        ),
        (
            "early_hr_positive",
            {"Your hormone receptors", "Early or metastatic", "Your stage"},
            {"Triple-negative breast cancer"},
        ),
        ("her2_missing", {"Your hormone receptors"}, {"Your HER2 status"}),
        (
            "egfr_lung",
            {"Your lung cancer driver mutations", "Early or metastatic"},
            {"Your HER2 status", "Your hormone receptors", "Triple-negative breast cancer"},
        ),
    ],
)
def test_personal_sections_appear_only_where_the_profile_says_so(name, present, absent):
    found = headings(document(name))
    assert present <= found
    assert not absent & found


@pytest.mark.parametrize(
    ("name", "words", "contradictions"),
    [
        ("her2_positive_metastatic_after_trastuzumab", "HER2-positive", ["HER2-low", "HER2-zero"]),
        ("her2_low_hr_positive", "HER2-low", ["HER2-positive:", "HER2-zero"]),
        ("her2_zero_tnbc_brca1", "HER2-zero", ["HER2-positive:", "HER2-low:"]),
    ],
)
def test_the_her2_section_says_what_the_record_says(name, words, contradictions):
    section = next(s for s in document(name)["personal"] if s["heading"] == "Your HER2 status")
    assert f"read as {words}" in section["text"]
    assert not any(f"read as {c}" in section["text"] for c in contradictions)


@pytest.mark.parametrize(
    ("name", "field"),
    [("her2_missing", "HER2"), ("egfr_lung", "MSI")],
)
def test_a_field_missing_from_the_records_becomes_a_missing_item_and_a_question(name, field):
    doc = document(name)
    item = next(m for m in doc["missing"] if m["field"] == field)
    assert item["why_it_matters"] and item["ask"] in doc["questions"]


def test_a_missing_field_is_never_given_a_value():
    doc = document("her2_missing")
    assert not any("HER2" in s["because"][0] for s in doc["personal"])


def test_er_low_is_explained_and_not_called_hormone_receptor_positive():
    doc = personalize(TOPIC, profile(biomarkers=[ER_LOW, PR_NEG]), [])
    assert "Your ER-low result" in headings(doc)
    assert "Your hormone receptors" not in headings(doc)


def test_records_that_disagree_are_shown_as_a_disagreement_not_a_value():
    facts = profile(
        biomarkers=[HER2_POS],
        conflicts=[{"field": "HER2.status", "values": ["positive", "low"], "note": "two reports"}],
    )
    doc = personalize(TOPIC, facts, [])
    assert "Your records disagree about HER2" in headings(doc)
    assert "Your HER2 status" not in headings(doc)


@pytest.mark.parametrize(
    ("origin", "words"),
    [
        ("germline", "inherited (germline)"),
        ("somatic", "found in the tumour"),
        (None, "do not say whether it is inherited"),
    ],
)
def test_brca_text_follows_the_variant_origin(origin, words):
    brca = marker("BRCA2", "BRCA2 c.5946delT pathogenic", status="pathogenic", origin=origin)
    doc = personalize(TOPIC, profile(biomarkers=[brca]), [])
    section = next(s for s in doc["personal"] if s["heading"] == "Your BRCA result")
    assert words in section["text"]


def test_male_breast_cancer_is_not_guessed_and_sex_criteria_become_questions():
    doc = document("male")
    assert not any(
        re.search(r"\b(male|man|men|woman|women)\b", s["text"], re.I) for s in doc["personal"]
    )
    sex = next(
        c for t in doc["trials"] for c in t["criteria"] if c["text"] == "Female participants"
    )
    assert sex["status"] == "unknown"
    assert any("Female participants" in q for q in doc["questions"])


@pytest.mark.parametrize("name", sorted(PROFILES))
def test_it_never_tells_the_patient_what_to_take(name):
    text = json.dumps(document(name)).lower()
    assert not re.search(r"\byou should (take|start|stop)\b|\bwe recommend\b", text)
    assert "oncologist" in document(name)["disclaimer"]


@pytest.mark.parametrize("name", sorted(PROFILES))
def test_the_markdown_carries_the_same_content(name):
    doc = document(name)
    text = render_markdown(doc)
    assert text.startswith(f"# {doc['topic']['title']}")
    for part in [*doc["personal"], *doc["general"]]:
        assert part["text"] in text
    assert all(t["nct_id"] in text for t in doc["trials"]) and doc["disclaimer"] in text


@pytest.mark.parametrize("slug", sorted(load_topics()))
@pytest.mark.parametrize("name", ["her2_zero_tnbc_brca1", "egfr_lung", "her2_missing"])
def test_every_shipped_topic_personalizes_to_the_contract(slug, name):
    doc = personalize(load_topics()[slug], PROFILES[name], TRIALS)
    jsonschema.validate(doc, SCHEMA)
    assert doc["topic"]["slug"] == slug


def test_hr_positive_section_rests_on_the_positive_receptor():
    doc = personalize(TOPIC, profile(biomarkers=[ER_POS, PR_NEG]), [])
    section = next(s for s in doc["personal"] if s["heading"] == "Your hormone receptors")
    assert section["because"] == ["ER.status"]
