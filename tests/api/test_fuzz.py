"""A property-based fuzz run of the API against its own OpenAPI schema, on loopback.

Schemathesis takes the schema /api/schema/ serves (built here by the same generator: its lazy
loader does not run under pytest 9) and sends generated requests, over loopback to a live
server, to every operation, as a patient and as her clinician, with tokens holding every
scope. Path ids are those of her real records, so the generated query strings and bodies
reach real code rather than stopping at a 404. No request may get a server error, and every
JSON answer must match what the schema says of it.
"""

import pytest
import schemathesis
from drf_spectacular.generators import SchemaGenerator
from hypothesis import HealthCheck, settings
from rest_framework.throttling import AnonRateThrottle, UserRateThrottle
from schemathesis.checks import not_a_server_error
from schemathesis.specs.openapi.checks import response_schema_conformance

pytestmark = [pytest.mark.django_db(transaction=True)]

EXAMPLES = 10  # per operation and person


@pytest.fixture
def records(patient, biopsy):
    return {"patient_id": str(patient.id), "document_id": str(biopsy.id)}


@pytest.fixture(autouse=True)
def unthrottled(monkeypatch):
    """The fuzz run sends far more requests than a person would: no throttling while it runs."""
    monkeypatch.setattr(UserRateThrottle, "rate", "100000/minute", raising=False)
    monkeypatch.setattr(AnonRateThrottle, "rate", "100000/minute", raising=False)


schema = schemathesis.openapi.from_dict(SchemaGenerator().get_schema(request=None, public=True))


def run(case, live_server, token: str, records: dict) -> None:
    for name, value in records.items():
        if name in (case.path_parameters or {}):
            case.path_parameters[name] = value
    case.call_and_validate(
        base_url=live_server.url,
        headers={"Authorization": f"Bearer {token}"},
        checks=[not_a_server_error, response_schema_conformance],
    )


@schema.parametrize()
@settings(
    max_examples=EXAMPLES,
    deadline=None,
    suppress_health_check=list(HealthCheck),
)
@pytest.mark.parametrize("person", ["owner", "clinician"])
def test_no_request_gets_a_server_error(case, request, person, live_server, token_for, records):
    """As the patient, and as her clinician."""
    run(case, live_server, token_for(request.getfixturevalue(person)), records)
