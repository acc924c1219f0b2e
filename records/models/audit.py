"""The audit log: who reached which patient's records, how, and when."""

from django.conf import settings
from django.db import models

from records.models.patients import Patient


class Action(models.TextChoices):
    """Every way into a patient's records. Reads are open to her care team, reviewing to her
    clinicians alone, and the rest to her."""

    VIEW_RECORDS = "view_records", "viewed the list of records"
    VIEW_DOCUMENT = "view_document", "opened a document"
    VIEW_STATUS = "view_status", "checked reading progress"
    VIEW_PROFILE = "view_profile", "viewed the cancer summary"
    VIEW_EVIDENCE = "view_evidence", "opened the page a fact was read from"
    DOWNLOAD = "download", "opened an original file"
    OPEN_UPLOAD_PAGE = "open_upload_page", "opened the upload page"
    UPLOAD = "upload", "uploaded documents"
    REPROCESS = "reprocess", "asked to read a document again"
    MANAGE_SHARING = "manage_sharing", "managed sharing"
    VIEW_ACCESS_LOG = "view_access_log", "viewed who looked at the records"
    VIEW_HISTORY = "view_history", "viewed the history of the cancer summary"
    VIEW_GUIDANCE = "view_guidance", "read a guide about the cancer summary"
    PRINT_SUMMARY = "print_summary", "printed the cancer summary"
    OPEN_REVIEW = "open_review", "opened the summary to review it"
    REVIEW_VALUE = "review_value", "checked a value of the summary"
    SIGN_OFF = "sign_off", "signed off the summary"

    @property
    def owner_only(self) -> bool:
        return self in OWNER_ONLY

    @property
    def clinician_only(self) -> bool:
        return self in CLINICIAN_ONLY


OWNER_ONLY = frozenset(
    {
        Action.OPEN_UPLOAD_PAGE,
        Action.UPLOAD,
        Action.REPROCESS,
        Action.MANAGE_SHARING,
        Action.VIEW_ACCESS_LOG,
    }
)

# A clinician's review: not the patient's to do on her own summary.
CLINICIAN_ONLY = frozenset({Action.OPEN_REVIEW, Action.REVIEW_VALUE, Action.SIGN_OFF})


class AccessEvent(models.Model):
    at = models.DateTimeField(auto_now_add=True, db_index=True)
    actor = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, related_name="+"
    )
    actor_label = models.CharField(max_length=254, help_text="Kept if the account is deleted.")
    patient = models.ForeignKey(Patient, on_delete=models.CASCADE, related_name="access_events")
    action = models.CharField(max_length=32, choices=Action.choices)
    target_type = models.CharField(max_length=32, blank=True)
    target_id = models.CharField(max_length=64, blank=True)

    class Meta:
        ordering = ["-at", "-id"]
        indexes = [models.Index(fields=["patient", "-at"])]

    def __str__(self) -> str:
        return f"{self.actor_label} {self.action} at {self.at:%Y-%m-%d %H:%M}"
