"""REST endpoints of the experts app: the same services and policies as the pages. Reads are scoped
(``for_user``; out of scope is a 404, recorded); refusals are the shared handler's
``{code, message, violations}`` (400 rule / input, 403 wrong person, 409 wrong state)."""

from __future__ import annotations

from django.db import transaction
from django.http import Http404
from drf_spectacular.utils import extend_schema
from rest_framework import mixins, status, viewsets
from rest_framework.decorators import action
from rest_framework.response import Response

from accounts.models import Role
from audit.models import SecurityEvent
from audit.services import security_event_record
from centres.models import Centre
from core.api.concurrency import ConditionalUpdateMixin
from core.dates import ASKABLE_YEARS
from core.errors import InvalidInput
from core.fields import valid_input
from core.scoping import get_scoped_or_404

from . import error_codes as codes
from . import policies, selectors, services
from . import serializers as s
from .forms import DUTY_EDITED_FIELDS
from .models import CommitteeMember, Expert, ExpertGrade, Library

ALL_WRITERS = {
    Role.COMMISSION,
    Role.QC_OFFICE,
    Role.DISTRICT_REVIEWER,
    Role.HOST_SUBMITTER,
    Role.EXPERT,
    Role.SYSADMIN,
}


class _Scoped:
    write_roles = ALL_WRITERS

    def get_object(self):
        try:
            return super().get_object()
        except Http404:
            pk = self.kwargs.get(self.lookup_url_kwarg or self.lookup_field)
            model = self.get_queryset().model
            if str(pk).isdigit() and model._default_manager.filter(pk=pk).exists():
                security_event_record(
                    kind=SecurityEvent.Kind.REFUSED,
                    request=self.request,
                    model=model._meta.label,
                    lookup={"pk": str(pk)},
                )
            raise


def _violations(violations):
    return [v.to_dict() for v in violations]


class CommitteeViewSet(_Scoped, viewsets.ReadOnlyModelViewSet):
    serializer_class = s.CommitteeSerializer

    def get_queryset(self):
        return selectors.committee_list(user=self.request.user)

    @extend_schema(request=s.CommitteeCreateSerializer, responses=s.CommitteeSerializer)
    def create(self, request):
        data = valid_input(s.CommitteeCreateSerializer, self.request)
        centre = get_scoped_or_404(request, Centre.objects, pk=data["centre"])
        committee = services.committee_create(centre=centre, acting_user=request.user, kind=data.get("kind"))
        return Response(s.CommitteeSerializer(committee).data, status=status.HTTP_201_CREATED)

    @extend_schema(responses=s.SeatSerializer(many=True))
    @action(detail=True, methods=["get"])
    def check(self, request, pk=None):
        """The roster with the engine's verdict, per person and for the whole roster."""
        committee = self.get_object()
        seats = list(services.active_seats(committee))
        violations = services.roster_violations(committee, seats=seats)
        per_seat, overall = services.violations_by_seat(committee, violations, seats)
        return Response(
            {
                "seats": [
                    {**s.SeatSerializer(seat).data, "violations": _violations(per_seat.get(seat.pk, []))}
                    for seat in seats
                ],
                "roster": _violations(overall),
                "violations": _violations(violations),
            }
        )

    @extend_schema(request=s.SeatInputSerializer, responses=s.SeatSerializer)
    @action(detail=True, methods=["post"])
    def members(self, request, pk=None):
        committee = self.get_object()
        policies.require(policies.roster_keeper(request.user, committee), str(policies.KEEPERS_ONLY))
        data = dict(
            valid_input(
                s.SeatInputSerializer, self.request, person=selectors.seat_pool(committee, request.user)
            )
        )
        with transaction.atomic():
            seat = services.seat_add(committee=committee, acting_user=request.user, **data)
        return Response(s.SeatSerializer(seat).data, status=status.HTTP_201_CREATED)

    @extend_schema(request=s.RosterFileSerializer, responses=s.SeatSerializer(many=True))
    @action(detail=True, methods=["post"], url_path="import")
    def import_roster(self, request, pk=None):
        committee = self.get_object()
        policies.require(policies.roster_keeper(request.user, committee), str(policies.KEEPERS_ONLY))
        upload = request.FILES.get("file")
        if upload is None:
            raise InvalidInput("experts_roster_file", "请上传名册文件。")
        seats = services.roster_import(committee=committee, file=upload, acting_user=request.user)
        return Response(s.SeatSerializer(seats, many=True).data)

    def _step(self, fn, **kwargs):
        committee = self.get_object()
        committee = fn(committee=committee, acting_user=self.request.user, **kwargs)
        committee.refresh_from_db()
        return Response(s.CommitteeSerializer(committee).data)

    @extend_schema(request=s.RosterJustificationSerializer, responses=s.CommitteeSerializer)
    @action(detail=True, methods=["post"])
    def submit(self, request, pk=None):
        return self._step(
            services.roster_submit,
            justification=valid_input(s.RosterJustificationSerializer, self.request)["justification"],
        )

    @extend_schema(request=None, responses=s.CommitteeSerializer)
    @action(detail=True, methods=["post"])
    def approve(self, request, pk=None):
        return self._step(services.roster_approve)

    @extend_schema(request=None, responses={202: s.LettersQueuedSerializer})
    @action(detail=True, methods=["post"])
    def letters(self, request, pk=None):
        """颁发聘书: a job issues a letter to each active member still without one (202); a member
        already lettered is never lettered twice."""
        committee = self.get_object()
        queued = services.letters_request(committee=committee, acting_user=request.user)
        return Response({"queued": queued}, status=status.HTTP_202_ACCEPTED)

    @extend_schema(request=s.ExpertsReasonSerializer, responses=s.CommitteeSerializer)
    @action(detail=True, methods=["post"], url_path="return")
    def send_back(self, request, pk=None):
        return self._step(
            services.roster_return, reasons=valid_input(s.ExpertsReasonSerializer, self.request)["reason"]
        )


