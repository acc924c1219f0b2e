"""The extractor's vocabularies: the names the profile contract pins, and the validator.

The helpers ``_histology`` and ``_procedure`` implement the matching the rule files' notes
describe (whole words, longest overlapping occurrence wins, then list order; site-specific
entries beat any-site ones when the primary site is theirs), so these cases pin the data's
order and scoping, not just its contents.
"""

from __future__ import annotations

import json
import re
from pathlib import Path
from typing import Any

import pytest

from workers.extraction.lexicon import (
    Drug,
    Histology,
    Procedure,
    Regimen,
    load_drugs,
    load_histologies,
    load_ignored_procedures,
    load_procedures,
    load_regimens,
    normalize_term,
    read_drugs,
    read_histologies,
    read_procedures,
    read_regimens,
)

# ---------------------------------------------------------------------------------------------
# lookups as the extractor is meant to do them


def _drug(term: str) -> Drug:
    matches = [d for d in load_drugs() if normalize_term(term) in map(normalize_term, d.terms)]
    assert len(matches) == 1, f"{term!r} -> {[d.name for d in matches]}"
    return matches[0]


def _regimen(term: str) -> Regimen:
    matches = [
        r
        for r in load_regimens()
        if normalize_term(term) in map(normalize_term, r.terms) or term in r.context_terms
    ]
    assert len(matches) == 1, f"{term!r} -> {[r.acronym for r in matches]}"
    return matches[0]


def _applies(sites: tuple[str, ...], site: str | None) -> bool:
    return site is None or not sites or site in sites


def _site_rank(sites: tuple[str, ...], site: str | None) -> int:
    """0 wins: a site-specific entry for a known site, else an any-site entry."""
    if site is not None:
        return 0 if sites else 1
    return 1 if sites else 0


def _occurrences(pattern: str, text: str) -> list[tuple[int, int]]:
    regex = rf"(?<!\w){re.escape(pattern)}(?!\w)"
    return [m.span() for m in re.finditer(regex, text)]


def _histology(text: str, site: str | None = None) -> Histology | None:
    text = " ".join(text.lower().split())
    found = [
        (start, end, _site_rank(h.sites, site), rank, h)
        for rank, h in enumerate(load_histologies())
        if _applies(h.sites, site)
        for pattern in h.patterns
        for start, end in _occurrences(pattern, text)
    ]
    found.sort(key=lambda o: (o[0] - o[1], o[2], o[3]))  # longest, then site, then list order
    kept: list[tuple[int, int, int, int, Histology]] = []
    for occ in found:
        if all(occ[1] <= k[0] or occ[0] >= k[1] for k in kept):
            kept.append(occ)
    return min(kept, key=lambda o: o[3])[4] if kept else None


def _procedure(term: str, site: str | None = None) -> Procedure:
    matches = [
        p
        for p in load_procedures()
        if _applies(p.sites, site) and normalize_term(term) in map(normalize_term, p.terms)
    ]
    assert matches, f"{term!r} is not a procedure"
    return min(matches, key=lambda p: _site_rank(p.sites, site))


# ---------------------------------------------------------------------------------------------
# drugs


