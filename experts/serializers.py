"""REST shapes of the experts app. Inputs are validated here for type only; every rule is the
services'."""

from __future__ import annotations

from rest_framework import serializers

from core.fields import ScopedPrimaryKeyRelatedField
from rulesets.engine.inputs import ROLES

from . import pickers
from .models import (
    Activity,
    ActivityKind,
    Committee,
    CommitteeMember,
    DutyLog,
    Expert,
    ExpertApplication,
    ExpertGrade,
    Grading,
    InterestDeclaration,
)


class ExpertsViolationSerializer(serializers.Serializer):
    code = serializers.CharField()
    article = serializers.CharField()
    message = serializers.CharField()
    strictness = serializers.CharField()
    subject = serializers.CharField(allow_null=True)


class SeatSerializer(serializers.ModelSerializer):
    class Meta:
        model = CommitteeMember
        fields = [
            "id",
            "committee",
            "person",
            "role",
            "status",
            "name",
            "employer",
            "from_host",
            "title",
            "title_level",
            "title_obtained_on",
            "birth_date",
            "in_service",
            "row",
            "joined_on",
            "left_on",
            "leave_reason",
            "decision",
            "letter",
        ]
        read_only_fields = fields  # output only: a seat is written through SeatInputSerializer


class HoursDeadlinesInputSerializer(serializers.Serializer):
    library = serializers.IntegerField()


class HoursDeadlinesOpenedSerializer(serializers.Serializer):
    opened = serializers.ListField(child=serializers.IntegerField(), help_text="本年度履职时长期限的编号")


class LettersQueuedSerializer(serializers.Serializer):
    queued = serializers.IntegerField(help_text="将颁发聘书的在任委员人数（由后台任务生成）")


class CommitteeSerializer(serializers.ModelSerializer):
    centre_name = serializers.CharField(source="centre.name", read_only=True)

    class Meta:
        model = Committee
        fields = [
            "id",
            "centre",
            "centre_name",
            "kind",
            "name",
            "status",
            "term_starts_on",
            "term_ends_on",
            "justification",
            "departures",
            "return_reasons",
            "submitted_at",
            "decided_at",
            "notice",
            "dissolved_on",
        ]
        read_only_fields = fields  # output only: created through CommitteeCreateSerializer


class CommitteeCreateSerializer(serializers.Serializer):
    centre = serializers.IntegerField()
    kind = serializers.ChoiceField(choices=Committee.Kind.choices, required=False)


class SeatInputSerializer(serializers.Serializer):
    role = serializers.ChoiceField(choices=list(ROLES.items()))
    person = ScopedPrimaryKeyRelatedField(
        queryset=pickers.people(), scope="seatable_by", required=False, allow_null=True
    )
    name = serializers.CharField(required=False, allow_blank=True)
    employer = serializers.CharField(required=False, allow_blank=True)
    from_host = serializers.BooleanField(required=False, default=False)
    birth_date = serializers.DateField(required=False, allow_null=True)
    title = serializers.CharField(required=False, allow_blank=True)
    title_level = serializers.CharField(required=False, allow_blank=True)
    title_obtained_on = serializers.DateField(required=False, allow_null=True)
    in_service = serializers.BooleanField(required=False, default=True)
    district_practice_since = serializers.DateField(required=False, allow_null=True)
    chair_terms_served = serializers.IntegerField(required=False, min_value=0, default=0)
    penalised_within_2y = serializers.BooleanField(required=False, default=False)
    clinical_or_medtech = serializers.BooleanField(required=False, default=True)


class RosterFileSerializer(serializers.Serializer):
    file = serializers.FileField()


class RosterJustificationSerializer(serializers.Serializer):
    justification = serializers.CharField(required=False, allow_blank=True, default="")


class ExpertsReasonSerializer(serializers.Serializer):
    reason = serializers.CharField(required=False, allow_blank=True, default="")


class DutyLogSerializer(serializers.ModelSerializer):
    person_name = serializers.CharField(source="person.name", read_only=True)

    class Meta:
        model = DutyLog
        fields = [
            "id",
            "person",
            "person_name",
            "centre",
            "library",
            "activity",
            "worked_on",
            "kind",
            "on_site",
            "hours",
            "description",
            "evidence",
            "status",
            "return_reason",
            "decided_by",
            "decided_at",
        ]
        read_only_fields = [
            "person",
            "centre",
            "library",
            "activity",
            "status",
            "return_reason",
            "decided_by",
            "decided_at",
        ]


class DutyInputSerializer(serializers.Serializer):
    work_for = serializers.CharField(help_text="centre:<id> 或 library:<id>")
    worked_on = serializers.DateField()
    kind = serializers.ChoiceField(choices=ActivityKind.choices)
    on_site = serializers.BooleanField(default=True)
    hours = serializers.DecimalField(max_digits=5, decimal_places=1)
    description = serializers.CharField()
    evidence = serializers.CharField(required=False, allow_blank=True, default="")


class DutyUpdateSerializer(serializers.Serializer):
    worked_on = serializers.DateField(required=False)
    kind = serializers.ChoiceField(choices=ActivityKind.choices, required=False)
    on_site = serializers.BooleanField(required=False)
    hours = serializers.DecimalField(max_digits=5, decimal_places=1, required=False)
    description = serializers.CharField(required=False)
    evidence = serializers.CharField(required=False, allow_blank=True)


