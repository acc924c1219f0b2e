"""The FHIR (mCODE) export: valid R4B Bundles, the right codes, provenance, and nothing invented."""

from __future__ import annotations

import copy
from datetime import UTC, datetime
from typing import Any

import pytest
from pydantic import ValidationError

from api.fhir import FHIR_VERSION, PatientInfo, profile_bundle, validate_bundle
from workers.extraction import build_profile

PATIENT = PatientInfo(id="0b9e0c8e-1f2a-4c3d-9e8f-0a1b2c3d4e5f", display_name="Ada L.")
WHEN = datetime(2025, 9, 1, 12, 0, tzinfo=UTC)
LOINC = "http://loinc.org"
SNOMED = "http://snomed.info/sct"
RXNORM = "http://www.nlm.nih.gov/research/umls/rxnorm"


def ev(text: str, file: str = "biopsy.pdf", page: int = 1) -> list[dict[str, Any]]:
    return [{"file": file, "page": page, "text": text}]


def empty_profile() -> dict[str, Any]:
    """The profile of records that say nothing yet, as the extractor builds it."""
    return build_profile([])


def breast_profile() -> dict[str, Any]:
    """The contract's example (profile.md), with evidence on every value."""
    profile = empty_profile()
    profile["diagnosis"] = {
        "primary_site": "breast",
        "laterality": "left",
        "histology": {"code": "8500/3", "label": "Invasive ductal carcinoma"},
        "grade": 2,
        "diagnosis_date": "2025-02-20",
    }
    profile["biomarkers"] = [
        {"name": "ER", "status": "positive", "percent": 95, "evidence": ev("ER: positive, 95%")},
        {"name": "PR", "status": "negative", "percent": 0, "evidence": ev("PR: negative (0%)")},
        {
            "name": "HER2",
            "status": "positive",
            "ihc": "3+",
            "ish": None,
            "ratio": None,
            "copy_number": None,
            "evidence": ev("HER2 (IHC): 3+"),
        },
        {"name": "Ki-67", "percent": 30, "evidence": ev("Ki-67: 30%")},
        {
            "name": "BRCA2",
            "status": "pathogenic",
            "variant": "c.5946delT",
            "origin": "germline",
            "evidence": ev("BRCA2 c.5946delT, pathogenic", "genetics.pdf", 2),
        },
        {
            "name": "PD-L1",
            "status": "positive",
            "value": 10,
            "unit": "CPS",
            "evidence": ev("PD-L1 (22C3): CPS 10"),
        },
    ]
    profile["stage"] = {
        "T": "pT2",
        "N": "pN1a",
        "M": "cM0",
        "group": "IIB",
        "metastatic": False,
        "metastatic_sites": [],
        "evidence": ev("pT2 pN1a, stage IIB", "pathology.pdf", 3),
    }
    profile["treatments"] = [
        {
            "name": "doxorubicin",
            "category": "chemotherapy",
            "start": "2025-03",
            "end": "2025-05",
            "setting": "neoadjuvant",
            "evidence": ev("AC x4 from March to May 2025", "consult.pdf", 2),
        },
        {
            "name": "lumpectomy",
            "category": "surgery",
            "start": "2025-08-14",
            "end": None,
            "setting": None,
            "evidence": ev("Left lumpectomy 14 Aug 2025", "discharge.pdf", 1),
        },
    ]
    return profile


def metastatic_profile() -> dict[str, Any]:
    profile = breast_profile()
    profile["stage"] = {
        "T": "cT2",
        "N": "cN1",
        "M": "pM1",
        "group": "IV",
        "metastatic": True,
        "metastatic_sites": ["bone", "liver"],
        "evidence": ev("biopsy-proven bone and liver metastases", "imaging.pdf", 1),
    }
    return profile


def her2_low_profile() -> dict[str, Any]:
    profile = breast_profile()
    profile["biomarkers"][2] = {
        "name": "HER2",
        "status": "low",
        "ihc": "2+",
        "ish": "not amplified",
        "ratio": 1.4,
        "copy_number": 3.1,
        "evidence": ev("HER2 IHC 2+, FISH not amplified (ratio 1.4)"),
    }
    return profile


