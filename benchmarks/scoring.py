"""Pure scoring functions for the extraction benchmark: no I/O, no pipeline.

A profile (contract ``navis.profile.v1``, ``../shared/spec/profile.md``) is flattened into
items ``(path, group, value)``; a predicted profile is scored against the truth item by item.

Paths and groups:

- ``diagnosis.primary_site``, ``diagnosis.laterality``, ``diagnosis.histology.code``,
  ``diagnosis.grade``, ``diagnosis.diagnosis_date``: group = path.
- ``<BIOMARKER>.<attr>`` for each non-null attr among status, percent, ihc, ish, ratio,
  copy_number, variant, origin, value, unit: group = path (``ER.status``, ``HER2.ihc``...).
- ``stage.T``, ``stage.N``, ``stage.M``, ``stage.group``, ``stage.metastatic``: group = path.
- ``stage.metastatic_sites.<site>`` (value True), one per site: group ``stage.metastatic_sites``.
- ``treatment.<name>`` (value True, presence): group ``treatment.name``;
  ``treatment.<name>.<attr>`` for non-null category/start/end/setting: group ``treatment.<attr>``.
- ``conflicts.<field>`` (value: the set of values), one per field: group ``conflicts``.
- (r2) ``patient.sex``, ``patient.age``, ``patient.menopausal_status``,
  ``patient.performance`` (value ``"ECOG 1"``): group = path.
- (r2) ``event.<type>.<date>`` (value True) per event: group ``events.type``; its ``value``
  (group ``events.value``) and each site (group ``events.sites``).
- ``missing.<entry>`` (value True), one per entry: group ``missing``.

Set-like things (sites, treatments, missing entries) carry their member in the path, so an
extra member is a path the truth does not have at all.

Counting: per path, predicted values are matched one to one with true values (numbers within
``TOLERANCE``, booleans only with booleans, strings exactly); matched = TP, unmatched predicted
= FP, unmatched true = FN. A wrong value is therefore one FP and one FN.

A *hallucination* is a predicted item whose path has no true value at all (the records state
nothing there), e.g. a Ki-67 percent when the records give none. ``missing.*`` items are not
values about the patient and are never hallucinations (a wrong one is still an FP).
"""

from __future__ import annotations

import math
from collections import defaultdict
from collections.abc import Iterable, Iterator, Mapping, Sequence
from dataclasses import dataclass, field
from typing import Any

TOLERANCE = 1e-6

DIAGNOSIS_FIELDS = ("primary_site", "laterality", "grade", "diagnosis_date")
BIOMARKER_ATTRS = (
    "status",
    "percent",
    "ihc",
    "ish",
    "ratio",
    "copy_number",
    "variant",
    "origin",
    "value",
    "unit",
)
STAGE_FIELDS = ("T", "N", "M", "group", "metastatic")
TREATMENT_ATTRS = ("category", "start", "end", "setting", "line")
PATIENT_FIELDS = ("sex", "age", "menopausal_status")
# Objects that must carry at least one evidence item when they are reported.
STAGE_VALUE_FIELDS = ("T", "N", "M", "group", "metastatic")


@dataclass(frozen=True)
class Item:
    """One scored statement of a profile."""

    path: str
    group: str
    value: Any


# --------------------------------------------------------------------------- flattening


def _set_value(values: Iterable[Any]) -> frozenset:
    """A conflict's values as a comparable set (numbers rounded to the tolerance)."""
    out = set()
    for value in values:
        if isinstance(value, float) and not isinstance(value, bool):
            value = round(value, 6)
            if value == int(value):
                value = int(value)
        out.add(value if not isinstance(value, list | dict) else repr(value))
    return frozenset(out)


