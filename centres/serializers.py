"""Shapes of the centres API. Serializers validate input and render output; every write goes
through centres/services/ from centres/api/, and every rule is checked there."""

from __future__ import annotations

from rest_framework import serializers

from core.fields import ScopedPrimaryKeyRelatedField
from directory.models import Institution, Person
from rulesets.models import BODY_KIND_CHOICES

from .models import (
    OBJECTION_MAX_LENGTH,
    Application,
    Centre,
    Dissolution,
    Handover,
    HostingTerm,
    LeaderChange,
    Objection,
    PanelMember,
    PreliminaryReview,
    PublicNotice,
    ReviewScore,
    SelectionCall,
    TermDecision,
)

# --- output ---------------------------------------------------------------------------------------


class CentreSerializer(serializers.ModelSerializer):
    jurisdiction_name = serializers.CharField(source="jurisdiction.name", read_only=True)
    body_kind_display = serializers.CharField(source="get_body_kind_display", read_only=True)
    specialty_name = serializers.CharField(source="specialty.__str__", read_only=True)
    status_display = serializers.CharField(source="get_status_display", read_only=True)
    host_name = serializers.CharField(source="host.name", read_only=True, default=None)
    leader_name = serializers.CharField(source="leader.name", read_only=True, default=None)

    class Meta:
        model = Centre
        fields = [
            "id",
            "name",
            "jurisdiction",
            "jurisdiction_name",
            "body_kind",
            "body_kind_display",
            "specialty",
            "specialty_name",
            "status",
            "status_display",
            "host",
            "host_name",
            "leader",
            "leader_name",
            "created_at",
        ]
        read_only_fields = fields


class CallSerializer(serializers.ModelSerializer):
    centre_name = serializers.CharField(source="centre.name", read_only=True)
    jurisdiction_name = serializers.CharField(source="centre.jurisdiction.name", read_only=True)
    method_display = serializers.CharField(source="get_method_display", read_only=True)
    status_display = serializers.CharField(source="get_status_display", read_only=True)
    application_count = serializers.SerializerMethodField()

    class Meta:
        model = SelectionCall
        fields = [
            "id",
            "centre",
            "centre_name",
            "jurisdiction_name",
            "title",
            "method",
            "method_display",
            "conditions",
            "designation_reason",
            "application_deadline",
            "status",
            "status_display",
            "ruleset_code",
            "published_at",
            "selected_application",
            "selection_reasons",
            "application_count",
        ]
        read_only_fields = fields

    def get_application_count(self, call) -> int | None:
        # annotated by selectors.call_list; a call fresh from a service has none yet
        return getattr(call, "application_count", None)


class ApplicationSerializer(serializers.ModelSerializer):
    call_title = serializers.CharField(source="call.title", read_only=True)
    centre_name = serializers.CharField(source="call.centre.name", read_only=True)
    institution_name = serializers.CharField(source="institution.name", read_only=True)
    proposed_leader_name = serializers.CharField(source="proposed_leader.name", read_only=True, default=None)
    status_display = serializers.CharField(source="get_status_display", read_only=True)

    class Meta:
        model = Application
        fields = [
            "id",
            "call",
            "call_title",
            "centre_name",
            "institution",
            "institution_name",
            "proposed_leader",
            "proposed_leader_name",
            "sections",
            "justification",
            "status",
            "status_display",
            "version",
            "submitted_at",
        ]
        read_only_fields = fields


class ViolationSerializer(serializers.Serializer):
    """A rule engine's Violation, as in the 400 body (core/api/errors.py)."""

    code = serializers.CharField()
    article = serializers.CharField()
    message = serializers.CharField()
    strictness = serializers.CharField()


class ApplicationDetailSerializer(ApplicationSerializer):
    """One application with the eligibility check the host sees while filling it in."""

    violations = serializers.SerializerMethodField()

    class Meta(ApplicationSerializer.Meta):
        fields = [*ApplicationSerializer.Meta.fields, "violations"]
        read_only_fields = fields

    def get_violations(self, application) -> list[dict]:
        return ViolationSerializer(self.context["violations"](application), many=True).data


class PreliminaryReviewSerializer(serializers.ModelSerializer):
    class Meta:
        model = PreliminaryReview
        fields = ["id", "application", "outcome", "comments", "reviewed_by_kind", "at"]
        read_only_fields = fields


class PanelMemberSerializer(serializers.ModelSerializer):
    person_name = serializers.CharField(source="person.name", read_only=True)
    employer_name = serializers.CharField(source="person.employer.name", read_only=True, default=None)

    class Meta:
        model = PanelMember
        fields = [
            "id",
            "call",
            "person",
            "person_name",
            "employer_name",
            "conflict_declared",
            "recused",
            "recusal_reason",
        ]
        read_only_fields = fields


class ScoreSerializer(serializers.ModelSerializer):
    class Meta:
        model = ReviewScore
        fields = ["id", "panel_member", "application", "criterion", "score", "comment"]
        read_only_fields = fields


