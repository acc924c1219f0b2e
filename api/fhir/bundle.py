"""Build the FHIR R4 (mCODE) Bundle for one patient's profile.

Each profile value becomes one resource, with the words that support it copied into
``note`` so provenance survives the export. Ids are uuid5 of the patient id and a resource
key, so exporting the same profile twice gives the same ids.
"""

from __future__ import annotations

import re
import uuid
from dataclasses import dataclass
from datetime import datetime
from typing import Any

from api.fhir import codes as c

Json = dict[str, Any]

MARKERS = {
    "ER": "Estrogen receptor",
    "PR": "Progesterone receptor",
    "HER2": "HER2",
    "Ki-67": "Ki-67",
    "AR": "Androgen receptor",
    "PD-L1": "PD-L1",
    "MSI": "Microsatellite instability",
    "TMB": "Tumor mutational burden",
}
HER2_NEGATIVE_TEXT = {
    "low": "HER2-low (HER2-negative by ASCO/CAP)",
    "ultralow": "HER2-ultralow (HER2-negative by ASCO/CAP)",
    "zero": "HER2 0 (HER2-negative by ASCO/CAP)",
}
DRUG_CATEGORIES = {
    "chemotherapy",
    "targeted therapy",
    "endocrine therapy",
    "immunotherapy",
    "cell therapy",
}
STAGE_PREFIX = re.compile(r"^(yp|yc|p|c)(?=[TNM])")


@dataclass(frozen=True)
class PatientInfo:
    """The few facts about the patient the export needs that are not in the profile."""

    id: str
    display_name: str


def profile_bundle(profile: Json, patient: PatientInfo, *, generated_at: datetime) -> Json:
    """The profile as a FHIR R4 collection Bundle: the Patient first, then one resource a value.

    ``generated_at`` must be timezone-aware (Bundle.timestamp is an instant).
    """
    if generated_at.tzinfo is None:
        raise ValueError("generated_at must be timezone-aware")
    builder = _Builder(patient)
    builder.add("patient", _patient(patient))
    diagnosis = profile.get("diagnosis") or {}
    site = diagnosis.get("primary_site")
    condition = builder.add("condition:primary", _primary_condition(builder, diagnosis))
    if diagnosis.get("grade") is not None:
        builder.add("grade", _grade(builder, diagnosis["grade"], condition))
    _stage(builder, profile.get("stage") or {}, condition)
    for index, biomarker in enumerate(profile.get("biomarkers") or []):
        name = biomarker.get("name") or ""
        key = f"biomarker:{index}:{name}"
        if name in MARKERS:
            builder.add(key, _tumor_marker(builder, biomarker, site, condition))
        else:
            builder.add(key, _variant(builder, biomarker, condition))
    for index, treatment in enumerate(profile.get("treatments") or []):
        builder.add(
            f"treatment:{index}:{treatment.get('name')}", _treatment(builder, treatment, condition)
        )
    return {
        "resourceType": "Bundle",
        "id": builder.id("bundle"),
        "type": "collection",
        "timestamp": generated_at.isoformat(),
        "entry": builder.entries,
    }


class _Builder:
    """Collects entries and hands out deterministic ids and references."""

    def __init__(self, patient: PatientInfo) -> None:
        self.patient = patient
        self.entries: list[Json] = []

    def id(self, key: str) -> str:
        if key == "patient":
            return self.patient.id
        return str(uuid.uuid5(uuid.NAMESPACE_URL, f"{c.NAVIS_PATIENT}:{self.patient.id}/{key}"))

    def add(self, key: str, resource: Json | None) -> Json | None:
        """Add the resource under a stable id; returns a Reference to it (None if no resource)."""
        if resource is None:
            return None
        resource_id = self.id(key)
        resource = {"resourceType": resource.pop("resourceType"), "id": resource_id, **resource}
        self.entries.append({"fullUrl": f"urn:uuid:{resource_id}", "resource": resource})
        return {"reference": f"urn:uuid:{resource_id}"}

    @property
    def subject(self) -> Json:
        return {"reference": f"urn:uuid:{self.patient.id}"}


