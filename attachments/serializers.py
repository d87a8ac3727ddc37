from django.urls import NoReverseMatch, reverse
from rest_framework import serializers

from . import kinds
from .models import Attachment
from .validation import validate_upload


class AttachmentSerializer(serializers.ModelSerializer):
    kind_label = serializers.CharField(read_only=True)
    subject_type = serializers.SerializerMethodField()
    uploaded_by = serializers.StringRelatedField()
    download_url = serializers.SerializerMethodField()

    class Meta:
        model = Attachment
        fields = [
            "id",
            "kind",
            "kind_label",
            "original_name",
            "content_type",
            "size",
            "sha256",
            "sensitive",
            "subject_type",
            "subject_id",
            "jurisdiction",
            "institution",
            "person",
            "uploaded_by",
            "uploaded_at",
            "deleted_at",
            "deletion_reason",
            "download_url",
        ]
        read_only_fields = fields

    def get_subject_type(self, obj) -> str:
        return f"{obj.subject_type.app_label}.{obj.subject_type.model}"

    def get_download_url(self, obj) -> str | None:
        if obj.served_elsewhere:  # its own app hands it out (e.g. a data resource's traced export)
            return None
        try:
            url = reverse("attachment-download", args=[obj.pk])
        except NoReverseMatch:  # the API router not mounted: the browser's download view
            url = reverse("attachments:download", args=[obj.pk])
        request = self.context.get("request")
        return request.build_absolute_uri(url) if request else url


class AttachmentUploadSerializer(serializers.Serializer):
    file = serializers.FileField(help_text="PDF、PNG、JPEG、.docx 或 .xlsx；类型按内容识别")
    kind = serializers.ChoiceField(choices=[])
    subject_type = serializers.CharField(help_text="所属记录的模型，如 directory.institution")
    subject_id = serializers.IntegerField(min_value=1)
    sensitive = serializers.BooleanField(default=False)

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["kind"].choices = [(k.code, k.label) for k in kinds.all_kinds()]

    def validate_file(self, file):
        validate_upload(file)
        return file


class AttachmentDeleteSerializer(serializers.Serializer):
    reason = serializers.CharField(max_length=500)
