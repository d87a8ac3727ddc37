"""REST for the appraisal: the same services and policies as the pages, so the same checks. Reads
are scoped (``for_user``): a row outside the user's scope is a 404. Refusals come back as
``{code, message, violations}`` (core/api/errors.py): 403 the wrong person, 409 a step out of
order, 400 a rule or bad input. Routes are mounted by appraisal/platform.py under /api/v1/appraisal/."""

from __future__ import annotations

from drf_spectacular.utils import extend_schema
from rest_framework import serializers, viewsets
from rest_framework.decorators import action
from rest_framework.response import Response

from accounts.models import Role
from centres.models import Centre
from core.fields import ScopedPrimaryKeyRelatedField, valid_input

from . import duties, selectors, services
from .models import (
    AssessmentYear,
    CentreAssessment,
    CentreScore,
    Consequence,
    DutyRecord,
    FailCondition,
    InstitutionRectification,
    ProhibitedActFinding,
    RectificationReport,
    ScoringInvitation,
    evaluable_institutions,
    year_openable_jurisdictions,
)

OFFICE = {Role.COMMISSION, Role.QC_OFFICE, Role.SYSADMIN}


# --- serializers ------------------------------------------------------------------------------


class FailConditionSerializer(serializers.ModelSerializer):
    class Meta:
        model = FailCondition
        fields = ["id", "code", "label", "article", "source", "evidence", "recorded_at"]


class AssessmentSerializer(serializers.ModelSerializer):
    centre_name = serializers.CharField(source="centre.name", read_only=True)
    fail_conditions = FailConditionSerializer(many=True, read_only=True)

    class Meta:
        model = CentreAssessment
        fields = [
            "id",
            "year",
            "centre",
            "centre_name",
            "host",
            "host_support",
            "host_support_note",
            "self_report_submitted_at",
            "weighted_score",
            "arithmetic",
            "proposed_grade",
            "grade",
            "grade_change_reason",
            "status",
            "fail_conditions",
        ]
        read_only_fields = fields  # output only: the writes have their own input serializers


class YearSerializer(serializers.ModelSerializer):
    class Meta:
        model = AssessmentYear
        fields = [
            "id",
            "jurisdiction",
            "body_kind",
            "year",
            "ruleset_code",
            "criteria",
            "thresholds",
            "self_report_due_on",
            "annual_report_due_on",
            "status",
            "results_document_id",
        ]
        read_only_fields = fields  # output only (YearOpenSerializer opens a year)


class YearOpenSerializer(serializers.Serializer):
    # the office's own jurisdiction only, as on the page (policies.may_open_year)
    jurisdiction = ScopedPrimaryKeyRelatedField(
        year_openable_jurisdictions(), scope="year_openable_by", label="行政区划"
    )
    body_kind = serializers.CharField()
    year = serializers.IntegerField()
    self_report_due_on = serializers.DateField(required=False, allow_null=True)
    annual_report_due_on = serializers.DateField(required=False, allow_null=True)


class CriteriaInputSerializer(serializers.Serializer):
    weights = serializers.DictField(child=serializers.DecimalField(max_digits=6, decimal_places=2))
    thresholds = serializers.DictField(child=serializers.DecimalField(max_digits=6, decimal_places=2))
    guidance = serializers.DictField(child=serializers.CharField(allow_blank=True), required=False)


class InvitationSerializer(serializers.ModelSerializer):
    institution_name = serializers.CharField(source="institution.name", read_only=True)

    class Meta:
        model = ScoringInvitation
        fields = ["id", "year", "institution", "institution_name", "status", "submitted_at"]
        read_only_fields = fields


class AppraisalScoreInputSerializer(serializers.Serializer):
    # a centre of a year the scorer's institution is invited to; the view narrows to the invitation's
    assessment = ScopedPrimaryKeyRelatedField(CentreAssessment, scope="scorable_by", label="中心年度考核")
    scores = serializers.DictField(child=serializers.CharField())
    comment = serializers.CharField(required=False, allow_blank=True, default="")


class AppraisalScoreSerializer(serializers.ModelSerializer):
    class Meta:
        model = CentreScore
        fields = ["id", "assessment", "criterion", "score", "comment"]
        read_only_fields = fields  # output only (AppraisalScoreInputSerializer scores)


class GradeInputSerializer(serializers.Serializer):
    grade = serializers.CharField()
    reason = serializers.CharField(required=False, allow_blank=True, default="")


class SupportInputSerializer(serializers.Serializer):
    support = serializers.CharField()
    note = serializers.CharField(allow_blank=True)


