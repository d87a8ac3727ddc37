from rest_framework import serializers

from .models import IssuedDocument
from .types import label_of


class IssuedDocumentSerializer(serializers.ModelSerializer):
    doc_type_label = serializers.SerializerMethodField()
    status_label = serializers.CharField(source="get_status_display", read_only=True)
    download_url = serializers.SerializerMethodField()
    superseded = serializers.SerializerMethodField()

    class Meta:
        model = IssuedDocument
        fields = [
            "id",
            "doc_type",
            "doc_type_label",
            "issuer_kind",
            "issuer_name",
            "issuer_code",
            "year",
            "sequence",
            "number",
            "title",
            "addressees",
            "cc",
            "dated",
            "jurisdiction",
            "institution",
            "issued_by",
            "issued_at",
            "approved_by",
            "approved_on",
            "status",
            "status_label",
            "sha256",
            "version",
            "supersedes",
            "superseded",
            "reissue_reason",
            "download_url",
        ]
        read_only_fields = fields

    def get_doc_type_label(self, obj) -> str:
        return label_of(obj.doc_type)

    def get_download_url(self, obj) -> str | None:
        from django.urls import reverse

        return (
            reverse("documents:download", args=[obj.pk])
            if obj.status == IssuedDocument.Status.READY
            else None
        )

    def get_superseded(self, obj) -> bool:
        return bool(obj.superseded_by.all())


class NoticeIssueSerializer(serializers.Serializer):
    title = serializers.CharField(max_length=200)
    addressees = serializers.CharField(max_length=500, required=False, allow_blank=True, default="")
    body = serializers.CharField()
    attachments = serializers.ListField(
        child=serializers.CharField(max_length=200), required=False, default=list
    )
    cc = serializers.ListField(child=serializers.CharField(max_length=100), required=False, default=list)
    public = serializers.BooleanField(required=False, default=False)
    dated = serializers.DateField(required=False, allow_null=True, default=None)


class ReissueSerializer(NoticeIssueSerializer):
    reason = serializers.CharField()
    title = serializers.CharField(max_length=200, required=False)
    body = serializers.CharField(required=False)
