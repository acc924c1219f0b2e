"""Contract vocabulary: drug ingredients and categories, brands, regimens, histologies."""

from __future__ import annotations

CHEMO = "chemotherapy"
TARGETED = "targeted therapy"
ENDOCRINE = "endocrine therapy"
IMMUNO = "immunotherapy"
RADIATION = "radiation"
SURGERY = "surgery"
OTHER = "other"

CATEGORY = {
    # chemotherapy
    "doxorubicin": CHEMO,
    "cyclophosphamide": CHEMO,
    "paclitaxel": CHEMO,
    "docetaxel": CHEMO,
    "carboplatin": CHEMO,
    "cisplatin": CHEMO,
    "capecitabine": CHEMO,
    "fluorouracil": CHEMO,
    "leucovorin": CHEMO,
    "oxaliplatin": CHEMO,
    "irinotecan": CHEMO,
    "gemcitabine": CHEMO,
    "pemetrexed": CHEMO,
    "vinorelbine": CHEMO,
    "methotrexate": CHEMO,
    "eribulin": CHEMO,
    # targeted
    "trastuzumab": TARGETED,
    "pertuzumab": TARGETED,
    "ado-trastuzumab emtansine": TARGETED,
    "fam-trastuzumab deruxtecan": TARGETED,
    "sacituzumab govitecan": TARGETED,
    "palbociclib": TARGETED,
    "ribociclib": TARGETED,
    "abemaciclib": TARGETED,
    "olaparib": TARGETED,
    "niraparib": TARGETED,
    "alpelisib": TARGETED,
    "capivasertib": TARGETED,
    "osimertinib": TARGETED,
    "alectinib": TARGETED,
    "entrectinib": TARGETED,
    "crizotinib": TARGETED,
    "sotorasib": TARGETED,
    "bevacizumab": TARGETED,
    "dabrafenib": TARGETED,
    "trametinib": TARGETED,
    "cetuximab": TARGETED,
    # immunotherapy
    "pembrolizumab": IMMUNO,
    "nivolumab": IMMUNO,
    "ipilimumab": IMMUNO,
    "durvalumab": IMMUNO,
    # endocrine
    "tamoxifen": ENDOCRINE,
    "letrozole": ENDOCRINE,
    "anastrozole": ENDOCRINE,
    "exemestane": ENDOCRINE,
    "fulvestrant": ENDOCRINE,
    "goserelin": ENDOCRINE,
    "leuprolide": ENDOCRINE,
    "abiraterone": ENDOCRINE,
    "enzalutamide": ENDOCRINE,
    # bone-modifying and supportive agents given for the cancer
    "zoledronic acid": OTHER,
    "denosumab": OTHER,
    "radiation therapy": RADIATION,
}

BRAND = {
    "trastuzumab": "Herceptin",
    "pertuzumab": "Perjeta",
    "ado-trastuzumab emtansine": "Kadcyla",
    "fam-trastuzumab deruxtecan": "Enhertu",
    "sacituzumab govitecan": "Trodelvy",
    "palbociclib": "Ibrance",
    "ribociclib": "Kisqali",
    "abemaciclib": "Verzenio",
    "olaparib": "Lynparza",
    "niraparib": "Zejula",
    "alpelisib": "Piqray",
    "capivasertib": "Truqap",
    "osimertinib": "Tagrisso",
    "alectinib": "Alecensa",
    "entrectinib": "Rozlytrek",
    "crizotinib": "Xalkori",
    "sotorasib": "Lumakras",
    "bevacizumab": "Avastin",
    "dabrafenib": "Tafinlar",
    "trametinib": "Mekinist",
    "pembrolizumab": "Keytruda",
    "nivolumab": "Opdivo",
    "ipilimumab": "Yervoy",
    "tamoxifen": "Nolvadex",
    "letrozole": "Femara",
    "anastrozole": "Arimidex",
    "exemestane": "Aromasin",
    "fulvestrant": "Faslodex",
    "goserelin": "Zoladex",
    "leuprolide": "Lupron",
    "abiraterone": "Zytiga",
    "enzalutamide": "Xtandi",
    "capecitabine": "Xeloda",
    "paclitaxel": "Taxol",
    "docetaxel": "Taxotere",
    "zoledronic acid": "Zometa",
    "denosumab": "Xgeva",
    "gemcitabine": "Gemzar",
    "pemetrexed": "Alimta",
    "doxorubicin": "Adriamycin",
}

DOSE = {
    "letrozole": "2.5 mg daily",
    "anastrozole": "1 mg daily",
    "exemestane": "25 mg daily",
    "tamoxifen": "20 mg daily",
    "fulvestrant": "500 mg IM monthly",
    "palbociclib": "125 mg daily, 21 of 28 days",
    "ribociclib": "600 mg daily, 21 of 28 days",
    "abemaciclib": "150 mg twice daily",
    "olaparib": "300 mg twice daily",
    "niraparib": "200 mg daily",
    "alpelisib": "300 mg daily",
    "capivasertib": "400 mg twice daily, 4 days on / 3 off",
    "osimertinib": "80 mg daily",
    "alectinib": "600 mg twice daily",
    "entrectinib": "600 mg daily",
    "crizotinib": "250 mg twice daily",
    "sotorasib": "960 mg daily",
    "dabrafenib": "150 mg twice daily",
    "trametinib": "2 mg daily",
    "capecitabine": "1000 mg/m2 twice daily, days 1-14",
    "goserelin": "3.6 mg SC every 28 days",
    "leuprolide": "22.5 mg IM every 3 months",
    "abiraterone": "1000 mg daily with prednisone",
    "enzalutamide": "160 mg daily",
    "zoledronic acid": "4 mg IV every 12 weeks",
    "denosumab": "120 mg SC every 4 weeks",
}

