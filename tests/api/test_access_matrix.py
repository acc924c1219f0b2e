"""Every API endpoint, method, person and token scope: the same door as the pages.

A person without access gets 404 (a stranger must not learn a record exists), a token
without the endpoint's scope 403, no credentials 401. The table below must name every
``api-…`` URL, or the first test fails until someone decides who may reach it.
"""

import pytest
from django.urls import reverse
from rest_framework.test import APIClient

from api.models import Webhook
from api.scopes import SCOPES
from guidance.trials.catalog import load_catalog
from records.models import AccessEvent, Page
from tests.records.test_access_matrix import ALL_URLS

CARE, OWNER, REVIEWER, ANYONE = "care team", "owner", "reviewer", "anyone signed in"
SELF = "the webhook's own user"  # the webhook in the URL is the owner's; anyone else gets 404
# (url name, method, scope, who may)
ENDPOINTS = [
    ("api-patients", "get", "patients:read", ANYONE),
    ("api-patient", "get", "patients:read", CARE),
    ("api-documents", "get", "documents:read", CARE),
    ("api-documents", "post", "documents:write", OWNER),
    ("api-document", "get", "documents:read", CARE),
    ("api-document-pages", "get", "documents:read", CARE),
    ("api-document-reprocess", "post", "documents:write", OWNER),
    ("api-profile", "get", "profile:read", CARE),
    ("api-facts", "get", "profile:read", CARE),
    ("api-history", "get", "profile:read", CARE),
    ("api-fhir", "get", "profile:read", CARE),
    ("api-review-items", "get", "reviews:read", CARE),
    ("api-reviews", "get", "reviews:read", CARE),
    ("api-reviews", "post", "reviews:write", REVIEWER),
    ("api-sign-offs", "get", "reviews:read", CARE),
    ("api-sign-offs", "post", "reviews:write", REVIEWER),
    ("api-guidance", "get", "guidance:read", CARE),
    ("api-trial-matches", "get", "guidance:read", CARE),
    ("api-topics", "get", "guidance:read", ANYONE),
    ("api-trials", "get", "trials:read", ANYONE),
    ("api-trial", "get", "trials:read", ANYONE),
    ("api-webhooks", "get", "webhooks:manage", ANYONE),
    ("api-webhooks", "post", "webhooks:manage", ANYONE),
    ("api-webhook", "get", "webhooks:manage", SELF),
    ("api-webhook", "delete", "webhooks:manage", SELF),
    ("api-webhook-deliveries", "get", "webhooks:manage", SELF),
]
PUBLIC_DOCS = {"api-schema", "api-docs", "api-redoc"}
ON_A_PATIENT = [e for e in ENDPOINTS if e[3] not in (ANYONE, SELF)]
CLINICIAN_REACHES = [e for e in ON_A_PATIENT if e[3] != OWNER]
QUERY = {"api-trial-matches": "?topic=her2-targeted-therapy"}


def test_every_api_url_is_in_the_table():
    api_urls = {name for name in ALL_URLS if name.startswith("api-") and "token" not in name}
    assert api_urls - PUBLIC_DOCS == {name for name, *_ in ENDPOINTS}


@pytest.fixture
def url_of(owner, patient, document):
    Page.objects.create(document=document, number=1, text="A page", width=612, height=792)
    kwargs = {
        "patient_id": patient.id,
        "document_id": document.id,
        "slug": "her2-targeted-therapy",
        "nct_id": next(iter(load_catalog())).nct_id,
        "webhook_id": Webhook.objects.create(user=owner, url="https://example.org/hook").id,
    }

    def build(name: str) -> str:
        from tests.records.test_access_matrix import named_urls

        route = dict(named_urls())[name]
        wanted = {k: v for k, v in kwargs.items() if f":{k}>" in route}
        return reverse(name, kwargs=wanted) + QUERY.get(name, "")

    return build


def call(client: APIClient, method: str, url: str):
    return getattr(client, method)(url, {}, format="multipart" if method == "post" else None)


def reached(response) -> bool:
    return response.status_code not in (401, 403, 404) and response.status_code < 500


def may(persona: str, who: str) -> bool:
    return {
        ANYONE: True,
        CARE: persona in ("owner", "clinician"),
        OWNER: persona == "owner",
        REVIEWER: persona == "clinician",
        SELF: persona == "owner",
    }[who]


@pytest.mark.parametrize("persona", ["owner", "clinician", "stranger", "stranger_clinician",
                                     "revoked_clinician"])  # fmt: skip
@pytest.mark.parametrize(("name", "method", "scope", "who"), ENDPOINTS)
def test_each_person_reaches_exactly_what_the_door_allows(
    request, api_as, url_of, persona, name, method, scope, who
):
    client = api_as(request.getfixturevalue(persona))
    response = call(client, method, url_of(name))
    if may(persona, who):
        assert reached(response), (response.status_code, response.content[:300])
    else:
        assert response.status_code == 404
        assert response.json()["error"]["code"] == "not_found"


@pytest.mark.parametrize(("name", "method", "scope", "who"), ENDPOINTS)
def test_a_token_without_the_scope_is_refused(request, api_as, url_of, name, method, scope, who):
    persona = "clinician" if who == REVIEWER else "owner"
    others = [s for s in SCOPES if s != scope]
    response = call(api_as(request.getfixturevalue(persona), others), method, url_of(name))
    assert response.status_code == 403
    assert scope in response.json()["error"]["message"]


@pytest.mark.parametrize(("name", "method", "scope", "who"), ENDPOINTS)
def test_without_credentials_the_answer_is_401(url_of, name, method, scope, who):
    response = call(APIClient(), method, url_of(name))
    assert response.status_code == 401
    assert response["WWW-Authenticate"] == "Bearer"


@pytest.mark.parametrize(("name", "method", "scope", "who"), CLINICIAN_REACHES)
def test_a_revoked_share_ends_api_access_at_once(
    api_as, clinician, share, url_of, name, method, scope, who
):
    client = api_as(clinician)
    assert reached(call(client, method, url_of(name)))
    share.revoke()
    assert call(client, method, url_of(name)).status_code == 404


@pytest.mark.parametrize(("name", "method", "scope", "who"), ON_A_PATIENT)
def test_every_request_on_a_patient_is_audit_logged(
    request, api_as, url_of, patient, name, method, scope, who
):
    persona = "clinician" if who == REVIEWER else "owner"
    user = request.getfixturevalue(persona)
    call(api_as(user), method, url_of(name))
    assert AccessEvent.objects.filter(actor=user, patient=patient).exists()
