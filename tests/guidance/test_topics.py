"""The shipped topics: each one loads, is valid, and says what the issue asks of it.

A topic is reviewed writing kept as data. These tests check its shape and its promised content
(by headings and key phrases), and that a broken file stops loading with its name in the error.
"""

import copy
import json
import re
from datetime import date
from urllib.parse import urlparse

import pytest

from guidance import topics

SLUGS = [
    "car-t-breast",
    "her2-targeted-therapy",
    "her2-low-adc",
    "endocrine-cdk46",
    "brca-parp",
    "pik3ca-akt-esr1",
    "tnbc-immunotherapy",
    "pathology-report",
    "stage-meaning",
    "clinical-trials-basics",
    "genetic-testing",
    "egfr-alk-lung",
    "msi-high-colorectal",
]
TRUSTED_HOSTS = {
    "www.cancer.gov",
    "www.cancer.org",
    "www.nccn.org",
    "clinicaltrials.gov",
    "www.fda.gov",
    "dailymed.nlm.nih.gov",
    "www.cancer.net",
}
VALID = {
    "slug": "sample-topic",
    "title": "What does a sample topic say?",
    "reviewed": "2026-11-24",
    "sources": [{"title": "NCI: Cancer Staging", "url": "https://www.cancer.gov/"}],
    "sites": ["breast"],
    "general": [{"heading": "An idea", "text": "A plain sentence."}],
    "questions": ["What does this mean for me?"],
    "trials": {"modalities": ["CAR-T"], "targets": ["HER2"], "sites": ["breast"]},
    "rules": ["her2_status"],
}


@pytest.fixture(autouse=True)
def fresh_cache():
    """Each test reads the shipped files itself, whatever another test cached."""
    topics.load_topics.cache_clear()
    yield
    topics.load_topics.cache_clear()


def write(directory, data, name="sample-topic.json"):
    path = directory / name
    path.write_text(data if isinstance(data, str) else json.dumps(data), encoding="utf-8")
    return path


def all_text(topic: topics.Topic) -> str:
    parts = [topic.title, *topic.questions]
    parts += [f"{section.heading}\n{section.text}" for section in topic.general]
    return "\n".join(parts)


# --- every shipped topic -----------------------------------------------------------------


def test_it_ships_every_topic_the_issue_lists():
    assert set(SLUGS) <= set(topics.load_topics())


@pytest.mark.parametrize("slug", SLUGS)
def test_each_topic_is_reviewed_on_the_review_date(slug):
    assert topics.get_topic(slug).reviewed == "2026-11-24"


@pytest.mark.parametrize("slug", SLUGS)
def test_each_topic_cites_only_trusted_public_sources(slug):
    sources = topics.get_topic(slug).sources
    assert len(sources) >= 3
    assert {urlparse(source.url).hostname for source in sources} <= TRUSTED_HOSTS


@pytest.mark.parametrize("slug", SLUGS)
def test_each_topic_says_it_is_information_not_advice(slug):
    text = all_text(topics.get_topic(slug)).lower()
    assert "for informational purposes only" in text
    assert "not medical advice" in text


@pytest.mark.parametrize("slug", SLUGS)
def test_each_topic_asks_the_oncologist_at_least_three_questions(slug):
    questions = topics.get_topic(slug).questions
    assert len(questions) >= 3
    assert all(question.endswith("?") for question in questions)


@pytest.mark.parametrize("slug", SLUGS)
def test_each_topic_is_written_in_short_sentences(slug):
    """A frightened, busy reader: no sentence past 32 words, about 15 on average."""
    sentences = [
        sentence
        for section in topics.get_topic(slug).general
        for sentence in re.split(r"(?<=[.!?])\s+", section.text)
    ]
    lengths = [len(sentence.split()) for sentence in sentences]
    assert max(lengths) <= 32
    assert sum(lengths) / len(lengths) <= 16


PRESCRIBING = re.compile(
    r"\byou (?:should|must|need to) (?:take|start|stop|have|get|ask for)\b"
    r"|\b(?:take|start|stop taking) (?:this|these|it)\b"
    r"|\bask your doctor for\b",
    re.IGNORECASE,
)


@pytest.mark.parametrize("slug", SLUGS)
def test_each_topic_explains_and_does_not_prescribe(slug):
    assert not PRESCRIBING.search(all_text(topics.get_topic(slug)))


