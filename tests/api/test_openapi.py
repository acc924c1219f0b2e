"""The OpenAPI document: generated without errors or warnings, every operation documented."""

import json
from pathlib import Path

import jsonschema
import pytest
from django.core.management import call_command
from django.core.management.base import CommandError
from django.urls import reverse
from drf_spectacular.generators import SchemaGenerator

from api.examples import PROFILE_EXAMPLE


@pytest.fixture(scope="module")
def schema() -> dict:
    return SchemaGenerator().get_schema(request=None, public=True)


def test_the_schema_has_no_errors_or_warnings(tmp_path):
    try:
        call_command(
            "spectacular", "--validate", "--fail-on-warn", "--file", str(tmp_path / "s.yaml")
        )
    except CommandError as error:  # raised with the warnings listed above it
        pytest.fail(f"the OpenAPI schema has errors or warnings: {error}")


def test_every_operation_has_a_summary_or_description(schema):
    bare = [
        f"{method.upper()} {path}"
        for path, operations in schema["paths"].items()
        for method, operation in operations.items()
        if not (operation.get("summary") or operation.get("description"))
    ]
    assert not bare


def test_every_operation_names_the_token_scheme(schema):
    assert "token" in schema["components"]["securitySchemes"]
    for path, operations in schema["paths"].items():
        for operation in operations.values():
            assert {"token": []} in operation["security"], path


def test_the_profile_is_documented_with_an_example(schema):
    operation = schema["paths"]["/api/v1/patients/{patient_id}/profile/"]["get"]
    examples = operation["responses"]["200"]["content"]["application/json"]["examples"]
    example = next(iter(examples.values()))["value"]
    assert example["schema"] == "navis.profile.v1"


@pytest.mark.django_db
def test_the_schema_is_served(client):
    response = client.get(reverse("api-schema"), {"format": "json"})
    assert response.status_code == 200
    assert response.json()["info"]["title"] == "Navis API"


@pytest.mark.django_db
def test_the_interactive_docs_load_their_assets_from_this_site(client):
    html = client.get(reverse("api-docs")).content.decode()
    assert "/static/drf_spectacular_sidecar/swagger-ui-dist/" in html
    assert "cdn" not in html.lower() and "unpkg" not in html.lower()


def test_the_profile_example_keeps_the_contract():
    contract = Path(__file__).resolve().parents[2] / "vocabulary/contract/profile.schema.json"
    jsonschema.validate(PROFILE_EXAMPLE, json.loads(contract.read_text()))


def test_the_profile_is_documented_as_the_contract_revision_2(schema):
    operation = schema["paths"]["/api/v1/patients/{patient_id}/profile/"]["get"]
    profile = operation["responses"]["200"]["content"]["application/json"]["schema"]
    properties = profile["properties"]
    assert {"patient", "events", "conflicts"} <= set(properties)
    treatment = properties["treatments"]["items"]["properties"]
    assert treatment["line"] == {"type": "integer", "nullable": True, "minimum": 1}
    assert treatment["review"]["properties"]["state"]["enum"] == ["verified", "corrected", "added"]
    her2 = properties["biomarkers"]["items"]["properties"]["status"]["enum"]
    assert {"negative", "ultralow", "deficient"} <= set(her2)
    sex = properties["patient"]["properties"]["sex"]
    assert sex["nullable"] is True and sex["enum"] == ["female", "male", None]


def test_the_documented_profile_has_no_json_schema_2020_words_openapi_3_0_lacks(schema):
    text = json.dumps(schema["paths"]["/api/v1/patients/{patient_id}/profile/"])
    assert "$defs" not in text and '"const"' not in text and '"null"' not in text