@pytest.mark.parametrize(
    ("term", "name", "category"),
    [
        ("Herceptin", "trastuzumab", "targeted therapy"),
        ("HERCEPTIN", "trastuzumab", "targeted therapy"),
        ("Kanjinti", "trastuzumab", "targeted therapy"),
        ("Kadcyla", "ado-trastuzumab emtansine", "targeted therapy"),
        ("T-DM1", "ado-trastuzumab emtansine", "targeted therapy"),
        ("Enhertu", "fam-trastuzumab deruxtecan", "targeted therapy"),
        ("T-DXd", "fam-trastuzumab deruxtecan", "targeted therapy"),
        ("trastuzumab deruxtecan", "fam-trastuzumab deruxtecan", "targeted therapy"),
        ("Perjeta", "pertuzumab", "targeted therapy"),
        ("Ibrance", "palbociclib", "targeted therapy"),
        ("Verzenio", "abemaciclib", "targeted therapy"),
        ("Trodelvy", "sacituzumab govitecan", "targeted therapy"),
        ("Dato-DXd", "datopotamab deruxtecan", "targeted therapy"),
        ("Nolvadex", "tamoxifen", "endocrine therapy"),
        ("Femara", "letrozole", "endocrine therapy"),
        ("Zoladex", "goserelin", "endocrine therapy"),
        ("Lupron Depot", "leuprolide", "endocrine therapy"),
        ("Keytruda", "pembrolizumab", "immunotherapy"),
        ("Opdivo", "nivolumab", "immunotherapy"),
        ("Adriamycin", "doxorubicin", "chemotherapy"),
        ("Cytoxan", "cyclophosphamide", "chemotherapy"),
        ("Taxol", "paclitaxel", "chemotherapy"),
        ("Abraxane", "paclitaxel", "chemotherapy"),
        ("nab-paclitaxel", "paclitaxel", "chemotherapy"),
        ("Taxotere", "docetaxel", "chemotherapy"),
        ("5-FU", "fluorouracil", "chemotherapy"),
        ("CPT-11", "irinotecan", "chemotherapy"),
        ("Onivyde", "irinotecan", "chemotherapy"),
        ("folinic acid", "leucovorin", "chemotherapy"),
        ("Xeloda", "capecitabine", "chemotherapy"),
        ("Tagrisso", "osimertinib", "targeted therapy"),
        ("Xgeva", "denosumab", "other"),
        ("Zometa", "zoledronic acid", "other"),
        ("Xofigo", "radium ra-223 dichloride", "other"),
        ("Pluvicto", "lutetium lu-177 vipivotide tetraxetan", "other"),
        ("Amtagvi", "lifileucel", "cell therapy"),
        ("Provenge", "sipuleucel-t", "cell therapy"),
    ],
)
def test_drug_terms_resolve_to_rxnorm_ingredient(term: str, name: str, category: str) -> None:
    drug = _drug(term)
    assert (drug.name, drug.category) == (name, category)
    assert drug.reported == (name,)


@pytest.mark.parametrize(
    ("term", "reported"),
    [
        ("Phesgo", ("pertuzumab", "trastuzumab")),
        ("Herceptin Hylecta", ("trastuzumab",)),
        ("Lonsurf", ("trifluridine", "tipiracil")),
        ("TAS-102", ("trifluridine", "tipiracil")),
        ("Opdualag", ("nivolumab", "relatlimab")),
        ("Kisqali Femara Co-Pack", ("ribociclib", "letrozole")),
        ("Akeega", ("niraparib", "abiraterone")),
    ],
)
def test_combination_products_report_each_ingredient(term: str, reported: tuple[str, ...]) -> None:
    assert _drug(term).reported == reported


def test_drug_names_are_lower_case_and_categories_known() -> None:
    drugs = load_drugs()
    assert len(drugs) > 150
    assert all(d.name == d.name.lower() for d in drugs)
    assert {d.category for d in drugs} == {
        "chemotherapy",
        "targeted therapy",
        "endocrine therapy",
        "immunotherapy",
        "cell therapy",
        "other",
    }


# ---------------------------------------------------------------------------------------------
# regimens


