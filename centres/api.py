"""REST: the host-selection workflow of centres/views.py, step for step, with the same services and
therefore the same checks. Reads are scoped (``for_user``): a row outside the user's scope is a 404.
Refusals come back as ``{code, message, violations}``: a rule breach is a 400 with its articles, a
step out of order a 409, a step by the wrong person a 403. Public notices are read, and objected
to, without login.

The routes are registered in qc_admin/urls.py; docs/centres.md lists them.
"""

from __future__ import annotations

from django.db import transaction
from django.http import Http404
from drf_spectacular.utils import extend_schema
from rest_framework import mixins, status, viewsets
from rest_framework.decorators import action
from rest_framework.exceptions import ErrorDetail, PermissionDenied, ValidationError
from rest_framework.permissions import AllowAny
from rest_framework.response import Response

from accounts.models import Role
from audit.models import SecurityEvent
from audit.services import security_event_record
from core.api.concurrency import ConditionalUpdateMixin
from core.errors import StepRefused
from core.scoping import get_scoped_or_404
from directory.models import Institution, Jurisdiction, Person
from rulesets.selectors import NoRuleSetInForce
from workdays.calendar import CalendarNotCovered

from . import error_codes as codes
from . import lifecycle, policies, selectors, services
from .forms import APPLICATION_EDITED_FIELDS
from .models import Application, LeaderChange, Objection, PanelMember, ReviewScore, SelectionCall, Specialty
from .serializers import (
    ApplicationDetailSerializer,
    ApplicationDraftSerializer,
    ApplicationSerializer,
    CallCreateSerializer,
    CallSerializer,
    CentreCreateSerializer,
    CentreSerializer,
    CloseInputSerializer,
    DesignationSerializer,
    DissolutionSerializer,
    DissolveInputSerializer,
    HandoverItemInputSerializer,
    HandoverOpenInputSerializer,
    HandoverSerializer,
    HandoverSignInputSerializer,
    HostingTermSerializer,
    LeaderChangeSerializer,
    LeaderVacateInputSerializer,
    NominateInputSerializer,
    NoticePublishSerializer,
    NoticeSerializer,
    ObjectionHandleSerializer,
    ObjectionLodgeSerializer,
    ObjectionReceiptSerializer,
    ObjectionSerializer,
    PanelAddSerializer,
    PanelMemberSerializer,
    PreliminaryReviewInputSerializer,
    PreliminaryReviewSerializer,
    PublicNoticeSerializer,
    RankingRowSerializer,
    ReasonSerializer,
    ScoreInputSerializer,
    ScoreSerializer,
    SelectSerializer,
    TermDecisionInputSerializer,
    TermDecisionSerializer,
)

# Who may send a write at all; the services decide who may take each step (centres/policies.py).
OFFICE_ROLES = {Role.COMMISSION, Role.QC_OFFICE, Role.SYSADMIN}
APPLICATION_ROLES = {
    Role.HOST_SUBMITTER,
    Role.COMMISSION,
    Role.QC_OFFICE,
    Role.DISTRICT_REVIEWER,
    Role.SYSADMIN,
}
PANEL_ROLES = {Role.COMMISSION, Role.QC_OFFICE, Role.EXPERT, Role.SYSADMIN}


class _ServiceRefusals:
    """The services refuse with RuleRefusal (400) and StepRefused (409; 403 for the wrong person,
    recorded), mapped by core/api/errors.py; here a missing rule set or holiday calendar becomes a
    409 with its own code, as the browser shows them."""

    def handle_exception(self, exc):
        if isinstance(exc, NoRuleSetInForce):
            exc = StepRefused(str(exc) or "该辖区尚未配置适用的规则集。", code=codes.NO_RULESET)
        elif isinstance(exc, CalendarNotCovered):
            exc = StepRefused(str(exc), code=codes.CALENDAR_NOT_COVERED)
        return super().handle_exception(exc)

    def get_object(self):
        """A row outside the user's scope is a 404, and the attempt is on record (等保 2.0), as
        core.scoping.get_scoped_or_404 does for the pages."""
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


def _valid(serializer_class, request, **context):
    serializer = serializer_class(data=request.data, context={"request": request, **context})
    serializer.is_valid(raise_exception=True)
    return serializer.validated_data


