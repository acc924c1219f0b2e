"""``python manage.py extract_profile FILE... --format json``: one patient's profile, no server.

Prints the profile (contract navis.profile.v1) and nothing else on stdout; progress and
unreadable files go to stderr; exit status 2 when any file could not be read. Nothing is
written to the database or the data directory.
"""

from __future__ import annotations

import json
import sys
from pathlib import Path

from django.core.management.base import BaseCommand, CommandParser

from workers.extraction.consolidate import build_profile
from workers.extraction.files import read_files
from workers.pipeline.runner import DEFAULT_LIMITS
from workers.pipeline.types import Limits


class Command(BaseCommand):
    help = "Extract one patient's profile from her documents and print it as JSON."
    requires_system_checks: list = []  # no server, no database: nothing to check
    requires_migrations_checks = False

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("files", nargs="+", type=Path, help="the patient's PDF or photo files")
        parser.add_argument("--format", choices=["json"], default="json", help="output format")

    def handle(self, *args, files: list[Path], **options) -> None:
        from django.conf import settings

        limits = Limits(
            max_bytes=getattr(settings, "NAVIS_MAX_UPLOAD_BYTES", DEFAULT_LIMITS.max_bytes),
            max_pages=getattr(settings, "NAVIS_MAX_PAGES", DEFAULT_LIMITS.max_pages),
            ocr_dpi=getattr(settings, "NAVIS_OCR_DPI", DEFAULT_LIMITS.ocr_dpi),
        )
        for path in files:
            self.stderr.write(f"reading {path}")
        read, unreadable = read_files(files, limits)
        for problem in unreadable:
            self.stderr.write(f"{problem.file}: {problem.reason}")
        profile = build_profile([item.facts for item in read])
        sys.stdout.write(json.dumps(profile, indent=2, ensure_ascii=False) + "\n")
        sys.stdout.flush()
        if unreadable:
            sys.exit(2)
