from rest_framework import serializers

from records import review_rules
from records.models import ClinicianFact, SignOff


class ReviewItemSerializer(serializers.Serializer):
    """A value of the profile as a clinician reviews it."""

    key = serializers.CharField(help_text="biomarker:HER2, stage.T, diagnosis.grade, treatment:…")
    state = serializers.ChoiceField(choices=[s.value for s in review_rules.State])
    shown = serializers.JSONField(allow_null=True, help_text="The value in the profile now.")
    extracted = serializers.JSONField(allow_null=True, help_text="What the records say.")
    changed_since_decision = serializers.BooleanField()
    changed_since_my_sign_off = serializers.BooleanField()


class DecisionSerializer(serializers.ModelSerializer):
    """A clinician's decision: accept or reject what the records say, or correct it."""

    author = serializers.CharField(source="author_label", read_only=True)
    action = serializers.ChoiceField(choices=[a.value for a in review_rules.Action])
    value = serializers.JSONField(
        required=False, allow_null=True, help_text="For a correction: the value in the contract."
    )

    class Meta:
        model = ClinicianFact
        fields = ["id", "key", "action", "value", "replaced", "reason", "author", "created_at"]
        read_only_fields = ["id", "replaced", "author", "created_at"]
        extra_kwargs = {"reason": {"required": False}}


class SignOffSerializer(serializers.ModelSerializer):
    clinician = serializers.CharField(source="clinician_label", read_only=True)

    class Meta:
        model = SignOff
        fields = ["id", "version", "note", "clinician", "created_at"]
        read_only_fields = ["id", "version", "clinician", "created_at"]
        extra_kwargs = {"note": {"required": False}}