@pytest.mark.parametrize(
    "sentence",
    ["You should take olaparib.", "Stop taking it now.", "Ask your doctor for T-DXd."],
)
def test_the_prescribing_check_catches_orders(sentence):
    assert PRESCRIBING.search(sentence)


@pytest.mark.parametrize("slug", SLUGS)
def test_each_topic_file_holds_exactly_what_the_topic_holds(slug):
    path = topics.TOPICS_DIR / f"{slug}.json"
    assert topics.get_topic(slug).to_dict() == json.loads(path.read_text(encoding="utf-8"))


def test_slugs_are_unique_and_match_their_file_names():
    files = sorted(path.stem for path in topics.TOPICS_DIR.glob("*.json"))
    assert files == sorted(topics.load_topics())


@pytest.mark.parametrize(
    ("slug", "sites", "modalities", "targets"),
    [
        ("car-t-breast", ["breast"], ["CAR-T"], []),
        ("her2-targeted-therapy", ["breast"], [], ["HER2"]),
        ("her2-low-adc", ["breast"], ["ADC"], ["HER2", "TROP2"]),
        ("brca-parp", ["breast"], [], ["PARP"]),
        ("tnbc-immunotherapy", ["breast"], ["immunotherapy", "ADC"], []),
        ("egfr-alk-lung", ["lung"], [], ["EGFR", "ALK"]),
        ("msi-high-colorectal", ["colon", "rectum"], ["immunotherapy"], []),
        ("clinical-trials-basics", [], [], []),
    ],
)
def test_a_topic_is_about_its_sites_and_shows_its_kind_of_trials(slug, sites, modalities, targets):
    topic = topics.get_topic(slug)
    assert list(topic.sites) == sites
    assert set(sites) <= set(topic.trials.sites)
    assert list(topic.trials.modalities) == modalities
    assert list(topic.trials.targets) == targets


@pytest.mark.parametrize("slug", ["pathology-report", "stage-meaning", "genetic-testing"])
def test_a_topic_about_reading_records_shows_no_trials(slug):
    assert topics.get_topic(slug).trials is None


@pytest.mark.parametrize(
    ("slug", "rule"),
    [
        ("car-t-breast", "her2_status"),
        ("car-t-breast", "missing_fields"),
        ("her2-targeted-therapy", "prior_therapies"),
        ("endocrine-cdk46", "er_low"),
        ("endocrine-cdk46", "male_breast"),
        ("brca-parp", "germline_brca"),
        ("pik3ca-akt-esr1", "pik3ca_esr1_akt"),
        ("tnbc-immunotherapy", "triple_negative"),
        ("stage-meaning", "stage_summary"),
        ("egfr-alk-lung", "egfr_alk"),
        ("msi-high-colorectal", "msi_status"),
    ],
)
def test_a_topic_is_personalized_by_the_rules_about_its_subject(slug, rule):
    assert rule in topics.get_topic(slug).rules


# --- the CAR-T topic covers the general answer the issue describes -----------------------


@pytest.mark.parametrize(
    "phrase",
    [
        "T cells",
        "chimeric antigen receptor",
        "Collection",
        "Engineering",
        "Expansion",
        "Infusion",
        "no CAR-T therapy is approved for breast cancer",
        "only available inside clinical trials",
        "HER2-targeted CAR-T is the most advanced area",
        "(ER)-positive breast cancer are investigational",
        "microenvironment",
        "target specificity",
        "penetration",
        "Cytokine release syndrome",
        "NCCN Guidelines for Patients",
        "American Cancer Society",
        "ClinicalTrials.gov",
    ],
)
def test_the_car_t_topic_explains(phrase):
    assert phrase in all_text(topics.get_topic("car-t-breast"))


@pytest.mark.parametrize(
    "heading",
    [
        "The basic mechanism",
        "How it is made and given",
        "Is it standard care for breast cancer?",
        "Which approaches are being studied",
        "Why solid tumours are hard for CAR-T",
        "Where to learn more",
        "For informational purposes only",
    ],
)
def test_the_car_t_topic_has_the_section(heading):
    headings = [section.heading for section in topics.get_topic("car-t-breast").general]
    assert heading in headings


def test_the_car_t_topic_explains_the_mechanism_first():
    assert topics.get_topic("car-t-breast").general[0].heading == "The basic mechanism"


