"""``manage.py import_trials PATH...``: upsert ClinicalTrials.gov API v2 JSON into the database.

PATH is a v2 study, a ``/studies`` search page, or a directory of them (``*.json``, recursive).
Re-importing the same files changes nothing. Every file is read before
anything is written: one unreadable file stops the import with exit status 2.
"""

from __future__ import annotations

import json
import sys
from pathlib import Path

from django.core.management.base import BaseCommand, CommandParser
from django.db import transaction

from guidance.models import Trial as TrialRow
from guidance.trials.ctgov import read_ctgov
from guidance.trials.model import Trial


def json_files(paths: list[Path]) -> list[Path]:
    """The JSON files named, and those under any directory named, in a stable order."""
    out: list[Path] = []
    for path in paths:
        out += sorted(path.rglob("*.json")) if path.is_dir() else [path]
    return out


class Command(BaseCommand):
    help = "Import ClinicalTrials.gov API v2 JSON studies (files or directories) as trials."

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("paths", nargs="+", type=Path, metavar="PATH")

    def handle(self, *args, paths: list[Path], **options) -> None:
        trials: dict[str, Trial] = {}
        errors: list[str] = []
        files = json_files(paths)
        for path in files:
            try:
                for trial in read_ctgov(json.loads(path.read_text(encoding="utf-8"))):
                    trials[trial.nct_id] = trial
            except (
                OSError,
                UnicodeDecodeError,
                ValueError,
                KeyError,
                TypeError,
                AttributeError,
            ) as exc:
                errors.append(f"{path}: not ClinicalTrials.gov v2 JSON ({exc})")
        if not files:
            errors.append("no JSON files found in " + ", ".join(str(p) for p in paths))
        if errors:
            for line in errors:
                self.stderr.write(line)
            self.stderr.write("nothing imported")
            sys.exit(2)
        created = updated = unchanged = 0
        with transaction.atomic():
            for nct_id, trial in sorted(trials.items()):
                data = trial.to_dict()
                row = TrialRow.objects.filter(nct_id=nct_id).first()
                if row is None:
                    TrialRow.objects.create(nct_id=nct_id, data=data)
                    created += 1
                elif row.data != data:
                    row.data = data
                    row.save()
                    updated += 1
                else:
                    unchanged += 1
        self.stdout.write(
            f"{len(files)} files, {len(trials)} trials: {created} created, {updated} updated, "
            f"{unchanged} unchanged"
        )