def germline_brca2_profile() -> dict[str, Any]:
    profile = empty_profile()
    profile["biomarkers"] = [
        {
            "name": "BRCA2",
            "status": "pathogenic",
            "variant": "c.5946delT",
            "origin": "germline",
            "evidence": ev("BRCA2 c.5946delT (p.Ser1982fs) Pathogenic", "genetics.pdf", 1),
        }
    ]
    return profile


def lung_egfr_profile() -> dict[str, Any]:
    profile = empty_profile()
    profile["diagnosis"] = {
        "primary_site": "lung",
        "laterality": "right",
        "histology": {"code": "8140/3", "label": "Adenocarcinoma"},
        "grade": None,
        "diagnosis_date": "2024-11",
    }
    profile["biomarkers"] = [
        {
            "name": "EGFR",
            "status": "pathogenic",
            "variant": "p.L858R",
            "origin": "somatic",
            "evidence": ev("EGFR exon 21 L858R detected", "ngs.pdf", 2),
        },
        {"name": "ALK", "status": "negative", "evidence": ev("ALK rearrangement: not detected")},
        {
            "name": "PD-L1",
            "status": "positive",
            "value": 60,
            "unit": "TPS %",
            "evidence": ev("PD-L1 TPS 60%"),
        },
    ]
    profile["stage"] = {
        "T": "cT2a",
        "N": "cN2",
        "M": "cM1b",
        "group": "IVA",
        "metastatic": True,
        "metastatic_sites": ["brain"],
        "evidence": ev("cT2a cN2 cM1b, stage IVA", "consult.pdf", 1),
    }
    profile["treatments"] = [
        {
            "name": "osimertinib",
            "category": "targeted therapy",
            "start": "2024-12",
            "end": None,
            "setting": "metastatic",
            "evidence": ev("started osimertinib 80 mg daily", "consult.pdf", 2),
        }
    ]
    return profile


def export(profile: dict[str, Any], patient: PatientInfo = PATIENT) -> dict[str, Any]:
    return profile_bundle(profile, patient, generated_at=WHEN)


def resources(bundle: dict[str, Any], kind: str | None = None) -> list[dict[str, Any]]:
    found = [entry["resource"] for entry in bundle["entry"]]
    return [r for r in found if kind is None or r["resourceType"] == kind]


def codes(concept: dict[str, Any], system: str) -> list[str]:
    return [coding["code"] for coding in concept.get("coding", []) if coding["system"] == system]


def observation_with_code(bundle: dict[str, Any], code: str) -> dict[str, Any]:
    (found,) = [r for r in resources(bundle, "Observation") if code in codes(r["code"], LOINC)]
    return found


def marker(bundle: dict[str, Any], text: str) -> dict[str, Any]:
    (found,) = [r for r in resources(bundle, "Observation") if r["code"].get("text") == text]
    return found


def variant(bundle: dict[str, Any], symbol: str) -> dict[str, Any]:
    for observation in resources(bundle, "Observation"):
        for component in observation.get("component", []):
            is_gene = "48018-6" in codes(component["code"], LOINC)
            if is_gene and component["valueCodeableConcept"]["text"] == symbol:
                return observation
    raise AssertionError(f"no variant Observation for {symbol}")


def component(observation: dict[str, Any], loinc: str) -> dict[str, Any]:
    (found,) = [c for c in observation["component"] if loinc in codes(c["code"], LOINC)]
    return found


# --- validity ------------------------------------------------------------------------------


@pytest.mark.parametrize(
    "make",
    [
        empty_profile,
        breast_profile,
        metastatic_profile,
        her2_low_profile,
        germline_brca2_profile,
        lung_egfr_profile,
    ],
)
def test_bundle_validates_against_r4b(make):
    bundle = export(make())
    validate_bundle(bundle)
    assert bundle["resourceType"] == "Bundle"
    assert bundle["type"] == "collection"


def test_validate_bundle_rejects_an_invalid_resource():
    bundle = export(breast_profile())
    resources(bundle, "Condition")[0]["onsetDateTime"] = "20 Feb 2025"
    with pytest.raises(ValidationError):
        validate_bundle(bundle)


