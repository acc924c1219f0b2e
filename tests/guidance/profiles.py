"""Test profiles and trials for guidance, written by hand (no real records).

Each profile is a navis.profile.v1 document; every fact carries a quote of our own words as
evidence, as the extractor would. Trials are built with the trials helper's own dataclasses.
"""

from __future__ import annotations

from guidance.trials.model import Criterion, Trial

FILE = "records/pathology.pdf"


def quote(text: str, page: int = 1) -> list[dict]:
    return [{"file": FILE, "page": page, "text": text}]


def marker(name: str, text: str, **values) -> dict:
    return {"name": name, **values, "evidence": quote(text)}


def profile(
    site: str | None = "breast",
    biomarkers: list[dict] | None = None,
    metastatic: bool | None = None,
    group: str | None = None,
    stage_text: str = "Stage as reported.",
    treatments: list[dict] | None = None,
    missing: list[str] | None = None,
    conflicts: list[dict] | None = None,
) -> dict:
    stage = {
        "T": None,
        "N": None,
        "M": None,
        "group": group,
        "metastatic": metastatic,
        "metastatic_sites": [],
    }
    if metastatic is not None or group:
        stage["evidence"] = quote(stage_text)
    return {
        "schema": "navis.profile.v1",
        "documents": [
            {
                "file": FILE,
                "sha256": "0" * 64,
                "pages": 2,
                "ocr_pages": 0,
                "kind": "pathology",
                "date": "2025-03-02",
            }
        ],
        "diagnosis": {
            "primary_site": site,
            "laterality": None,
            "histology": None,
            "grade": None,
            "diagnosis_date": None,
        },
        "biomarkers": biomarkers or [],
        "stage": stage,
        "treatments": treatments or [],
        "conflicts": conflicts or [],
        "missing": missing or [],
    }


def drug(name: str, category: str, setting: str | None = None) -> dict:
    return {
        "name": name,
        "category": category,
        "start": "2024-01",
        "end": None,
        "setting": setting,
        "evidence": quote(f"Treated with {name}.", page=2),
    }


ER_POS = marker("ER", "ER positive, 95% of cells.", status="positive", percent=95)
ER_LOW = marker("ER", "ER low positive, 5% of cells.", status="low", percent=5)
ER_NEG = marker("ER", "ER negative (0%).", status="negative", percent=0)
PR_POS = marker("PR", "PR positive, 60%.", status="positive", percent=60)
PR_NEG = marker("PR", "PR negative (0%).", status="negative", percent=0)
HER2_POS = marker("HER2", "HER2 (4B5): 3+", status="positive", ihc="3+")
HER2_LOW = marker("HER2", "HER2 IHC 1+", status="low", ihc="1+")
HER2_ZERO = marker("HER2", "HER2 IHC 0, no staining", status="zero", ihc="0")
HER2_NEG = marker("HER2", "HER2 negative", status="negative")
BRCA1_GERM = marker(
    "BRCA1",
    "Germline BRCA1 c.68_69delAG, pathogenic.",
    status="pathogenic",
    variant="c.68_69delAG",
    origin="germline",
)
EGFR_MUT = marker("EGFR", "EGFR exon 19 deletion detected.", status="pathogenic", origin="somatic")

PROFILES = {
    "her2_positive_metastatic_after_trastuzumab": profile(
        biomarkers=[ER_NEG, PR_NEG, HER2_POS],
        metastatic=True,
        group="IV",
        stage_text="Metastatic to liver, stage IV.",
        treatments=[
            drug("trastuzumab", "targeted therapy", "metastatic"),
            drug("pertuzumab", "targeted therapy", "metastatic"),
        ],
    ),
    "her2_low_hr_positive": profile(
        biomarkers=[ER_POS, PR_POS, HER2_LOW],
        metastatic=True,
        stage_text="Bone metastases.",
        treatments=[drug("letrozole", "endocrine therapy", "metastatic")],
    ),
    "her2_zero_tnbc_brca1": profile(
        biomarkers=[ER_NEG, PR_NEG, HER2_ZERO, BRCA1_GERM],
        metastatic=True,
        stage_text="Lung metastases.",
    ),
    "early_hr_positive": profile(
        biomarkers=[ER_POS, PR_POS, HER2_NEG],
        metastatic=False,
        group="IIA",
        stage_text="pT2 pN0 cM0, stage IIA.",
    ),
    "her2_missing": profile(biomarkers=[ER_POS], metastatic=True, missing=["HER2"]),
    # A man's breast cancer: the profile contract has no sex field, so nothing says "male".
    "male": profile(
        biomarkers=[ER_POS, PR_POS, HER2_NEG], metastatic=True, stage_text="Metastatic disease."
    ),
    "egfr_lung": profile(
        site="lung",
        biomarkers=[EGFR_MUT],
        metastatic=True,
        group="IVA",
        stage_text="Stage IVA adenocarcinoma.",
    ),
}