def _parent(request, field: str, queryset):
    """The row a create hangs from, named in the body (the centre of a new call, the call of an
    application): resolved before anything else, and outside the user's scope a 404, exactly as
    if it were in the URL."""
    try:
        pk = int(request.data.get(field))
    except (TypeError, ValueError):
        raise ValidationError({field: [ErrorDetail("请填写有效的编号。", code="required")]}) from None
    return get_scoped_or_404(request, queryset, pk=pk)


# --- centres ------------------------------------------------------------------------------------


class _CentreReadCreate(_ServiceRefusals, mixins.CreateModelMixin, viewsets.ReadOnlyModelViewSet):
    """质控中心: list, read, set up (centre_create)."""

    serializer_class = CentreSerializer
    write_roles = OFFICE_ROLES
    filterset_fields = ["status", "body_kind", "jurisdiction", "specialty"]
    search_fields = ["name", "specialty__name"]
    ordering_fields = ["name", "created_at"]

    def get_queryset(self):
        return selectors.centre_list(user=self.request.user)

    @extend_schema(request=CentreCreateSerializer, responses={201: CentreSerializer})
    def create(self, request, *args, **kwargs):
        jurisdiction = _parent(request, "jurisdiction", Jurisdiction.objects)
        d = _valid(CentreCreateSerializer, request)
        with transaction.atomic():  # the specialty is kept only if the centre is set up (as the browser)
            specialty, _ = Specialty.objects.get_or_create(
                name=d["specialty"], work_direction=d["work_direction"], defaults={"category": d["category"]}
            )
            centre = services.centre_create(
                jurisdiction=jurisdiction,
                body_kind=d["body_kind"],
                specialty=specialty,
                name=d["name"],
                acting_user=request.user,
            )
        centre = self.get_queryset().get(pk=centre.pk)
        return Response(CentreSerializer(centre).data, status=status.HTTP_201_CREATED)


# --- calls --------------------------------------------------------------------------------------