# --- small helpers -------------------------------------------------------------------------


def _coding(system: str, code_display: tuple[str, str]) -> Json:
    code, display = code_display
    return {"system": system, "code": code, "display": display}


def _concept(text: str | None, *codings: Json) -> Json:
    concept: Json = {}
    if codings:
        concept["coding"] = list(codings)
    if text:
        concept["text"] = text
    return concept


def _meta(profile_key: str) -> Json:
    return {"profile": [c.PROFILE[profile_key]]}


def _notes(item: Json, *extra: str) -> list[Json]:
    """Evidence as annotations: where the value was read, in the record's own words."""
    notes = [{"text": text} for text in extra if text]
    for evidence in item.get("evidence") or []:
        notes.append(
            {"text": f"From {evidence['file']}, page {evidence['page']}: “{evidence['text']}”"}
        )
    return notes


def _with_notes(resource: Json, item: Json, *extra: str) -> Json:
    notes = _notes(item, *extra)
    if notes:
        resource["note"] = notes
    return resource


def _period(start: str | None, end: str | None) -> Json | None:
    period = {key: value for key, value in (("start", start), ("end", end)) if value}
    return period or None


def _quantity(value: float, unit: str | None) -> Json:
    quantity: Json = {"value": value}
    if unit == "%":
        quantity.update(unit="%", system=c.UCUM, code="%")
    elif unit:
        quantity["unit"] = unit
    return quantity


def _category(*codes: tuple[str, str, str]) -> list[Json]:
    return [{"coding": [{"system": s, "code": code, "display": d}]} for s, code, d in codes]


LABORATORY = (c.OBSERVATION_CATEGORY, "laboratory", "Laboratory")
GENETICS = (c.V2_0074, "GE", "Genetics")


# --- Patient and Condition -----------------------------------------------------------------


def _patient(patient: PatientInfo) -> Json:
    resource: Json = {
        "resourceType": "Patient",
        "meta": _meta("patient"),
        "identifier": [{"system": c.NAVIS_PATIENT, "value": patient.id}],
    }
    if patient.display_name:
        resource["name"] = [{"text": patient.display_name}]
    return resource


def _primary_condition(builder: _Builder, diagnosis: Json) -> Json | None:
    site = diagnosis.get("primary_site")
    laterality = diagnosis.get("laterality")
    histology = diagnosis.get("histology") or {}
    morphology, label = histology.get("code"), histology.get("label")
    date = diagnosis.get("diagnosis_date")
    if not any((site, laterality, morphology, label, date, diagnosis.get("grade"))):
        return None
    codings = []
    # A site code says "malignant neoplasm": only true for an invasive (behaviour /3) tumour.
    if site in c.SITE_DISORDER and morphology and morphology.endswith("/3"):
        codings.append(_coding(c.SNOMED, c.SITE_DISORDER[site]))
    text = " of ".join(part for part in (label, site) if part) or "Cancer"
    if site and not label:
        text = f"Cancer of {site}"
    resource: Json = {
        "resourceType": "Condition",
        "meta": _meta("primary"),
        "code": _concept(text, *codings),
        "subject": builder.subject,
    }
    if morphology or label:
        histology_codings = (
            [_coding(c.ICD_O_3, (morphology, label or morphology))] if morphology else []
        )
        resource["extension"] = [
            {"url": c.EXT_HISTOLOGY, "valueCodeableConcept": _concept(label, *histology_codings)}
        ]
    if site or laterality:
        body_site = _concept(
            site, *([_coding(c.SNOMED, c.SITE_STRUCTURE[site])] if site in c.SITE_STRUCTURE else [])
        )
        if laterality in c.LATERALITY:
            body_site["extension"] = [
                {
                    "url": c.EXT_LATERALITY,
                    "valueCodeableConcept": _concept(
                        laterality, _coding(c.SNOMED, c.LATERALITY[laterality])
                    ),
                }
            ]
        resource["bodySite"] = [body_site]
    if date:
        resource["onsetDateTime"] = date
        resource["recordedDate"] = date
    return _with_notes(resource, diagnosis)


