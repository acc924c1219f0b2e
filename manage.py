#!/usr/bin/env python
"""Django's command-line utility for Navis."""

import os
import secrets
import shutil
import sys
import tempfile

# Commands that must leave nothing behind: they get a throw-away data directory and key.
STATELESS_COMMANDS = {"extract_profile", "personalize"}


def main() -> None:
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "navis.settings")
    scratch = None
    if len(sys.argv) > 1 and sys.argv[1] in STATELESS_COMMANDS:
        scratch = tempfile.mkdtemp(prefix="navis-")
        os.environ["NAVIS_DATA_DIR"] = scratch
        os.environ.setdefault("SECRET_KEY", secrets.token_urlsafe(50))
    from django.core.management import execute_from_command_line

    try:
        execute_from_command_line(sys.argv)
    finally:
        if scratch:
            shutil.rmtree(scratch, ignore_errors=True)


if __name__ == "__main__":
    main()
