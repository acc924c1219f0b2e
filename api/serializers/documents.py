from rest_framework import serializers

from records.models import Document, DocumentKind, Page


class DocumentSerializer(serializers.ModelSerializer):
    """A document and where reading it stands; a failure comes with its plain reason."""

    file_name = serializers.CharField(source="original_name", read_only=True)
    status_label = serializers.CharField(source="get_status_display", read_only=True)
    failure_reason = serializers.CharField(read_only=True)
    progress = serializers.SerializerMethodField()
    kind = serializers.ChoiceField(
        choices=DocumentKind.choices,
        allow_blank=True,
        read_only=True,
        help_text="What kind of record it was read as; blank until it is read.",
    )

    class Meta:
        model = Document
        fields = [
            "id", "file_name", "media_type", "size", "sha256", "status", "status_label",
            "failure_code", "failure_reason", "progress", "page_count", "ocr_pages", "kind",
            "report_date", "created_at", "finished_at",
        ]  # fmt: skip
        read_only_fields = fields

    def get_progress(self, document: Document) -> dict[str, int]:
        """Pages done of the current stage (reading, or recognising scanned pages)."""
        return {"done": document.progress_done, "total": document.progress_total}


class UploadSerializer(serializers.Serializer):
    files = serializers.ListField(
        child=serializers.FileField(), allow_empty=False, help_text="One or more PDFs or photos."
    )


class UploadOutcomeSerializer(serializers.Serializer):
    """One file of an upload: accepted (with its document) or rejected (with why)."""

    file_name = serializers.CharField()
    accepted = serializers.BooleanField()
    document = DocumentSerializer(allow_null=True)
    reason = serializers.CharField(allow_blank=True)


class PageSerializer(serializers.ModelSerializer):
    class Meta:
        model = Page
        fields = ["number", "text", "source", "ocr_confidence", "width", "height"]
        read_only_fields = fields


class UploadResultSerializer(serializers.Serializer):
    results = UploadOutcomeSerializer(many=True, help_text="One entry per file, in order.")
