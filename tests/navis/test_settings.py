"""Settings come from the environment, strictly, and production passes Django's deploy check."""

import os
import secrets
import subprocess
import sys

import pytest
from django.conf import settings
from django.urls import reverse

PRODUCTION = {
    "DEBUG": "false",
    "NAVIS_HTTPS": "true",
    "ALLOWED_HOSTS": "navis.example.org",
    "DATABASE_URL": "postgres://navis:secret@db:5432/navis",
    "CELERY_BROKER_URL": "redis://redis:6379/0",
}


def manage(*args: str, **env: str) -> subprocess.CompletedProcess:
    clean = {k: v for k, v in os.environ.items() if k not in PRODUCTION | {"SECRET_KEY": ""}}
    return subprocess.run(
        [sys.executable, "manage.py", *args],
        cwd=settings.BASE_DIR,
        env={**clean, **env},
        capture_output=True,
        text=True,
        timeout=60,
    )


def test_production_settings_pass_the_deploy_check(tmp_path):
    result = manage(
        "check", "--deploy", "--fail-level", "WARNING",
        **PRODUCTION, SECRET_KEY=secrets.token_urlsafe(60), NAVIS_DATA_DIR=str(tmp_path),
    )  # fmt: skip
    assert result.returncode == 0, result.stderr


def test_plain_http_settings_fail_the_deploy_check(tmp_path):
    result = manage(
        "check", "--deploy", "--fail-level", "WARNING",
        **{**PRODUCTION, "NAVIS_HTTPS": "false"}, NAVIS_DATA_DIR=str(tmp_path),
    )  # fmt: skip
    assert result.returncode != 0
    assert "security.W004" in result.stderr  # no HSTS


@pytest.mark.parametrize("value", ["yes", "1", "on"])
def test_a_boolean_must_be_true_or_false(tmp_path, value):
    result = manage("check", DEBUG=value, NAVIS_DATA_DIR=str(tmp_path))
    assert result.returncode != 0
    assert "DEBUG must be 'true' or 'false'" in result.stderr


def test_the_embedded_default_keeps_a_generated_secret_key_private(tmp_path):
    assert manage("check", NAVIS_DATA_DIR=str(tmp_path)).returncode == 0
    key_file = tmp_path / "secret.key"
    assert key_file.stat().st_mode & 0o077 == 0
    assert len(key_file.read_text()) >= 50


def test_the_embedded_default_needs_no_server(tmp_path):
    result = manage("shell", "-c", "from django.conf import settings as s; "
                    "print(s.DATABASES['default']['ENGINE'], s.CELERY_BROKER_URL)",
                    NAVIS_DATA_DIR=str(tmp_path))  # fmt: skip
    assert result.stdout.splitlines()[-1].split() == ["django.db.backends.sqlite3", "filesystem://"]


@pytest.mark.django_db
def test_the_health_check_answers_when_the_database_does(client):
    response = client.get(reverse("healthz"))
    assert (response.status_code, response.json()) == (200, {"status": "ok"})


def test_a_404_shows_our_plain_page_and_no_details(client, stranger, patient, settings):
    settings.DEBUG = False
    client.force_login(stranger)
    response = client.get(reverse("patient", args=[patient.id]))
    page = response.content.decode()
    assert response.status_code == 404
    assert "We could not find that page" in page
    assert str(patient.id) not in page and "No such patient" not in page


def test_uploads_in_progress_stay_in_a_private_directory(settings):
    tmp = settings.NAVIS_TMP_DIR
    assert str(tmp) == settings.FILE_UPLOAD_TEMP_DIR
    assert tmp.stat().st_mode & 0o077 == 0