@pytest.mark.parametrize(
    "words",
    [
        ("trials", "type", "stage"),
        ("target protein",),
        ("side effects", "managed"),
        ("compare", "other immunotherapy"),
        ("where", "find", "trials"),
    ],
)
def test_the_car_t_topic_suggests_asking_the_oncologist(words):
    questions = [question.lower() for question in topics.get_topic("car-t-breast").questions]
    assert any(all(word in question for word in words) for question in questions)


@pytest.mark.parametrize("host", ["www.nccn.org", "www.cancer.org", "clinicaltrials.gov"])
def test_the_car_t_topic_cites(host):
    hosts = {urlparse(source.url).hostname for source in topics.get_topic("car-t-breast").sources}
    assert host in hosts


# --- loading and refusing -----------------------------------------------------------------


def test_an_unknown_slug_is_a_key_error():
    with pytest.raises(KeyError):
        topics.get_topic("no-such-topic")


def test_a_valid_file_loads_with_sections_as_dataclasses(tmp_path):
    write(tmp_path, VALID)
    topic = topics.read_topics(tmp_path)["sample-topic"]
    assert topic.general == (topics.Section("An idea", "A plain sentence."),)
    assert topic.reviewed == date(2026, 11, 24).isoformat()


def test_the_shipped_topics_are_read_once(monkeypatch, tmp_path):
    first = topics.load_topics()
    monkeypatch.setattr(topics, "TOPICS_DIR", tmp_path)
    assert topics.load_topics() is first


def set_path(data, path, value):
    target = data
    for key in path[:-1]:
        target = target[key]
    if value is KeyError:
        del target[path[-1]]
    else:
        target[path[-1]] = value


@pytest.mark.parametrize(
    ("path", "value", "complaint"),
    [
        (("title",), KeyError, "missing ['title']"),
        (("summary",), "extra key", "unexpected ['summary']"),
        (("slug",), "Sample Topic", "slug"),
        (("title",), "  ", "title"),
        (("reviewed",), "24/11/2026", "reviewed"),
        (("reviewed",), "2026-02-30", "reviewed"),
        (("sources",), [], "sources"),
        (("sources", 0, "url"), "http://www.cancer.gov/", "https"),
        (("sources", 0, "title"), "", "sources[0].title"),
        (("general",), [], "general"),
        (("general", 0, "text"), "", "general[0].text"),
        (("general", 0), "just text", "general[0]"),
        (("questions",), [], "questions"),
        (("sites",), "breast", "sites"),
        (("trials", "modalities"), ["gene therapy"], "unknown ['gene therapy']"),
        (("trials", "sites"), KeyError, "trials"),
        (("rules",), ["her2_status", "horoscope"], "unknown ['horoscope']"),
    ],
)
def test_a_bad_topic_is_refused_naming_its_file_and_fault(tmp_path, path, value, complaint):
    data = copy.deepcopy(VALID)
    set_path(data, path, value)
    write(tmp_path, data)
    with pytest.raises(ValueError, match=r"^sample-topic\.json: ") as refused:
        topics.read_topics(tmp_path)
    assert complaint in str(refused.value)


@pytest.mark.parametrize(
    ("content", "complaint"),
    [
        ("{not json", "Expecting"),
        ("[]", "JSON object"),
    ],
)
def test_a_file_that_is_not_a_topic_object_is_refused_by_name(tmp_path, content, complaint):
    write(tmp_path, content)
    with pytest.raises(ValueError, match=r"^sample-topic\.json: ") as refused:
        topics.read_topics(tmp_path)
    assert complaint in str(refused.value)


def test_a_file_named_other_than_its_slug_is_refused(tmp_path):
    write(tmp_path, VALID, name="other-name.json")
    with pytest.raises(ValueError, match=r"^other-name\.json: .*does not match the file name"):
        topics.read_topics(tmp_path)


def test_one_bad_file_stops_the_shipped_topics_loading(tmp_path, monkeypatch):
    write(tmp_path, VALID)
    write(tmp_path, {**VALID, "slug": "broken", "reviewed": "soon"}, name="broken.json")
    monkeypatch.setattr(topics, "TOPICS_DIR", tmp_path)
    with pytest.raises(ValueError, match=r"^broken\.json: reviewed"):
        topics.load_topics()


def test_a_null_trials_selector_means_the_topic_shows_no_trials(tmp_path):
    write(tmp_path, {**VALID, "trials": None})
    assert topics.read_topics(tmp_path)["sample-topic"].trials is None
