from rest_framework import serializers

from records.models import Patient


class PatientSerializer(serializers.ModelSerializer):
    display_name = serializers.CharField(source="user.display_name", read_only=True)
    is_own = serializers.SerializerMethodField(help_text="True for the caller's own record.")

    class Meta:
        model = Patient
        fields = ["id", "display_name", "created_at", "is_own"]

    def get_is_own(self, patient: Patient) -> bool:
        return patient.user_id == self.context["request"].user.id
