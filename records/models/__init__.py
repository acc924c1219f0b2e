"""Models of the records app, one module per thing they hold."""

from records.models.accounts import Role, User
from records.models.audit import AccessEvent, Action
from records.models.documents import (
    Document,
    DocumentEvent,
    DocumentKind,
    DocumentStatus,
    Page,
)
from records.models.facts import Fact
from records.models.patients import Patient, Share
from records.models.profiles import Profile
from records.models.reviews import ClinicianFact, ProfileChange, SignOff

__all__ = [
    "AccessEvent",
    "Action",
    "ClinicianFact",
    "Document",
    "DocumentEvent",
    "DocumentKind",
    "DocumentStatus",
    "Fact",
    "Page",
    "Patient",
    "Profile",
    "ProfileChange",
    "Role",
    "Share",
    "SignOff",
    "User",
]
