"""Models of the records app, one module per thing they hold."""

from records.models.accounts import Role, User
from records.models.audit import AccessEvent, Action
from records.models.documents import Document, DocumentEvent, DocumentStatus, Page
from records.models.patients import Patient, Share

__all__ = [
    "AccessEvent",
    "Action",
    "Document",
    "DocumentEvent",
    "DocumentStatus",
    "Page",
    "Patient",
    "Role",
    "Share",
    "User",
]
