"""Treatments as the contract names them: categories, settings, drug classes, procedures."""

from __future__ import annotations

from vocabulary.contract import procedures

TREATMENT_CATEGORIES = (
    "surgery",
    "chemotherapy",
    "targeted therapy",
    "endocrine therapy",
    "immunotherapy",
    "radiation",
    "cell therapy",
    "other",
)
# Categories of treatments given as drugs (or cells) through the body: what a line is made of.
SYSTEMIC_CATEGORIES = frozenset(
    {"chemotherapy", "targeted therapy", "endocrine therapy", "immunotherapy", "cell therapy"}
)
DRUG_CATEGORIES = SYSTEMIC_CATEGORIES | {"other"}
PROCEDURE_CATEGORIES = frozenset({"surgery", "radiation", "other"})
SETTINGS = ("neoadjuvant", "adjuvant", "metastatic")
RADIATION_NAME = "radiation therapy"  # the contract's one name for every kind of radiation
LINE_GAP_DAYS = 28  # drugs started within this many days of each other form one regimen (r2)

# Drug classes that trials and guidance name, by their RxNorm ingredient names; the profile's
# categories are too coarse to tell them apart.
DRUG_CLASSES: dict[str, frozenset[str]] = {
    "cdk4/6 inhibitor": frozenset({"palbociclib", "ribociclib", "abemaciclib"}),
    "parp inhibitor": frozenset({"olaparib", "talazoparib", "niraparib", "rucaparib"}),
    "antibody-drug conjugate": frozenset(
        {
            "ado-trastuzumab emtansine",
            "fam-trastuzumab deruxtecan",
            "sacituzumab govitecan",
            "datopotamab deruxtecan",
            "enfortumab vedotin",
            "mirvetuximab soravtansine",
            "tisotumab vedotin",
        }
    ),
    "her2-directed therapy": frozenset(
        {
            "trastuzumab",
            "pertuzumab",
            "ado-trastuzumab emtansine",
            "fam-trastuzumab deruxtecan",
            "lapatinib",
            "neratinib",
            "tucatinib",
            "margetuximab",
        }
    ),
}


# Procedures that take tissue to make a diagnosis: their date can be the date of diagnosis, and
# they carry no setting.
DIAGNOSTIC_PROCEDURES = frozenset(
    {
        "core needle biopsy",
        "fine needle aspiration",
        "punch biopsy",
        "shave biopsy",
        "excisional biopsy",
        "EBUS-TBNA",
        "EUS-guided fine needle biopsy",
        "prostate biopsy",
    }
)


def procedure_names() -> frozenset[str]:
    """The contract's names for procedures (``procedures.json``, r2)."""
    return frozenset(procedures())


def in_class(drug: str, drug_class: str) -> bool:
    return drug.lower() in DRUG_CLASSES.get(drug_class.lower(), frozenset())
