"""One topic, one patient's profile, the trial catalog in: one navis.guidance.v1 document out.

The general answer is kept as the topic has it; personal sections are added only where a rule
finds something in the profile, each citing the record. Trial matches, personal questions and
every unknown criterion become questions for the oncologist. Plain data, no Django.
"""

from __future__ import annotations

from collections.abc import Iterable
from typing import Any

from guidance.matching import match_trials, unknown_questions
from guidance.personal_rules import load_rules, run_rules

SCHEMA = "navis.guidance.v1"


def _topic_dict(topic: Any) -> dict:
    return topic.to_dict() if hasattr(topic, "to_dict") else dict(topic)


def _unique(items: Iterable[str]) -> list[str]:
    return list(dict.fromkeys(item for item in items if item))


def personalize(topic: Any, profile: dict, trials: Iterable[Any]) -> dict:
    """The whole guidance document for this topic and this patient."""
    data = _topic_dict(topic)
    findings = run_rules(list(data.get("rules") or []), profile)
    personal = [f.section for f in findings if f.section]
    missing: dict[str, dict] = {}
    for finding in findings:
        if finding.missing and finding.missing["field"] not in missing:
            missing[finding.missing["field"]] = finding.missing
    matches = match_trials(list(trials), profile, topic)
    questions = _unique(
        [f.question for f in findings if f.section and f.question]
        + [m["ask"] for m in missing.values()]
        + list(data.get("questions") or [])
        + unknown_questions(matches)
    )
    return {
        "schema": SCHEMA,
        "topic": {
            "slug": data["slug"],
            "title": data["title"],
            "reviewed": data["reviewed"],
            "sources": [{"title": s["title"], "url": s["url"]} for s in data.get("sources") or []],
        },
        "general": [
            {"heading": s["heading"], "text": s["text"]} for s in data.get("general") or []
        ],
        "personal": personal,
        "trials": matches,
        "questions": questions,
        "missing": list(missing.values()),
        "disclaimer": load_rules()["disclaimer"],
    }
