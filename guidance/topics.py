"""Guidance topics: general answers kept as reviewed JSON data, one file per topic.

Topics are written by people, not generated, so they live as data that can be read and
reviewed. Each file is validated on load: a malformed topic must stop the site, naming the
file, rather than show a patient half an answer.
"""

from __future__ import annotations

import json
import re
from dataclasses import dataclass
from datetime import date
from functools import cache
from pathlib import Path
from typing import Any

TOPICS_DIR = Path(__file__).resolve().parent / "topics"

RULE_NAMES = frozenset(
    {
        "her2_status",
        "hormone_receptors",
        "er_low",
        "triple_negative",
        "germline_brca",
        "pik3ca_esr1_akt",
        "early_or_metastatic",
        "prior_therapies",
        "male_breast",
        "missing_fields",
        "egfr_alk",
        "msi_status",
        "stage_summary",
    }
)
MODALITIES = frozenset(
    {
        "CAR-T",
        "TCR-T",
        "TIL",
        "NK",
        "ADC",
        "antibody",
        "small molecule",
        "endocrine",
        "immunotherapy",
        "other",
    }
)
_SLUG = re.compile(r"^[a-z0-9]+(?:-[a-z0-9]+)*$")
_KEYS = frozenset(
    {"slug", "title", "reviewed", "sources", "sites", "general", "questions", "trials", "rules"}
)


@dataclass(frozen=True)
class Section:
    """One heading of a topic's general answer."""

    heading: str
    text: str


@dataclass(frozen=True)
class Source:
    """A public page the topic was written from, so a reader can check it."""

    title: str
    url: str


@dataclass(frozen=True)
class TrialSelector:
    """Which catalog trials a topic shows; empty tuples mean "any"."""

    modalities: tuple[str, ...]
    targets: tuple[str, ...]
    sites: tuple[str, ...]


@dataclass(frozen=True)
class Topic:
    """A general educational answer and what may personalize it."""

    slug: str
    title: str
    reviewed: str
    sources: tuple[Source, ...]
    sites: tuple[str, ...]
    general: tuple[Section, ...]
    questions: tuple[str, ...]
    trials: TrialSelector | None
    rules: tuple[str, ...]

    def to_dict(self) -> dict[str, Any]:
        """The topic as plain data, in the shape of its JSON file."""
        return {
            "slug": self.slug,
            "title": self.title,
            "reviewed": self.reviewed,
            "sources": [{"title": s.title, "url": s.url} for s in self.sources],
            "sites": list(self.sites),
            "general": [{"heading": s.heading, "text": s.text} for s in self.general],
            "questions": list(self.questions),
            "trials": None
            if self.trials is None
            else {
                "modalities": list(self.trials.modalities),
                "targets": list(self.trials.targets),
                "sites": list(self.trials.sites),
            },
            "rules": list(self.rules),
        }


def _text(value: Any, what: str) -> str:
    if not isinstance(value, str) or not value.strip():
        raise ValueError(f"{what} must be a non-empty string")
    return value.strip()


def _texts(value: Any, what: str, *, allow_empty: bool = True) -> tuple[str, ...]:
    if not isinstance(value, list):
        raise ValueError(f"{what} must be a list")
    if not value and not allow_empty:
        raise ValueError(f"{what} must not be empty")
    return tuple(_text(item, f"{what}[{i}]") for i, item in enumerate(value))


def _reviewed(value: Any) -> str:
    text = _text(value, "reviewed")
    try:
        date.fromisoformat(text)
    except ValueError:
        raise ValueError(f"reviewed {text!r} is not a YYYY-MM-DD date") from None
    return text


def _sources(value: Any) -> tuple[Source, ...]:
    if not isinstance(value, list) or not value:
        raise ValueError("sources must be a non-empty list")
    sources = []
    for i, item in enumerate(value):
        if not isinstance(item, dict):
            raise ValueError(f"sources[{i}] must be an object with title and url")
        url = _text(item.get("url"), f"sources[{i}].url")
        if not url.startswith("https://"):
            raise ValueError(f"sources[{i}].url must be an https:// address")
        sources.append(Source(_text(item.get("title"), f"sources[{i}].title"), url))
    return tuple(sources)


def _general(value: Any) -> tuple[Section, ...]:
    if not isinstance(value, list) or not value:
        raise ValueError("general must be a non-empty list of sections")
    sections = []
    for i, item in enumerate(value):
        if not isinstance(item, dict):
            raise ValueError(f"general[{i}] must be an object with heading and text")
        sections.append(
            Section(
                _text(item.get("heading"), f"general[{i}].heading"),
                _text(item.get("text"), f"general[{i}].text"),
            )
        )
    return tuple(sections)


def _selector(value: Any) -> TrialSelector | None:
    if value is None:
        return None
    if not isinstance(value, dict) or set(value) != {"modalities", "targets", "sites"}:
        raise ValueError("trials must be null or an object with modalities, targets and sites")
    modalities = _texts(value["modalities"], "trials.modalities")
    unknown = set(modalities) - MODALITIES
    if unknown:
        raise ValueError(f"trials.modalities has unknown {sorted(unknown)}")
    return TrialSelector(
        modalities,
        _texts(value["targets"], "trials.targets"),
        _texts(value["sites"], "trials.sites"),
    )


def _rules(value: Any) -> tuple[str, ...]:
    rules = _texts(value, "rules")
    unknown = set(rules) - RULE_NAMES
    if unknown:
        raise ValueError(f"rules has unknown {sorted(unknown)}")
    return rules


def parse_topic(data: Any) -> Topic:
    """Validate one topic's data and build it; ValueError says what is wrong."""
    if not isinstance(data, dict):
        raise ValueError("a topic must be a JSON object")
    if set(data) != _KEYS:
        missing, extra = sorted(_KEYS - set(data)), sorted(set(data) - _KEYS)
        raise ValueError(f"topic keys wrong: missing {missing}, unexpected {extra}")
    slug = _text(data["slug"], "slug")
    if not _SLUG.match(slug):
        raise ValueError(f"slug {slug!r} must be lower-case words joined by hyphens")
    return Topic(
        slug=slug,
        title=_text(data["title"], "title"),
        reviewed=_reviewed(data["reviewed"]),
        sources=_sources(data["sources"]),
        sites=_texts(data["sites"], "sites"),
        general=_general(data["general"]),
        questions=_texts(data["questions"], "questions", allow_empty=False),
        trials=_selector(data["trials"]),
        rules=_rules(data["rules"]),
    )


def read_topic(path: Path) -> Topic:
    """Read and validate one topic file; errors name the file, and its name must be the slug."""
    try:
        topic = parse_topic(json.loads(path.read_text(encoding="utf-8")))
    except (ValueError, OSError) as error:
        raise ValueError(f"{path.name}: {error}") from error
    if topic.slug != path.stem:
        raise ValueError(f"{path.name}: slug {topic.slug!r} does not match the file name")
    return topic


def read_topics(directory: Path) -> dict[str, Topic]:
    """Every topic in a directory, by slug, in slug order."""
    topics = [read_topic(path) for path in sorted(directory.glob("*.json"))]
    return {topic.slug: topic for topic in topics}


@cache
def load_topics() -> dict[str, Topic]:
    """The shipped topics, read and validated once per process (`cache_clear()` re-reads)."""
    return read_topics(TOPICS_DIR)


def get_topic(slug: str) -> Topic:
    """One shipped topic; KeyError for a slug that does not exist."""
    topics = load_topics()
    if slug not in topics:
        raise KeyError(slug)
    return topics[slug]