@pytest.mark.parametrize(
    ("term", "drugs"),
    [
        ("AC-T", ("doxorubicin", "cyclophosphamide", "paclitaxel")),
        ("AC->T", ("doxorubicin", "cyclophosphamide", "paclitaxel")),
        ("ac followed by paclitaxel", ("doxorubicin", "cyclophosphamide", "paclitaxel")),
        ("ddAC", ("doxorubicin", "cyclophosphamide")),
        ("dose-dense AC", ("doxorubicin", "cyclophosphamide")),
        ("ddAC-T", ("doxorubicin", "cyclophosphamide", "paclitaxel")),
        ("AC", ("doxorubicin", "cyclophosphamide")),
        ("TCHP", ("docetaxel", "carboplatin", "trastuzumab", "pertuzumab")),
        ("TCH", ("docetaxel", "carboplatin", "trastuzumab")),
        ("THP", ("paclitaxel", "trastuzumab", "pertuzumab")),
        ("TC", ("docetaxel", "cyclophosphamide")),
        ("CMF", ("cyclophosphamide", "methotrexate", "fluorouracil")),
        ("EC", ("epirubicin", "cyclophosphamide")),
        ("FEC", ("fluorouracil", "epirubicin", "cyclophosphamide")),
        ("FEC-T", ("fluorouracil", "epirubicin", "cyclophosphamide", "docetaxel")),
        ("CAF", ("fluorouracil", "doxorubicin", "cyclophosphamide")),
        ("FOLFOX", ("leucovorin", "fluorouracil", "oxaliplatin")),
        ("mFOLFOX6", ("leucovorin", "fluorouracil", "oxaliplatin")),
        ("FOLFIRI", ("leucovorin", "fluorouracil", "irinotecan")),
        ("FOLFIRINOX", ("leucovorin", "fluorouracil", "irinotecan", "oxaliplatin")),
        ("XELOX", ("capecitabine", "oxaliplatin")),
        ("carbo/taxol", ("carboplatin", "paclitaxel")),
        ("gem/abraxane", ("gemcitabine", "paclitaxel")),
    ],
)
def test_regimen_terms_expand_to_drugs(term: str, drugs: tuple[str, ...]) -> None:
    assert _regimen(term).drugs == drugs


@pytest.mark.parametrize("acronym", ["AC", "AT", "AP", "EC", "TC", "HP", "TH", "EP"])
def test_acronyms_that_are_words_need_context(acronym: str) -> None:
    """'at', 'AC joint', 'AP view': these may only match as written, next to treatment words."""
    regimen = next(r for r in load_regimens() if r.acronym == acronym)
    assert regimen.ambiguous
    assert acronym not in regimen.terms
    assert acronym in regimen.context_terms


# Short English words and clinical abbreviations that must never match on their own.
TRAPS = {
    "a", "ac", "act", "all", "an", "and", "ap", "as", "at", "be", "by", "can", "cap", "cape",
    "cis", "crs", "do", "ec", "emr", "ep", "for", "gc", "gem", "go", "hp", "ibc", "if", "in",
    "is", "it", "lv", "me", "no", "not", "of", "on", "or", "pc", "pe", "port", "rt", "sg", "so",
    "tad", "tam", "tc", "th", "the", "to", "up", "us", "we",
}  # fmt: skip


def test_no_safe_term_is_an_ordinary_word() -> None:
    safe = [t for d in load_drugs() for t in d.terms]
    safe += [t for r in load_regimens() for t in r.terms]
    safe += [t for p in load_procedures() for t in p.terms]
    safe += [p for h in load_histologies() for p in h.patterns]
    assert sorted({normalize_term(t) for t in safe} & TRAPS) == []


# ---------------------------------------------------------------------------------------------
# histology