class CallViewSet(_ServiceRefusals, mixins.CreateModelMixin, viewsets.ReadOnlyModelViewSet):
    """遴选公告 (or a recorded designation) and its steps: close, select, designate, notice, establish;
    the ranking for the office."""

    serializer_class = CallSerializer
    write_roles = OFFICE_ROLES
    filterset_fields = ["status", "method", "centre"]
    search_fields = ["title", "centre__name"]
    ordering_fields = ["published_at", "application_deadline"]

    def get_queryset(self):
        # an aggregate drops Meta.ordering: say it again, or pages would shuffle
        return selectors.call_list(user=self.request.user).order_by("-published_at", "-pk")

    def _answer(self, call, code=status.HTTP_200_OK):
        return Response(CallSerializer(self.get_queryset().get(pk=call.pk)).data, status=code)

    @extend_schema(request=CallCreateSerializer, responses={201: CallSerializer})
    def create(self, request, *args, **kwargs):
        from .models import Centre

        centre = _parent(request, "centre", Centre.objects.select_related("jurisdiction"))
        d = dict(_valid(CallCreateSerializer, request))
        d.pop("centre")
        call = services.call_publish(centre=centre, acting_user=request.user, **d)
        return self._answer(call, status.HTTP_201_CREATED)

    @extend_schema(request=CloseInputSerializer, responses=CallSerializer)
    @action(detail=True, methods=["post"])
    def close(self, request, pk=None):
        """截止申报, into review (the commission or its office); before the published deadline a
        ``reason`` is required (409 ``reason_required`` without one)."""
        call = self.get_object()
        d = _valid(CloseInputSerializer, request)
        call = services.call_close_applications(call=call, acting_user=request.user, reason=d["reason"])
        return self._answer(call)

    @extend_schema(request=SelectSerializer, responses=CallSerializer)
    @action(detail=True, methods=["post"])
    def select(self, request, pk=None):
        """择优确定 host and leader with reasons (九龙坡 第七条（四））."""
        call = self.get_object()
        d = _valid(
            SelectSerializer,
            request,
            scoped={"application": selectors.application_list(user=request.user, call=call)},
        )
        call = services.call_select(
            call=call,
            application=d["application"],
            reasons=d["reasons"],
            justification=d["justification"],
            acting_user=request.user,
        )
        return self._answer(call)

    @extend_schema(request=DesignationSerializer, responses=CallSerializer)
    @action(detail=True, methods=["post"])
    def designate(self, request, pk=None):
        """指定 (九龙坡 第五条) on a call published as a designation."""
        call = self.get_object()
        d = _valid(
            DesignationSerializer,
            request,
            scoped={
                "institution": Institution.objects.for_user(request.user),
                "leader": Person.objects.for_user(request.user),
            },
        )
        call = services.designation_record(
            call=call,
            institution=d["institution"],
            leader=d["leader"],
            reasons=d["reasons"],
            acting_user=request.user,
        )
        return self._answer(call)

    @extend_schema(methods=["post"], request=NoticePublishSerializer, responses={201: NoticeSerializer})
    @extend_schema(methods=["get"], request=None, responses=NoticeSerializer)
    @action(detail=True, methods=["get", "post"])
    def notice(self, request, pk=None):
        """GET the call's 公示; POST publishes it (the commission, 九龙坡 第七条（五））."""
        call = self.get_object()
        if request.method == "GET":
            notice = getattr(call, "notice", None)
            if notice is None:
                return Response(
                    {"code": "not_found", "message": "该遴选尚未公示。", "violations": []}, status=404
                )
            return Response(NoticeSerializer(notice).data)
        d = _valid(NoticePublishSerializer, request)
        notice = services.notice_publish(call=call, acting_user=request.user, **d)
        return Response(NoticeSerializer(notice).data, status=status.HTTP_201_CREATED)

    @extend_schema(request=None, responses={201: HostingTermSerializer})
    @action(detail=True, methods=["post"])
    def establish(self, request, pk=None):
        """设置决定: after the notice closed with every objection handled; opens the hosting term."""
        term = services.centre_establish(call=self.get_object(), acting_user=request.user)
        return Response(HostingTermSerializer(term).data, status=status.HTTP_201_CREATED)

    @extend_schema(request=None, responses=RankingRowSerializer(many=True))
    @action(detail=True, methods=["get"])
    def ranking(self, request, pk=None):
        """The applications passed in preliminary review by total score — the office's working view."""
        call = self.get_object()
        if not policies.may_see_ranking(request.user, call):  # visible call, forbidden read: 403
            raise PermissionDenied("只有卫健委或质控办可以查看评审排名。")
        rows = [
            {"rank": n, "application": a, "total": total}
            for n, (a, total) in enumerate(services.ranking(call), start=1)
        ]
        return Response(RankingRowSerializer(rows, many=True).data)


# --- applications -------------------------------------------------------------------------------