class SignInActivitySerializer(serializers.ModelSerializer):
    class Meta:
        model = Activity
        fields = [
            "id",
            "jurisdiction",
            "centre",
            "library",
            "kind",
            "title",
            "on_site",
            "starts_at",
            "ends_at",
            "hours",
        ]
        read_only_fields = fields  # output only: created through SignInActivityInputSerializer


class SignInActivityInputSerializer(serializers.Serializer):
    work_for = serializers.CharField(help_text="centre:<id> 或 library:<id>")
    kind = serializers.ChoiceField(choices=ActivityKind.choices)
    title = serializers.CharField()
    starts_at = serializers.DateTimeField()
    ends_at = serializers.DateTimeField()
    hours = serializers.DecimalField(max_digits=5, decimal_places=1, required=False, allow_null=True)
    on_site = serializers.BooleanField(default=True)


class SignInSerializer(serializers.Serializer):
    token = serializers.CharField()


class ExpertSerializer(serializers.ModelSerializer):
    person_name = serializers.CharField(source="person.name", read_only=True)

    class Meta:
        model = Expert
        fields = [
            "id",
            "library",
            "jurisdiction",
            "person",
            "person_name",
            "level",
            "status",
            "appointed_on",
            "ends_on",
            "fields",
            "contact_mobile",
            "contact_email",
            "experience",
            "achievements",
            "exit_kind",
            "exit_on",
            "exit_reason",
            "exit_document",
        ]
        read_only_fields = [
            f
            for f in fields
            if f not in ("fields", "contact_mobile", "contact_email", "experience", "achievements")
        ]


class ExpertExitSerializer(serializers.Serializer):
    kind = serializers.ChoiceField(choices=Expert.ExitKind.choices)
    reason = serializers.CharField(allow_blank=True)
    on = serializers.DateField(required=False, allow_null=True)


class LibraryApplicationSerializer(serializers.ModelSerializer):
    class Meta:
        model = ExpertApplication
        fields = [
            "id",
            "library",
            "jurisdiction",
            "person",
            "level",
            "source",
            "recommender",
            "fields",
            "statement",
            "status",
            "review_note",
            "notice_starts_on",
            "notice_ends_on",
            "document",
            "submitted_at",
        ]
        read_only_fields = fields  # output only: submitted through LibraryApplicationInputSerializer


class LibraryApplicationInputSerializer(serializers.Serializer):
    person = ScopedPrimaryKeyRelatedField(queryset=pickers.people())
    level = serializers.ChoiceField(choices=[("city", "市级"), ("regional", "区域/区县")])
    jurisdiction = ScopedPrimaryKeyRelatedField(queryset=pickers.jurisdictions(), scope="reviewing_for")
    source = serializers.ChoiceField(choices=ExpertApplication.Source.choices, default="self")
    recommender = serializers.CharField(required=False, allow_blank=True, default="")
    fields = serializers.CharField()
    statement = serializers.CharField()


class LibraryReviewSerializer(serializers.Serializer):
    passed = serializers.BooleanField()
    note = serializers.CharField(required=False, allow_blank=True, default="")


class LibraryNoticeSerializer(serializers.Serializer):
    starts_on = serializers.DateField()
    ends_on = serializers.DateField()


class InterestDeclarationSerializer(serializers.ModelSerializer):
    institution = ScopedPrimaryKeyRelatedField(queryset=pickers.institutions(), scope="declarable_by")

    class Meta:
        model = InterestDeclaration
        fields = [
            "id",
            "person",
            "kind",
            "institution",
            "since",
            "until",
            "note",
            "declared_at",
            "withdrawn_at",
        ]
        read_only_fields = ["person", "declared_at", "withdrawn_at"]


class GradeSerializer(serializers.ModelSerializer):
    person_name = serializers.CharField(source="expert.person.name", read_only=True)

    class Meta:
        model = ExpertGrade
        fields = ["id", "expert", "person_name", "grade", "confirmed_hours", "contributions", "conduct"]
        read_only_fields = fields  # output only: a grade is set through GradeSetInputSerializer


class GradingSerializer(serializers.ModelSerializer):
    grades = GradeSerializer(many=True, read_only=True)

    class Meta:
        model = Grading
        fields = [
            "id",
            "library",
            "year",
            "status",
            "adjustment",
            "adjustment_filed_on",
            "departures",
            "finalised_at",
            "grades",
        ]
        read_only_fields = fields  # output only

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        if self.context.get("without_grades") and "grades" in self.fields:
            # the API's list adds the page's grades read in one query (experts/api.py)
            self.fields.pop("grades")


class GradeSetInputSerializer(serializers.Serializer):
    grade = serializers.IntegerField()
    value = serializers.ChoiceField(choices=[("", "—"), *ExpertGrade.Grade.choices], allow_blank=True)
    contributions = serializers.CharField(required=False, allow_blank=True, allow_null=True, default=None)


class GradingFinaliseSerializer(serializers.Serializer):
    adjustment = serializers.CharField(required=False, allow_blank=True, default="")
    filed_on = serializers.DateField(required=False, allow_null=True, default=None)
