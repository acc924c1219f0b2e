"""No module outside ``vocabulary/`` defines a HER2, receptor, stage or site category.

The scan reads every source file of the apps and libraries and flags a literal collection
(set, list, tuple) or a pattern that spells out a category the contract defines. Such a
copy is how "HER2-negative" came to mean two things in two modules. Display words keyed by a
category are allowed (they translate the vocabulary, and their own tests check the keys).
"""

import ast
import re
from pathlib import Path

import pytest

from vocabulary.biomarkers import HER2_STATUSES, RECEPTOR_STATUSES
from vocabulary.staging import METASTATIC_SITES

ROOT = Path(__file__).resolve().parents[2]
PACKAGES = ["navis", "records", "workers", "guidance", "api"]
HER2_ONLY = {"ultralow", "zero", "equivocal"}  # words that make a status list a HER2 one
STAGE_GROUP = re.compile(r"^(0|I|II|III|IV)[ABC]?$")
NUMERAL_PATTERN = re.compile(r"IV\|III\|II|III\|II\|I\b")


def category_in(values: set[str]) -> str | None:
    """Which contract category a literal collection spells out, if any."""
    if values & HER2_ONLY and len(values & set(HER2_STATUSES)) >= 2:
        return "HER2 statuses"
    if set(RECEPTOR_STATUSES) <= values:
        return "receptor statuses"
    if sum(1 for v in values if STAGE_GROUP.match(v)) >= 2:
        return "stage numerals or groups"
    if len(values & set(METASTATIC_SITES)) >= 3:
        return "metastatic sites"
    return None


def offences(source: str) -> list[tuple[int, str]]:
    found = []
    for node in ast.walk(ast.parse(source)):
        if isinstance(node, ast.Set | ast.List | ast.Tuple):
            values = {
                e.value
                for e in node.elts
                if isinstance(e, ast.Constant) and isinstance(e.value, str)
            }
            category = category_in(values)
            if category:
                found.append((node.lineno, category))
        elif (
            isinstance(node, ast.Constant)
            and isinstance(node.value, str)
            and NUMERAL_PATTERN.search(node.value)
        ):
            found.append((node.lineno, "stage numerals in a pattern"))
    return found


def source_files() -> list[Path]:
    return sorted(
        path
        for package in PACKAGES
        for path in (ROOT / package).rglob("*.py")
        if "migrations" not in path.parts
    )


@pytest.mark.parametrize(
    ("source", "category"),
    [
        ('HER2_NEGATIVE = {"low", "ultralow", "zero"}', "HER2 statuses"),
        ('STATUSES = ["positive", "low", "negative"]', "receptor statuses"),
        ('if group in ("I", "II"): pass', "stage numerals or groups"),
        ('SITES = ("bone", "liver", "brain")', "metastatic sites"),
        ('GROUP = r"(IV|III|II|I)"', "stage numerals in a pattern"),
    ],
)
def test_the_scan_sees_a_copied_category(source, category):
    assert [c for _, c in offences(source)] == [category]


@pytest.mark.parametrize(
    "source",
    [
        'RESULTS = {"positive": "Positive", "low": "Low positive"}',  # display words
        'LEVELS = ("high", "low")',
        'if site in ("bone",): pass',
    ],
)
def test_the_scan_lets_other_words_be(source):
    assert offences(source) == []


def test_no_module_outside_the_vocabulary_defines_a_category():
    found = [
        f"{path.relative_to(ROOT)}:{line}: {category}"
        for path in source_files()
        for line, category in offences(path.read_text(encoding="utf-8"))
    ]
    assert found == [], "import these from vocabulary/ instead:\n" + "\n".join(found)
