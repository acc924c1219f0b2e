from rest_framework import serializers


class ErrorBodySerializer(serializers.Serializer):
    status = serializers.IntegerField()
    code = serializers.CharField(help_text="not_found, invalid, permission_denied, throttled…")
    message = serializers.CharField()
    fields = serializers.DictField(
        required=False, help_text="For invalid input: the problems, by field name."
    )


class ErrorSerializer(serializers.Serializer):
    """The one shape of every error the API returns (see api/errors.py)."""

    error = ErrorBodySerializer()