def _grade(builder: _Builder, grade: int, condition: Json | None) -> Json:
    """Histologic grade: text only (no grade code was confirmed for this export)."""
    resource: Json = {
        "resourceType": "Observation",
        "status": "final",
        "category": _category(LABORATORY),
        "code": _concept("Histologic grade"),
        "subject": builder.subject,
        "valueCodeableConcept": _concept(f"Grade {grade}"),
    }
    if condition:
        resource["focus"] = [condition]
    return resource


# --- Stage ---------------------------------------------------------------------------------


def _classification(value: str | None) -> str | None:
    """clinical (c, yc) or pathologic (p, yp) from the TNM prefix; None when not stated."""
    match = STAGE_PREFIX.match(value or "")
    if not match:
        return None
    return "pathologic" if match.group(1).endswith("p") else "clinical"


def _stage(builder: _Builder, stage: Json, condition: Json | None) -> None:
    members = []
    for category in ("T", "N", "M"):
        value = stage.get(category)
        if not value:
            continue
        reference = builder.add(
            f"stage:{category}",
            _stage_observation(builder, stage, category, value, _classification(value), condition),
        )
        members.append(reference)
    if stage.get("group"):
        # The group is classified like its T (then N, then M): pT2 pN1a cM0 is a pathologic stage.
        kinds = [_classification(stage.get(category)) for category in ("T", "N", "M")]
        kind = next((k for k, v in zip(kinds, ("T", "N", "M"), strict=True) if stage.get(v)), None)
        resource = _stage_observation(builder, stage, "group", stage["group"], kind, condition)
        if members:
            resource["hasMember"] = members
        builder.add("stage:group", resource)
    sites = stage.get("metastatic_sites") or []
    for site in sites:
        builder.add(f"metastasis:{site}", _secondary_condition(builder, stage, site))
    if stage.get("metastatic") and not sites:
        builder.add("metastasis:unspecified", _secondary_condition(builder, stage, None))


def _stage_observation(
    builder: _Builder,
    stage: Json,
    category: str,
    value: str,
    kind: str | None,
    condition: Json | None,
) -> Json:
    names = {
        "group": "Stage group",
        "T": "Primary tumor",
        "N": "Regional lymph nodes",
        "M": "Distant metastases",
    }
    if kind:
        loinc = c.TNM_LOINC[(kind, category)]
        code = _concept(loinc[1], _coding(c.LOINC, loinc))
    else:
        code = _concept(f"{names[category]} (TNM classification not stated)")
    resource: Json = {
        "resourceType": "Observation",
        "meta": _meta("stage_group" if category == "group" else category),
        "status": "final",
        "category": _category(LABORATORY),
        "code": code,
        "subject": builder.subject,
        # AJCC codes need a licence: the value as reported, in a local system.
        "valueCodeableConcept": _concept(value, {"system": c.AJCC_AS_REPORTED, "code": value}),
    }
    if condition:
        resource["focus"] = [condition]
    return _with_notes(resource, stage)


def _secondary_condition(builder: _Builder, stage: Json, site: str | None) -> Json:
    """A documented distant metastasis; text only (no metastasis codes were confirmed)."""
    resource: Json = {
        "resourceType": "Condition",
        "meta": _meta("secondary"),
        "code": _concept(
            f"Metastasis to {site}" if site else "Distant metastasis (site not stated)"
        ),
        "subject": builder.subject,
    }
    if site:
        resource["bodySite"] = [_concept(site)]
    return _with_notes(resource, stage)


# --- Biomarkers ----------------------------------------------------------------------------


def _marker_value(name: str, status: str) -> Json:
    """The qualitative result; coded only where the status maps exactly to a SNOMED qualifier."""
    if name == "HER2" and status in HER2_NEGATIVE_TEXT:
        return _concept(HER2_NEGATIVE_TEXT[status], _coding(c.SNOMED, c.NEGATIVE))
    if name in ("ER", "PR") and status == "low":
        return _concept("Low positive (1-10 % of cells)", _coding(c.SNOMED, c.POSITIVE))
    coded = {"positive": c.POSITIVE, "negative": c.NEGATIVE, "equivocal": c.EQUIVOCAL}
    if status in coded:
        return _concept(status.capitalize(), _coding(c.SNOMED, coded[status]))
    if name == "MSI":
        return _concept({"high": "MSI-high", "stable": "Microsatellite stable"}.get(status, status))
    return _concept(status.capitalize())


