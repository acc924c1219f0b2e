"""``manage.py import_trials`` upserts v2 JSON idempotently; ``load_trials`` prefers the DB."""

import json
import shutil
from pathlib import Path

import pytest
from django.core.management import call_command

from guidance.models import Trial as TrialRow
from guidance.services import load_trials
from guidance.trials.catalog import load_catalog

FIXTURES = Path(__file__).parent / "fixtures"


def run(*paths, capsys):
    call_command("import_trials", *[str(p) for p in paths])
    return capsys.readouterr().out


@pytest.mark.django_db
def test_import_is_idempotent(capsys):
    first = run(FIXTURES, capsys=capsys)
    assert "3 trials: 3 created, 0 updated, 0 unchanged" in first
    snapshot = {r.nct_id: r.data for r in TrialRow.objects.all()}
    again = run(FIXTURES, capsys=capsys)
    assert "3 trials: 0 created, 0 updated, 3 unchanged" in again
    assert {r.nct_id: r.data for r in TrialRow.objects.all()} == snapshot


@pytest.mark.django_db
def test_changed_study_is_updated_not_duplicated(tmp_path, capsys):
    data = json.loads((FIXTURES / "invented_study.v2.json").read_text())
    path = tmp_path / "study.json"
    path.write_text(json.dumps(data))
    run(path, capsys=capsys)
    data["protocolSection"]["statusModule"]["overallStatus"] = "COMPLETED"
    path.write_text(json.dumps(data))
    assert "0 created, 1 updated" in run(path, capsys=capsys)
    assert TrialRow.objects.get(nct_id="NCT99990001").data["open"] is False


@pytest.mark.django_db
@pytest.mark.parametrize("content", ["not json", '{"foo": 1}', "[1, 2]"])
def test_unreadable_input_exits_2_and_imports_nothing(tmp_path, capsys, content):
    shutil.copy(FIXTURES / "invented_study.v2.json", tmp_path / "good.json")
    (tmp_path / "bad.json").write_text(content)
    with pytest.raises(SystemExit) as exit_:
        call_command("import_trials", str(tmp_path))
    assert exit_.value.code == 2
    assert "bad.json" in capsys.readouterr().err
    assert not TrialRow.objects.exists()


@pytest.mark.django_db
def test_missing_path_exits_2(tmp_path):
    with pytest.raises(SystemExit) as exit_:
        call_command("import_trials", str(tmp_path / "absent.json"))
    assert exit_.value.code == 2


@pytest.mark.django_db
def test_load_trials_prefers_imported_trials_else_the_catalog(capsys):
    assert [t.nct_id for t in load_trials()] == [t.nct_id for t in load_catalog()]
    run(FIXTURES, capsys=capsys)
    assert [t.nct_id for t in load_trials()] == ["NCT99990001", "NCT99990002", "NCT99990003"]
