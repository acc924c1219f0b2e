"""Code systems, profile URLs and the reviewed code maps the FHIR export uses.

Every code here was checked against a public source besides memory (HL7 implementation
guides and their examples, published value sets, curated tables); anything that could not
be confirmed, or where sources disagreed, is left out and exported as text only. A wrong
code in a medical export is worse than no code.
"""

from __future__ import annotations

import json
from functools import cache
from pathlib import Path

SNOMED = "http://snomed.info/sct"
LOINC = "http://loinc.org"
UCUM = "http://unitsofmeasure.org"
RXNORM = "http://www.nlm.nih.gov/research/umls/rxnorm"
ICD_O_3 = "http://terminology.hl7.org/CodeSystem/icd-o-3"
HGNC = "http://www.genenames.org/geneId"
OBSERVATION_CATEGORY = "http://terminology.hl7.org/CodeSystem/observation-category"
V2_0074 = "http://terminology.hl7.org/CodeSystem/v2-0074"
AJCC_AS_REPORTED = "urn:navis:ajcc-as-reported"
NAVIS_PATIENT = "urn:navis:patient"

MCODE = "http://hl7.org/fhir/us/mcode/StructureDefinition/"
PROFILE = {
    "patient": MCODE + "mcode-cancer-patient",
    "primary": MCODE + "mcode-primary-cancer-condition",
    "secondary": MCODE + "mcode-secondary-cancer-condition",
    "stage_group": MCODE + "mcode-tnm-stage-group",
    "T": MCODE + "mcode-tnm-primary-tumor-category",
    "N": MCODE + "mcode-tnm-regional-nodes-category",
    "M": MCODE + "mcode-tnm-distant-metastases-category",
    "tumor_marker": MCODE + "mcode-tumor-marker-test",
    "variant": MCODE + "mcode-genomic-variant",
    "medication": MCODE + "mcode-cancer-related-medication-statement",
    "surgery": MCODE + "mcode-cancer-related-surgical-procedure",
    "radiotherapy": MCODE + "mcode-radiotherapy-course-summary",
}
EXT_LATERALITY = MCODE + "mcode-laterality-qualifier"
EXT_HISTOLOGY = MCODE + "mcode-histology-morphology-behavior"

# Primary site -> SNOMED CT "malignant neoplasm of <site>" disorder. Used only when the
# histology behaviour is /3 (malignant, primary site): an in-situ lesion is not one of these.
# Not mapped: skin ("skin cancer" may be melanoma or a keratinocyte carcinoma).
SITE_DISORDER = {
    "breast": ("254837009", "Malignant neoplasm of breast"),
    "lung": ("363358000", "Malignant tumor of lung"),
    "colon": ("363406005", "Malignant tumor of colon"),
    "rectum": ("363351006", "Malignant tumor of rectum"),
    "prostate": ("399068003", "Malignant tumor of prostate"),
    "ovary": ("363443007", "Malignant tumor of ovary"),
    "pancreas": ("363418001", "Malignant tumor of pancreas"),
    "bladder": ("399326009", "Malignant neoplasm of urinary bladder"),
}

# Primary site -> SNOMED CT body structure, for Condition.bodySite.
SITE_STRUCTURE = {
    "breast": ("76752008", "Breast structure"),
    "lung": ("39607008", "Lung structure"),
}

LATERALITY = {
    "left": ("7771000", "Left"),
    "right": ("24028007", "Right"),
    "bilateral": ("51440002", "Right and left"),
}

# TNM category LOINC codes, by classification (clinical / pathologic) and category.
TNM_LOINC = {
    ("clinical", "group"): ("21908-9", "Stage group.clinical Cancer"),
    ("clinical", "T"): ("21905-5", "Primary tumor.clinical [Class] Cancer"),
    ("clinical", "N"): ("21906-3", "Regional lymph nodes.clinical [Class] Cancer"),
    ("clinical", "M"): ("21907-1", "Distant metastases.clinical [Class] Cancer"),
    ("pathologic", "group"): ("21902-2", "Stage group.pathology Cancer"),
    ("pathologic", "T"): ("21899-0", "Primary tumor.pathology [Class] Cancer"),
    ("pathologic", "N"): ("21900-6", "Regional lymph nodes.pathology [Class] Cancer"),
    ("pathologic", "M"): ("21901-4", "Distant metastases.pathology [Class] Cancer"),
}

