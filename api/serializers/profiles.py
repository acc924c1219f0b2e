from rest_framework import serializers

from records.models import Fact, ProfileChange


class FactSerializer(serializers.ModelSerializer):
    """One fact read from one document, with the exact words and their place on the page."""

    document = serializers.UUIDField(source="document_id", read_only=True)
    state = serializers.SerializerMethodField(
        help_text="extracted, verified, corrected or rejected: where the values it feeds stand."
    )

    class Meta:
        model = Fact
        fields = [
            "id", "document", "field", "name", "value", "evidence", "date", "section",
            "specimen", "extractor_version", "state",
        ]  # fmt: skip
        read_only_fields = fields

    def get_state(self, fact: Fact) -> str:
        return str(self.context["fact_states"](fact))


class ChangeSerializer(serializers.ModelSerializer):
    """One value of the summary changing; ``who`` is a clinician, or Navis reading records."""

    who = serializers.SerializerMethodField()
    document = serializers.UUIDField(source="document_id", read_only=True, allow_null=True)

    class Meta:
        model = ProfileChange
        fields = ["at", "version", "key", "before", "after", "who", "action", "reason", "document"]
        read_only_fields = fields

    def get_who(self, change: ProfileChange) -> str:
        return change.actor_label or "Navis"