def flatten(profile: Mapping[str, Any] | None) -> list[Item]:
    """Every scored statement of a contract profile (truth or prediction)."""
    items: list[Item] = []
    if not profile:
        return items

    def add(path: str, group: str, value: Any) -> None:
        if value is not None:
            items.append(Item(path, group, value))

    diagnosis = profile.get("diagnosis") or {}
    for name in DIAGNOSIS_FIELDS:
        add(f"diagnosis.{name}", f"diagnosis.{name}", diagnosis.get(name))
    histology = diagnosis.get("histology") or {}
    if isinstance(histology, Mapping):
        add("diagnosis.histology.code", "diagnosis.histology.code", histology.get("code"))

    for marker in profile.get("biomarkers") or []:
        name = marker.get("name")
        if not name:
            continue
        for attr in BIOMARKER_ATTRS:
            add(f"{name}.{attr}", f"{name}.{attr}", marker.get(attr))

    stage = profile.get("stage") or {}
    for name in STAGE_FIELDS:
        add(f"stage.{name}", f"stage.{name}", stage.get(name))
    for site in stage.get("metastatic_sites") or []:
        add(f"stage.metastatic_sites.{site}", "stage.metastatic_sites", True)

    for treatment in profile.get("treatments") or []:
        name = treatment.get("name")
        if not name:
            continue
        add(f"treatment.{name}", "treatment.name", True)
        for attr in TREATMENT_ATTRS:
            add(f"treatment.{name}.{attr}", f"treatment.{attr}", treatment.get(attr))

    patient = profile.get("patient") or {}
    for name in PATIENT_FIELDS:
        add(f"patient.{name}", f"patient.{name}", patient.get(name))
    performance = patient.get("performance") or {}
    if performance.get("scale") and performance.get("value") is not None:
        add(
            "patient.performance",
            "patient.performance",
            f"{performance['scale']} {performance['value']}",
        )

    for event in profile.get("events") or []:
        if not event.get("type"):
            continue
        key = f"event.{event['type']}.{event.get('date') or 'undated'}"
        add(key, "events.type", True)
        add(f"{key}.value", "events.value", event.get("value"))
        for site in event.get("sites") or []:
            add(f"{key}.sites.{site}", "events.sites", True)

    for conflict in profile.get("conflicts") or []:
        if isinstance(conflict, Mapping) and conflict.get("field"):
            values = conflict.get("values") or []
            add(f"conflicts.{conflict['field']}", "conflicts", _set_value(values))

    for entry in profile.get("missing") or []:
        add(f"missing.{entry}", "missing", True)
    return items


# --------------------------------------------------------------------------- comparing


def values_equal(predicted: Any, true: Any, tolerance: float = TOLERANCE) -> bool:
    """Numbers within the tolerance, booleans only with booleans, anything else exactly."""
    if isinstance(predicted, bool) or isinstance(true, bool):
        return isinstance(predicted, bool) and isinstance(true, bool) and predicted == true
    numbers = (int, float)
    if isinstance(predicted, numbers) and isinstance(true, numbers):
        if math.isnan(predicted) or math.isnan(true):
            return False
        return abs(predicted - true) <= tolerance
    if isinstance(predicted, numbers) or isinstance(true, numbers):
        return False
    return predicted == true


@dataclass
class Counts:
    tp: int = 0
    fp: int = 0
    fn: int = 0

    def add(self, other: Counts) -> None:
        self.tp += other.tp
        self.fp += other.fp
        self.fn += other.fn

    @property
    def precision(self) -> float | None:
        return self.tp / (self.tp + self.fp) if self.tp + self.fp else None

    @property
    def recall(self) -> float | None:
        return self.tp / (self.tp + self.fn) if self.tp + self.fn else None

    @property
    def f1(self) -> float | None:
        """Harmonic mean of P and R; an undefined P or R counts as 0; None if nothing at all."""
        if not (self.tp or self.fp or self.fn):
            return None
        p, r = self.precision or 0.0, self.recall or 0.0
        return 2 * p * r / (p + r) if p + r else 0.0

    def as_dict(self) -> dict[str, Any]:
        return {
            "tp": self.tp,
            "fp": self.fp,
            "fn": self.fn,
            "precision": self.precision,
            "recall": self.recall,
            "f1": self.f1,
        }


@dataclass
class Comparison:
    """One patient's (or a whole corpus's) score."""

    groups: dict[str, Counts] = field(default_factory=dict)
    false_positives: list[Item] = field(default_factory=list)
    false_negatives: list[Item] = field(default_factory=list)
    hallucinations: list[Item] = field(default_factory=list)

    @property
    def micro(self) -> Counts:
        total = Counts()
        for counts in self.groups.values():
            total.add(counts)
        return total


def is_hallucination_candidate(item: Item) -> bool:
    """``missing`` entries state that nothing was found; they cannot invent a value."""
    return item.group != "missing"


def compare(predicted: Sequence[Item], truth: Sequence[Item]) -> Comparison:
    """TP/FP/FN per group, the unmatched items, and the hallucinations."""
    by_path_pred: dict[str, list[Item]] = defaultdict(list)
    by_path_true: dict[str, list[Item]] = defaultdict(list)
    for item in predicted:
        by_path_pred[item.path].append(item)
    for item in truth:
        by_path_true[item.path].append(item)

    result = Comparison()
    for path in sorted(set(by_path_pred) | set(by_path_true)):
        preds = by_path_pred.get(path, [])
        trues = list(by_path_true.get(path, []))
        group = (preds or trues)[0].group
        counts = result.groups.setdefault(group, Counts())
        for pred in preds:
            match = next((t for t in trues if values_equal(pred.value, t.value)), None)
            if match is not None:
                trues.remove(match)
                counts.tp += 1
                continue
            counts.fp += 1
            result.false_positives.append(pred)
            if path not in by_path_true and is_hallucination_candidate(pred):
                result.hallucinations.append(pred)
        counts.fn += len(trues)
        result.false_negatives.extend(trues)
    return result


