from rest_framework import serializers


class TopicSerializer(serializers.Serializer):
    slug = serializers.CharField()
    title = serializers.CharField()
    reviewed = serializers.CharField()


class TrialSerializer(serializers.Serializer):
    """A catalog trial with its structured criteria (see guidance/README.md)."""

    nct_id = serializers.CharField()
    title = serializers.CharField()
    phase = serializers.CharField(allow_null=True)
    status = serializers.CharField()
    open = serializers.BooleanField()
    conditions = serializers.ListField(child=serializers.CharField())
    sites = serializers.ListField(child=serializers.CharField())
    modality = serializers.CharField()
    target = serializers.CharField(allow_null=True)
    criteria = serializers.ListField(child=serializers.DictField())
    source = serializers.CharField()
