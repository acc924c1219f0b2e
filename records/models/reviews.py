"""A clinician's review of a profile: her decisions on its values, sign-offs, and its history.

The decisions are kept apart from the facts read from documents, so that reading every
document again, or a new extractor, cannot undo them (see records/review_rules.py for the rules).
"""

from django.conf import settings
from django.db import models

from records.models.documents import Document
from records.models.patients import Patient
from records.review_rules import Action as ReviewAction


class ClinicianFact(models.Model):
    """A clinician's decision on one value of a patient's profile: accepted, corrected or
    rejected, with why. Never edited: a new decision on the same value is a new row."""

    patient = models.ForeignKey(Patient, on_delete=models.CASCADE, related_name="clinician_facts")
    key = models.CharField(max_length=120, help_text="biomarker:HER2, stage.T, diagnosis.grade…")
    action = models.CharField(max_length=8, choices=[(a.value, a.value) for a in ReviewAction])
    value = models.JSONField(null=True, help_text="What she accepted, corrected to or rejected.")
    replaced = models.JSONField(null=True, help_text="What the records said when she corrected.")
    evidence = models.JSONField(default=list, help_text="The words she was looking at.")
    reason = models.TextField(blank=True)
    author = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, related_name="+"
    )
    author_label = models.CharField(max_length=254, help_text="Kept if the account is deleted.")
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["created_at", "id"]
        indexes = [models.Index(fields=["patient", "key"])]

    def __str__(self) -> str:
        return f"{self.action} {self.key} by {self.author_label}"


class SignOff(models.Model):
    """A clinician's signature on one version of the profile, with the values she signed."""

    patient = models.ForeignKey(Patient, on_delete=models.CASCADE, related_name="sign_offs")
    clinician = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, related_name="+"
    )
    clinician_label = models.CharField(max_length=254)
    version = models.PositiveIntegerField()
    data = models.JSONField(help_text="The profile as signed.")
    note = models.TextField(blank=True)
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["-created_at", "-id"]

    def __str__(self) -> str:
        return f"Version {self.version} signed by {self.clinician_label}"


class ProfileChange(models.Model):
    """One value of the profile changing: who (a clinician, or Navis reading a record), what,
    when and why. The visible history of the summary."""

    patient = models.ForeignKey(Patient, on_delete=models.CASCADE, related_name="profile_changes")
    version = models.PositiveIntegerField(help_text="The profile version this change made.")
    key = models.CharField(max_length=120)
    before = models.JSONField(null=True)
    after = models.JSONField(null=True)
    actor = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, related_name="+"
    )
    actor_label = models.CharField(max_length=254, help_text="Blank: Navis, reading records.")
    document = models.ForeignKey(
        Document, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    action = models.CharField(max_length=8, blank=True, help_text="The clinician's, if hers.")
    reason = models.TextField(blank=True)
    at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["-at", "-id"]
        indexes = [models.Index(fields=["patient", "-at"])]

    def __str__(self) -> str:
        return f"{self.key} changed in version {self.version}"
