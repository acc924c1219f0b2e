"""The extractor's vocabularies: drugs, regimens, histologies and procedures.

The word lists live as JSON in ``rules/`` so a clinician can review and extend them without
reading code (each file's ``note`` says how its entries are meant to be matched). This module
loads them into frozen dataclasses and refuses, with a ``ValueError`` naming the entry, any file
that would make the extractor ambiguous (one term meaning two things) or break the profile
contract (unknown category, name not lower case, malformed ICD-O-3 code). ``load_*`` read the
packaged files once per process; ``read_*`` take a path, for tests and for checking an edit.
"""

from __future__ import annotations

import json
import re
from collections.abc import Iterable
from dataclasses import dataclass
from functools import cache
from pathlib import Path
from typing import Any, TypeVar

from vocabulary.contract import procedures as contract_procedures
from vocabulary.treatments import DRUG_CATEGORIES, PROCEDURE_CATEGORIES, RADIATION_NAME

RULES_DIR = Path(__file__).parent / "rules"

ICDO3_CODE = re.compile(r"^[0-9]{4}/[0-9]$")

_T = TypeVar("_T")


@dataclass(frozen=True)
class Drug:
    """A drug under its RxNorm ingredient name, or a combination product with ``ingredients``."""

    name: str
    category: str
    synonyms: tuple[str, ...] = ()
    ingredients: tuple[str, ...] = ()  # non-empty for combination products (Phesgo, Lonsurf)
    note: str | None = None

    @property
    def terms(self) -> tuple[str, ...]:
        """Every spelling that means this drug."""
        return (self.name, *self.synonyms)

    @property
    def reported(self) -> tuple[str, ...]:
        """The names the profile reports: the ingredients of a combination, else the name."""
        return self.ingredients or (self.name,)


@dataclass(frozen=True)
class Regimen:
    """A regimen acronym and the drugs (``Drug.name``) it stands for."""

    acronym: str
    drugs: tuple[str, ...]
    aliases: tuple[str, ...] = ()
    context_aliases: tuple[str, ...] = ()  # also ordinary words: exact case, treatment context
    ambiguous: bool = False  # the acronym itself needs exact case and treatment context
    note: str | None = None

    @property
    def terms(self) -> tuple[str, ...]:
        """Spellings safe to match anywhere, case-insensitively."""
        return self.aliases if self.ambiguous else (self.acronym, *self.aliases)

    @property
    def context_terms(self) -> tuple[str, ...]:
        """Spellings to match only as written and near treatment words (cycle, C1D1, ...)."""
        return (self.acronym, *self.context_aliases) if self.ambiguous else self.context_aliases


@dataclass(frozen=True)
class Histology:
    """An ICD-O-3 morphology code and the lower-case phrases that name it."""

    code: str
    label: str
    patterns: tuple[str, ...]
    sites: tuple[str, ...] = ()  # primary sites the patterns apply to; empty: any site
    note: str | None = None


@dataclass(frozen=True)
class Procedure:
    """A surgery, radiation or other procedure under the name the profile reports."""

    name: str
    category: str
    synonyms: tuple[str, ...] = ()
    sites: tuple[str, ...] = ()  # primary sites the terms apply to; empty: any site
    # acronyms that mean other things too ("RT" is also "right"): matched in capitals, and only
    # where the sentence speaks of treatment
    context_synonyms: tuple[str, ...] = ()
    # a combined operation ("TAH-BSO"): the names of the procedures it is reported as
    parts: tuple[str, ...] = ()
    note: str | None = None

    @property
    def terms(self) -> tuple[str, ...]:
        return (self.name, *self.synonyms)

    @property
    def reported(self) -> tuple[str, ...]:
        """The names the profile reports: the parts of a combined operation, else the name."""
        return self.parts or (self.name,)


# ---------------------------------------------------------------------------------------------
# public loaders


@cache
def load_drugs() -> tuple[Drug, ...]:
    return read_drugs(RULES_DIR / "drugs.json")


@cache
def load_regimens() -> tuple[Regimen, ...]:
    return read_regimens(RULES_DIR / "regimens.json", load_drugs())


@cache
def load_histologies() -> tuple[Histology, ...]:
    return read_histologies(RULES_DIR / "histology.json")


@cache
def load_procedures() -> tuple[Procedure, ...]:
    """Procedures the profile reports (the file's ``procedures`` list)."""
    return read_procedures(RULES_DIR / "procedures.json")[0]


@cache
def load_ignored_procedures() -> tuple[Procedure, ...]:
    """Look-alikes that are not cancer treatments (ports, imaging reconstructions): mask them."""
    return read_procedures(RULES_DIR / "procedures.json")[1]


def read_drugs(path: Path) -> tuple[Drug, ...]:
    data = _read(path, "drugs")
    drugs = tuple(
        _build(Drug, entry, f"{path.name} drugs[{i}]", required={"name", "category"})
        for i, entry in enumerate(data["drugs"])
    )
    _validate_drugs(drugs)
    return drugs


