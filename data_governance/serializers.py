"""REST shapes of data governance. Writes go through the services with the same checks."""

from __future__ import annotations

from rest_framework import serializers

from centres.models import Centre
from core.fields import ScopedPrimaryKeyRelatedField

from .models import (
    AccessLog,
    DataResource,
    ExportTrace,
    Grant,
    PublicationCheck,
    PublicationReview,
    PurposeCategory,
    ScanHit,
    ThirdPartyTransfer,
    UseRequest,
    nameable_users,
)


class ResourceSerializer(serializers.ModelSerializer):
    classification_label = serializers.CharField(source="get_classification_display", read_only=True)
    # A plain string in the schema: another app's "source" field has other choices.
    source = serializers.CharField(read_only=True, help_text="files（上传文件）/ dataset（平台生成的数据集）")

    class Meta:
        model = DataResource
        fields = [
            "id",
            "code",
            "name",
            "description",
            "classification",
            "classification_label",
            "source",
            "dataset",
            "jurisdiction",
            "body_kind",
            "steward",
            "active",
        ]
        read_only_fields = fields  # output only (ResourceCreateSerializer registers one)


class UseRequestSerializer(serializers.ModelSerializer):
    status_label = serializers.CharField(source="get_status_display", read_only=True)

    class Meta:
        model = UseRequest
        fields = [
            "id",
            "centre",
            "applicant",
            "purpose_category",
            "purpose",
            "starts_on",
            "ends_on",
            "users",
            "resources",
            "status",
            "status_label",
            "submitted_at",
            "endorsed_by",
            "endorsed_at",
            "endorsement_opinion",
            "decided_by",
            "decided_at",
            "decision_reasons",
            "qc_purpose_judgement",
        ]
        read_only_fields = fields


class UseRequestDraftSerializer(serializers.Serializer):
    """Every id scoped to the acting user (issue 15): one outside is refused like a missing one,
    before the service's rules (the users must be the centre's, 九龙坡 第十六条（二）) name anyone."""

    centre = ScopedPrimaryKeyRelatedField(Centre, label="质控中心")
    purpose_category = serializers.ChoiceField(choices=PurposeCategory.choices)
    purpose = serializers.CharField()
    starts_on = serializers.DateField()
    ends_on = serializers.DateField()
    users = ScopedPrimaryKeyRelatedField(
        queryset=nameable_users(), scope="nameable_by", many=True, allow_empty=True, label="使用人员"
    )
    resources = ScopedPrimaryKeyRelatedField(DataResource, many=True, allow_empty=True, label="数据资源")


class UseRequestEndorseSerializer(serializers.Serializer):
    agree = serializers.BooleanField()
    opinion = serializers.CharField(required=False, allow_blank=True, default="")


class UseRequestDecideSerializer(serializers.Serializer):
    outcome = serializers.ChoiceField(choices=["approve", "narrow", "refuse"])
    reasons = serializers.CharField(required=False, allow_blank=True, default="")
    qc_judgement = serializers.CharField(required=False, allow_blank=True, default="")
    # narrowing only: the view narrows both to the request's own rows (never widened, issue 15)
    resources = ScopedPrimaryKeyRelatedField(
        DataResource, scope="nameable_by", many=True, required=False, label="缩减后的数据资源"
    )
    users = ScopedPrimaryKeyRelatedField(
        queryset=nameable_users(), scope="nameable_by", many=True, required=False, label="缩减后的使用人员"
    )
    ends_on = serializers.DateField(required=False)


class ResourceExportSerializer(serializers.Serializer):
    format = serializers.ChoiceField(
        choices=ExportTrace.Format.choices, required=False, help_text="数据集资源的导出格式"
    )
    attachment = serializers.IntegerField(required=False, min_value=1, help_text="文件资源的某个文件")


class GrantRevokeSerializer(serializers.Serializer):
    reason = serializers.CharField()


class GrantSerializer(serializers.ModelSerializer):
    standing = serializers.SerializerMethodField(
        help_text="current / not_started / expired / revoked，按当下读取"
    )
    standing_label = serializers.SerializerMethodField()

    class Meta:
        model = Grant
        fields = [
            "id",
            "number",
            "request",
            "centre",
            "users",
            "resources",
            "starts_on",
            "ends_on",
            "status",
            "standing",
            "standing_label",
            "granted_by",
            "granted_at",
            "revoked_by",
            "revoked_at",
            "revoke_reason",
        ]
        read_only_fields = fields

    def get_standing(self, grant) -> str:
        from core.workflow import today

        return grant.standing(today()).value

    def get_standing_label(self, grant) -> str:
        from core.workflow import today

        return str(grant.standing(today()).label)


class AccessLogSerializer(serializers.ModelSerializer):
    username = serializers.CharField(source="user.username", read_only=True)
    grant_number = serializers.CharField(source="grant.number", read_only=True, default=None)

    class Meta:
        model = AccessLog
        fields = [
            "id",
            "at",
            "user",
            "username",
            "resource",
            "grant",
            "grant_number",
            "action",
            "amount",
            "unit",
            "ip",
            "user_agent",
            "detail",
        ]
        read_only_fields = fields


