"""Shared fixtures: the personas of the access rules, generated documents, a real worker.

Personas (as in healthchecks): the owner; her clinician with a live share; a clinician whose
share was revoked; a stranger patient; a stranger clinician.
"""

from pathlib import Path

import pytest
from django.utils import timezone

from tests import documents as docs
from tests.factories import PatientUserFactory, ShareFactory, UserFactory, upload_document

pytest_plugins = ["tests.worker_process"]


@pytest.fixture(autouse=True, scope="session")
def fast_password_hashing():
    """Real hashing costs ~0.3 s a user; the tests make hundreds of users."""
    from django.conf import settings

    settings.PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]


@pytest.fixture
def owner(db):
    return PatientUserFactory(first_name="Ada")


@pytest.fixture
def patient(owner):
    return owner.patient


@pytest.fixture
def share(patient):
    return ShareFactory(patient=patient)


@pytest.fixture
def clinician(share):
    return share.clinician


@pytest.fixture
def revoked_clinician(patient):
    return ShareFactory(patient=patient, revoked_at=timezone.now()).clinician


@pytest.fixture
def stranger(db):
    return PatientUserFactory()


@pytest.fixture
def stranger_clinician(db):
    return UserFactory()


@pytest.fixture
def text_pdf(tmp_path) -> Path:
    return docs.text_pdf(
        tmp_path,
        pages=[
            "FINAL DIAGNOSIS\nInvasive ductal carcinoma, left breast.\n"
            "Estrogen receptor: positive (95%)"
        ],
    )


@pytest.fixture
def document(patient, text_pdf):
    return upload_document(patient, text_pdf)


@pytest.fixture(autouse=True)
def private_data_dir(request, settings, tmp_path):
    """Uploaded files of each test go to its own temporary directory.

    Not for tests with a real worker: the worker must find the files where its settings say.
    """
    if {"worker", "worker_factory"} & set(request.fixturenames):
        return
    settings.STORAGES = {
        **settings.STORAGES,
        "default": {
            "BACKEND": "django.core.files.storage.FileSystemStorage",
            "OPTIONS": {"location": tmp_path / "uploads", "base_url": None},
        },
    }


@pytest.fixture
def biopsy(patient, tmp_path):
    """Her biopsy report (HER2-low), uploaded and read for real (see tests/reports.py)."""
    from tests.reports import BIOPSY, read_report

    return read_report(patient, tmp_path, BIOPSY, "biopsy.pdf")
