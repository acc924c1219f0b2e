"""What an integration does, end to end, over loopback, with a real worker reading the file:

token -> webhook -> upload -> poll -> profile -> FHIR bundle -> signed webhooks received.
Every call goes over HTTP to a live server, as the README's walkthrough does it with curl.
"""

import json
import re

import jsonschema
import pytest
import requests
from django.urls import reverse

from api import webhooks
from api.fhir import validate_bundle
from tests import documents as docs
from tests.reports import BIOPSY
from tests.worker_process import wait_for
from vocabulary import contract

pytestmark = [pytest.mark.worker, pytest.mark.django_db(transaction=True)]

READ_WITHIN_S = 120
SCOPES = ["patients:read", "documents:read", "documents:write", "profile:read", "webhooks:manage"]
CONTRACT = contract.schema()


@pytest.fixture
def allow_local_receiver(settings, monkeypatch) -> None:
    """Webhooks go to public addresses only, except in tests (and the worker is a test's too)."""
    settings.NAVIS_WEBHOOK_ALLOW_PRIVATE = True
    monkeypatch.setenv("NAVIS_WEBHOOK_ALLOW_PRIVATE", "true")


def make_token(client, owner) -> str:
    """As a person does it: on her settings page, copying the key it shows once."""
    client.force_login(owner)
    page = client.post(reverse("api-tokens"), {"name": "portal", "scopes": SCOPES, "days": 30})
    return re.search(r"nvs_[0-9a-f]{12}_[\w-]+", page.content.decode()).group(0)


def test_an_integration_uploads_reads_the_profile_and_is_told(
    client, owner, patient, live_server, receiver, worker_factory, allow_local_receiver, tmp_path
):
    api = requests.Session()
    api.headers["Authorization"] = f"Bearer {make_token(client, owner)}"
    base = f"{live_server.url}/api/v1"

    # The patient it may reach, and a webhook for when her records are read.
    (me,) = api.get(f"{base}/patients/").json()["results"]
    assert me["id"] == str(patient.id)
    hook = api.post(
        f"{base}/webhooks/",
        json={"url": receiver.url, "events": ["document.processed", "profile.changed"]},
    ).json()

    # Upload (multipart), then poll until a real worker has read it.
    report = docs.text_pdf(tmp_path, pages=[BIOPSY], name="biopsy.pdf")
    with report.open("rb") as file:
        upload = api.post(f"{base}/patients/{me['id']}/documents/", files={"files": file})
    assert upload.status_code == 201
    document = upload.json()["results"][0]["document"]
    worker = worker_factory()
    url = f"{base}/patients/{me['id']}/documents/{document['id']}/"
    wait_for(lambda: api.get(url).json()["status"] == "done", READ_WITHIN_S, worker.tail)

    # The profile, exactly the contract, with what the report says.
    profile = api.get(f"{base}/patients/{me['id']}/profile/").json()
    jsonschema.validate(profile, CONTRACT)
    her2 = next(m for m in profile["biomarkers"] if m["name"] == "HER2")
    assert (her2["status"], her2["ihc"]) == ("low", "2+")

    # The FHIR bundle of the same profile.
    fhir = api.get(f"{base}/patients/{me['id']}/fhir")
    assert fhir.headers["Content-Type"].startswith("application/fhir+json")
    validate_bundle(fhir.json())

    # The integration was told, with signatures its secret verifies.
    wait_for(lambda: len(receiver.requests) >= 2, 60, worker.tail)
    events = {r.headers["Navis-Event"]: r for r in receiver.requests}
    assert set(events) == {"document.processed", "profile.changed"}
    for request in receiver.requests:
        assert webhooks.verify(hook["secret"], request.headers["Navis-Signature"], request.body)
    assert json.loads(events["document.processed"].body)["data"]["document_id"] == document["id"]