def test_fhir_version_is_r4():
    assert FHIR_VERSION == "4.0.1"


def test_generated_at_must_be_timezone_aware():
    with pytest.raises(ValueError, match="timezone"):
        profile_bundle(breast_profile(), PATIENT, generated_at=datetime(2025, 9, 1))


# --- Patient and Condition -----------------------------------------------------------------


def test_patient_carries_navis_id_name_and_mcode_profile():
    (patient,) = resources(export(breast_profile()), "Patient")
    assert patient["id"] == PATIENT.id
    assert patient["identifier"] == [{"system": "urn:navis:patient", "value": PATIENT.id}]
    assert patient["name"] == [{"text": "Ada L."}]
    assert patient["meta"]["profile"] == [
        "http://hl7.org/fhir/us/mcode/StructureDefinition/mcode-cancer-patient"
    ]


def test_every_subject_points_at_the_patient():
    bundle = export(breast_profile())
    subjects = {r["subject"]["reference"] for r in resources(bundle) if "subject" in r}
    assert subjects == {f"urn:uuid:{PATIENT.id}"}
    assert bundle["entry"][0]["fullUrl"] == f"urn:uuid:{PATIENT.id}"


@pytest.mark.parametrize(
    ("site", "histology", "expected"),
    [
        ("breast", "8500/3", ["254837009"]),
        ("lung", "8140/3", ["363358000"]),
        ("colon", "8140/3", ["363406005"]),
        ("breast", "8500/2", []),  # ductal carcinoma in situ is not a malignant neoplasm code
        ("skin", "8720/3", []),  # not mapped: text only
    ],
)
def test_primary_condition_site_code(site, histology, expected):
    profile = empty_profile()
    profile["diagnosis"].update(
        primary_site=site, histology={"code": histology, "label": "Carcinoma"}
    )
    (condition,) = resources(export(profile), "Condition")
    assert codes(condition["code"], SNOMED) == expected
    assert site in condition["code"]["text"]


def test_primary_condition_histology_laterality_and_dates():
    (condition,) = resources(export(breast_profile()), "Condition")
    (histology,) = condition["extension"]
    assert histology["url"].endswith("mcode-histology-morphology-behavior")
    assert histology["valueCodeableConcept"]["coding"][0] == {
        "system": "http://terminology.hl7.org/CodeSystem/icd-o-3",
        "code": "8500/3",
        "display": "Invasive ductal carcinoma",
    }
    (laterality,) = condition["bodySite"][0]["extension"]
    assert laterality["url"].endswith("mcode-laterality-qualifier")
    assert codes(laterality["valueCodeableConcept"], SNOMED) == ["7771000"]
    assert codes(condition["bodySite"][0], SNOMED) == ["76752008"]
    assert condition["onsetDateTime"] == condition["recordedDate"] == "2025-02-20"


@pytest.mark.parametrize(
    ("laterality", "code"), [("left", "7771000"), ("right", "24028007"), ("bilateral", "51440002")]
)
def test_laterality_codes(laterality, code):
    profile = breast_profile()
    profile["diagnosis"]["laterality"] = laterality
    (condition,) = resources(export(profile), "Condition")
    assert codes(condition["bodySite"][0]["extension"][0]["valueCodeableConcept"], SNOMED) == [code]


def test_metastatic_sites_become_secondary_conditions():
    bundle = export(metastatic_profile())
    secondary = [
        r
        for r in resources(bundle, "Condition")
        if r["meta"]["profile"][0].endswith("mcode-secondary-cancer-condition")
    ]
    assert sorted(r["bodySite"][0]["text"] for r in secondary) == ["bone", "liver"]