@pytest.mark.parametrize(
    ("text", "site", "code"),
    [
        ("Invasive ductal carcinoma, Nottingham grade 2", "breast", "8500/3"),
        ("INFILTRATING DUCT CARCINOMA", None, "8500/3"),
        ("inf. ductal ca, left breast", "breast", "8500/3"),
        ("Invasive carcinoma of no special type", "breast", "8500/3"),
        ("Invasive mammary carcinoma", "breast", "8500/3"),
        ("IDC with associated DCIS, cribriform type", "breast", "8500/3"),
        ("Ductal carcinoma in situ, high nuclear grade", "breast", "8500/2"),
        ("DCIS", "breast", "8500/2"),
        ("Invasive lobular carcinoma, classic type", "breast", "8520/3"),
        ("Lobular carcinoma in situ", "breast", "8520/2"),
        ("Invasive carcinoma with ductal and lobular features", "breast", "8522/3"),
        ("mixed ductal and lobular carcinoma", "breast", "8522/3"),
        ("Mucinous (colloid) carcinoma", "breast", "8480/3"),
        ("Tubular carcinoma", "breast", "8211/3"),
        ("Metaplastic carcinoma of no special type", "breast", "8575/3"),
        ("Invasive micropapillary carcinoma", "breast", "8507/3"),
        ("Paget disease of the nipple", "breast", "8540/3"),
        ("Adenocarcinoma of the lung, acinar predominant", "lung", "8140/3"),
        ("Non-small cell lung cancer, adenocarcinoma", "lung", "8140/3"),
        ("Non-small cell carcinoma, NOS", "lung", "8046/3"),
        ("non-squamous NSCLC", "lung", "8046/3"),
        ("Squamous cell carcinoma", "lung", "8070/3"),
        ("Small cell lung cancer, extensive stage", "lung", "8041/3"),
        ("Invasive mucinous adenocarcinoma", "lung", "8253/3"),
        ("Invasive mucinous adenocarcinoma", "colon", "8480/3"),
        ("Adenocarcinoma, moderately differentiated", "colon", "8140/3"),
        ("Signet ring cell carcinoma", "colon", "8490/3"),
        ("High-grade serous carcinoma", "ovary", "8461/3"),
        ("Serous carcinoma", "ovary", "8441/3"),
        ("Endometrioid adenocarcinoma", "ovary", "8380/3"),
        ("Clear cell carcinoma", "ovary", "8310/3"),
        ("Malignant melanoma, superficial spreading type", "skin", "8743/3"),
        ("Nodular melanoma", "skin", "8721/3"),
        ("Melanoma in situ", "skin", "8720/2"),
        ("Superficial spreading melanoma in situ", "skin", "8743/2"),
        ("Pancreatic ductal adenocarcinoma", "pancreas", "8500/3"),
        ("Acinar adenocarcinoma, Gleason 3+4=7", "prostate", "8140/3"),
        ("Ductal adenocarcinoma", "prostate", "8500/3"),
        ("Medullary carcinoma of the thyroid", "thyroid", None),
        ("Invasive carcinoma", "breast", None),
    ],
)
def test_histology_phrases_resolve_to_icd_o_3(
    text: str, site: str | None, code: str | None
) -> None:
    found = _histology(text, site)
    assert (found.code if found else None) == code


def test_histology_codes_and_patterns_are_well_formed() -> None:
    for h in load_histologies():
        assert re.fullmatch(r"[0-9]{4}/[0-9]", h.code)
        assert all(p == p.lower() for p in h.patterns)


# ---------------------------------------------------------------------------------------------
# procedures