class MemberViewSet(_Scoped, viewsets.ReadOnlyModelViewSet):
    serializer_class = s.SeatSerializer

    def get_queryset(self):
        return CommitteeMember.objects.for_user(self.request.user).select_related("committee")

    def _seat_step(self, fn, with_reason=True):
        seat = self.get_object()
        kwargs = (
            {"reason": valid_input(s.ExpertsReasonSerializer, self.request)["reason"]} if with_reason else {}
        )
        seat = fn(seat=seat, acting_user=self.request.user, **kwargs)
        seat.refresh_from_db()
        return Response(s.SeatSerializer(seat).data)

    @extend_schema(request=s.ExpertsReasonSerializer, responses=s.SeatSerializer)
    @action(detail=True, methods=["post"])
    def leave(self, request, pk=None):
        return self._seat_step(services.member_leave)

    @extend_schema(request=s.ExpertsReasonSerializer, responses=s.SeatSerializer)
    @action(detail=True, methods=["post"])
    def remove(self, request, pk=None):
        return self._seat_step(services.member_remove)

    @extend_schema(request=s.ExpertsReasonSerializer, responses=s.SeatSerializer)
    @action(detail=True, methods=["post"], url_path="withdrawal-request")
    def withdrawal_request(self, request, pk=None):
        return self._seat_step(services.member_request_withdrawal)

    @extend_schema(request=None, responses=s.SeatSerializer)
    @action(detail=True, methods=["post"])
    def withdraw(self, request, pk=None):
        return self._seat_step(services.member_withdraw, with_reason=False)

    @extend_schema(request=None, responses=None)
    def destroy(self, request, pk=None):
        services.member_delete(seat=self.get_object(), acting_user=request.user)
        return Response(status=status.HTTP_204_NO_CONTENT)


def _year_param(request, *, default):
    """``?year=``: four ASCII digits of a year a record can have (core.dates.ASKABLE_YEARS), else a
    400 that says so ("²" passed ``isdigit`` and broke ``int``; 99999 broke the date lookup)."""
    year = request.query_params.get("year")
    if not year:
        return default
    if not (year.isascii() and year.isdigit() and int(year) in ASKABLE_YEARS):
        raise InvalidInput(codes.YEAR_INVALID, "年度应为四位数字，如 2026。")
    return int(year)


