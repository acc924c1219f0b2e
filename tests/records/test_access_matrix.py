"""Every URL, every persona: only the owner and her live clinicians reach her records.

The URL list is read from the URL configuration, so a new URL cannot escape this matrix: it
fails `test_every_url_is_classified` until someone decides who may reach it.
"""

import pytest
from django.urls import URLPattern, URLResolver, get_resolver, reverse

from records.models import Page

# Reads: the patient and every clinician she shares with now.
CARE_TEAM = {
    "patient", "documents-status", "document", "document-status", "document-file", "profile",
    "document-page", "document-page-image", "profile-history", "profile-pdf",
}  # fmt: skip
# Acts on her records or her sharing: the patient alone.
OWNER_ONLY = {"upload", "document-reprocess", "sharing", "share-revoke", "access-log"}
# Reviewing her summary: her live clinicians alone, never the patient herself.
REVIEWERS = {"review", "review-decide", "review-correct", "review-sign-off"}
# Hold no patient data (an invitation is only shown to the clinician it was sent to).
NO_PATIENT_DATA = {
    "home", "signup", "login", "logout", "password_change", "password_change_done",
    "password_reset", "password_reset_done", "password_reset_confirm",
    "password_reset_complete", "invitation", "healthz", "api-tokens", "api-token-revoke",
    "api-schema", "api-docs", "api-redoc",
}  # fmt: skip
PATIENT_URLS = CARE_TEAM | OWNER_ONLY | REVIEWERS
# Open to all; a patient's own part only through the access door (tests/guidance/test_views.py).
GENERAL_WITH_OWN_DATA = {"guidance", "guidance-topic"}


def named_urls(resolvers=None, namespace: str = ""):
    """(name, route) of every URL pattern, descending into includes; admin is Django's own."""
    for entry in resolvers if resolvers is not None else get_resolver().url_patterns:
        if isinstance(entry, URLResolver):
            if entry.namespace == "admin":
                continue
            yield from named_urls(entry.url_patterns, entry.namespace or namespace)
        elif isinstance(entry, URLPattern):
            yield entry.name, str(entry.pattern)


ALL_URLS = sorted({name or f"<unnamed {route}>" for name, route in named_urls()})


# The REST API has its own matrix, by endpoint, method and token scope (tests/api/).
API_URLS = {name for name in ALL_URLS if name.startswith("api-")} - NO_PATIENT_DATA


def test_every_url_is_classified():
    unclassified = set(ALL_URLS) - PATIENT_URLS - NO_PATIENT_DATA - GENERAL_WITH_OWN_DATA - API_URLS
    assert not unclassified, f"decide who may reach these URLs: {sorted(unclassified)}"


def test_the_matrix_covers_every_patient_url():
    assert set(ALL_URLS) >= PATIENT_URLS, "a classified URL no longer exists"


@pytest.fixture
def url_of(patient, document, share):
    page = Page.objects.create(document=document, number=1, text="A page", width=612, height=792)
    kwargs = {
        "patient_id": patient.id,
        "document_id": document.id,
        "share_id": share.id,
        "number": page.number,
    }

    def build(name: str) -> str:
        route = dict(named_urls())[name]
        return reverse(name, kwargs={k: v for k, v in kwargs.items() if f":{k}>" in route})

    return build


PERSONAS_WITHOUT_ACCESS = ["stranger", "stranger_clinician", "revoked_clinician"]


@pytest.mark.parametrize("method", ["get", "post"])
@pytest.mark.parametrize("persona", PERSONAS_WITHOUT_ACCESS)
@pytest.mark.parametrize("name", sorted(PATIENT_URLS))
def test_a_person_without_access_gets_404(client, url_of, request, name, persona, method):
    client.force_login(request.getfixturevalue(persona))
    response = getattr(client, method)(url_of(name))
    assert response.status_code == 404


@pytest.mark.parametrize("method", ["get", "post"])
@pytest.mark.parametrize("name", sorted(CARE_TEAM | OWNER_ONLY))
def test_the_owner_reaches_every_url_but_the_review(client, owner, url_of, name, method):
    client.force_login(owner)
    response = getattr(client, method)(url_of(name))
    assert response.status_code not in (403, 404) and response.status_code < 500


@pytest.mark.parametrize("name", sorted(CARE_TEAM))
def test_a_clinician_with_a_live_share_reads_the_records(client, clinician, url_of, name):
    client.force_login(clinician)
    assert client.get(url_of(name)).status_code == 200


@pytest.mark.parametrize("method", ["get", "post"])
@pytest.mark.parametrize("name", sorted(OWNER_ONLY))
def test_a_clinician_cannot_act_for_the_patient(client, clinician, url_of, name, method):
    client.force_login(clinician)
    assert getattr(client, method)(url_of(name)).status_code == 404


@pytest.mark.parametrize("method", ["get", "post"])
@pytest.mark.parametrize("name", sorted(REVIEWERS))
def test_the_owner_cannot_review_her_own_summary(client, owner, url_of, name, method):
    client.force_login(owner)
    assert getattr(client, method)(url_of(name)).status_code == 404


@pytest.mark.parametrize("method", ["get", "post"])
@pytest.mark.parametrize("name", sorted(REVIEWERS))
def test_a_clinician_with_a_live_share_reviews(client, clinician, url_of, name, method):
    client.force_login(clinician)
    response = getattr(client, method)(url_of(name))
    assert response.status_code not in (403, 404) and response.status_code < 500


@pytest.mark.parametrize("name", sorted(PATIENT_URLS))
def test_an_anonymous_visitor_is_sent_to_log_in(client, url_of, name):
    response = client.get(url_of(name))
    assert response.status_code == 302
    assert response.url.startswith(reverse("login"))


@pytest.mark.parametrize("name", sorted(CARE_TEAM | REVIEWERS))
def test_a_revoked_clinician_loses_access_at_once(client, clinician, share, url_of, name):
    client.force_login(clinician)
    assert client.get(url_of(name)).status_code not in (403, 404)
    share.revoke()
    assert client.get(url_of(name)).status_code == 404
    assert client.post(url_of(name)).status_code == 404


def test_the_admin_is_for_staff_only(client, owner, clinician):
    for person in (owner, clinician):
        client.force_login(person)
        response = client.get("/admin/records/document/")
        assert response.status_code == 302 and "/admin/login/" in response.url
