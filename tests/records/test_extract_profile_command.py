"""``manage.py extract_profile``: the profile on stdout, problems on stderr, exit 2, no traces."""

import json
import os
import subprocess
import sys
from pathlib import Path

import jsonschema

from tests import documents as docs
from vocabulary import contract

ROOT = Path(__file__).resolve().parents[2]
SCHEMA = contract.schema()


def run(tmp_path: Path, *files: Path) -> subprocess.CompletedProcess:
    env = {**os.environ, "NAVIS_DATA_DIR": str(tmp_path / "data")}
    return subprocess.run(
        [sys.executable, "manage.py", "extract_profile", *map(str, files), "--format", "json"],
        cwd=ROOT,
        env=env,
        capture_output=True,
        text=True,
        timeout=120,
        check=False,
    )


def test_it_prints_a_profile_that_follows_the_contract(tmp_path):
    result = run(tmp_path, docs.text_pdf(tmp_path))
    assert result.returncode == 0, result.stderr
    profile = json.loads(result.stdout)
    jsonschema.validate(profile, SCHEMA)
    er = next(b for b in profile["biomarkers"] if b["name"] == "ER")
    assert (er["status"], er["percent"]) == ("positive", 95)


def test_it_names_an_unreadable_file_and_reads_the_others(tmp_path):
    broken = docs.corrupt_pdf(tmp_path)
    result = run(tmp_path, broken, docs.text_pdf(tmp_path))
    assert result.returncode == 2
    assert str(broken) in result.stderr
    assert [d["file"] for d in json.loads(result.stdout)["documents"]] == [
        str(tmp_path / "text.pdf")
    ]


def test_it_leaves_nothing_behind(tmp_path):
    run(tmp_path, docs.text_pdf(tmp_path))
    assert not (tmp_path / "data").exists()