# --- stage ---------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("stage", "expected"),
    [
        (
            {"T": "pT2", "N": "pN1a", "M": "cM0", "group": "IIB"},
            ["21899-0", "21900-6", "21907-1", "21902-2"],
        ),
        (
            {"T": "cT2", "N": "cN1", "M": "cM0", "group": "IIB"},
            ["21905-5", "21906-3", "21907-1", "21908-9"],
        ),
        (
            {"T": "ypT0", "N": "ypN0", "M": "cM0", "group": "0"},
            ["21899-0", "21900-6", "21907-1", "21902-2"],
        ),
        ({"T": "cT2", "N": "pN1", "M": None, "group": "IIB"}, ["21905-5", "21900-6", "21908-9"]),
    ],
)
def test_stage_codes_follow_the_prefix(stage, expected):
    profile = empty_profile()
    profile["stage"].update(stage, evidence=ev("stage"))
    found = [
        code for r in resources(export(profile), "Observation") for code in codes(r["code"], LOINC)
    ]
    assert found == expected


def test_stage_without_prefix_is_text_only():
    profile = empty_profile()
    profile["stage"].update(T="T2", group="II", evidence=ev("T2"))
    observations = resources(export(profile), "Observation")
    assert len(observations) == 2
    assert all("coding" not in r["code"] for r in observations)


def test_stage_group_has_members_value_as_reported_and_focus():
    bundle = export(breast_profile())
    group = observation_with_code(bundle, "21902-2")
    assert group["valueCodeableConcept"]["text"] == "IIB"
    assert codes(group["valueCodeableConcept"], "urn:navis:ajcc-as-reported") == ["IIB"]
    members = {m["reference"] for m in group["hasMember"]}
    assert members == {
        f"urn:uuid:{observation_with_code(bundle, code)['id']}"
        for code in ("21899-0", "21900-6", "21907-1")
    }
    (condition,) = resources(bundle, "Condition")
    assert group["focus"] == [{"reference": f"urn:uuid:{condition['id']}"}]


# --- tumour markers ------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("text", "loinc"),
    [
        ("Estrogen receptor", "85337-4"),
        ("Progesterone receptor", "85339-0"),
        ("HER2", "48676-1"),
        ("Ki-67", "85330-9"),
    ],
)
def test_marker_loinc_code(text, loinc):
    assert codes(marker(export(breast_profile()), text)["code"], LOINC) == [loinc]


def test_breast_specimen_codes_are_not_used_outside_breast():
    profile = lung_egfr_profile()
    profile["biomarkers"].append({"name": "Ki-67", "percent": 40, "evidence": ev("Ki-67 40%")})
    assert codes(marker(export(profile), "Ki-67")["code"], LOINC) == []


def test_pd_l1_is_text_only_with_its_score():
    pd_l1 = marker(export(breast_profile()), "PD-L1")
    assert "coding" not in pd_l1["code"]
    assert pd_l1["component"][0]["valueQuantity"] == {"value": 10, "unit": "CPS"}


@pytest.mark.parametrize(
    ("name", "status", "snomed", "text"),
    [
        ("ER", "positive", "10828004", "Positive"),
        ("ER", "low", "10828004", "Low positive (1-10 % of cells)"),
        ("PR", "negative", "260385009", "Negative"),
        ("HER2", "equivocal", "42425007", "Equivocal"),
        ("HER2", "low", "260385009", "HER2-low (HER2-negative by ASCO/CAP)"),
        ("HER2", "ultralow", "260385009", "HER2-ultralow (HER2-negative by ASCO/CAP)"),
        ("HER2", "zero", "260385009", "HER2 0 (HER2-negative by ASCO/CAP)"),
    ],
)
def test_marker_result_value(name, status, snomed, text):
    profile = empty_profile()
    profile["diagnosis"]["primary_site"] = "breast"
    profile["biomarkers"] = [{"name": name, "status": status, "evidence": ev(name)}]
    (observation,) = resources(export(profile), "Observation")
    assert codes(observation["valueCodeableConcept"], SNOMED) == [snomed]
    assert observation["valueCodeableConcept"]["text"] == text


def test_percent_is_a_ucum_quantity():
    er = marker(export(breast_profile()), "Estrogen receptor")
    assert er["component"][0]["valueQuantity"] == {
        "value": 95,
        "unit": "%",
        "system": "http://unitsofmeasure.org",
        "code": "%",
    }
    ki67 = marker(export(breast_profile()), "Ki-67")
    assert ki67["valueQuantity"]["value"] == 30


