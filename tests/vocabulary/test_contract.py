"""The contract's one copy: the same as shared/spec, and the vocabulary says what it says."""

import json
from pathlib import Path

import pytest

from vocabulary import biomarkers, contract, diagnosis, patient, staging, treatments

SPEC = Path(__file__).resolve().parents[3] / "shared" / "spec"


@pytest.mark.skipif(not SPEC.is_dir(), reason="../shared/spec is not beside this checkout")
@pytest.mark.parametrize("name", ["profile.schema.json", "procedures.json"])
def test_the_copy_is_the_reference(name):
    copy = json.loads((contract.HERE / name).read_text(encoding="utf-8"))
    reference = json.loads((SPEC / name).read_text(encoding="utf-8"))
    assert copy == reference, f"vocabulary/contract/{name} drifted from shared/spec/{name}"


def test_the_schema_is_revision_2():
    properties = contract.schema()["properties"]
    assert {"patient", "events"} <= set(properties)
    assert "line" in properties["treatments"]["items"]["properties"]


@pytest.mark.parametrize(
    ("path", "vocabulary_values"),
    [
        (("documents", "kind"), diagnosis.DOCUMENT_KINDS),
        (("diagnosis", "laterality"), diagnosis.LATERALITIES),
        (("diagnosis", "grade"), diagnosis.GRADES),
        (("biomarkers", "ihc"), biomarkers.IHC_SCORES),
        (("biomarkers", "ish"), biomarkers.ISH_RESULTS),
        (("biomarkers", "origin"), biomarkers.ORIGINS),
        (("treatments", "category"), treatments.TREATMENT_CATEGORIES),
        (("treatments", "setting"), treatments.SETTINGS),
        (("patient", "sex"), patient.SEXES),
        (("patient", "menopausal_status"), patient.MENOPAUSAL_STATUSES),
        (("events", "type"), patient.EVENT_TYPES),
        (("events", "value"), patient.RESPONSE_VALUES),
        (("events", "sites"), staging.METASTATIC_SITES),
    ],
)
def test_each_category_is_the_schemas(path, vocabulary_values):
    assert set(contract.enum(*path)) == set(vocabulary_values)


def test_every_biomarker_status_the_vocabulary_knows_is_one_the_schema_allows():
    allowed = set(contract.enum("biomarkers", "status"))
    known = {s for values in biomarkers.STATUSES.values() for s in values}
    known |= set(biomarkers.GENE_STATUSES)
    assert known - allowed == set()
    # and the schema allows nothing the vocabulary cannot name
    assert allowed - known == set()


def test_the_performance_scales_and_review_states_are_the_schemas():
    defs = contract.schema()
    performance = defs["properties"]["patient"]["properties"]["performance"]
    assert set(performance["properties"]["scale"]["enum"]) == set(patient.PERFORMANCE_SCALES)
    review = defs["$defs"]["review"]["properties"]["state"]["enum"]
    assert set(review) == set(patient.REVIEW_STATES)


def test_procedure_names_come_from_the_contracts_list():
    names = treatments.procedure_names()
    assert {"mastectomy", "lumpectomy", "sigmoid colectomy"} <= names
    assert "modified radical mastectomy" in contract.procedures()["mastectomy"]


def test_errors_names_the_place_and_the_problem():
    assert contract.errors({"schema": "navis.profile.v1"})  # required keys missing
    problems = contract.errors(
        {
            "schema": "navis.profile.v1",
            "documents": [],
            "diagnosis": {},
            "biomarkers": [{"name": "HER2", "status": "purple", "evidence": []}],
            "stage": {},
            "treatments": [],
            "conflicts": [],
            "missing": [],
        }
    )
    assert any(p.startswith("biomarkers/0/status") for p in problems)


def test_every_diagnostic_procedure_is_a_contract_name():
    assert treatments.procedure_names() >= treatments.DIAGNOSTIC_PROCEDURES
