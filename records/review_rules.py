"""A clinician's review of a profile, as plain data: which values she checked, and what then holds.

The extracted profile is rebuilt from the documents every time one is read; a clinician's
decisions are kept apart from it and applied on top, so they survive reading every document
again and a new extractor. Each reviewable value of the profile is an *item* with a stable
key (``biomarker:HER2``, ``stage.T``, ``treatment:trastuzumab``, ``diagnosis.grade``).

The latest decision on an item holds:

- **correct**: her value is shown, whatever the records say (it outranks them). If the
  records later say something new about it, the item is flagged for her to look again.
- **accept**: the value is verified while the records still say that value. If a later
  document changes it, the new value is shown as extracted and flagged for review.
- **reject**: that value is not the patient's and is left out, again on every re-reading.
  A *different* value from a later document is shown as extracted and flagged.

No Django here: the functions take and return plain data, so they can be tested alone.
"""

from dataclasses import dataclass, field
from enum import StrEnum
from typing import Any

from workers.extraction import missing_fields

DIAGNOSIS_FIELDS = ("primary_site", "laterality", "histology", "grade", "diagnosis_date")
STAGE_FIELDS = ("group", "T", "N", "M", "metastatic", "metastatic_sites")


class Action(StrEnum):
    ACCEPT = "accept"
    CORRECT = "correct"
    REJECT = "reject"


class State(StrEnum):
    EXTRACTED = "extracted"
    VERIFIED = "verified"
    CORRECTED = "corrected"
    REJECTED = "rejected"


@dataclass(frozen=True)
class Item:
    """One reviewable value of a profile, without its evidence."""

    key: str
    value: Any
    evidence: tuple[dict[str, Any], ...] = ()


@dataclass(frozen=True)
class Decision:
    """A clinician's decision on one item.

    ``value`` is what she accepted, corrected to or rejected; ``replaced`` what the records said
    when she corrected them; ``evidence`` the words she was looking at, kept so that a
    correction outlives the document it was made on.
    """

    key: str
    action: Action
    value: Any
    replaced: Any = None
    evidence: tuple[dict[str, Any], ...] = ()
    author: str = ""
    at: str = ""
    reason: str = ""


@dataclass(frozen=True)
class ItemState:
    """Where an item stands after the decisions: shown value, state, and whether to look again."""

    key: str
    state: State
    shown: Any
    extracted: Any
    decision: Decision | None = None
    # the records now say something the decision did not see
    changed_since_decision: bool = False


@dataclass
class Reviewed:
    profile: dict[str, Any]
    states: dict[str, ItemState] = field(default_factory=dict)


def bare(value: dict[str, Any]) -> dict[str, Any]:
    """A biomarker or treatment without its evidence and review: the value a clinician decides."""
    return {k: v for k, v in value.items() if k not in ("evidence", "review")}


def items(profile: dict[str, Any]) -> dict[str, Item]:
    """Every value of the profile a clinician can review, by key, in the profile's order."""
    found: dict[str, Item] = {}
    diagnosis = profile.get("diagnosis") or {}
    for name in DIAGNOSIS_FIELDS:
        if diagnosis.get(name) is not None:
            found[f"diagnosis.{name}"] = Item(f"diagnosis.{name}", diagnosis[name])
    for marker in profile.get("biomarkers") or []:
        key = f"biomarker:{marker['name']}"
        found[key] = Item(key, bare(marker), tuple(marker.get("evidence") or ()))
    stage = profile.get("stage") or {}
    stage_evidence = tuple(stage.get("evidence") or ())
    for name in STAGE_FIELDS:
        if stage.get(name) not in (None, []):
            found[f"stage.{name}"] = Item(f"stage.{name}", stage[name], stage_evidence)
    for treatment in profile.get("treatments") or []:
        key = f"treatment:{treatment['name']}"
        found[key] = Item(key, bare(treatment), tuple(treatment.get("evidence") or ()))
    return found


def latest(decisions: list[Decision]) -> dict[str, Decision]:
    """The decision that holds for each key: the last one given (the list is in time order)."""
    holding: dict[str, Decision] = {}
    for decision in decisions:
        holding[decision.key] = decision
    return holding


