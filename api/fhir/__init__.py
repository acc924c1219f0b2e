"""FHIR R4 export of a Navis profile, following mCODE (plain Python, no Django).

Entry point: ``profile_bundle(profile, patient, generated_at=...)`` returns a ``collection``
Bundle as a JSON dict; ``validate_bundle`` checks one with the ``fhir.resources`` R4B models
(the library has no R4 models; R4B is the closest, and the elements used here are the same).

Resources (mCODE profile URLs in ``meta.profile``): Patient (CancerPatient); the primary
cancer Condition (PrimaryCancerCondition) with histology and laterality extensions;
SecondaryCancerCondition per metastatic site; TNM stage group and T/N/M Observations;
TumorMarkerTest Observations (ER, PR, HER2, Ki-67, AR, PD-L1, MSI, TMB); GenomicVariant
Observations (any other biomarker name, an HGNC gene symbol); MedicationStatement (the mCODE
STU1 CancerRelatedMedicationStatement; later mCODE uses MedicationRequest/Administration)
for drugs; Procedure (CancerRelatedSurgicalProcedure / RadiotherapyCourseSummary) for surgery
and radiation. Every resource made from a profile value carries its evidence as ``note``.

Where the codes come from (each checked against a public source besides memory; see
``codes.py`` and ``rxnorm.json``):

- SNOMED CT: malignant neoplasm of breast, lung, colon, rectum, prostate, ovary, pancreas,
  bladder (only for behaviour /3 histology); breast and lung body structures; laterality
  left/right/bilateral; Positive/Negative/Equivocal qualifiers; lumpectomy, mastectomy
  (the broader "excision of breast tissue"), sentinel lymph node biopsy; radiotherapy course.
- LOINC: TNM clinical/pathologic stage group and T/N/M (21908-9, 21905-5, 21906-3, 21907-1,
  21902-2, 21899-0, 21900-6, 21901-4); ER 85337-4, PR 85339-0, Ki-67 85330-9, HER2 IHC
  85319-2 (breast specimen codes, used only when the primary site is breast); HER2
  interpretation 48676-1; MSI 81695-9; TMB 94076-7; genomics 69548-6, 48018-6, 48004-6,
  48005-3, 48002-0, 53037-8 with answers LA9633-4, LA9634-2, LA6683-2, LA6684-0, LA6668-3,
  LA26333-7.
- ICD-O-3 morphology (http://terminology.hl7.org/CodeSystem/icd-o-3) as written in the
  profile; HGNC ids (http://www.genenames.org/geneId) for a reviewed list of genes; RxNorm
  ingredient CUIs from ``rxnorm.json``.

Text only, on purpose: AJCC stage values (licensed; also kept as written in the local system
urn:navis:ajcc-as-reported), histologic grade, metastatic sites, AR and PD-L1 codes, ER/PR/
Ki-67 outside breast, HER2 ISH results unless the report's words name FISH (then 85318-4;
the FISH-specific LOINC would overstate another method),
MSI/TMB result values, HGVS strings (no reference sequence in the profile), "likely
pathogenic" results, genes and drugs not in the reviewed maps, other procedures.
"""

from api.fhir.bundle import PatientInfo, profile_bundle
from api.fhir.validation import validate_bundle

FHIR_VERSION = "4.0.1"

__all__ = ["FHIR_VERSION", "PatientInfo", "profile_bundle", "validate_bundle"]
