"""The one door to patient data.

Every view and API endpoint reaches a patient or a document through these functions, naming
the Action it is taking. Anyone who may not take that action gets Http404 (never 403: a
stranger must not learn that a record exists), and every access that passes is written to
the audit log here, so no caller can forget to.
"""

from uuid import UUID

from django.db.models import QuerySet
from django.http import Http404

from records.models import AccessEvent, Action, Document, Patient, Share, User


def patients_visible_to(user: User) -> QuerySet[Patient]:
    """The patient herself; for a clinician, exactly the patients sharing with them now."""
    if not user.is_authenticated:
        return Patient.objects.none()
    if user.is_clinician:
        live = Share.objects.live().filter(clinician=user).values("patient_id")
        return Patient.objects.filter(id__in=live)
    return Patient.objects.filter(user=user)


def may(user: User, patient: Patient, action: Action) -> bool:
    if not user.is_authenticated:
        return False
    if patient.user_id == user.id:
        return not action.clinician_only
    if action.owner_only or not user.is_clinician:
        return False
    return Share.objects.live().filter(patient=patient, clinician=user).exists()


def patient_for(
    user: User, patient_id: UUID | str, action: Action, *, target: object = None
) -> Patient:
    """The patient, if `user` may take `action` on her records; else 404. Logged."""
    patient = Patient.objects.select_related("user").filter(id=patient_id).first()
    if patient is None or not may(user, patient, action):
        raise Http404("No such patient.")
    record_access(user, patient, action, target or patient)
    return patient


def document_for(
    user: User, patient_id: UUID | str, document_id: UUID | str, action: Action
) -> Document:
    """One of the patient's documents, under the same rule as patient_for. Logged."""
    document = (
        Document.objects.select_related("patient__user")
        .filter(id=document_id, patient_id=patient_id)
        .first()
    )
    if document is None or not may(user, document.patient, action):
        raise Http404("No such document.")
    record_access(user, document.patient, action, document)
    return document


def record_access(user: User, patient: Patient, action: Action, target: object) -> None:
    AccessEvent.objects.create(
        actor=user,
        actor_label=user.email,
        patient=patient,
        action=action,
        target_type=type(target).__name__.lower(),
        target_id=str(getattr(target, "pk", "")),
    )