class ApplicationViewSet(
    ConditionalUpdateMixin,
    _ServiceRefusals,
    mixins.CreateModelMixin,
    mixins.UpdateModelMixin,
    viewsets.ReadOnlyModelViewSet,
):
    """挂靠申请: the host user drafts and submits; the preliminary reviewer passes, returns or rejects."""

    etag_fields = APPLICATION_EDITED_FIELDS  # If-Match on PUT/PATCH: a stale read is refused (412)

    write_roles = APPLICATION_ROLES
    filterset_fields = ["call", "status", "institution"]
    search_fields = ["institution__name"]
    ordering_fields = ["submitted_at", "institution__name"]

    def get_queryset(self):
        return selectors.application_list(user=self.request.user)

    def get_serializer_class(self):
        return ApplicationSerializer if self.action == "list" else ApplicationDetailSerializer

    def get_serializer_context(self):
        return {**super().get_serializer_context(), "violations": services.application_violations}

    def _answer(self, application, code=status.HTTP_200_OK):
        fresh = self.get_queryset().get(pk=application.pk)
        body = ApplicationDetailSerializer(fresh, context=self.get_serializer_context()).data
        return Response(body, status=code)

    def _draft(self, request):
        institution = request.user.institution_id
        staff = Person.objects.filter(employer=institution) if institution else Person.objects.none()
        return _valid(ApplicationDraftSerializer, request, scoped={"proposed_leader": staff})

    @extend_schema(request=ApplicationDraftSerializer, responses={201: ApplicationDetailSerializer})
    def create(self, request, *args, **kwargs):
        """Start (or continue) the host's draft for a call."""
        call = _parent(request, "call", SelectionCall.objects.select_related("centre__jurisdiction"))
        d = self._draft(request)
        application = services.application_save_draft(
            call=call,
            acting_user=request.user,
            sections=d["sections"],
            proposed_leader=d["proposed_leader"],
            justification=d["justification"],
        )
        return self._answer(application, status.HTTP_201_CREATED)

    @extend_schema(request=ApplicationDraftSerializer, responses=ApplicationDetailSerializer)
    def update(self, request, *args, **kwargs):
        """Change the draft; fields left out keep what was saved (PUT and PATCH alike)."""
        application = self.get_object()
        d = {k: v for k, v in self._draft(request).items() if k != "call"}  # an application keeps its call
        kept = {
            name: getattr(application, name)
            for name in ("sections", "proposed_leader", "justification")
            if name not in request.data
        }
        application = services.application_save_draft(
            call=application.call, acting_user=request.user, application=application, **{**d, **kept}
        )
        return self._answer(application)

    @extend_schema(request=None, responses=ApplicationDetailSerializer)
    @action(detail=True, methods=["post"])
    def submit(self, request, pk=None):
        """Submit, checked against the rule set in force; locked until returned for changes."""
        application = services.application_submit(application=self.get_object(), acting_user=request.user)
        return self._answer(application)

    @extend_schema(request=PreliminaryReviewInputSerializer, responses={201: PreliminaryReviewSerializer})
    @action(detail=True, methods=["post"], url_path="preliminary-review")
    def preliminary_review(self, request, pk=None):
        """初审 (九龙坡 第十八条（1）: the office; 济南 第五条: the district bureau first)."""
        application = self.get_object()
        d = _valid(PreliminaryReviewInputSerializer, request)
        review = services.application_preliminary_review(
            application=application, outcome=d["outcome"], comments=d["comments"], acting_user=request.user
        )
        return Response(PreliminaryReviewSerializer(review).data, status=status.HTTP_201_CREATED)


# --- expert review ------------------------------------------------------------------------------


class PanelMemberViewSet(_ServiceRefusals, mixins.CreateModelMixin, viewsets.ReadOnlyModelViewSet):
    """评审专家组 of a call: the office adds reviewers; a reviewer declares a conflict and recuses."""

    serializer_class = PanelMemberSerializer
    write_roles = PANEL_ROLES
    filterset_fields = ["call", "recused"]

    def get_queryset(self):
        return (
            PanelMember.objects.for_user(self.request.user).select_related("person__employer").order_by("pk")
        )

    @extend_schema(request=PanelAddSerializer, responses={201: PanelMemberSerializer})
    def create(self, request, *args, **kwargs):
        call = _parent(request, "call", SelectionCall.objects.select_related("centre__jurisdiction"))
        d = _valid(PanelAddSerializer, request, scoped={"person": Person.objects.for_user(request.user)})
        member = services.panel_add(call=call, person=d["person"], acting_user=request.user)
        return Response(PanelMemberSerializer(member).data, status=status.HTTP_201_CREATED)

    @extend_schema(request=ReasonSerializer, responses=PanelMemberSerializer)
    @action(detail=True, methods=["post"], url_path="declare-conflict")
    def declare_conflict(self, request, pk=None):
        member = self.get_object()
        d = _valid(ReasonSerializer, request)
        member = services.panel_declare_conflict(member=member, reason=d["reason"], acting_user=request.user)
        return Response(PanelMemberSerializer(member).data)


class ScoreViewSet(_ServiceRefusals, mixins.CreateModelMixin, viewsets.GenericViewSet):
    """A reviewer's score of an application on one criterion (recorded again, it is replaced)."""

    serializer_class = ScoreSerializer
    write_roles = {Role.EXPERT}

    def get_queryset(self):
        user = self.request.user
        return (
            ReviewScore.objects.filter(panel_member__person=user.person_id)
            if user.person_id
            else ReviewScore.objects.none()
        )

    @extend_schema(request=ScoreInputSerializer, responses={201: ScoreSerializer})
    def create(self, request, *args, **kwargs):
        application = _parent(request, "application", Application.objects.select_related("call"))
        d = dict(_valid(ScoreInputSerializer, request))
        d.pop("application")
        seat = selectors.panel_seat(request.user, application.call)
        if seat is None:  # scoped by the panel already; kept for a person on no panel of this call
            return Response(
                {"code": "not_found", "message": "您不是本轮评审专家。", "violations": []}, status=404
            )
        row = services.score_record(member=seat, application=application, acting_user=request.user, **d)
        return Response(ScoreSerializer(row).data, status=status.HTTP_201_CREATED)


