"""``manage.py personalize``: one guidance document on stdout, offline; exit 2 on bad input."""

import json
import os
import subprocess
import sys
from pathlib import Path

import jsonschema
import pytest

from tests.guidance.profiles import PROFILES

ROOT = Path(__file__).resolve().parents[2]
SCHEMA = json.loads((ROOT / "guidance/guidance.schema.json").read_text())


def run(tmp_path: Path, *args: str) -> subprocess.CompletedProcess:
    env = {**os.environ, "NAVIS_DATA_DIR": str(tmp_path / "data")}
    return subprocess.run(
        [sys.executable, "manage.py", "personalize", *args],
        cwd=ROOT,
        env=env,
        capture_output=True,
        text=True,
        timeout=120,
        check=False,
    )


def write(tmp_path: Path, data) -> str:
    path = tmp_path / "profile.json"
    path.write_text(data if isinstance(data, str) else json.dumps(data))
    return str(path)


@pytest.mark.parametrize(
    ("topic", "name"),
    [
        ("car-t-breast", "her2_positive_metastatic_after_trastuzumab"),
        ("egfr-alk-lung", "egfr_lung"),
    ],
)
def test_it_prints_a_document_that_follows_the_contract(tmp_path, topic, name):
    result = run(tmp_path, topic, write(tmp_path, PROFILES[name]))
    assert result.returncode == 0, result.stderr
    document = json.loads(result.stdout)
    jsonschema.validate(document, SCHEMA)
    assert document["topic"]["slug"] == topic and document["personal"]


def test_it_prints_markdown_on_request(tmp_path):
    result = run(
        tmp_path,
        "car-t-breast",
        write(tmp_path, PROFILES["her2_zero_tnbc_brca1"]),
        "--format",
        "markdown",
    )
    assert result.returncode == 0, result.stderr
    assert result.stdout.startswith("# How does CAR-T cell therapy work for breast cancer?")
    assert "## For you" in result.stdout


def test_it_lists_the_topics(tmp_path):
    result = run(tmp_path, "--list")
    assert result.returncode == 0
    assert "car-t-breast\t" in result.stdout


@pytest.mark.parametrize(
    ("topic", "profile", "message"),
    [
        ("no-such-topic", PROFILES["male"], "unknown topic 'no-such-topic'"),
        ("car-t-breast", "not json", "not a JSON profile"),
        ("car-t-breast", {"schema": "navis.profile.v1"}, "not a navis.profile.v1 profile"),
        (
            "car-t-breast",
            {**PROFILES["male"], "biomarkers": [{"name": "HER2", "status": "3+"}]},
            "not a navis.profile.v1 profile",
        ),
    ],
)
def test_it_exits_2_with_a_clear_message_for_bad_input(tmp_path, topic, profile, message):
    result = run(tmp_path, topic, write(tmp_path, profile))
    assert result.returncode == 2
    assert message in result.stderr and result.stdout == ""


def test_it_leaves_nothing_behind(tmp_path):
    run(tmp_path, "car-t-breast", write(tmp_path, PROFILES["male"]))
    assert not (tmp_path / "data").exists()