class DutyLogViewSet(ConditionalUpdateMixin, _Scoped, viewsets.ReadOnlyModelViewSet):
    serializer_class = s.DutyLogSerializer
    etag_fields = DUTY_EDITED_FIELDS  # If-Match on PATCH: a stale read is refused (412)

    def get_queryset(self):
        qs = selectors.duty_queue(user=self.request.user, status=self.request.query_params.get("status", ""))
        year = _year_param(self.request, default=None)
        return qs if year is None else qs.filter(worked_on__year=year)

    @extend_schema(request=s.DutyInputSerializer, responses=s.DutyLogSerializer)
    def create(self, request):
        if not request.user.person_id:
            raise InvalidInput("experts_not_a_person", "只有专家本人可以填报履职记录。")
        log = services.duty_record(
            person=request.user.person,
            acting_user=request.user,
            **valid_input(s.DutyInputSerializer, self.request),
        )
        return Response(s.DutyLogSerializer(log).data, status=status.HTTP_201_CREATED)

    @extend_schema(request=s.DutyUpdateSerializer, responses=s.DutyLogSerializer)
    def partial_update(self, request, pk=None):
        log = services.duty_update(
            log=self.get_object(),
            acting_user=request.user,
            **valid_input(s.DutyUpdateSerializer, self.request),
        )
        return Response(s.DutyLogSerializer(log).data)

    @extend_schema(request=None, responses=s.DutyLogSerializer)
    @action(detail=True, methods=["post"])
    def confirm(self, request, pk=None):
        return Response(
            s.DutyLogSerializer(services.duty_confirm(log=self.get_object(), acting_user=request.user)).data
        )

    @extend_schema(request=s.ExpertsReasonSerializer, responses=s.DutyLogSerializer)
    @action(detail=True, methods=["post"], url_path="return")
    def send_back(self, request, pk=None):
        log = services.duty_return(
            log=self.get_object(),
            acting_user=request.user,
            reason=valid_input(s.ExpertsReasonSerializer, self.request)["reason"],
        )
        return Response(s.DutyLogSerializer(log).data)

    @extend_schema(responses=None)
    @action(detail=False, methods=["get"])
    def year(self, request):
        """The logged-in expert's year: confirmed hours against the minimum."""
        if not request.user.person_id:
            raise InvalidInput("experts_not_a_person", "此接口供专家本人使用。")
        view = services.duty_year(request.user.person, _year_param(request, default=services.today().year))
        return Response(
            {
                k: (str(v) if k in ("confirmed", "pending") else v)
                for k, v in view.items()
                if k not in ("expert", "violations")
            }
            | {"violations": _violations(view["violations"])}
        )

    @extend_schema(request=s.HoursDeadlinesInputSerializer, responses=s.HoursDeadlinesOpenedSerializer)
    @action(detail=False, methods=["post"], url_path="open-deadlines")
    def open_deadlines(self, request):
        """The library's office opens this year's deadline for each expert short of the minimum
        (重庆全科 四、(二)1.); idempotent."""
        data = valid_input(s.HoursDeadlinesInputSerializer, self.request)
        library = get_scoped_or_404(request, Library.objects, pk=data["library"])
        opened = services.hours_deadlines_open(library=library, acting_user=request.user)
        return Response({"opened": [d.pk for d in opened]})