# --- public notice and objections ---------------------------------------------------------------


class PublicNoticeViewSet(viewsets.ReadOnlyModelViewSet):
    """公示 on the public site: open notices, read and objected to without login (九龙坡 第七条（五））."""

    serializer_class = PublicNoticeSerializer
    permission_classes = [AllowAny]
    authentication_classes = []  # public: no session, so no CSRF for the objection form of a portal

    def get_queryset(self):
        return selectors.open_notices()

    @extend_schema(request=ObjectionLodgeSerializer, responses={201: ObjectionReceiptSerializer})
    @action(detail=True, methods=["post"])
    def objection(self, request, pk=None):
        """异议: anyone, while the notice is open."""
        notice = self.get_object()
        d = _valid(ObjectionLodgeSerializer, request)
        try:
            objection = services.objection_lodge(
                notice=notice, source_address=request.META.get("REMOTE_ADDR", ""), **d
            )
        except services.TooManyObjections as refused:
            return Response(
                {"code": refused.code, "message": refused.message, "violations": []},
                status=status.HTTP_429_TOO_MANY_REQUESTS,
            )
        return Response(ObjectionReceiptSerializer(objection).data, status=status.HTTP_201_CREATED)


class ObjectionViewSet(_ServiceRefusals, viewsets.ReadOnlyModelViewSet):
    """Objections to the notices in scope; the commission records how each was handled."""

    serializer_class = ObjectionSerializer
    write_roles = {Role.COMMISSION, Role.SYSADMIN}
    filterset_fields = ["notice", "notice__call", "handling"]

    def get_queryset(self):
        return Objection.objects.for_user(self.request.user).select_related("notice")

    @extend_schema(request=ObjectionHandleSerializer, responses=ObjectionSerializer)
    @action(detail=True, methods=["post"])
    def handle(self, request, pk=None):
        objection = self.get_object()
        d = _valid(ObjectionHandleSerializer, request)
        objection = services.objection_handle(
            objection=objection, handling=d["handling"], note=d["note"], acting_user=request.user
        )
        return Response(ObjectionSerializer(objection).data)


# --- the term's lifecycle: leader changes, end of term, dissolution, handover --------------------


class LifecycleActions:
    """Actions on a centre for the lifecycle services (centres/lifecycle.py), mixed into CentreViewSet."""

    @extend_schema(request=LeaderVacateInputSerializer, responses={201: LeaderChangeSerializer})
    @action(detail=True, methods=["post"], url_path="leader-vacate")
    def leader_vacate(self, request, pk=None):
        d = _valid(LeaderVacateInputSerializer, request)
        change = lifecycle.leader_vacate(centre=self.get_object(), acting_user=request.user, **d)
        return Response(LeaderChangeSerializer(change).data, status=status.HTTP_201_CREATED)

    @extend_schema(request=TermDecisionInputSerializer, responses={201: TermDecisionSerializer})
    @action(detail=True, methods=["post"], url_path="term-decision")
    def term_decision(self, request, pk=None):
        centre = self.get_object()
        d = _valid(TermDecisionInputSerializer, request)
        term = centre.terms.filter(status="active").first()
        if term is None:
            raise StepRefused("该质控中心没有进行中的挂靠周期。", code=codes.NO_ACTIVE_TERM)
        decision = lifecycle.term_decision_record(
            term=term,
            outcome=d["outcome"],
            reasons=d["reasons"],
            acting_user=request.user,
            grades_by_year={int(year): grade for year, grade in d["grades"].items()},
        )
        return Response(TermDecisionSerializer(decision).data, status=status.HTTP_201_CREATED)

    @extend_schema(request=DissolveInputSerializer, responses={201: DissolutionSerializer})
    @action(detail=True, methods=["post"])
    def dissolve(self, request, pk=None):
        d = _valid(DissolveInputSerializer, request)
        dissolution = lifecycle.centre_dissolve(centre=self.get_object(), acting_user=request.user, **d)
        return Response(DissolutionSerializer(dissolution).data, status=status.HTTP_201_CREATED)

    @extend_schema(request=HandoverOpenInputSerializer, responses={201: HandoverSerializer})
    @action(detail=True, methods=["post"])
    def handover(self, request, pk=None):
        centre = self.get_object()
        d = _valid(
            HandoverOpenInputSerializer,
            request,
            scoped={"to_host": selectors.receiving_hosts(centre, request.user)},
        )
        from_host = centre.host or (
            centre.terms.order_by("-starts_on").first().host if centre.terms.exists() else None
        )
        if from_host is None:
            raise StepRefused("该质控中心没有原挂靠单位，无需交接。", code=codes.NO_HOST)
        handover = lifecycle.handover_open(
            centre=centre, from_host=from_host, to_host=d["to_host"], acting_user=request.user
        )
        return Response(HandoverSerializer(handover).data, status=status.HTTP_201_CREATED)


