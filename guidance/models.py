"""Guidance tables: trials imported from ClinicalTrials.gov (the data is a Trial.to_dict())."""

from __future__ import annotations

from django.db import models


class Trial(models.Model):
    """One imported study; ``data`` holds the parsed trial so matching needs no re-parsing."""

    nct_id = models.CharField(max_length=16, unique=True)
    data = models.JSONField()
    imported_at = models.DateTimeField(auto_now=True)

    class Meta:
        ordering = ["nct_id"]

    def __str__(self) -> str:
        return self.nct_id