class ConditionInputSerializer(serializers.Serializer):
    code = serializers.CharField()
    evidence = serializers.CharField(allow_blank=True)


class TextInputSerializer(serializers.Serializer):
    text = serializers.CharField(allow_blank=True)


class ReasonInputSerializer(serializers.Serializer):
    reason = serializers.CharField(allow_blank=True)


class ReviewInputSerializer(serializers.Serializer):
    # a report the user sees; the view narrows to the consequence's
    report = ScopedPrimaryKeyRelatedField(RectificationReport, label="整改报告")
    outcome = serializers.CharField()
    comments = serializers.CharField(required=False, allow_blank=True, default="")


class ConsequenceSerializer(serializers.ModelSerializer):
    centre_name = serializers.CharField(source="centre.name", read_only=True)

    class Meta:
        model = Consequence
        fields = [
            "id",
            "assessment",
            "centre",
            "centre_name",
            "kind",
            "article",
            "text",
            "due_on",
            "status",
            "document_id",
            "issued_on",
        ]
        read_only_fields = fields


class FindingSerializer(serializers.ModelSerializer):
    # the centre found against: one the commission may see, like a missing one otherwise (issue 15)
    centre = ScopedPrimaryKeyRelatedField(Centre, label="质控中心")

    class Meta:
        model = ProhibitedActFinding
        fields = [
            "id",
            "centre",
            "act",
            "act_label",
            "article",
            "severity",
            "facts",
            "found_on",
            "dissolution_id",
        ]
        read_only_fields = ["act_label", "article", "dissolution_id"]


class DutyRecordSerializer(serializers.ModelSerializer):
    """A duty record in and out. Every id is scoped (issue 15): the centre one the user may see,
    the evaluated institution one of the centre's jurisdiction (``evaluable_by``), the advance
    report one of the user's records (the service checks it is the centre's, of the year)."""

    centre = ScopedPrimaryKeyRelatedField(Centre, label="质控中心")
    institution = ScopedPrimaryKeyRelatedField(
        queryset=evaluable_institutions(),
        scope="evaluable_by",
        label="被评价机构",
        required=False,
        allow_null=True,
    )
    advance_report = ScopedPrimaryKeyRelatedField(
        DutyRecord, label="计划外活动的事先报告", required=False, allow_null=True
    )

    class Meta:
        model = DutyRecord
        fields = [
            "id",
            "centre",
            "year",
            "kind",
            "title",
            "done_on",
            "details",
            "tasks",
            "institution",
            "plan_task",
            "advance_report",
            "planned_on",
            "rectification_due_on",
            "status",
            "return_reason",
        ]
        read_only_fields = ["status", "return_reason"]

    def validate(self, attrs):
        centre, institution = attrs.get("centre"), attrs.get("institution")
        if (
            centre is not None
            and institution is not None
            and not institution.jurisdiction.path.startswith(centre.jurisdiction.path)
        ):  # a hospital outside the centre's jurisdiction: as unknown as a missing one
            raise serializers.ValidationError(
                {
                    "institution": self.fields["institution"]
                    .error_messages["does_not_exist"]
                    .format(pk_value=institution.pk)
                },
                code="does_not_exist",
            )
        return attrs


class InstitutionRectificationSerializer(serializers.ModelSerializer):
    class Meta:
        model = InstitutionRectification
        fields = [
            "id",
            "evaluation",
            "institution",
            "due_on",
            "text",
            "submitted_at",
            "status",
            "review_comments",
            "reviewed_at",
        ]
        read_only_fields = fields


class RectificationReviewInputSerializer(serializers.Serializer):
    outcome = serializers.ChoiceField(choices=["accepted", "returned"])
    comments = serializers.CharField(required=False, allow_blank=True, default="")


# --- viewsets ---------------------------------------------------------------------------------