# Tumour marker LOINC codes. The "breast" ones name a breast cancer specimen, so they are
# used only when the primary site is breast; the others are not site-specific.
BREAST_MARKER_LOINC = {
    "ER": ("85337-4", "Estrogen receptor Ag [Presence] in Breast cancer specimen by Immune stain"),
    "PR": (
        "85339-0",
        "Progesterone receptor Ag [Presence] in Breast cancer specimen by Immune stain",
    ),
    "Ki-67": ("85330-9", "Cells.Ki-67 nuclear Ag/cells in Breast cancer specimen by Immune stain"),
}
MARKER_LOINC = {
    "HER2": ("48676-1", "HER2 [Interpretation] in Tissue"),
    "MSI": (
        "81695-9",
        "Microsatellite instability [Interpretation] in Cancer specimen Qualitative",
    ),
    "TMB": ("94076-7", "Mutations/Megabase [# Ratio] in Tumor"),
}
HER2_IHC_LOINC = ("85319-2", "HER2 [Presence] in Breast cancer specimen by Immune stain")
# By FISH only: used when the report's own words name FISH (CISH, SISH, DISH are other codes)
HER2_FISH_LOINC = ("85318-4", "HER2 [Presence] in Breast cancer specimen by FISH")

# Qualitative results, SNOMED CT qualifier values (as the mCODE examples use).
POSITIVE = ("10828004", "Positive")
NEGATIVE = ("260385009", "Negative")
EQUIVOCAL = ("42425007", "Equivocal")

# Genomics (LOINC, as in HL7 Genomics Reporting / mCODE GenomicVariant).
VARIANT_ASSESSMENT = ("69548-6", "Genetic variant assessment")
GENE_STUDIED = ("48018-6", "Gene studied [ID]")
DNA_CHANGE = ("48004-6", "DNA change (c.HGVS)")
GENOMIC_SOURCE = ("48002-0", "Genomic source class [Type]")
CLINICAL_SIGNIFICANCE = ("53037-8", "Genetic variation clinical significance [Imp]")
PRESENT = ("LA9633-4", "Present")
ABSENT = ("LA9634-2", "Absent")
GERMLINE = ("LA6683-2", "Germline")
SOMATIC = ("LA6684-0", "Somatic")
PATHOGENIC = ("LA6668-3", "Pathogenic")
VUS = ("LA26333-7", "Uncertain significance")

# Gene symbol -> HGNC id. Not listed (text only): genes whose id was not confirmed.
HGNC_IDS = {
    "ALK": "HGNC:427",
    "BRAF": "HGNC:1097",
    "BRCA1": "HGNC:1100",
    "BRCA2": "HGNC:1101",
    "EGFR": "HGNC:3236",
    "ERBB2": "HGNC:3430",
    "KRAS": "HGNC:6407",
    "PALB2": "HGNC:26144",
    "PIK3CA": "HGNC:8975",
    "PTEN": "HGNC:9588",
    "TP53": "HGNC:11998",
}

# Procedure name (contract vocabulary) -> SNOMED CT procedure.
PROCEDURES = {
    "lumpectomy": ("392021009", "Lumpectomy of breast"),
    # The SNOMED concept is broader than mastectomy; a broader code is still true.
    "mastectomy": ("69031006", "Excision of breast tissue"),
    "sentinel lymph node biopsy": ("396487001", "Sentinel lymph node biopsy"),
}
RADIOTHERAPY_COURSE = ("1217123003", "Radiotherapy course of treatment")


@cache
def rxnorm() -> dict[str, str]:
    """The reviewed ingredient -> RxCUI map (rxnorm.json), loaded once."""
    data = json.loads((Path(__file__).with_name("rxnorm.json")).read_text(encoding="utf-8"))
    return {name: cui for name, cui in data.items() if not name.startswith("_")}
