"""A clinician's review: deciding on values, signing off, and what changed since she signed.

Views call these after ``records.access`` has let the clinician in; the rules for what a
decision does to the profile are plain functions in ``records/review_rules.py``.
"""

from dataclasses import dataclass, field
from functools import cache
from typing import Any

import jsonschema
from django.db import transaction

from records import review_rules, signals
from records.models import (
    ClinicianFact,
    Document,
    DocumentStatus,
    Patient,
    Profile,
    SignOff,
    User,
)
from records.services.profiles import Cause, decisions_of, save_profile, stored_profile
from vocabulary import contract


class ReviewError(ValueError):
    """A decision that cannot be taken, in words the clinician can act on."""


@cache
def profile_validator() -> jsonschema.Draft202012Validator:
    return jsonschema.Draft202012Validator(contract.schema())


def reviewed(profile: Profile) -> review_rules.Reviewed:
    """The profile's items and their states, as the decisions stand now."""
    return review_rules.apply(profile.extracted, decisions_of(profile.patient))


@transaction.atomic
def decide(
    patient: Patient,
    clinician: User,
    key: str,
    action: review_rules.Action,
    value: Any = None,
    reason: str = "",
) -> ClinicianFact:
    """Accept, correct or reject one value of the patient's profile, and apply it at once."""
    Patient.objects.select_for_update().filter(pk=patient.pk).first()
    profile = stored_profile(patient)
    state = reviewed(profile).states.get(key) if profile else None
    if profile is None or state is None:
        raise ReviewError("This value is no longer in the summary. Reload the page.")
    item = review_rules.items(profile.extracted).get(key)
    evidence = item.evidence if item else (state.decision.evidence if state.decision else ())
    records_say = state.extracted if state.extracted is not None else state.shown
    if action == review_rules.Action.CORRECT:
        check_correction(profile, key, value)
        replaced = state.extracted
    else:
        value, replaced = records_say, None
    fact = ClinicianFact.objects.create(
        patient=patient,
        key=key,
        action=action,
        value=value,
        replaced=replaced,
        evidence=[dict(e) for e in evidence],
        reason=reason.strip(),
        author=clinician,
        author_label=clinician.display_name,
    )
    cause = Cause(reason.strip(), actor=clinician, action=str(action))
    save_profile(patient, profile.extracted, cause)
    return fact


def check_correction(profile: Profile, key: str, value: Any) -> None:
    """A corrected value must leave a profile that still keeps the contract."""
    if value is None:
        raise ReviewError("Give the correct value, or reject the value instead.")
    if problem := review_rules.shape_problem(key, value):
        raise ReviewError(f"That value cannot be stored: {problem}.")
    if key.startswith(("biomarker:", "treatment:")):
        value.setdefault("name", key.partition(":")[2])
    candidate = review_rules.Decision(key, review_rules.Action.CORRECT, value)
    decisions = [*decisions_of(profile.patient), candidate]
    shown = review_rules.apply(profile.extracted, decisions).profile
    problem = jsonschema.exceptions.best_match(profile_validator().iter_errors(shown))
    if problem is not None:
        raise ReviewError(f"That value cannot be stored: {problem.message}.")


@transaction.atomic
def sign_off(patient: Patient, clinician: User, note: str = "") -> SignOff:
    """Sign the profile as it is shown now."""
    Patient.objects.select_for_update().filter(pk=patient.pk).first()
    profile = stored_profile(patient)
    if profile is None:
        raise ReviewError("There is no summary to sign yet.")
    signed = SignOff.objects.create(
        patient=patient,
        clinician=clinician,
        clinician_label=clinician.display_name,
        version=profile.version,
        data=profile.data,
        note=note.strip(),
    )
    signals.announce(signals.review_signed, SignOff, patient=patient, sign_off_id=signed.id)
    return signed


@dataclass
class SinceSignOff:
    """What a clinician should look at again: changed values and records since she signed."""

    signed: SignOff | None
    changed: list[tuple[str, Any, Any]] = field(default_factory=list)
    new_documents: list[Document] = field(default_factory=list)

    @property
    def changed_keys(self) -> set[str]:
        return {key for key, _, _ in self.changed}


def since_sign_off(patient: Patient, clinician: User, profile: Profile | None) -> SinceSignOff:
    signed = SignOff.objects.filter(patient=patient, clinician=clinician).first()
    if signed is None:
        return SinceSignOff(None)
    changed = review_rules.changed_items(signed.data, profile.data) if profile else []
    new = patient.documents.filter(created_at__gt=signed.created_at).order_by("created_at")
    return SinceSignOff(signed, changed, list(new))


@dataclass
class QueueEntry:
    """One line of a clinician's queue."""

    patient: Patient
    since: SinceSignOff
    to_review: int
    processing: int
    failed: int
    has_profile: bool

    @property
    def needs_attention(self) -> bool:
        return bool(
            (self.since.signed is None and self.has_profile)
            or self.since.changed
            or self.since.new_documents
            or self.to_review
            or self.failed
        )


def queue(clinician: User, patients: list[Patient]) -> list[QueueEntry]:
    """The patients sharing with her, those with something new for her first."""
    entries = []
    for patient in patients:
        profile = stored_profile(patient)
        states = reviewed(profile).states.values() if profile else []
        documents = patient.documents
        entries.append(
            QueueEntry(
                patient=patient,
                since=since_sign_off(patient, clinician, profile),
                to_review=sum(1 for s in states if s.changed_since_decision),
                processing=documents.filter(status__in=DocumentStatus.working()).count(),
                failed=documents.filter(status=DocumentStatus.FAILED).count(),
                has_profile=profile is not None and bool(profile.data.get("documents")),
            )
        )
    return sorted(entries, key=lambda e: (not e.needs_attention, e.patient.user.display_name))