def read_regimens(path: Path, drugs: Iterable[Drug]) -> tuple[Regimen, ...]:
    data = _read(path, "regimens")
    regimens = tuple(
        _build(Regimen, entry, f"{path.name} regimens[{i}]", required={"acronym", "drugs"})
        for i, entry in enumerate(data["regimens"])
    )
    _validate_regimens(regimens, tuple(drugs))
    return regimens


def read_histologies(path: Path) -> tuple[Histology, ...]:
    data = _read(path, "histologies")
    histologies = tuple(
        _build(
            Histology, e, f"{path.name} histologies[{i}]", required={"code", "label", "patterns"}
        )
        for i, e in enumerate(data["histologies"])
    )
    _validate_histologies(histologies)
    return histologies


def read_procedures(path: Path) -> tuple[tuple[Procedure, ...], tuple[Procedure, ...]]:
    """The reported procedures and the ignored look-alikes (category ``other``)."""
    data = _read(path, "procedures")
    procedures = tuple(
        _build(Procedure, e, f"{path.name} procedures[{i}]", required={"name", "category"})
        for i, e in enumerate(data["procedures"])
    )
    ignored = tuple(
        _build(Procedure, {"category": "other", **e}, f"{path.name} ignore[{i}]", required={"name"})
        for i, e in enumerate(data.get("ignore", []))
    )
    _validate_procedures(procedures, ignored)
    return procedures, ignored


# ---------------------------------------------------------------------------------------------
# validation


def normalize_term(term: str) -> str:
    """The form two terms are compared in: matching is case-insensitive, whitespace-tolerant."""
    return " ".join(term.casefold().split())


def _validate_drugs(drugs: tuple[Drug, ...]) -> None:
    names: set[str] = set()
    for drug in drugs:
        where = f"drug {drug.name!r}"
        _check_lower(drug.name, where)
        _check_terms(drug.synonyms, where)
        if drug.category not in DRUG_CATEGORIES:
            raise ValueError(f"{where}: unknown category {drug.category!r}")
        if drug.name in names:
            raise ValueError(f"{where} is listed twice")
        names.add(drug.name)
    ingredients = {d.name for d in drugs if not d.ingredients}
    for drug in drugs:
        unknown = [i for i in drug.ingredients if i not in ingredients]
        if unknown:
            raise ValueError(f"drug {drug.name!r}: ingredients {unknown} are not single drugs")
    _check_clashes((normalize_term(t), d.name) for d in drugs for t in d.terms)


def _validate_regimens(regimens: tuple[Regimen, ...], drugs: tuple[Drug, ...]) -> None:
    ingredients = {d.name for d in drugs if not d.ingredients}
    for regimen in regimens:
        where = f"regimen {regimen.acronym!r}"
        _check_terms((regimen.acronym, *regimen.aliases, *regimen.context_aliases), where)
        if not regimen.drugs:
            raise ValueError(f"{where} has no drugs")
        unknown = [d for d in regimen.drugs if d not in ingredients]
        if unknown:
            raise ValueError(f"{where}: drugs {unknown} are not drug names in drugs.json")
        if len(set(regimen.drugs)) != len(regimen.drugs):
            raise ValueError(f"{where} lists a drug twice")
    _check_clashes(
        (normalize_term(t), r.acronym) for r in regimens for t in (*r.terms, *r.context_terms)
    )
    drug_terms = {normalize_term(t): d.name for d in drugs for t in d.terms}
    for regimen in regimens:
        for term in (*regimen.terms, *regimen.context_terms):
            if normalize_term(term) in drug_terms:
                raise ValueError(
                    f"{term!r} means both regimen {regimen.acronym!r} "
                    f"and drug {drug_terms[normalize_term(term)]!r}"
                )


def _validate_histologies(histologies: tuple[Histology, ...]) -> None:
    for h in histologies:
        where = f"histology {h.code} {h.label!r}"
        if not ICDO3_CODE.match(h.code):
            raise ValueError(f"{where}: code is not ICD-O-3 morphology/behaviour (8500/3)")
        if not h.label.strip():
            raise ValueError(f"{where} has no label")
        if not h.patterns:
            raise ValueError(f"{where} has no patterns")
        for pattern in h.patterns:
            _check_lower(pattern, where)
        for site in h.sites:
            _check_lower(site, where)
    _check_scoped_clashes(
        (normalize_term(p), h.code, h.sites) for h in histologies for p in h.patterns
    )