@pytest.mark.parametrize(
    ("term", "site", "name", "category"),
    [
        ("lumpectomy", "breast", "lumpectomy", "surgery"),
        ("Partial mastectomy", "breast", "lumpectomy", "surgery"),
        ("breast-conserving surgery", None, "lumpectomy", "surgery"),
        ("wide local excision", "breast", "lumpectomy", "surgery"),
        ("wide local excision", "skin", "wide local excision", "surgery"),
        ("wide local excision", None, "wide local excision", "surgery"),
        ("excisional biopsy", "breast", "excisional biopsy", "surgery"),
        ("modified radical mastectomy", "breast", "mastectomy", "surgery"),
        ("nipple-sparing mastectomy", "breast", "mastectomy", "surgery"),
        ("SLNB", "breast", "sentinel lymph node biopsy", "surgery"),
        ("sentinel lymph node dissection", "breast", "sentinel lymph node biopsy", "surgery"),
        ("ALND", "breast", "axillary lymph node dissection", "surgery"),
        (
            "level I and II axillary dissection",
            "breast",
            "axillary lymph node dissection",
            "surgery",
        ),
        ("ultrasound-guided core biopsy", "breast", "core needle biopsy", "surgery"),
        ("stereotactic biopsy", "breast", "core needle biopsy", "surgery"),
        ("DIEP flap", "breast", "reconstruction", "surgery"),
        ("tissue expander placement", "breast", "reconstruction", "surgery"),
        ("BSO", "ovary", "oophorectomy", "surgery"),
        ("bilateral salpingo-oophorectomy", "breast", "oophorectomy", "surgery"),
        ("whole breast irradiation", "breast", "radiation therapy", "radiation"),
        ("XRT", None, "radiation therapy", "radiation"),
        ("WBRT", "lung", "radiation therapy", "radiation"),
        ("SBRT", "lung", "radiation therapy", "radiation"),
        ("brachytherapy", "prostate", "radiation therapy", "radiation"),
        ("VATS lobectomy", "lung", "lobectomy", "surgery"),
        ("right hemicolectomy", "colon", "right hemicolectomy", "surgery"),
        ("LAR", "rectum", "low anterior resection", "surgery"),
        ("Whipple procedure", "pancreas", "pancreaticoduodenectomy", "surgery"),
        ("distal pancreatectomy", "pancreas", "distal pancreatectomy", "surgery"),
        ("RALP", "prostate", "radical prostatectomy", "surgery"),
        ("robotic-assisted radical prostatectomy", "prostate", "radical prostatectomy", "surgery"),
        ("bilateral pelvic lymphadenectomy", "prostate", "pelvic lymph node dissection", "surgery"),
        ("less than total mastectomy", "breast", "lumpectomy", "surgery"),
        ("cytoreductive surgery", "ovary", "debulking surgery", "surgery"),
        ("total abdominal hysterectomy", "ovary", "hysterectomy", "surgery"),
    ],
)
def test_procedure_terms_resolve(term: str, site: str | None, name: str, category: str) -> None:
    proc = _procedure(term, site)
    assert (proc.name, proc.category) == (name, category)


def test_contract_procedure_names_are_all_present() -> None:
    names = {p.name for p in load_procedures()}
    assert names >= {
        "lumpectomy",
        "mastectomy",
        "sentinel lymph node biopsy",
        "axillary lymph node dissection",
        "core needle biopsy",
        "reconstruction",
        "oophorectomy",
        "radiation therapy",
    }
    assert {p.name for p in load_procedures() if p.category == "radiation"} == {"radiation therapy"}


def test_port_placement_is_ignored_not_reported() -> None:
    ignored = {normalize_term(t) for p in load_ignored_procedures() for t in p.terms}
    reported = {normalize_term(t) for p in load_procedures() for t in p.terms}
    assert {"port placement", "mediport", "port-a-cath"} <= ignored
    assert not ignored & reported


def test_loaders_are_cached() -> None:
    assert load_drugs() is load_drugs()
    assert load_regimens() is load_regimens()
    assert load_histologies() is load_histologies()
    assert load_procedures() is load_procedures()


# ---------------------------------------------------------------------------------------------
# the validator refuses bad files


def _write(tmp_path: Path, name: str, data: dict[str, Any]) -> Path:
    path = tmp_path / name
    path.write_text(json.dumps(data), encoding="utf-8")
    return path


def _drugs(*entries: dict[str, Any]) -> dict[str, Any]:
    return {"drugs": list(entries)}


TRASTUZUMAB = {"name": "trastuzumab", "category": "targeted therapy", "synonyms": ["Herceptin"]}
PERTUZUMAB = {"name": "pertuzumab", "category": "targeted therapy", "synonyms": ["Perjeta"]}