def _component(text: str, value: Json, loinc: tuple[str, str] | None = None) -> Json:
    code = _concept(text, _coding(c.LOINC, loinc)) if loinc else _concept(text)
    return {"code": code, **value}


def _tumor_marker(
    builder: _Builder, marker: Json, site: str | None, condition: Json | None
) -> Json:
    name = marker["name"]
    loinc = c.MARKER_LOINC.get(name)
    if site == "breast" and name in c.BREAST_MARKER_LOINC:
        loinc = c.BREAST_MARKER_LOINC[name]
    resource: Json = {
        "resourceType": "Observation",
        "meta": _meta("tumor_marker"),
        "status": "final",
        "category": _category(LABORATORY),
        "code": _concept(MARKERS[name], _coding(c.LOINC, loinc))
        if loinc
        else _concept(MARKERS[name]),
        "subject": builder.subject,
    }
    if condition:
        resource["focus"] = [condition]
    numbers = []
    if marker.get("percent") is not None:
        numbers.append(("Percentage of cells staining", _quantity(marker["percent"], "%")))
    if marker.get("value") is not None:
        numbers.append((f"{name} score", _quantity(marker["value"], marker.get("unit"))))
    components = []
    if marker.get("status"):
        resource["valueCodeableConcept"] = _marker_value(name, marker["status"])
    elif len(numbers) == 1:
        resource["valueQuantity"] = numbers.pop()[1]
    components += [_component(text, {"valueQuantity": q}) for text, q in numbers]
    if marker.get("ihc"):
        ihc_loinc = c.HER2_IHC_LOINC if name == "HER2" and site == "breast" else None
        components.append(
            _component(f"{name} IHC score", {"valueString": marker["ihc"]}, ihc_loinc)
        )
    if marker.get("ish"):
        by_fish = any(re.search(r"\bFISH\b", e.get("text", "")) for e in marker.get("evidence", []))
        ish_loinc = c.HER2_FISH_LOINC if name == "HER2" and site == "breast" and by_fish else None
        components.append(
            _component(f"{name} ISH result", {"valueString": marker["ish"]}, ish_loinc)
        )
    if marker.get("ratio") is not None:
        components.append(
            _component(f"{name} ISH ratio", {"valueQuantity": {"value": marker["ratio"]}})
        )
    if marker.get("copy_number") is not None:
        components.append(
            _component(
                f"{name} ISH copy number", {"valueQuantity": {"value": marker["copy_number"]}}
            )
        )
    if components:
        resource["component"] = components
    return _with_notes(resource, marker)


def _variant(builder: _Builder, gene: Json, condition: Json | None) -> Json:
    symbol = gene["name"]
    status, variant, origin = gene.get("status"), gene.get("variant"), gene.get("origin")
    hgnc = c.HGNC_IDS.get(symbol)
    gene_concept = (
        _concept(symbol, {"system": c.HGNC, "code": hgnc, "display": symbol})
        if hgnc
        else _concept(symbol)
    )
    components = [
        _component("Gene studied", {"valueCodeableConcept": gene_concept}, c.GENE_STUDIED)
    ]
    if variant:
        if variant.startswith("c."):
            components.append(
                _component(
                    "DNA change (c.HGVS)", {"valueCodeableConcept": _concept(variant)}, c.DNA_CHANGE
                )
            )
        elif variant.startswith("p."):
            aa_change = ("48005-3", "Amino acid change (pHGVS)")
            components.append(
                _component(
                    "Amino acid change (p.HGVS)",
                    {"valueCodeableConcept": _concept(variant)},
                    aa_change,
                )
            )
        else:
            components.append(_component("Variant as reported", {"valueString": variant}))
    if origin in ("germline", "somatic"):
        source = c.GERMLINE if origin == "germline" else c.SOMATIC
        components.append(
            _component(
                "Genomic source class",
                {"valueCodeableConcept": _concept(origin.capitalize(), _coding(c.LOINC, source))},
                c.GENOMIC_SOURCE,
            )
        )
    significance = _significance(gene)
    if significance:
        components.append(
            _component(
                "Clinical significance",
                {"valueCodeableConcept": significance},
                c.CLINICAL_SIGNIFICANCE,
            )
        )
    resource: Json = {
        "resourceType": "Observation",
        "meta": _meta("variant"),
        "status": "final",
        "category": _category(LABORATORY, GENETICS),
        "code": _concept(c.VARIANT_ASSESSMENT[1], _coding(c.LOINC, c.VARIANT_ASSESSMENT)),
        "subject": builder.subject,
    }
    if condition:
        resource["focus"] = [condition]
    if status == "negative":
        resource["valueCodeableConcept"] = _concept(
            "No pathogenic variant found", _coding(c.LOINC, c.ABSENT)
        )
    elif status in ("pathogenic", "vus") or variant:
        resource["valueCodeableConcept"] = _concept("Present", _coding(c.LOINC, c.PRESENT))
    resource["component"] = components
    return _with_notes(resource, gene)