def _validate_procedures(
    procedures: tuple[Procedure, ...], ignored: tuple[Procedure, ...] = ()
) -> None:
    contract = contract_procedures()
    # the contract's wording -> its name: an entry may not report a wording as a name of its own
    wordings = {normalize_term(w): name for name, words in contract.items() for w in words}
    categories: dict[str, str] = {}
    for proc in (*procedures, *ignored):
        where = f"procedure {proc.name!r}"
        if proc.name not in contract:  # the contract spells a few in capitals (EBUS-TBNA)
            _check_lower(proc.name, where)
        for term in proc.synonyms:
            _check_lower(term, where)
        for site in proc.sites:
            _check_lower(site, where)
        if proc.category not in PROCEDURE_CATEGORIES:
            raise ValueError(f"{where}: unknown category {proc.category!r}")
        if proc.category == "radiation" and proc.name != RADIATION_NAME:
            raise ValueError(f"{where}: radiation is reported as {RADIATION_NAME!r}")
        if categories.setdefault(proc.name, proc.category) != proc.category:
            raise ValueError(f"{where} has two categories")
        for name in proc.reported:
            contract_name = wordings.get(normalize_term(name), name)
            if contract_name != name:
                raise ValueError(f"{where}: the contract reports {name!r} as {contract_name!r}")
    singles = {p.name: p.category for p in procedures if not p.parts}
    for proc in procedures:
        if proc.parts and any(singles.get(part) != proc.category for part in proc.parts):
            raise ValueError(
                f"procedure {proc.name!r}: parts {list(proc.parts)} must be "
                f"{proc.category} procedures of their own"
            )
    _check_scoped_clashes((normalize_term(t), p.name, p.sites) for p in procedures for t in p.terms)
    reported = {normalize_term(t): p.name for p in procedures for t in p.terms}
    for proc in ignored:
        for term in proc.terms:
            if normalize_term(term) in reported:
                raise ValueError(
                    f"{term!r} is both ignored ({proc.name!r}) "
                    f"and procedure {reported[normalize_term(term)]!r}"
                )


def _check_clashes(pairs: Iterable[tuple[str, str]]) -> None:
    """Each term names one thing, and is listed once."""
    seen: dict[str, str] = {}
    for term, meaning in pairs:
        if term in seen:
            if seen[term] == meaning:
                raise ValueError(f"{term!r} is listed twice for {meaning!r}")
            raise ValueError(f"{term!r} means both {seen[term]!r} and {meaning!r}")
        seen[term] = meaning


def _check_scoped_clashes(triples: Iterable[tuple[str, str, tuple[str, ...]]]) -> None:
    """As ``_check_clashes``, but a term may recur in entries for different primary sites.

    Two any-site entries overlap; an any-site entry and a site-specific one do not (the specific
    one wins for its sites); two site-specific entries overlap when they share a site.
    """
    seen: dict[str, list[tuple[str, tuple[str, ...]]]] = {}
    for term, meaning, sites in triples:
        for other, other_sites in seen.get(term, []):
            both_any = not sites and not other_sites
            if both_any or set(sites) & set(other_sites):
                shared = ", ".join(sorted(set(sites) & set(other_sites))) or "any site"
                if other == meaning:
                    raise ValueError(f"{term!r} is listed twice for {meaning!r} ({shared})")
                raise ValueError(f"{term!r} means both {other!r} and {meaning!r} ({shared})")
        seen.setdefault(term, []).append((meaning, sites))


def _check_lower(text: str, where: str) -> None:
    if not text or text != text.strip() or text != text.lower():
        raise ValueError(f"{where}: {text!r} must be lower case, non-empty, without edge spaces")


def _check_terms(terms: Iterable[str], where: str) -> None:
    for term in terms:
        if not isinstance(term, str) or not term.strip() or term != term.strip():
            raise ValueError(f"{where}: bad term {term!r}")


# ---------------------------------------------------------------------------------------------
# reading


def _read(path: Path, key: str) -> dict[str, Any]:
    with path.open(encoding="utf-8") as f:
        data = json.load(f)
    if not isinstance(data, dict) or not isinstance(data.get(key), list):
        raise ValueError(f"{path.name}: expected an object with a {key!r} list")
    return data


def _build(cls: type[_T], entry: Any, where: str, required: set[str]) -> _T:
    """One dataclass from one JSON object: lists become tuples, unknown keys are refused."""
    if not isinstance(entry, dict):
        raise ValueError(f"{where}: expected an object")
    fields = set(cls.__dataclass_fields__)  # type: ignore[attr-defined]
    unknown = set(entry) - fields
    if unknown:
        raise ValueError(f"{where}: unknown keys {sorted(unknown)}")
    missing = required - set(entry)
    if missing:
        raise ValueError(f"{where}: missing keys {sorted(missing)}")
    values: dict[str, Any] = {}
    for key, value in entry.items():
        if isinstance(value, list):
            if not all(isinstance(v, str) for v in value):
                raise ValueError(f"{where}: {key!r} must be a list of strings")
            value = tuple(value)
        elif key == "ambiguous":
            if not isinstance(value, bool):
                raise ValueError(f"{where}: 'ambiguous' must be true or false")
        elif not isinstance(value, str):
            raise ValueError(f"{where}: {key!r} must be a string")
        values[key] = value
    return cls(**values)