def criterion(kind: str, inclusion: bool = True, text: str | None = None, **detail) -> Criterion:
    return Criterion(text or f"{kind} {detail}", inclusion, kind, detail)


def trial(
    nct: str,
    sites: tuple[str, ...],
    modality: str,
    target: str | None,
    criteria: list[Criterion],
    status: str = "Recruiting",
) -> Trial:
    return Trial(
        nct_id=nct,
        title=f"Study {nct}",
        phase="Phase 1",
        status=status,
        open=status in ("Recruiting", "Not yet recruiting"),
        conditions=(),
        sites=sites,
        modality=modality,
        target=target,
        criteria=tuple(criteria),
        source="test",
    )


SITE_BREAST = criterion("site", sites=["breast"], text="Breast cancer")
METASTATIC = criterion("stage", metastatic=True, text="Metastatic disease")

TRIALS = [
    trial(
        "NCT00000001",
        ("breast",),
        "CAR-T",
        "HER2",
        [
            SITE_BREAST,
            criterion("biomarker", name="HER2", statuses=["positive"], text="HER2-positive"),
            METASTATIC,
            criterion("prior_therapy", names=["trastuzumab"], text="Prior trastuzumab"),
        ],
    ),
    trial(
        "NCT00000002",
        ("breast",),
        "ADC",
        "HER2-low",
        [
            SITE_BREAST,
            criterion("biomarker", name="HER2", statuses=["low", "ultralow"], text="HER2-low"),
            criterion("biomarker", name="HR", statuses=["positive"], text="HR-positive"),
            METASTATIC,
        ],
    ),
    trial(
        "NCT00000003",
        ("breast",),
        "small molecule",
        None,
        [
            SITE_BREAST,
            criterion("biomarker", name="TNBC", text="Triple-negative breast cancer"),
            criterion(
                "biomarker",
                name="BRCA",
                statuses=["pathogenic"],
                origin="germline",
                text="Germline BRCA1 or BRCA2 mutation",
            ),
        ],
    ),
    trial(
        "NCT00000004",
        ("breast",),
        "endocrine",
        None,
        [
            SITE_BREAST,
            criterion("biomarker", name="ER", statuses=["positive", "low"], text="ER-positive"),
            criterion("stage", metastatic=False, text="Early (non-metastatic) breast cancer"),
        ],
    ),
    trial(
        "NCT00000005",
        ("lung",),
        "small molecule",
        "EGFR",
        [
            criterion("site", sites=["lung"], text="Non-small cell lung cancer"),
            criterion("biomarker", name="EGFR", statuses=["pathogenic"], text="EGFR mutation"),
            METASTATIC,
        ],
    ),
    trial("NCT00000006", ("breast",), "CAR-T", "HER2", [SITE_BREAST], status="Completed"),
    trial(
        "NCT00000007",
        ("solid tumours",),
        "CAR-T",
        "MSLN",
        [
            criterion("other", text="Mesothelin expression on tumour cells"),
            criterion("sex", sexes=["female"], text="Female participants"),
        ],
    ),
]


def expected_trials(name: str) -> set[str]:
    """Which of TRIALS each profile may be shown (open, right disease)."""
    breast = {"NCT00000001", "NCT00000002", "NCT00000003", "NCT00000004", "NCT00000007"}
    return {"egfr_lung": {"NCT00000005", "NCT00000007"}}.get(name, breast)
