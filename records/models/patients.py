"""A patient record and the shares that let clinicians see it."""

import hashlib
import uuid

from django.conf import settings
from django.db import models
from django.utils import timezone


class Patient(models.Model):
    """The one patient record a patient account owns; everything medical hangs off it."""

    id = models.UUIDField(primary_key=True, default=uuid.uuid4, editable=False)
    user = models.OneToOneField(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="patient"
    )
    created_at = models.DateTimeField(auto_now_add=True)

    def __str__(self) -> str:
        return f"Patient {self.user.display_name}"


class ShareQuerySet(models.QuerySet["Share"]):
    def live(self) -> "ShareQuerySet":
        """Accepted and not revoked: the only shares that grant access."""
        return self.filter(
            clinician__isnull=False, accepted_at__isnull=False, revoked_at__isnull=True
        )

    def open(self) -> "ShareQuerySet":
        return self.filter(revoked_at__isnull=True)


def hash_token(token: str) -> str:
    return hashlib.sha256(token.encode()).hexdigest()


class Share(models.Model):
    """A patient's invitation to one clinician, by e-mail; live once accepted, until revoked."""

    id = models.UUIDField(primary_key=True, default=uuid.uuid4, editable=False)
    patient = models.ForeignKey(Patient, on_delete=models.CASCADE, related_name="shares")
    email = models.EmailField()
    clinician = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.CASCADE,
        null=True,
        blank=True,
        related_name="shares_received",
    )
    token_hash = models.CharField(max_length=64, unique=True)
    created_at = models.DateTimeField(auto_now_add=True)
    accepted_at = models.DateTimeField(null=True, blank=True)
    revoked_at = models.DateTimeField(null=True, blank=True)

    objects = ShareQuerySet.as_manager()

    class Meta:
        ordering = ["-created_at"]
        constraints = [
            models.UniqueConstraint(
                fields=["patient", "email"],
                condition=models.Q(revoked_at__isnull=True),
                name="one_open_share_per_clinician_email",
            )
        ]

    def __str__(self) -> str:
        return f"Share of {self.patient_id} with {self.email}"

    @property
    def state(self) -> str:
        if self.revoked_at:
            return "revoked"
        return "active" if self.accepted_at else "invited"

    def revoke(self) -> None:
        if self.revoked_at is None:
            self.revoked_at = timezone.now()
            self.save(update_fields=["revoked_at"])
