"""Procedure names follow the contract's list (``procedures.json``, contract revision 2).

Every name the contract lists, and every wording it gives for one, must come out of the
extractor under that name: looked up in the lexicon, and read from a sentence of a record.
A combined operation ("TAH-BSO") is reported as its named parts.
"""

import json
import re
from pathlib import Path
from typing import Any

import pytest

from tests.workers.extraction.conftest import read
from vocabulary import contract
from workers.extraction.lexicon import load_procedures, normalize_term, read_procedures

# wordings the contract lists under one name whose operation has several named parts
COMBINED = {"TAH-BSO": {"hysterectomy", "oophorectomy"}}

WORDINGS = [
    (name, wording) for name, words in contract.procedures().items() for wording in (name, *words)
]


def _reported(term: str) -> set[str]:
    """The names the lexicon's any-site entries report for ``term``."""
    return {
        name
        for p in load_procedures()
        if not p.sites and normalize_term(term) in map(normalize_term, p.terms)
        for name in p.reported
    }


@pytest.mark.parametrize(("name", "wording"), WORDINGS)
def test_the_lexicon_gives_each_contract_wording_the_contracts_name(
    name: str, wording: str
) -> None:
    assert _reported(wording) == COMBINED.get(wording, {name})


@pytest.mark.parametrize(("name", "wording"), WORDINGS)
def test_a_record_naming_a_contract_wording_reports_the_contracts_name(
    name: str, wording: str
) -> None:
    profile = read(f"Procedure history: the patient underwent {wording} on 03/02/2024.")
    treatments = profile["treatments"]
    assert {t["name"] for t in treatments} == COMBINED.get(wording, {name})
    for treatment in treatments:
        assert treatment["category"] == "surgery"
        assert treatment["setting"] is None
        assert treatment["start"] == "2024-03-02"
        assert [e["text"] for e in treatment["evidence"]] == [wording]


def test_every_contract_name_is_a_lexicon_name() -> None:
    names = {name for p in load_procedures() for name in p.reported}
    assert set(contract.procedures()) <= names
    assert {p.name for p in load_procedures() if p.category == "radiation"} == {"radiation therapy"}


def treatments(text: str) -> dict[str, dict[str, Any]]:
    return {t["name"]: t for t in read(text)["treatments"]}


def test_a_laparoscopic_sigmoid_resection_is_a_sigmoid_colectomy() -> None:
    found = treatments("She underwent a laparoscopic sigmoid resection on 03/02/2024.")
    assert set(found) == {"sigmoid colectomy"}
    colectomy = found["sigmoid colectomy"]
    assert (colectomy["category"], colectomy["start"], colectomy["setting"]) == (
        "surgery",
        "2024-03-02",
        None,
    )
    assert colectomy["evidence"][0]["text"] == "laparoscopic sigmoid resection"
    assert colectomy["evidence"][0]["page"] == 1


@pytest.mark.parametrize("text", ["s/p TAH-BSO", "Past surgical history: TAH/BSO in 2015."])
def test_a_tah_bso_is_a_hysterectomy_and_an_oophorectomy(text: str) -> None:
    found = treatments(text)
    assert set(found) == {"hysterectomy", "oophorectomy"}
    for treatment in found.values():
        assert treatment["category"] == "surgery"
        assert treatment["evidence"][0]["text"] in ("TAH-BSO", "TAH/BSO")


def test_a_robotic_radical_prostatectomy_is_a_radical_prostatectomy() -> None:
    found = treatments(
        "He underwent robotic-assisted laparoscopic radical prostatectomy on 02/06/2023."
    )
    assert set(found) == {"radical prostatectomy"}
    prostatectomy = found["radical prostatectomy"]
    assert (prostatectomy["category"], prostatectomy["start"]) == ("surgery", "2023-02-06")
    assert prostatectomy["evidence"][0]["text"] == (
        "robotic-assisted laparoscopic radical prostatectomy"
    )