# regimen acronym -> (ingredients, how it is spelled out)
REGIMEN = {
    "TCHP": (
        ["docetaxel", "carboplatin", "trastuzumab", "pertuzumab"],
        "docetaxel, carboplatin, trastuzumab and pertuzumab",
    ),
    "TC": (["docetaxel", "cyclophosphamide"], "docetaxel and cyclophosphamide"),
    "AC": (["doxorubicin", "cyclophosphamide"], "doxorubicin and cyclophosphamide"),
    "ddAC": (["doxorubicin", "cyclophosphamide"], "dose-dense doxorubicin and cyclophosphamide"),
    "CMF": (
        ["cyclophosphamide", "methotrexate", "fluorouracil"],
        "cyclophosphamide, methotrexate and fluorouracil",
    ),
    "FOLFOX": (
        ["leucovorin", "fluorouracil", "oxaliplatin"],
        "leucovorin, 5-fluorouracil and oxaliplatin",
    ),
    "FOLFIRI": (
        ["leucovorin", "fluorouracil", "irinotecan"],
        "leucovorin, 5-fluorouracil and irinotecan",
    ),
    "FOLFIRINOX": (
        ["leucovorin", "fluorouracil", "irinotecan", "oxaliplatin"],
        "leucovorin, 5-fluorouracil, irinotecan and oxaliplatin",
    ),
    "CAPOX": (["capecitabine", "oxaliplatin"], "capecitabine and oxaliplatin"),
}

HISTOLOGY = {
    "8500/3": "Invasive ductal carcinoma",
    "8520/3": "Invasive lobular carcinoma",
    "8522/3": "Invasive ductal and lobular carcinoma",
    "8500/2": "Ductal carcinoma in situ",
    "8480/3": "Mucinous carcinoma",
    "8211/3": "Tubular carcinoma",
    "8575/3": "Metaplastic carcinoma",
    "8140/3": "Adenocarcinoma",
    "8070/3": "Squamous cell carcinoma",
    "8461/3": "High-grade serous carcinoma",
    "8720/3": "Melanoma",
    "8743/3": "Superficial spreading melanoma",
}

# how a pathologist may write each histology (all map to the code)
HISTOLOGY_TEXT = {
    "8500/3": [
        "Invasive ductal carcinoma",
        "Invasive carcinoma of no special type (ductal)",
        "Infiltrating ductal carcinoma",
        "Invasive mammary carcinoma, ductal type",
        "Invasive breast carcinoma of no special type (NST)",
    ],
    "8520/3": [
        "Invasive lobular carcinoma, classic type",
        "Infiltrating lobular carcinoma",
        "Invasive lobular carcinoma",
    ],
    "8522/3": [
        "Invasive carcinoma with mixed ductal and lobular features",
        "Mixed invasive ductal and lobular carcinoma",
        "Invasive ductal and lobular carcinoma (mixed type)",
    ],
    "8500/2": [
        "Ductal carcinoma in situ (DCIS)",
        "Ductal carcinoma in situ",
        "DCIS",
    ],
    "8480/3": [
        "Mucinous (colloid) carcinoma",
        "Invasive mucinous carcinoma",
        "Pure mucinous carcinoma",
    ],
    "8211/3": ["Tubular carcinoma", "Invasive tubular carcinoma"],
    "8575/3": [
        "Metaplastic carcinoma with spindle cell features",
        "Metaplastic carcinoma (spindle cell type)",
        "Metaplastic carcinoma",
    ],
    "8070/3": ["Squamous cell carcinoma", "Non-small cell carcinoma, squamous cell type"],
    "8461/3": ["High-grade serous carcinoma", "High grade serous carcinoma (HGSC)"],
    "8720/3": ["Malignant melanoma", "Invasive malignant melanoma", "Invasive melanoma"],
    "8743/3": ["Superficial spreading melanoma", "Malignant melanoma, superficial spreading type"],
}

SITES = (
    "bone",
    "liver",
    "lung",
    "brain",
    "distant lymph node",
    "pleura",
    "peritoneum",
    "skin",
    "other",
)

# key biomarkers whose absence is listed in "missing", per tumour
KEY_MARKERS = {
    "breast": ["ER", "PR", "HER2"],
    "lung": ["EGFR", "ALK", "ROS1", "KRAS", "PD-L1"],
    "colorectal": ["KRAS", "NRAS", "BRAF", "MSI"],
    "ovary": ["BRCA1", "BRCA2"],
    "melanoma": ["BRAF"],
    "pancreas": [],
    "prostate": [],
}

ROMAN = {1: "I", 2: "II", 3: "III"}