class RankingRowSerializer(serializers.Serializer):
    rank = serializers.IntegerField()
    application = serializers.IntegerField(source="application.pk")
    institution_name = serializers.CharField(source="application.institution.name")
    proposed_leader_name = serializers.CharField(source="application.proposed_leader.name", default=None)
    status = serializers.CharField(source="application.status")
    total = serializers.DecimalField(max_digits=7, decimal_places=2, allow_null=True)


class NoticeSerializer(serializers.ModelSerializer):
    """The notice as the commission sees it."""

    status_display = serializers.CharField(source="get_status_display", read_only=True)

    class Meta:
        model = PublicNotice
        fields = [
            "id",
            "call",
            "title",
            "body",
            "starts_on",
            "working_days",
            "ends_on",
            "closes_at",
            "status",
            "status_display",
        ]
        read_only_fields = fields


class PublicNoticeSerializer(serializers.ModelSerializer):
    """The notice as the public sees it, without login: no ids of people or staff."""

    centre_name = serializers.CharField(source="call.centre.name", read_only=True)
    jurisdiction_name = serializers.CharField(source="call.centre.jurisdiction.name", read_only=True)
    accepting_objections = serializers.SerializerMethodField()

    class Meta:
        model = PublicNotice
        fields = [
            "id",
            "title",
            "body",
            "centre_name",
            "jurisdiction_name",
            "starts_on",
            "working_days",
            "ends_on",
            "closes_at",
            "accepting_objections",
        ]
        read_only_fields = fields

    def get_accepting_objections(self, notice) -> bool:
        from .services.selection import notice_is_open

        return notice_is_open(notice)


class ObjectionSerializer(serializers.ModelSerializer):
    handling_display = serializers.CharField(source="get_handling_display", read_only=True)
    call = serializers.IntegerField(source="notice.call_id", read_only=True)

    class Meta:
        model = Objection
        fields = [
            "id",
            "notice",
            "call",
            "name",
            "contact",
            "content",
            "lodged_at",
            "handling",
            "handling_display",
            "handling_note",
            "handled_at",
        ]
        read_only_fields = fields


class ObjectionReceiptSerializer(serializers.ModelSerializer):
    """What an anonymous objector gets back: the receipt, not the commission's records."""

    class Meta:
        model = Objection
        fields = ["id", "notice", "lodged_at", "handling"]
        read_only_fields = fields


class HostingTermSerializer(serializers.ModelSerializer):
    host_name = serializers.CharField(source="host.name", read_only=True)
    leader_name = serializers.CharField(source="leader.name", read_only=True)

    class Meta:
        model = HostingTerm
        fields = [
            "id",
            "centre",
            "host",
            "host_name",
            "leader",
            "leader_name",
            "number",
            "starts_on",
            "ends_on",
            "status",
            "call",
        ]
        read_only_fields = fields


# --- input ----------------------------------------------------------------------------------------


class CentreCreateSerializer(serializers.Serializer):
    jurisdiction = serializers.IntegerField(label="行政区划")  # resolved in the view: outside scope → 404
    body_kind = serializers.ChoiceField(choices=BODY_KIND_CHOICES, label="类型")
    specialty = serializers.CharField(max_length=50, label="专业领域")
    work_direction = serializers.CharField(
        max_length=50, required=False, allow_blank=True, default="", label="工作方向"
    )
    category = serializers.CharField(
        max_length=30, required=False, allow_blank=True, default="", label="类别"
    )
    name = serializers.CharField(max_length=100, label="名称")


class CallCreateSerializer(serializers.Serializer):
    centre = serializers.IntegerField(label="质控中心")  # resolved in the view: outside scope → 404
    method = serializers.ChoiceField(choices=SelectionCall.Method.choices, label="方式")
    title = serializers.CharField(max_length=200, label="标题")
    conditions = serializers.CharField(required=False, allow_blank=True, default="", label="申报条件")
    application_deadline = serializers.DateTimeField(
        required=False, allow_null=True, default=None, label="申报截止时间"
    )
    designation_reason = serializers.CharField(required=False, allow_blank=True, default="", label="指定理由")


class ApplicationDraftSerializer(serializers.Serializer):
    """The host's draft: the sections of the rule set (code → text), the leader, a justification."""

    call = serializers.IntegerField(label="遴选公告", required=False)  # on create; resolved in the view
    sections = serializers.DictField(
        child=serializers.CharField(allow_blank=True), required=False, default=dict, label="申请书内容"
    )
    proposed_leader = ScopedPrimaryKeyRelatedField(
        Person, required=False, allow_null=True, default=None, label="拟任负责人"
    )
    justification = serializers.CharField(
        required=False, allow_blank=True, default="", label="原则性要求的偏离说明"
    )


class PreliminaryReviewInputSerializer(serializers.Serializer):
    outcome = serializers.ChoiceField(choices=PreliminaryReview.Outcome.choices, label="初审结论")
    comments = serializers.CharField(required=False, allow_blank=True, default="", label="意见")


class PanelAddSerializer(serializers.Serializer):
    call = serializers.IntegerField(label="遴选公告")  # resolved in the view: outside scope → 404
    person = ScopedPrimaryKeyRelatedField(Person, label="评审专家")