class ActivityViewSet(_Scoped, mixins.CreateModelMixin, viewsets.ReadOnlyModelViewSet):
    serializer_class = s.SignInActivitySerializer

    def get_queryset(self):
        return selectors.activities(user=self.request.user)

    @extend_schema(request=s.SignInActivityInputSerializer, responses=s.SignInActivitySerializer)
    def create(self, request):
        data = dict(valid_input(s.SignInActivityInputSerializer, self.request))
        kind, _, pk = data.pop("work_for").partition(":")
        model = {"centre": Centre, "library": Library}.get(kind)
        if model is None or not pk.isdigit():
            raise InvalidInput("experts_work_for_required", "work_for 应为 centre:<id> 或 library:<id>。")
        place = get_scoped_or_404(request, model.objects, pk=int(pk))
        activity = services.activity_create(acting_user=request.user, place=place, **data)
        body = s.SignInActivitySerializer(activity).data
        body["sign_in_token"] = activity.sign_in_code.token
        return Response(body, status=status.HTTP_201_CREATED)

    @extend_schema(request=s.SignInSerializer, responses=s.DutyLogSerializer)
    @action(detail=False, methods=["post"], url_path="sign-in")
    def sign_in(self, request):
        log, created = services.sign_in(
            token=valid_input(s.SignInSerializer, self.request)["token"], acting_user=request.user
        )
        return Response(
            s.DutyLogSerializer(log).data, status=status.HTTP_201_CREATED if created else status.HTTP_200_OK
        )


class ExpertViewSet(ConditionalUpdateMixin, _Scoped, viewsets.ReadOnlyModelViewSet):
    serializer_class = s.ExpertSerializer
    etag_fields = services.REGISTRY_FIELDS

    def get_queryset(self):
        return selectors.experts_list(user=self.request.user, filters=self.request.query_params)

    @extend_schema(request=s.ExpertSerializer, responses=s.ExpertSerializer)
    def partial_update(self, request, pk=None):
        expert = self.get_object()
        changes = {k: v for k, v in request.data.items() if k in services.REGISTRY_FIELDS}
        expert = services.registry_update(expert=expert, acting_user=request.user, **changes)
        return Response(s.ExpertSerializer(expert).data)

    @extend_schema(request=s.ExpertExitSerializer, responses=s.ExpertSerializer)
    @action(detail=True, methods=["post"])
    def exit(self, request, pk=None):
        expert = services.expert_exit(
            expert=self.get_object(),
            acting_user=request.user,
            **valid_input(s.ExpertExitSerializer, self.request),
        )
        return Response(s.ExpertSerializer(expert).data)

    @extend_schema(request=s.ExpertsReasonSerializer, responses=s.ExpertSerializer)
    @action(detail=True, methods=["post"], url_path="exit-request")
    def exit_request(self, request, pk=None):
        expert = services.expert_request_exit(
            expert=self.get_object(),
            acting_user=request.user,
            reason=valid_input(s.ExpertsReasonSerializer, self.request)["reason"],
        )
        return Response(s.ExpertSerializer(expert).data)

    @extend_schema(request=None, responses=s.ExpertSerializer)
    @action(detail=True, methods=["post"])
    def renew(self, request, pk=None):
        return Response(
            s.ExpertSerializer(services.expert_renew(expert=self.get_object(), acting_user=request.user)).data
        )


class ApplicationViewSet(_Scoped, viewsets.ReadOnlyModelViewSet):
    serializer_class = s.LibraryApplicationSerializer

    def get_queryset(self):
        return selectors.applications(
            user=self.request.user, status=self.request.query_params.get("status", "")
        )

    @extend_schema(request=s.LibraryApplicationInputSerializer, responses=s.LibraryApplicationSerializer)
    def create(self, request):
        data = valid_input(s.LibraryApplicationInputSerializer, self.request)
        library = selectors.libraries(user=request.user).first() or Library.objects.first()
        if library is None:
            raise Http404
        application = services.application_submit(library=library, acting_user=request.user, **data)
        return Response(s.LibraryApplicationSerializer(application).data, status=status.HTTP_201_CREATED)

    def _step(self, fn, **kwargs):
        result = fn(application=self.get_object(), acting_user=self.request.user, **kwargs)
        if isinstance(result, Expert):
            return Response(s.ExpertSerializer(result).data, status=status.HTTP_201_CREATED)
        return Response(s.LibraryApplicationSerializer(result).data)

    @extend_schema(request=s.LibraryReviewSerializer, responses=s.LibraryApplicationSerializer)
    @action(detail=True, methods=["post"])
    def review(self, request, pk=None):
        return self._step(services.application_review, **valid_input(s.LibraryReviewSerializer, self.request))

    @extend_schema(request=None, responses=s.LibraryApplicationSerializer)
    @action(detail=True, methods=["post"])
    def approve(self, request, pk=None):
        return self._step(services.application_approve)

    @extend_schema(request=s.LibraryNoticeSerializer, responses=s.LibraryApplicationSerializer)
    @action(detail=True, methods=["post"])
    def notice(self, request, pk=None):
        return self._step(
            services.application_publish_notice, **valid_input(s.LibraryNoticeSerializer, self.request)
        )

    @extend_schema(request=None, responses=s.ExpertSerializer)
    @action(detail=True, methods=["post"])
    def appoint(self, request, pk=None):
        return self._step(services.application_appoint)


