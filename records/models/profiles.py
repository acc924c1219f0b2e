"""A patient's profile: what Navis knows about her cancer from all her documents."""

from django.db import models

from records.models.patients import Patient


class Profile(models.Model):
    """The contract's profile (``navis.profile.v1``), rebuilt from the stored facts.

    ``extracted`` is what the records say; ``data`` is that with her clinicians' decisions
    applied: what every page, guidance and the API show. ``version`` counts changes to it.
    """

    patient = models.OneToOneField(Patient, on_delete=models.CASCADE, related_name="profile")
    data = models.JSONField(default=dict)
    extracted = models.JSONField(default=dict)
    version = models.PositiveIntegerField(default=0)
    extractor_version = models.CharField(max_length=32)
    computed_at = models.DateTimeField()

    def __str__(self) -> str:
        return f"Profile of {self.patient_id}"
