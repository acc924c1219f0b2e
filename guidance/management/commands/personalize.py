"""``python manage.py personalize TOPIC PROFILE.json [--format json|markdown]`` and ``--list``.

Prints one navis.guidance.v1 document on stdout, offline, using the trial catalog shipped with
Navis (no database). An unknown topic or an invalid profile is named on stderr, exit status 2.
"""

from __future__ import annotations

import json
import sys
from pathlib import Path
from typing import Any

import jsonschema
from django.core.management.base import BaseCommand, CommandParser

from guidance.markdown import render_markdown
from guidance.personalize import personalize
from guidance.topics import get_topic, load_topics
from vocabulary import contract


def read_profile(path: Path) -> tuple[dict | None, str | None]:
    """The profile, or the reason it cannot be used (a return value: a bad file is expected)."""
    try:
        profile = json.loads(path.read_text(encoding="utf-8"))
    except OSError as error:
        return None, f"{path}: cannot read the profile ({error.strerror or error})"
    except (UnicodeDecodeError, json.JSONDecodeError) as error:
        return None, f"{path}: not a JSON profile ({error})"
    problem = jsonschema.exceptions.best_match(
        jsonschema.Draft202012Validator(contract.schema()).iter_errors(profile)
    )
    if problem is not None:
        where = "/".join(str(p) for p in problem.absolute_path) or "the top level"
        return None, f"{path}: not a navis.profile.v1 profile: {problem.message} (at {where})"
    return profile, None


def shipped_trials() -> list[Any]:
    """The catalog shipped with Navis: the command never needs a database."""
    from guidance.trials.catalog import load_catalog

    return load_catalog()


class Command(BaseCommand):
    help = "Personalize one guidance topic for one patient's profile and print it."
    requires_system_checks: list = []  # no server, no database: nothing to check
    requires_migrations_checks = False

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("topic", nargs="?", help="topic slug, e.g. car-t-breast")
        parser.add_argument("profile", nargs="?", type=Path, help="a navis.profile.v1 JSON file")
        parser.add_argument("--format", choices=["json", "markdown"], default="json")
        parser.add_argument("--list", action="store_true", help="print the topics and exit")

    def fail(self, message: str) -> None:
        self.stderr.write(message)
        sys.exit(2)

    def handle(self, *args, topic: str | None, profile: Path | None, **options) -> None:
        if options["list"]:
            for slug, item in load_topics().items():
                sys.stdout.write(f"{slug}\t{item.title}\n")
            return
        if not topic or profile is None:
            self.fail("usage: personalize TOPIC PROFILE.json [--format json|markdown], or --list")
        try:
            chosen = get_topic(topic)
        except KeyError:
            self.fail(f"unknown topic {topic!r}; `personalize --list` shows the topics")
        data, problem = read_profile(profile)
        if problem:
            self.fail(problem)
        document = personalize(chosen, data, shipped_trials())
        if options["format"] == "markdown":
            sys.stdout.write(render_markdown(document))
        else:
            sys.stdout.write(json.dumps(document, indent=2, ensure_ascii=False) + "\n")
        sys.stdout.flush()