def merge(comparisons: Iterable[Comparison]) -> Comparison:
    """Sum of several patients' comparisons (lists are concatenated)."""
    total = Comparison()
    for comparison in comparisons:
        for group, counts in comparison.groups.items():
            total.groups.setdefault(group, Counts()).add(counts)
        total.false_positives.extend(comparison.false_positives)
        total.false_negatives.extend(comparison.false_negatives)
        total.hallucinations.extend(comparison.hallucinations)
    return total


# --------------------------------------------------------------------------- evidence


@dataclass(frozen=True)
class EvidenceProblem:
    """One invalid evidence item, or a reported value with no evidence."""

    where: str  # e.g. "biomarkers[ER]", "stage", "treatments[doxorubicin]"
    reason: str
    evidence: Any = None


@dataclass
class EvidenceReport:
    checked: int = 0  # evidence items checked + values that required evidence and had none
    problems: list[EvidenceProblem] = field(default_factory=list)

    @property
    def valid(self) -> int:
        return self.checked - len(self.problems)

    @property
    def share_valid(self) -> float | None:
        return self.valid / self.checked if self.checked else None

    def add(self, other: EvidenceReport) -> None:
        self.checked += other.checked
        self.problems.extend(other.problems)


def _walk(
    node: Any, path: tuple[Any, ...] = (), where: str = "profile"
) -> Iterator[tuple[tuple[Any, ...], str, Mapping]]:
    """Every mapping in the profile with its path and a readable location.

    The location names list members by their ``name`` where they have one:
    ``biomarkers[ER]`` rather than ``biomarkers/0``.
    """
    if isinstance(node, Mapping):
        yield path, where, node
        for key, value in node.items():
            if key != "evidence":
                inner = str(key) if where == "profile" else f"{where}.{key}"
                yield from _walk(value, (*path, key), inner)
    elif isinstance(node, list):
        for index, value in enumerate(node):
            label = value.get("name") if isinstance(value, Mapping) else None
            yield from _walk(value, (*path, index), f"{where}[{label or index}]")


def stage_has_value(stage: Mapping[str, Any] | None) -> bool:
    if not stage:
        return False
    return any(stage.get(name) is not None for name in STAGE_VALUE_FIELDS) or bool(
        stage.get("metastatic_sites")
    )


def requires_evidence(path: tuple[Any, ...], node: Mapping[str, Any]) -> bool:
    """Every biomarker, every treatment, and a stage with any value must carry evidence."""
    if len(path) == 2 and path[0] in ("biomarkers", "treatments") and isinstance(path[1], int):
        return True
    return path == ("stage",) and stage_has_value(node)


def check_evidence_item(evidence: Any, pages: Mapping[str, Sequence[str]]) -> str | None:
    """Why one ``{file, page, text}`` is invalid, or None when its text is on that page.

    ``pages`` maps every accepted file name to its page texts (index 0 = page 1), as the
    pipeline read them.
    """
    if not isinstance(evidence, Mapping):
        return "not an object"
    file, page, text = evidence.get("file"), evidence.get("page"), evidence.get("text")
    if file not in pages:
        return f"unknown file {file!r}"
    if isinstance(page, bool) or not isinstance(page, int):
        return f"page is not an integer: {page!r}"
    texts = pages[file]
    if not 1 <= page <= len(texts):
        return f"page {page} outside 1..{len(texts)}"
    if not isinstance(text, str) or not text:
        return "empty text"
    if text not in texts[page - 1]:
        return f"text not on page {page}"
    return None


def check_evidence(
    profile: Mapping[str, Any], pages: Mapping[str, Sequence[str]]
) -> EvidenceReport:
    """Check every ``evidence`` list anywhere in the profile, and the values that need one."""
    report = EvidenceReport()
    for path, where, node in _walk(profile):
        evidence = node.get("evidence")
        if requires_evidence(path, node) and not evidence:
            report.checked += 1
            report.problems.append(EvidenceProblem(where, "value without evidence"))
            continue
        if evidence is None:
            continue
        if not isinstance(evidence, list):
            report.checked += 1
            report.problems.append(EvidenceProblem(where, "evidence is not a list", evidence))
            continue
        for item in evidence:
            report.checked += 1
            reason = check_evidence_item(item, pages)
            if reason is not None:
                report.problems.append(EvidenceProblem(where, reason, item))
    return report


# --------------------------------------------------------------------------- display helpers


def display_value(value: Any) -> str:
    if isinstance(value, frozenset):
        return "{" + ", ".join(sorted(map(str, value))) + "}"
    return str(value)


def ratio(numerator: float, denominator: float) -> float | None:
    return numerator / denominator if denominator else None


# --------------------------------------------------------------------------- schema


def schema_errors(profile: Any, validator: Any) -> list[str]:
    """Every JSON-schema violation of a profile, as ``path: message`` lines."""
    errors = []
    for error in validator.iter_errors(profile):
        where = "/".join(str(part) for part in error.absolute_path) or "(root)"
        errors.append(f"{where}: {error.message}")
    return sorted(errors)