@pytest.mark.parametrize(
    ("text", "names"),
    [
        ("Colon, right hemicolectomy: adenocarcinoma, pT3 pN0.", {"right hemicolectomy"}),
        ("She had a hemicolectomy in 2019.", {"colectomy"}),
        ("Left hepatectomy for colorectal liver metastases.", {"liver resection"}),
        ("He had a simple prostatectomy for BPH in 2010.", {"simple prostatectomy"}),
        ("Right upper lobectomy with mediastinal lymphadenectomy.",
         {"lobectomy", "mediastinal lymph node dissection"}),
        ("She had a targeted axillary dissection.", {"sentinel lymph node biopsy"}),
        ("EUS-FNA of the pancreatic head mass.", {"EUS-guided fine needle biopsy"}),
        ("EBUS bronchoscopy with EBUS-TBNA of station 7.", {"bronchoscopy", "EBUS-TBNA"}),
        ("TRUS biopsy: Gleason 3+4=7.", {"prostate biopsy"}),
        ("Hysterectomy and BSO in 2019.", {"hysterectomy", "oophorectomy"}),
    ],
)  # fmt: skip
def test_records_wordings_resolve_to_the_contracts_names(text: str, names: set[str]) -> None:
    assert set(treatments(text)) == names


@pytest.mark.parametrize(
    "text",
    [
        "A TAH-BSO is planned for next month.",
        "She declined TAH-BSO.",
        "We discussed a laparoscopic sigmoid resection.",
        "Radical prostatectomy was offered; he declined.",
    ],
)
def test_an_operation_only_planned_discussed_or_declined_is_not_a_treatment(text: str) -> None:
    assert read(text)["treatments"] == []


@pytest.mark.parametrize(
    "text",
    [
        "The tamis was used to sift the flour.",
        "Seen with Dr. Tah and Dr. Lar today.",
        "Ralp, her son, drove her in.",
        "TRUS showed a 40 g gland.",
        "Tamis and Tah are on the care team.",
    ],
)
def test_new_acronyms_do_not_fire_on_ordinary_words(text: str) -> None:
    assert read(text)["treatments"] == []


def test_a_diagnostic_procedure_has_no_setting() -> None:
    found = treatments("Neoadjuvant chemotherapy followed EBUS-TBNA of station 4R on 01/05/2024.")
    assert found["EBUS-TBNA"]["setting"] is None
    assert found["EBUS-TBNA"]["category"] == "surgery"


# ---------------------------------------------------------------------------------------------
# the validator keeps the lexicon on the contract's names

HYSTERECTOMY = {"name": "hysterectomy", "category": "surgery", "synonyms": ["tah"]}
OOPHORECTOMY = {"name": "oophorectomy", "category": "surgery", "synonyms": ["bso"]}
TAH_BSO = {
    "name": "tah and bso",
    "category": "surgery",
    "parts": ["hysterectomy", "oophorectomy"],
    "synonyms": ["tah-bso"],
}


def _write(tmp_path: Path, procedures: list[dict[str, Any]]) -> Path:
    path = tmp_path / "procedures.json"
    path.write_text(json.dumps({"procedures": procedures}), encoding="utf-8")
    return path


def test_a_combined_operation_reports_its_parts(tmp_path: Path) -> None:
    procedures, _ = read_procedures(_write(tmp_path, [HYSTERECTOMY, OOPHORECTOMY, TAH_BSO]))
    assert [p.reported for p in procedures] == [
        ("hysterectomy",),
        ("oophorectomy",),
        ("hysterectomy", "oophorectomy"),
    ]


def test_a_contract_name_may_keep_its_capitals(tmp_path: Path) -> None:
    entry = {"name": "EBUS-TBNA", "category": "surgery", "synonyms": ["ebus-fna"]}
    assert read_procedures(_write(tmp_path, [entry]))[0][0].name == "EBUS-TBNA"


@pytest.mark.parametrize(
    ("procedures", "message"),
    [
        ([{"name": "hepatectomy", "category": "surgery"}],
         "the contract reports 'hepatectomy' as 'liver resection'"),
        ([{"name": "prostatectomy", "category": "surgery"}],
         "the contract reports 'prostatectomy' as 'radical prostatectomy'"),
        ([{"name": "Whipple", "category": "surgery"}], "lower case"),
        ([HYSTERECTOMY, TAH_BSO], "must be surgery procedures of their own"),
        ([HYSTERECTOMY, OOPHORECTOMY, {**TAH_BSO, "parts": ["hysterectomy", "tah and bso"]}],
         "must be surgery procedures of their own"),
        ([HYSTERECTOMY, OOPHORECTOMY, {**TAH_BSO, "parts": ["hepatectomy"]}],
         "the contract reports 'hepatectomy' as 'liver resection'"),
    ],
)  # fmt: skip
def test_names_off_the_contract_are_refused(
    tmp_path: Path, procedures: list[dict[str, Any]], message: str
) -> None:
    with pytest.raises(ValueError, match=re.escape(message)):
        read_procedures(_write(tmp_path, procedures))