def _significance(gene: Json) -> Json | None:
    """Pathogenic is coded only when the record does not say "likely" (the profile merges both)."""
    status = gene.get("status")
    if status == "vus":
        return _concept("Uncertain significance", _coding(c.LOINC, c.VUS))
    if status != "pathogenic":
        return None
    words = " ".join(evidence.get("text", "") for evidence in gene.get("evidence") or [])
    if "likely" in words.lower():
        return _concept("Pathogenic or likely pathogenic")
    return _concept("Pathogenic", _coding(c.LOINC, c.PATHOGENIC))


# --- Treatments ----------------------------------------------------------------------------


def _treatment(builder: _Builder, treatment: Json, condition: Json | None) -> Json:
    name, category = treatment["name"], treatment.get("category")
    cui = c.rxnorm().get(name.lower())
    if category in DRUG_CATEGORIES or (category == "other" and cui):
        return _medication(builder, treatment, cui, condition)
    return _procedure(builder, treatment, condition)


def _medication(
    builder: _Builder, treatment: Json, cui: str | None, condition: Json | None
) -> Json:
    name = treatment["name"]
    codings = [{"system": c.RXNORM, "code": cui, "display": name}] if cui else []
    resource: Json = {
        "resourceType": "MedicationStatement",
        "meta": _meta("medication"),
        # An end date means the course ended; without one the record does not say.
        "status": "completed" if treatment.get("end") else "unknown",
        "category": _concept(treatment.get("category")),
        "medicationCodeableConcept": _concept(name, *codings),
        "subject": builder.subject,
    }
    period = _period(treatment.get("start"), treatment.get("end"))
    if period:
        resource["effectivePeriod"] = period
    if condition:
        resource["reasonReference"] = [condition]
    setting = treatment.get("setting")
    return _with_notes(resource, treatment, f"Setting: {setting}" if setting else "")


def _procedure(builder: _Builder, treatment: Json, condition: Json | None) -> Json:
    name, category = treatment["name"], treatment.get("category")
    if category == "radiation":
        code, profile = _concept(name, _coding(c.SNOMED, c.RADIOTHERAPY_COURSE)), "radiotherapy"
    elif name.lower() in c.PROCEDURES:
        code, profile = _concept(name, _coding(c.SNOMED, c.PROCEDURES[name.lower()])), "surgery"
    else:
        code, profile = _concept(name), "surgery" if category == "surgery" else None
    done = category == "surgery" or treatment.get("end")
    resource: Json = {
        "resourceType": "Procedure",
        "status": "completed" if done else "unknown",
        "category": _concept(category),
        "code": code,
        "subject": builder.subject,
    }
    if profile:
        resource["meta"] = _meta(profile)
    period = _period(treatment.get("start"), treatment.get("end"))
    if period:
        resource["performedPeriod"] = period
    if condition:
        resource["reasonReference"] = [condition]
    setting = treatment.get("setting")
    return _with_notes(resource, treatment, f"Setting: {setting}" if setting else "")