def state_of(key: str, item: Item | None, decision: Decision | None) -> ItemState | None:
    """What is shown for one key, and in which state; None when there is nothing to show."""
    extracted = item.value if item else None
    if decision is None:
        return ItemState(key, State.EXTRACTED, extracted, extracted) if item else None
    same = item is not None and item.value == decision.value
    if decision.action == Action.CORRECT:
        # her value outranks the records; a different reading of them is worth a look
        changed = item is not None and item.value not in (decision.value, decision.replaced)
        return ItemState(key, State.CORRECTED, decision.value, extracted, decision, changed)
    if decision.action == Action.ACCEPT:
        if item is None or same:
            return ItemState(key, State.VERIFIED, decision.value, extracted, decision)
        return ItemState(key, State.EXTRACTED, extracted, extracted, decision, True)
    if item is None or same:
        return ItemState(key, State.REJECTED, None, extracted, decision)
    return ItemState(key, State.EXTRACTED, extracted, extracted, decision, True)


def apply(extracted: dict[str, Any], decisions: list[Decision]) -> Reviewed:
    """The profile with the clinician's decisions applied, and the state of every item.

    The result is still a contract profile: corrected values replace the records' ones (they
    keep the evidence she reviewed), rejected values are left out, conflicts she settled are
    dropped and ``missing`` is worked out again.
    """
    found = items(extracted)
    holding = latest(decisions)
    states: dict[str, ItemState] = {}
    for key in [*found, *(k for k in holding if k not in found)]:
        state = state_of(key, found.get(key), holding.get(key))
        if state is not None:
            states[key] = state
    if not holding:
        return Reviewed(extracted, states)  # nothing decided: exactly what the records say
    return Reviewed(rebuild(extracted, found, states), states)


def rebuild(
    extracted: dict[str, Any], found: dict[str, Item], states: dict[str, ItemState]
) -> dict[str, Any]:
    diagnosis = dict(extracted.get("diagnosis") or {})
    stage = dict(extracted.get("stage") or {})
    for key, state in states.items():
        section, _, name = key.partition(".")
        if section == "diagnosis":
            diagnosis[name] = state.shown
        elif section == "stage":
            empty = [] if name == "metastatic_sites" else None
            stage[name] = empty if state.shown is None else state.shown
    stage_review = review_of_stage(extracted.get("stage") or {}, states)
    if stage_review:
        stage["review"] = stage_review
    else:
        stage.pop("review", None)
    if states and not stage.get("evidence"):
        # the records no longer stage it, but her correction stands on what she read
        seen = [
            s.decision.evidence for k, s in states.items() if k.startswith("stage.") and s.decision
        ]
        stage["evidence"] = [dict(e) for e in next(iter(seen), ())]
    biomarkers = listed(extracted.get("biomarkers") or [], "biomarker", found, states)
    treatments = listed(extracted.get("treatments") or [], "treatment", found, states)
    settled = {
        key.split(":", 1)[1]
        for key, state in states.items()
        if key.startswith("biomarker:")
        and state.state in (State.VERIFIED, State.CORRECTED)
        and not state.changed_since_decision
    }
    conflicts = [
        conflict
        for conflict in extracted.get("conflicts") or []
        if str(conflict.get("field", "")).split(".", 1)[0] not in settled
    ]
    return {
        **extracted,
        "diagnosis": diagnosis,
        "biomarkers": biomarkers,
        "stage": stage,
        "treatments": treatments,
        "conflicts": conflicts,
        "missing": missing_fields(diagnosis, biomarkers, stage),
    }


def listed(
    entries: list[dict[str, Any]], kind: str, found: dict[str, Item], states: dict[str, ItemState]
) -> list[dict[str, Any]]:
    """Biomarkers or treatments as shown: in the records' order, kept ones first."""
    shown = []
    keys = [f"{kind}:{entry['name']}" for entry in entries]
    keys += [key for key in states if key.startswith(f"{kind}:") and key not in keys]
    for key in keys:
        state = states.get(key)
        if state is None or state.shown is None:
            continue
        item = found.get(key)
        evidence = item.evidence if item else (state.decision.evidence if state.decision else ())
        entry = {**bare(state.shown), "evidence": [dict(e) for e in evidence]}
        review = review_of(state)
        if review:
            entry["review"] = review
            if review["state"] == ADDED and not entry["evidence"]:
                entry["evidence"] = [clinician_evidence(state.decision)]
        shown.append(entry)
    return shown


ADDED = "added"