def test_her2_low_keeps_ihc_ish_ratio_and_copy_number():
    her2 = marker(export(her2_low_profile()), "HER2")
    by_text = {c["code"]["text"]: c for c in her2["component"]}
    assert by_text["HER2 IHC score"]["valueString"] == "2+"
    assert codes(by_text["HER2 IHC score"]["code"], LOINC) == ["85319-2"]
    assert by_text["HER2 ISH result"]["valueString"] == "not amplified"
    assert by_text["HER2 ISH ratio"]["valueQuantity"] == {"value": 1.4}
    assert by_text["HER2 ISH copy number"]["valueQuantity"] == {"value": 3.1}


def test_her2_ish_is_coded_as_fish_when_the_report_says_fish():
    her2 = marker(export(her2_low_profile()), "HER2")
    assert codes(component(her2, "85318-4")["code"], LOINC) == ["85318-4"]


def test_her2_ish_by_another_method_is_text_only():
    profile = her2_low_profile()
    profile["biomarkers"][2]["evidence"] = ev("HER2 IHC 2+, SISH not amplified (ratio 1.4)")
    her2 = marker(export(profile), "HER2")
    ish = next(c for c in her2["component"] if c["code"]["text"] == "HER2 ISH result")
    assert "coding" not in ish["code"]


# --- genomic variants ----------------------------------------------------------------------


def test_germline_brca2_variant():
    observation = variant(export(germline_brca2_profile()), "BRCA2")
    assert codes(observation["code"], LOINC) == ["69548-6"]
    assert codes(observation["valueCodeableConcept"], LOINC) == ["LA9633-4"]
    gene = component(observation, "48018-6")["valueCodeableConcept"]
    assert codes(gene, "http://www.genenames.org/geneId") == ["HGNC:1101"]
    assert component(observation, "48004-6")["valueCodeableConcept"]["text"] == "c.5946delT"
    source = component(observation, "48002-0")["valueCodeableConcept"]
    assert codes(source, LOINC) == ["LA6683-2"]
    significance = component(observation, "53037-8")["valueCodeableConcept"]
    assert codes(significance, LOINC) == ["LA6668-3"]


def test_somatic_protein_change_and_negative_gene():
    bundle = export(lung_egfr_profile())
    egfr = variant(bundle, "EGFR")
    assert codes(component(egfr, "48002-0")["valueCodeableConcept"], LOINC) == ["LA6684-0"]
    assert component(egfr, "48005-3")["valueCodeableConcept"]["text"] == "p.L858R"
    alk = variant(bundle, "ALK")
    assert codes(alk["valueCodeableConcept"], LOINC) == ["LA9634-2"]
    assert not [c for c in alk["component"] if "53037-8" in codes(c["code"], LOINC)]


@pytest.mark.parametrize(
    ("status", "words", "expected"),
    [
        ("vus", "BRCA1 variant of uncertain significance", ["LA26333-7"]),
        ("pathogenic", "BRCA1 likely pathogenic variant", []),
    ],
)
def test_clinical_significance(status, words, expected):
    profile = empty_profile()
    profile["biomarkers"] = [
        {"name": "BRCA1", "status": status, "variant": "c.68_69del", "evidence": ev(words)}
    ]
    significance = component(variant(export(profile), "BRCA1"), "53037-8")
    assert codes(significance["valueCodeableConcept"], LOINC) == expected


def test_unmapped_gene_is_text_only():
    profile = empty_profile()
    profile["biomarkers"] = [{"name": "ESR1", "status": "vus", "evidence": ev("ESR1 VUS")}]
    gene = component(variant(export(profile), "ESR1"), "48018-6")["valueCodeableConcept"]
    assert gene == {"text": "ESR1"}


# --- treatments ----------------------------------------------------------------------------


def medication(bundle: dict[str, Any], name: str) -> dict[str, Any]:
    (found,) = [
        r
        for r in resources(bundle, "MedicationStatement")
        if r["medicationCodeableConcept"]["text"] == name
    ]
    return found