class DeclarationViewSet(_Scoped, viewsets.ReadOnlyModelViewSet):
    serializer_class = s.InterestDeclarationSerializer

    def get_queryset(self):
        return selectors.declarations(user=self.request.user)

    @extend_schema(request=s.InterestDeclarationSerializer, responses=s.InterestDeclarationSerializer)
    def create(self, request):
        if not request.user.person_id:
            raise InvalidInput("experts_not_a_person", "只有专家本人可以申报利益关系。")
        declaration = services.declaration_add(
            person=request.user.person,
            acting_user=request.user,
            **valid_input(s.InterestDeclarationSerializer, self.request),
        )
        return Response(s.InterestDeclarationSerializer(declaration).data, status=status.HTTP_201_CREATED)

    @extend_schema(request=None, responses=s.InterestDeclarationSerializer)
    @action(detail=True, methods=["post"])
    def withdraw(self, request, pk=None):
        declaration = services.declaration_withdraw(declaration=self.get_object(), acting_user=request.user)
        return Response(s.InterestDeclarationSerializer(declaration).data)


class GradingViewSet(_Scoped, viewsets.ReadOnlyModelViewSet):
    serializer_class = s.GradingSerializer

    def get_queryset(self):
        qs = selectors.gradings(user=self.request.user)
        return qs if self.action == "list" else qs.prefetch_related("grades__expert__person")

    def list(self, request):
        """A page of gradings, each with its grades as the detail gives them: the page's grades are
        read in one query of the columns shown, not as models (a province's ~50 gradings hold
        30,000 grades: serialising them as models took 1.7 s, issue 14)."""
        page = self.paginate_queryset(self.filter_queryset(self.get_queryset()))
        grades = selectors.grade_rows(page)
        gradings = s.GradingSerializer(page, many=True, context={"request": request, "without_grades": True})
        data = [{**row, "grades": grades.get(row["id"], [])} for row in gradings.data]
        return self.get_paginated_response(data)

    def retrieve(self, request, pk=None):
        grading = self.get_object()
        table = services.quota_table(grading)
        return Response(
            {
                **s.GradingSerializer(grading).data,
                "quotas": {
                    "n": table["n"],
                    "rows": table["rows"],
                    "violations": _violations(table["violations"]),
                },
            }
        )

    @extend_schema(request=s.GradeSetInputSerializer, responses=s.GradeSerializer)
    @action(detail=True, methods=["post"])
    def grade(self, request, pk=None):
        grading = self.get_object()
        data = valid_input(s.GradeSetInputSerializer, self.request)
        grade = ExpertGrade.objects.filter(grading=grading, pk=data["grade"]).first()
        if grade is None:
            raise Http404
        grade = services.grade_set(
            grade=grade,
            acting_user=request.user,
            value=data["value"],
            contributions=data.get("contributions"),
        )
        return Response(s.GradeSerializer(grade).data)

    @extend_schema(request=s.GradingFinaliseSerializer, responses=s.GradingSerializer)
    @action(detail=True, methods=["post"])
    def finalise(self, request, pk=None):
        grading = services.grading_finalise(
            grading=self.get_object(),
            acting_user=request.user,
            **valid_input(s.GradingFinaliseSerializer, self.request),
        )
        grading.refresh_from_db()
        return Response(s.GradingSerializer(grading).data)