def review_of(state: ItemState) -> dict[str, Any] | None:
    """The contract's ``review`` of a value a clinician decided on (r2), or None.

    ``corrected`` keeps what the records said; ``added`` is a value the records never gave
    (she entered it from a report Navis does not hold).
    """
    decision = state.decision
    if decision is None or state.state not in (State.VERIFIED, State.CORRECTED):
        return None
    if state.state == State.VERIFIED:
        return review_record(State.VERIFIED.value, decision)
    said = state.extracted if state.extracted is not None else decision.replaced
    if said is None:
        return review_record(ADDED, decision)
    return review_record(
        State.CORRECTED.value, decision, bare(said) if isinstance(said, dict) else said
    )


def review_of_stage(extracted_stage: dict[str, Any], states: dict[str, ItemState]) -> dict | None:
    """One review for the stage: corrected if any part was, verified only if every part shown
    was verified (a patient must not read "verified" over a part nobody checked)."""
    parts = {
        k: s for k, s in states.items() if k.startswith("stage.") and s.shown not in (None, [])
    }
    decided = [s for s in parts.values() if s.state in (State.VERIFIED, State.CORRECTED)]
    corrected = any(s.state == State.CORRECTED for s in decided)
    if not decided or (not corrected and len(decided) < len(parts)):
        return None
    last = max((s.decision for s in decided if s.decision), key=lambda d: d.at)
    if not corrected:
        return review_record(State.VERIFIED.value, last)
    said = {name: extracted_stage.get(name) for name in STAGE_FIELDS}
    return review_record(State.CORRECTED.value, last, said)


def review_record(state: str, decision: Decision, extracted: Any = None) -> dict[str, Any]:
    return {
        "state": state,
        "by": decision.author,
        "at": decision.at,
        "reason": decision.reason or None,
        "extracted": extracted,
    }


def clinician_evidence(decision: Decision | None) -> dict[str, Any]:
    """The evidence of a value only a clinician gives: her note, plainly hers (r2)."""
    author = decision.author if decision else ""
    note = (decision.reason if decision else "") or f"Entered by {author or 'a clinician'}."
    return {
        "source": "clinician",
        "text": note,
        "by": author,
        "at": decision.at if decision else "",
    }


def shape_problem(key: str, value: Any) -> str | None:
    """Why a corrected value cannot stand for this item, if it cannot: a biomarker or a
    treatment is an object carrying the item's own name; the other values are not objects."""
    kind, _, name = key.partition(":")
    if kind in ("biomarker", "treatment"):
        if not isinstance(value, dict):
            return f"a {kind} is an object of its parts"
        if value.get("name", name) != name:
            return f"the {kind} is {name}; correct its parts, not its name"
        return None
    if isinstance(value, dict) and key != "diagnosis.histology":
        return "this value is not an object"
    if key == "diagnosis.histology" and not isinstance(value, dict):
        return "the histology is an object with a code and a label"
    return None


def changed_items(before: dict[str, Any], after: dict[str, Any]) -> list[tuple[str, Any, Any]]:
    """(key, old value, new value) of every item whose value differs between two profiles."""
    old, new = items(before), items(after)
    changes = []
    for key in [*old, *(k for k in new if k not in old)]:
        was = old[key].value if key in old else None
        now = new[key].value if key in new else None
        if was != now:
            changes.append((key, was, now))
    return changes


DIAGNOSIS_FACTS = {"primary_site", "laterality", "histology", "grade", "diagnosis_date"}


def fact_keys(field: str, name: str = "") -> list[str]:
    """The items a stored fact feeds: ``biomarker`` HER2 → ``biomarker:HER2``."""
    if field == "biomarker":
        return [f"biomarker:{name}"]
    if field == "treatment":
        return [f"treatment:{name}"]
    if field in DIAGNOSIS_FACTS:
        return [f"diagnosis.{field}"]
    if field == "stage":
        return ["stage.group", "stage.T", "stage.N", "stage.M"]
    if field == "metastasis":
        return ["stage.metastatic", "stage.metastatic_sites"]
    return []


def fact_state(keys: list[str], states: dict[str, ItemState]) -> State:
    """Where the values a fact feeds stand: corrected if any was, verified if all were."""
    found = [states[key].state for key in keys if key in states]
    if not found:
        return State.EXTRACTED
    for state in (State.CORRECTED, State.REJECTED):
        if state in found:
            return state
    return State.VERIFIED if all(s == State.VERIFIED for s in found) else State.EXTRACTED