class AssessmentYearViewSet(viewsets.ReadOnlyModelViewSet):
    serializer_class = YearSerializer
    write_roles = OFFICE

    def get_queryset(self):
        return selectors.years(user=self.request.user)  # the counts of the page are not serialized

    @extend_schema(request=YearOpenSerializer, responses={201: YearSerializer})
    def create(self, request):
        d = valid_input(YearOpenSerializer, request)
        year = services.year_open(acting_user=request.user, **d)
        return Response(YearSerializer(year).data, status=201)

    def _do(self, service, **kwargs):
        year = self.get_object()
        service(year=year, acting_user=self.request.user, **kwargs)
        year.refresh_from_db()
        return Response(YearSerializer(year).data)

    @extend_schema(request=CriteriaInputSerializer, responses=YearSerializer)
    @action(detail=True, methods=["post"])
    def criteria(self, request, pk=None):
        return self._do(services.year_set_criteria, **valid_input(CriteriaInputSerializer, request))

    @extend_schema(request=None, responses=YearSerializer)
    @action(detail=True, methods=["post"], url_path="open-scoring")
    def open_scoring(self, request, pk=None):
        return self._do(services.year_open_scoring)

    @extend_schema(request=None, responses=YearSerializer)
    @action(detail=True, methods=["post"], url_path="close-scoring")
    def close_scoring(self, request, pk=None):
        return self._do(services.year_close_scoring)

    @extend_schema(request=None, responses=YearSerializer)
    @action(detail=True, methods=["post"])
    def propose(self, request, pk=None):
        return self._do(services.grades_propose)

    @extend_schema(request=None, responses=YearSerializer)
    @action(detail=True, methods=["post"])
    def confirm(self, request, pk=None):
        return self._do(services.year_confirm)

    @extend_schema(request=None, responses=YearSerializer)
    @action(detail=True, methods=["post"])
    def publish(self, request, pk=None):
        return self._do(services.year_publish)


class InvitationViewSet(viewsets.ReadOnlyModelViewSet):
    serializer_class = InvitationSerializer
    write_roles = {Role.INSTITUTION_SCORER, Role.SYSADMIN}

    def get_queryset(self):
        return ScoringInvitation.objects.for_user(self.request.user).select_related("institution")

    @extend_schema(request=AppraisalScoreInputSerializer, responses=AppraisalScoreSerializer(many=True))
    @action(detail=True, methods=["post"])
    def score(self, request, pk=None):
        invitation = self.get_object()
        d = valid_input(
            AppraisalScoreInputSerializer,
            request,
            assessment=CentreAssessment.objects.filter(year=invitation.year_id),
        )
        rows = services.score_save(
            invitation=invitation,
            assessment=d["assessment"],
            scores=d["scores"],
            comment=d["comment"],
            acting_user=request.user,
        )
        return Response(AppraisalScoreSerializer(rows, many=True).data)

    @extend_schema(request=None, responses=InvitationSerializer)
    @action(detail=True, methods=["post"])
    def submit(self, request, pk=None):
        invitation = services.invitation_submit(invitation=self.get_object(), acting_user=request.user)
        return Response(InvitationSerializer(invitation).data)


class AssessmentViewSet(viewsets.ReadOnlyModelViewSet):
    serializer_class = AssessmentSerializer
    write_roles = OFFICE | {Role.HOST_SUBMITTER}

    def get_queryset(self):
        return selectors.assessment_list(user=self.request.user)

    def _out(self, assessment):
        return Response(AssessmentSerializer(CentreAssessment.objects.get(pk=assessment.pk)).data)

    @extend_schema(request=GradeInputSerializer, responses=AssessmentSerializer)
    @action(detail=True, methods=["post"])
    def grade(self, request, pk=None):
        d = valid_input(GradeInputSerializer, request)
        return self._out(services.grade_confirm(assessment=self.get_object(), acting_user=request.user, **d))

    @extend_schema(request=SupportInputSerializer, responses=AssessmentSerializer)
    @action(detail=True, methods=["post"], url_path="host-support")
    def host_support(self, request, pk=None):
        d = valid_input(SupportInputSerializer, request)
        return self._out(
            services.host_support_assess(assessment=self.get_object(), acting_user=request.user, **d)
        )

    @extend_schema(request=ConditionInputSerializer, responses=FailConditionSerializer)
    @action(detail=True, methods=["post"])
    def conditions(self, request, pk=None):
        d = valid_input(ConditionInputSerializer, request)
        row = services.condition_record(assessment=self.get_object(), acting_user=request.user, **d)
        return Response(FailConditionSerializer(row).data, status=201)

    @extend_schema(request=TextInputSerializer, responses=AssessmentSerializer)
    @action(detail=True, methods=["post"], url_path="self-report")
    def self_report(self, request, pk=None):
        d = valid_input(TextInputSerializer, request)
        return self._out(
            services.self_report_submit(assessment=self.get_object(), acting_user=request.user, **d)
        )