class ReasonSerializer(serializers.Serializer):
    reason = serializers.CharField(label="利益冲突情况")


class ScoreInputSerializer(serializers.Serializer):
    application = serializers.IntegerField(label="申请")  # resolved in the view: outside scope → 404
    criterion = serializers.CharField(max_length=100, label="评分项")
    score = serializers.DecimalField(max_digits=5, decimal_places=1, min_value=0, max_value=100, label="得分")
    comment = serializers.CharField(required=False, allow_blank=True, default="", label="评语")


class SelectSerializer(serializers.Serializer):
    application = ScopedPrimaryKeyRelatedField(Application, label="挂靠单位（申请）")
    reasons = serializers.CharField(label="择优理由")
    justification = serializers.CharField(
        required=False, allow_blank=True, default="", label="偏离“原则上”条款的批准理由"
    )


class DesignationSerializer(serializers.Serializer):
    institution = ScopedPrimaryKeyRelatedField(Institution, label="指定挂靠单位")
    leader = ScopedPrimaryKeyRelatedField(Person, label="负责人")
    reasons = serializers.CharField(label="指定理由")


class NoticePublishSerializer(serializers.Serializer):
    starts_on = serializers.DateField(label="公示起始日")
    working_days = serializers.IntegerField(min_value=1, max_value=60, label="公示工作日数")
    body = serializers.CharField(required=False, allow_blank=True, default="", label="公示正文")


class CloseInputSerializer(serializers.Serializer):
    reason = serializers.CharField(
        required=False,
        allow_blank=True,
        default="",
        label="提前截止理由",
        help_text="在公布的申报截止时间之前截止时必填",
    )


class ObjectionLodgeSerializer(serializers.Serializer):
    name = serializers.CharField(max_length=100, label="姓名或单位")
    contact = serializers.CharField(max_length=100, label="联系方式")
    content = serializers.CharField(
        label="异议内容",
        max_length=OBJECTION_MAX_LENGTH,
        error_messages={"max_length": f"异议内容不能超过{OBJECTION_MAX_LENGTH}字。"},
    )


class ObjectionHandleSerializer(serializers.Serializer):
    handling = serializers.ChoiceField(
        choices=[c for c in Objection.Handling.choices if c[0] != "open"], label="处理结果"
    )
    note = serializers.CharField(label="处理说明")


# --- the term's lifecycle (centres/services/lifecycle.py) ------------------------------------------


class LeaderChangeSerializer(serializers.ModelSerializer):
    class Meta:
        model = LeaderChange
        fields = [
            "id",
            "centre",
            "term",
            "old_leader",
            "new_leader",
            "reason",
            "vacated_on",
            "due_at",
            "status",
        ]
        read_only_fields = fields


class HandoverSerializer(serializers.ModelSerializer):
    class Meta:
        model = Handover
        fields = [
            "id",
            "centre",
            "from_host",
            "to_host",
            "items",
            "due_at",
            "status",
            "from_signed_at",
            "to_signed_at",
            "commission_signed_at",
        ]
        read_only_fields = fields


class DissolutionSerializer(serializers.ModelSerializer):
    class Meta:
        model = Dissolution
        fields = ["id", "centre", "cause", "article", "reason", "decided_on"]
        read_only_fields = fields


class TermDecisionSerializer(serializers.ModelSerializer):
    class Meta:
        model = TermDecision
        fields = ["id", "term", "outcome", "reasons", "proposal", "grades", "decided_on"]
        read_only_fields = fields


class LeaderVacateInputSerializer(serializers.Serializer):
    reason = serializers.CharField()
    vacated_on = serializers.DateField()


class NominateInputSerializer(serializers.Serializer):
    person = ScopedPrimaryKeyRelatedField(Person, label="推荐人选", help_text="挂靠单位本单位人员")
    justification = serializers.CharField(required=False, allow_blank=True, default="")


class DissolveInputSerializer(serializers.Serializer):
    cause = serializers.ChoiceField(choices=Dissolution.Cause.choices)
    reason = serializers.CharField()
    article = serializers.CharField(required=False, allow_blank=True, default="")


class TermDecisionInputSerializer(serializers.Serializer):
    outcome = serializers.ChoiceField(choices=TermDecision.Outcome.choices)
    reasons = serializers.CharField()
    grades = serializers.DictField(
        child=serializers.ChoiceField(choices=["excellent", "good", "pass", "fail"]),
        help_text='年份 → 考核等次，如 {"2026": "good"}',
    )


class HandoverOpenInputSerializer(serializers.Serializer):
    to_host = ScopedPrimaryKeyRelatedField(Institution, label="新挂靠单位", help_text="本辖区的医疗卫生机构")


class HandoverItemInputSerializer(serializers.Serializer):
    code = serializers.CharField()
    done = serializers.BooleanField()
    note = serializers.CharField(required=False, allow_blank=True, default="")


class HandoverSignInputSerializer(serializers.Serializer):
    party = serializers.ChoiceField(choices=["from", "to", "commission"])