def test_a_valid_drug_file_loads(tmp_path: Path) -> None:
    drugs = read_drugs(_write(tmp_path, "drugs.json", _drugs(TRASTUZUMAB, PERTUZUMAB)))
    assert [d.name for d in drugs] == ["trastuzumab", "pertuzumab"]
    assert drugs[0].synonyms == ("Herceptin",)


@pytest.mark.parametrize(
    ("entries", "message"),
    [
        (
            [TRASTUZUMAB, {**PERTUZUMAB, "synonyms": ["herceptin"]}],
            "'herceptin' means both 'trastuzumab' and 'pertuzumab'",
        ),
        ([TRASTUZUMAB, {**PERTUZUMAB, "synonyms": ["Trastuzumab"]}], "means both"),
        ([{**TRASTUZUMAB, "synonyms": ["Herceptin", "HERCEPTIN"]}], "listed twice"),
        ([TRASTUZUMAB, TRASTUZUMAB], "listed twice"),
        ([{**TRASTUZUMAB, "category": "biologic"}], "unknown category 'biologic'"),
        ([{**TRASTUZUMAB, "category": "radiation"}], "unknown category"),
        ([{**TRASTUZUMAB, "name": "Trastuzumab"}], "lower case"),
        ([{**TRASTUZUMAB, "synonym": ["Herceptin"]}], "unknown keys"),
        ([{"name": "trastuzumab"}], "missing keys"),
        (
            [
                TRASTUZUMAB,
                {
                    "name": "phesgo",
                    "category": "targeted therapy",
                    "ingredients": ["pertuzumab", "trastuzumab"],
                },
            ],
            "are not single drugs",
        ),
    ],
)
def test_bad_drug_files_are_refused(
    tmp_path: Path, entries: list[dict[str, Any]], message: str
) -> None:
    with pytest.raises(ValueError, match=re.escape(message)):
        read_drugs(_write(tmp_path, "drugs.json", _drugs(*entries)))


@pytest.mark.parametrize(
    ("entries", "message"),
    [
        ([{"acronym": "HP", "drugs": ["trastuzumab", "margetuximab"]}], "['margetuximab']"),
        ([{"acronym": "HP", "drugs": []}], "has no drugs"),
        (
            [{"acronym": "HP", "aliases": ["Herceptin"], "drugs": ["trastuzumab", "pertuzumab"]}],
            "'Herceptin' means both regimen 'HP' and drug 'trastuzumab'",
        ),
        (
            [
                {"acronym": "HP", "aliases": ["H/P"], "drugs": ["trastuzumab", "pertuzumab"]},
                {"acronym": "PH", "aliases": ["h/p"], "drugs": ["pertuzumab", "trastuzumab"]},
            ],
            "'h/p' means both 'HP' and 'PH'",
        ),
        ([{"acronym": "HP", "ambiguous": "yes", "drugs": ["trastuzumab"]}], "true or false"),
    ],
)
def test_bad_regimen_files_are_refused(
    tmp_path: Path, entries: list[dict[str, Any]], message: str
) -> None:
    drugs = read_drugs(_write(tmp_path, "drugs.json", _drugs(TRASTUZUMAB, PERTUZUMAB)))
    path = _write(tmp_path, "regimens.json", {"regimens": entries})
    with pytest.raises(ValueError, match=re.escape(message)):
        read_regimens(path, drugs)


IDC = {"code": "8500/3", "label": "Invasive ductal carcinoma", "sites": ["breast"],
       "patterns": ["invasive ductal carcinoma", "idc"]}  # fmt: skip


@pytest.mark.parametrize(
    ("entries", "message"),
    [
        ([{**IDC, "code": "8500-3"}], "not ICD-O-3"),
        ([{**IDC, "code": "85003"}], "not ICD-O-3"),
        ([{**IDC, "patterns": ["IDC"]}], "lower case"),
        ([{**IDC, "patterns": []}], "no patterns"),
        ([IDC, {**IDC, "code": "8520/3", "patterns": ["idc"]}], "'idc' means both"),
        (
            [{**IDC, "sites": []}, {**IDC, "sites": [], "code": "8140/3", "patterns": ["idc"]}],
            "'idc' means both '8500/3' and '8140/3' (any site)",
        ),
    ],
)
def test_bad_histology_files_are_refused(
    tmp_path: Path, entries: list[dict[str, Any]], message: str
) -> None:
    path = _write(tmp_path, "histology.json", {"histologies": entries})
    with pytest.raises(ValueError, match=re.escape(message)):
        read_histologies(path)