@pytest.mark.parametrize(
    ("name", "expected"),
    [("trastuzumab", ["224905"]), ("doxorubicin", ["3639"]), ("osimertinib", [])],
)
def test_rxnorm_code_only_for_reviewed_drugs(name, expected):
    profile = empty_profile()
    profile["treatments"] = [
        {
            "name": name,
            "category": "targeted therapy",
            "start": None,
            "end": None,
            "setting": None,
            "evidence": ev(name),
        }
    ]
    statement = medication(export(profile), name)
    assert codes(statement["medicationCodeableConcept"], RXNORM) == expected


def test_medication_period_status_and_reason():
    bundle = export(breast_profile())
    statement = medication(bundle, "doxorubicin")
    assert statement["effectivePeriod"] == {"start": "2025-03", "end": "2025-05"}
    assert statement["status"] == "completed"
    (condition,) = resources(bundle, "Condition")
    assert statement["reasonReference"] == [{"reference": f"urn:uuid:{condition['id']}"}]
    ongoing = medication(export(lung_egfr_profile()), "osimertinib")
    assert ongoing["status"] == "unknown"
    assert ongoing["effectivePeriod"] == {"start": "2024-12"}


@pytest.mark.parametrize(
    ("name", "category", "snomed"),
    [
        ("lumpectomy", "surgery", ["392021009"]),
        ("mastectomy", "surgery", ["69031006"]),
        ("sentinel lymph node biopsy", "surgery", ["396487001"]),
        ("radiation therapy", "radiation", ["1217123003"]),
        ("oophorectomy", "surgery", []),
    ],
)
def test_procedure_codes(name, category, snomed):
    profile = empty_profile()
    profile["treatments"] = [
        {
            "name": name,
            "category": category,
            "start": "2025",
            "end": None,
            "setting": None,
            "evidence": ev(name),
        }
    ]
    (procedure,) = resources(export(profile), "Procedure")
    assert codes(procedure["code"], SNOMED) == snomed
    assert procedure["code"]["text"] == name
    assert procedure["performedPeriod"] == {"start": "2025"}


# --- provenance, determinism, nothing invented ---------------------------------------------


def test_evidence_note_on_every_resource_from_an_evidenced_value():
    bundle = export(breast_profile())
    her2 = marker(bundle, "HER2")
    assert {"text": "From biopsy.pdf, page 1: “HER2 (IHC): 3+”"} in her2["note"]
    skipped = {"Patient", "Condition"}
    for resource in resources(bundle):
        if (
            resource["resourceType"] in skipped
            or resource.get("code", {}).get("text") == "Histologic grade"
        ):
            continue
        assert any(note["text"].startswith("From ") for note in resource["note"]), resource


def test_treatment_setting_is_kept():
    statement = medication(export(breast_profile()), "doxorubicin")
    assert {"text": "Setting: neoadjuvant"} in statement["note"]


def test_ids_are_deterministic_and_unique():
    first, second = export(breast_profile()), export(breast_profile())
    assert first == second
    ids = [r["id"] for r in resources(first)]
    assert len(ids) == len(set(ids))
    assert all(e["fullUrl"] == f"urn:uuid:{e['resource']['id']}" for e in first["entry"])


def test_ids_differ_between_patients():
    other = PatientInfo(id="7d1f7c66-6a1b-4f9e-8a55-7c0f1f0b2a11", display_name="B")
    mine = {r["id"] for r in resources(export(breast_profile()))}
    theirs = {r["id"] for r in resources(export(breast_profile(), other))}
    assert not mine & theirs


def test_empty_profile_gives_only_the_patient():
    bundle = export(empty_profile())
    assert [r["resourceType"] for r in resources(bundle)] == ["Patient"]
    assert bundle["timestamp"] == "2025-09-01T12:00:00+00:00"


def test_nothing_invented_for_markers_not_in_the_profile():
    profile = breast_profile()
    profile["biomarkers"] = [b for b in profile["biomarkers"] if b["name"] != "PR"]
    bundle = export(profile)
    assert not [r for r in resources(bundle, "Observation") if "85339-0" in codes(r["code"], LOINC)]
    assert not [
        r for r in resources(bundle) if r.get("code", {}).get("text") == "Progesterone receptor"
    ]


def test_export_does_not_change_the_profile():
    profile = breast_profile()
    before = copy.deepcopy(profile)
    export(profile)
    assert profile == before