class ConsequenceViewSet(viewsets.ReadOnlyModelViewSet):
    serializer_class = ConsequenceSerializer
    write_roles = OFFICE | {Role.HOST_SUBMITTER}

    def get_queryset(self):
        return Consequence.objects.for_user(self.request.user).select_related("centre")

    @extend_schema(request=TextInputSerializer, responses=ConsequenceSerializer)
    @action(detail=True, methods=["post"])
    def report(self, request, pk=None):
        c = self.get_object()
        services.rectification_report_submit(
            consequence=c, acting_user=request.user, **valid_input(TextInputSerializer, request)
        )
        c.refresh_from_db()
        return Response(ConsequenceSerializer(c).data)

    @extend_schema(request=ReviewInputSerializer, responses=ConsequenceSerializer)
    @action(detail=True, methods=["post"])
    def review(self, request, pk=None):
        c = self.get_object()
        d = valid_input(
            ReviewInputSerializer, request, report=RectificationReport.objects.filter(consequence=c)
        )
        services.rectification_review(
            report=d["report"], outcome=d["outcome"], comments=d["comments"], acting_user=request.user
        )
        c.refresh_from_db()
        return Response(ConsequenceSerializer(c).data)

    @extend_schema(request=ReasonInputSerializer, responses=ConsequenceSerializer)
    @action(detail=True, methods=["post"])
    def execute(self, request, pk=None):
        c = self.get_object()
        services.consequence_execute(
            consequence=c, acting_user=request.user, **valid_input(ReasonInputSerializer, request)
        )
        c.refresh_from_db()
        return Response(ConsequenceSerializer(c).data)


class FindingViewSet(viewsets.ReadOnlyModelViewSet):
    serializer_class = FindingSerializer
    write_roles = {Role.COMMISSION, Role.SYSADMIN}

    def get_queryset(self):
        return ProhibitedActFinding.objects.for_user(self.request.user)

    @extend_schema(request=FindingSerializer, responses={201: FindingSerializer})
    def create(self, request):
        d = valid_input(FindingSerializer, request)
        finding = services.finding_record(
            centre=d["centre"],
            act=d["act"],
            severity=d["severity"],
            facts=d["facts"],
            found_on=d["found_on"],
            acting_user=request.user,
        )
        return Response(FindingSerializer(finding).data, status=201)


class DutyRecordViewSet(viewsets.ReadOnlyModelViewSet):
    serializer_class = DutyRecordSerializer
    write_roles = OFFICE | {Role.HOST_SUBMITTER}

    def get_queryset(self):
        return DutyRecord.objects.for_user(self.request.user).select_related("centre")

    @extend_schema(request=DutyRecordSerializer, responses={201: DutyRecordSerializer})
    def create(self, request):
        d = dict(valid_input(DutyRecordSerializer, request))
        record = services.duty_record(acting_user=request.user, **d)
        return Response(DutyRecordSerializer(record).data, status=201)

    @extend_schema(request=None, responses=DutyRecordSerializer)
    @action(detail=True, methods=["post"])
    def confirm(self, request, pk=None):
        record = services.duty_confirm(record=self.get_object(), acting_user=request.user)
        return Response(DutyRecordSerializer(record).data)

    @extend_schema(request=ReasonInputSerializer, responses=DutyRecordSerializer)
    @action(detail=True, methods=["post"], url_path="return")
    def return_(self, request, pk=None):
        record = services.duty_return(
            record=self.get_object(), acting_user=request.user, **valid_input(ReasonInputSerializer, request)
        )
        return Response(DutyRecordSerializer(record).data)


class InstitutionRectificationViewSet(viewsets.ReadOnlyModelViewSet):
    """济南 第十二条: the evaluated institution reports its rectification back; the centre reviews it."""

    serializer_class = InstitutionRectificationSerializer
    write_roles = {Role.HOST_SUBMITTER, Role.INSTITUTION_SCORER, Role.SYSADMIN}

    def get_queryset(self):
        return selectors.institution_rectifications(user=self.request.user)

    @extend_schema(request=TextInputSerializer, responses=InstitutionRectificationSerializer)
    @action(detail=True, methods=["post"])
    def report(self, request, pk=None):
        rect = duties.institution_rectification_submit(
            rectification=self.get_object(),
            acting_user=request.user,
            **valid_input(TextInputSerializer, request),
        )
        return Response(InstitutionRectificationSerializer(rect).data)

    @extend_schema(request=RectificationReviewInputSerializer, responses=InstitutionRectificationSerializer)
    @action(detail=True, methods=["post"])
    def review(self, request, pk=None):
        rect = duties.institution_rectification_review(
            rectification=self.get_object(),
            acting_user=request.user,
            **valid_input(RectificationReviewInputSerializer, request),
        )
        return Response(InstitutionRectificationSerializer(rect).data)