class ExportTraceSerializer(serializers.ModelSerializer):
    username = serializers.CharField(source="user.username", read_only=True)
    grant_number = serializers.CharField(source="grant.number", read_only=True, default=None)

    class Meta:
        model = ExportTrace
        fields = [
            "id",
            "code",
            "sha256",
            "at",
            "user",
            "username",
            "resource",
            "grant",
            "grant_number",
            "format",
            "filename",
            "size",
            "mark",
        ]
        read_only_fields = fields


class PublicationCheckSerializer(serializers.ModelSerializer):
    class Meta:
        model = PublicationCheck
        fields = ["code", "label", "article", "confirmed", "confirmed_by", "confirmed_at", "note"]
        read_only_fields = fields  # shown within a publication; confirmed through its own input


class ScanHitSerializer(serializers.ModelSerializer):
    class Meta:
        model = ScanHit
        fields = [
            "id",
            "kind",
            "text",
            "location",
            "context",
            "resolution",
            "resolved_by",
            "resolved_at",
            "note",
        ]
        read_only_fields = fields  # shown within a publication; resolved through ScanHitResolveSerializer


class PublicationSerializer(serializers.ModelSerializer):
    checks = PublicationCheckSerializer(many=True, read_only=True)
    hits = ScanHitSerializer(many=True, read_only=True)

    class Meta:
        model = PublicationReview
        fields = [
            "id",
            "centre",
            "grant",
            "kind",
            "title",
            "venue",
            "first_unit",
            "data_source",
            "status",
            "submitted_at",
            "scanned_at",
            "committee_meeting",
            "committee_opinion",
            "committee_decided_by",
            "decided_by",
            "decision_reasons",
            "checks",
            "hits",
        ]
        read_only_fields = fields


class PublicationCommitteeSerializer(serializers.Serializer):
    agree = serializers.BooleanField()
    meeting = serializers.CharField()
    opinion = serializers.CharField(required=False, allow_blank=True, default="")


class PublicationDecideSerializer(serializers.Serializer):
    approve = serializers.BooleanField()
    reasons = serializers.CharField(required=False, allow_blank=True, default="")


class PublicationCheckConfirmSerializer(serializers.Serializer):
    code = serializers.CharField()
    note = serializers.CharField(required=False, allow_blank=True, default="")


class ScanHitResolveSerializer(serializers.Serializer):
    # a hit the user sees; the view narrows to the publication's
    hit = ScopedPrimaryKeyRelatedField(ScanHit, label="扫描命中")
    resolution = serializers.ChoiceField(choices=["confirmed", "cleared"])
    note = serializers.CharField(required=False, allow_blank=True, default="")


class TransferSerializer(serializers.ModelSerializer):
    class Meta:
        model = ThirdPartyTransfer
        fields = [
            "id",
            "centre",
            "recipient",
            "resources",
            "data_description",
            "purpose",
            "safeguards",
            "status",
            "requested_by",
            "requested_at",
            "decided_by",
            "decided_at",
            "decision_reasons",
        ]
        read_only_fields = fields  # output only (TransferCreateSerializer asks for one)


class TransferDecideSerializer(serializers.Serializer):
    approve = serializers.BooleanField()
    reasons = serializers.CharField()


class TraceLookupSerializer(serializers.Serializer):
    sha256 = serializers.CharField()


class FileUploadSerializer(serializers.Serializer):
    file = serializers.FileField()


class ResourceCreateSerializer(serializers.Serializer):
    code = serializers.CharField(max_length=40)
    name = serializers.CharField(max_length=200)
    classification = serializers.ChoiceField(choices=DataResource._meta.get_field("classification").choices)
    body_kind = serializers.CharField(max_length=30)
    source = serializers.CharField(default=DataResource.Source.FILES, help_text="files / dataset")
    dataset = serializers.CharField(required=False, allow_blank=True, default="")
    description = serializers.CharField(required=False, allow_blank=True, default="")

    def validate_source(self, value):
        if value not in DataResource.Source.values:
            raise serializers.ValidationError("来源只能是 files 或 dataset。")
        return value


class PublicationCreateSerializer(serializers.Serializer):
    centre = ScopedPrimaryKeyRelatedField(Centre, label="质控中心")
    kind = serializers.CharField(help_text="report（研究报告）/ paper（论文）/ book（著作）")
    title = serializers.CharField(max_length=300)
    venue = serializers.CharField(required=False, allow_blank=True, default="")
    first_unit = serializers.CharField(max_length=200)
    data_source = serializers.CharField()

    def validate_kind(self, value):
        # A plain string in the schema (the choice set is PublicationReview.Kind, named once there).
        if value not in PublicationReview.Kind.values:
            raise serializers.ValidationError("成果类型只能是 report、paper 或 book。")
        return value


class TransferCreateSerializer(serializers.Serializer):
    centre = ScopedPrimaryKeyRelatedField(Centre, label="质控中心")
    recipient = serializers.CharField(max_length=200, allow_blank=True)
    data_description = serializers.CharField(allow_blank=True)
    purpose = serializers.CharField(allow_blank=True)
    safeguards = serializers.CharField(allow_blank=True)
    resources = ScopedPrimaryKeyRelatedField(
        DataResource, many=True, required=False, default=list, label="数据资源"
    )