def test_histology_patterns_may_recur_for_other_sites(tmp_path: Path) -> None:
    entries = [
        {"code": "8140/3", "label": "Adenocarcinoma", "sites": ["prostate"],
         "patterns": ["acinar adenocarcinoma"]},
        {"code": "8551/3", "label": "Acinar adenocarcinoma", "sites": ["lung"],
         "patterns": ["acinar adenocarcinoma"]},
    ]  # fmt: skip
    path = _write(tmp_path, "histology.json", {"histologies": entries})
    assert [h.code for h in read_histologies(path)] == ["8140/3", "8551/3"]


LUMPECTOMY = {"name": "lumpectomy", "category": "surgery", "synonyms": ["partial mastectomy"]}


def test_site_scoped_procedure_synonyms_may_overlap_any_site_ones(tmp_path: Path) -> None:
    data = {
        "procedures": [
            LUMPECTOMY,
            {"name": "lumpectomy", "category": "surgery", "sites": ["breast"],
             "synonyms": ["wide local excision"]},
            {"name": "wide local excision", "category": "surgery", "synonyms": ["wle"]},
        ],
        "ignore": [{"name": "port placement", "synonyms": ["mediport"]}],
    }  # fmt: skip
    procedures, ignored = read_procedures(_write(tmp_path, "procedures.json", data))
    assert [p.name for p in procedures] == ["lumpectomy", "lumpectomy", "wide local excision"]
    assert ignored[0].terms == ("port placement", "mediport")


@pytest.mark.parametrize(
    ("procedures", "ignore", "message"),
    [
        (
            [LUMPECTOMY, {"name": "mastectomy", "category": "surgery",
                          "synonyms": ["partial mastectomy"]}],
            [],
            "'partial mastectomy' means both 'lumpectomy' and 'mastectomy' (any site)",
        ),
        (
            [
                {**LUMPECTOMY, "sites": ["breast"], "synonyms": ["wle"]},
                {"name": "wide local excision", "category": "surgery", "sites": ["breast", "skin"],
                 "synonyms": ["wle"]},
            ],
            [],
            "'wle' means both 'lumpectomy' and 'wide local excision' (breast)",
        ),
        ([{"name": "xrt", "category": "radiation"}], [], "reported as 'radiation therapy'"),
        ([{**LUMPECTOMY, "category": "operation"}], [], "unknown category 'operation'"),
        ([{**LUMPECTOMY, "synonyms": ["Partial Mastectomy"]}], [], "lower case"),
        (
            [LUMPECTOMY, {**LUMPECTOMY, "category": "other", "synonyms": []}],
            [],
            "has two categories",
        ),
        (
            [LUMPECTOMY],
            [{"name": "port placement", "synonyms": ["partial mastectomy"]}],
            "'partial mastectomy' is both ignored",
        ),
    ],
)  # fmt: skip
def test_bad_procedure_files_are_refused(
    tmp_path: Path, procedures: list[dict[str, Any]], ignore: list[dict[str, Any]], message: str
) -> None:
    path = _write(tmp_path, "procedures.json", {"procedures": procedures, "ignore": ignore})
    with pytest.raises(ValueError, match=re.escape(message)):
        read_procedures(path)


def test_a_file_without_its_list_is_refused(tmp_path: Path) -> None:
    with pytest.raises(ValueError, match="'drugs' list"):
        read_drugs(_write(tmp_path, "drugs.json", {"drug": []}))
