from rest_framework import serializers

from .models import Deadline


class DeadlineSerializer(serializers.ModelSerializer):
    state_display = serializers.CharField(source="get_state_display", read_only=True)
    kind_label = serializers.CharField(read_only=True)
    subject_type = serializers.CharField(source="content_type.model", read_only=True)
    subject_id = serializers.IntegerField(source="object_id", read_only=True)

    class Meta:
        model = Deadline
        fields = [
            "id",
            "kind",
            "kind_label",
            "title",
            "subject_type",
            "subject_id",
            "jurisdiction",
            "institution",
            "person",
            "user",
            "due_at",
            "article",
            "ruleset_code",
            "state",
            "state_display",
            "met_at",
            "waived_at",
            "waived_reason",
            "created_at",
        ]
        read_only_fields = fields


class WaiveSerializer(serializers.Serializer):
    reason = serializers.CharField(
        max_length=2000, error_messages={"required": "请填写豁免理由。", "blank": "请填写豁免理由。"}
    )