class LeaderChangeViewSet(_ServiceRefusals, viewsets.ReadOnlyModelViewSet):
    """负责人变更: the host nominates, the commission approves (or, 济南, reselects the host)."""

    serializer_class = LeaderChangeSerializer
    write_roles = {Role.COMMISSION, Role.HOST_SUBMITTER, Role.SYSADMIN}
    filterset_fields = ["status", "centre"]

    def get_queryset(self):
        return LeaderChange.objects.for_user(self.request.user).select_related("centre")

    @extend_schema(request=NominateInputSerializer, responses=LeaderChangeSerializer)
    @action(detail=True, methods=["post"])
    def nominate(self, request, pk=None):
        change = self.get_object()
        d = _valid(
            NominateInputSerializer, request, scoped={"person": selectors.nominable_leaders(change.centre)}
        )
        return Response(
            LeaderChangeSerializer(
                lifecycle.leader_nominate(change=change, acting_user=request.user, **d)
            ).data
        )

    @extend_schema(request=ReasonSerializer, responses=LeaderChangeSerializer)
    @action(detail=True, methods=["post"])
    def approve(self, request, pk=None):
        justification = request.data.get("justification", "")
        return Response(
            LeaderChangeSerializer(
                lifecycle.leader_approve(
                    change=self.get_object(), acting_user=request.user, justification=justification
                )
            ).data
        )

    @extend_schema(request=ReasonSerializer, responses=LeaderChangeSerializer)
    @action(detail=True, methods=["post"], url_path="reselect-host")
    def reselect_host(self, request, pk=None):
        d = _valid(ReasonSerializer, request)
        return Response(
            LeaderChangeSerializer(
                lifecycle.leader_reselect_host(
                    change=self.get_object(), acting_user=request.user, reason=d["reason"]
                )
            ).data
        )


class HandoverViewSet(_ServiceRefusals, viewsets.ReadOnlyModelViewSet):
    """交接: either host ticks the checklist; the old host, the new host and the commission sign."""

    serializer_class = HandoverSerializer
    write_roles = {Role.COMMISSION, Role.HOST_SUBMITTER, Role.SYSADMIN}
    filterset_fields = ["status", "centre"]

    def get_queryset(self):
        return selectors.handover_list(user=self.request.user)

    @extend_schema(request=HandoverItemInputSerializer, responses=HandoverSerializer)
    @action(detail=True, methods=["post"])
    def item(self, request, pk=None):
        d = _valid(HandoverItemInputSerializer, request)
        return Response(
            HandoverSerializer(
                lifecycle.handover_item_update(handover=self.get_object(), acting_user=request.user, **d)
            ).data
        )

    @extend_schema(request=HandoverSignInputSerializer, responses=HandoverSerializer)
    @action(detail=True, methods=["post"])
    def sign(self, request, pk=None):
        d = _valid(HandoverSignInputSerializer, request)
        return Response(
            HandoverSerializer(
                lifecycle.handover_sign(
                    handover=self.get_object(), acting_user=request.user, party=d["party"]
                )
            ).data
        )


class CentreViewSet(LifecycleActions, _CentreReadCreate):
    """质控中心: list, read, set up; and its lifecycle actions (leader-vacate, term-decision, dissolve,
    handover).
    The host may register its leader's departure (九龙坡 第十二条), so it may write here; each service
    decides who may take its step."""

    write_roles = OFFICE_ROLES | {Role.HOST_SUBMITTER}
