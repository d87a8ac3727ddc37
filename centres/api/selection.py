"""REST: setting up a centre and selecting its host (centres/views/selection.py), step for step,
with the same services and therefore the same checks. Reads are scoped (``for_user``): a row
outside the user's scope is a 404. Refusals come back as ``{code, message, violations}``: a rule
breach is a 400 with its articles, a step out of order a 409, a step by the wrong person a 403.
Public notices are read, and objected to, without login.

The routes are declared in centres/platform.py; docs/centres.md lists them.
"""

from __future__ import annotations

from django.db import transaction
from drf_spectacular.utils import extend_schema
from rest_framework import mixins, status, viewsets
from rest_framework.decorators import action
from rest_framework.exceptions import PermissionDenied
from rest_framework.permissions import AllowAny
from rest_framework.response import Response

from accounts.models import Role
from core.api.concurrency import ConditionalUpdateMixin
from core.fields import valid_input
from directory.models import Jurisdiction, Person

from .. import policies, selectors
from ..filters import ApplicationFilter, CallFilter, CentreFilter
from ..forms.selection import APPLICATION_EDITED_FIELDS
from ..models import Application, Centre, Objection, PanelMember, ReviewScore, SelectionCall, Specialty
from ..policies import require
from ..serializers import (
    ApplicationDetailSerializer,
    ApplicationDraftSerializer,
    ApplicationSerializer,
    CallCreateSerializer,
    CallSerializer,
    CentreCreateSerializer,
    CentreSerializer,
    CloseInputSerializer,
    DesignationSerializer,
    HostingTermSerializer,
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
)
from ..services import selection as services
from .common import (
    APPLICATION_ROLES,
    OFFICE_ROLES,
    PANEL_ROLES,
    ServiceRefusals,
    parent_row,
)
from .lifecycle import LifecycleActions

# --- centres ------------------------------------------------------------------------------------


class _CentreReadCreate(ServiceRefusals, mixins.CreateModelMixin, viewsets.ReadOnlyModelViewSet):
    """质控中心: list, read, set up (centre_create)."""

    serializer_class = CentreSerializer
    write_roles = OFFICE_ROLES
    filterset_class = CentreFilter  # the list page's filters (core/lists.py)
    search_fields = ["name", "specialty__name"]
    ordering_fields = []  # ?ordering= is the FilterSet's (pinyin order for names), not DRF's

    def get_queryset(self):
        return selectors.centre_list(user=self.request.user)

    @extend_schema(request=CentreCreateSerializer, responses={201: CentreSerializer})
    def create(self, request, *args, **kwargs):
        # who may set up centres at all, before the body is read: a hospital's user is refused (403)
        # whatever it sends, and only then is an incomplete body a 400
        require(policies.may_create_centre(request.user), "只有卫健委或质控办可以设置质控中心。")
        jurisdiction = parent_row(request, "jurisdiction", Jurisdiction.objects)
        d = valid_input(CentreCreateSerializer, request)
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


class CallViewSet(ServiceRefusals, mixins.CreateModelMixin, viewsets.ReadOnlyModelViewSet):
    """遴选公告 (or a recorded designation) and its steps: close, select, designate, notice, establish;
    the ranking for the office."""

    serializer_class = CallSerializer
    write_roles = OFFICE_ROLES
    filterset_class = CallFilter
    search_fields = ["title", "centre__name"]
    ordering_fields = []

    def get_queryset(self):
        return selectors.call_list(user=self.request.user).order_by("-published_at", "-pk")

    def _answer(self, call, code=status.HTTP_200_OK):
        return Response(CallSerializer(self.get_queryset().get(pk=call.pk)).data, status=code)

    @extend_schema(request=CallCreateSerializer, responses={201: CallSerializer})
    def create(self, request, *args, **kwargs):
        centre = parent_row(request, "centre", Centre.objects.select_related("jurisdiction"))
        require(policies.may_decide(request.user, centre), "只有本辖区卫健委可以发布遴选公告。")
        d = dict(valid_input(CallCreateSerializer, request))
        d.pop("centre")
        call = services.call_publish(centre=centre, acting_user=request.user, **d)
        return self._answer(call, status.HTTP_201_CREATED)

    @extend_schema(request=CloseInputSerializer, responses=CallSerializer)
    @action(detail=True, methods=["post"])
    def close(self, request, pk=None):
        """截止申报, into review (the commission or its office); before the published deadline a
        ``reason`` is required (409 ``reason_required`` without one)."""
        call = self.get_object()
        require(policies.may_close_call(request.user, call), "只有本辖区卫健委或质控办可以截止申报。")
        d = valid_input(CloseInputSerializer, request)
        call = services.call_close_applications(call=call, acting_user=request.user, reason=d["reason"])
        return self._answer(call)

    @extend_schema(request=SelectSerializer, responses=CallSerializer)
    @action(detail=True, methods=["post"])
    def select(self, request, pk=None):
        """择优确定 host and leader with reasons (九龙坡 第七条（四））."""
        call = self.get_object()
        require(policies.may_decide(request.user, call.centre), "只有卫健委可以确定挂靠单位和负责人。")
        d = valid_input(
            SelectSerializer,
            request,
            application=selectors.application_list(user=request.user, call=call),
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
        require(policies.may_decide(request.user, call.centre), "只有卫健委可以指定挂靠单位。")
        d = valid_input(DesignationSerializer, request)  # ids within the user's scope (core.fields)
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
        require(policies.may_decide(request.user, call.centre), "只有卫健委可以发布公示。")
        d = valid_input(NoticePublishSerializer, request)
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
    ServiceRefusals,
    mixins.CreateModelMixin,
    mixins.UpdateModelMixin,
    viewsets.ReadOnlyModelViewSet,
):
    """挂靠申请: the host user drafts and submits; the preliminary reviewer passes, returns or rejects."""

    etag_fields = APPLICATION_EDITED_FIELDS  # If-Match on PUT/PATCH: a stale read is refused (412)

    write_roles = APPLICATION_ROLES
    filterset_class = ApplicationFilter
    search_fields = ["institution__name"]
    ordering_fields = []

    def get_queryset(self):
        # newest first on the table's own key: Meta's order (call, institution name) sorts the whole
        # scope across three tables before the first page (?ordering= still sorts by a column)
        return selectors.application_list(user=self.request.user).order_by("-pk")

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
        return valid_input(ApplicationDraftSerializer, request, proposed_leader=staff)

    @extend_schema(request=ApplicationDraftSerializer, responses={201: ApplicationDetailSerializer})
    def create(self, request, *args, **kwargs):
        """Start (or continue) the host's draft for a call."""
        require(policies.may_apply(request.user), "只有医疗机构的填报人可以填写申请。")
        call = parent_row(request, "call", SelectionCall.objects.select_related("centre__jurisdiction"))
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
        require(
            policies.may_apply(request.user, application.institution), "只有申请单位的填报人可以修改申请。"
        )
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
        d = valid_input(PreliminaryReviewInputSerializer, request)
        review = services.application_preliminary_review(
            application=application, outcome=d["outcome"], comments=d["comments"], acting_user=request.user
        )
        return Response(PreliminaryReviewSerializer(review).data, status=status.HTTP_201_CREATED)


# --- expert review ------------------------------------------------------------------------------


class PanelMemberViewSet(ServiceRefusals, mixins.CreateModelMixin, viewsets.ReadOnlyModelViewSet):
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
        call = parent_row(request, "call", SelectionCall.objects.select_related("centre__jurisdiction"))
        require(policies.may_form_panel(request.user, call), "只有卫健委或质控办可以组建评审专家组。")
        d = valid_input(PanelAddSerializer, request)  # the reviewer within the user's scope (core.fields)
        member = services.panel_add(call=call, person=d["person"], acting_user=request.user)
        return Response(PanelMemberSerializer(member).data, status=status.HTTP_201_CREATED)

    @extend_schema(request=ReasonSerializer, responses=PanelMemberSerializer)
    @action(detail=True, methods=["post"], url_path="declare-conflict")
    def declare_conflict(self, request, pk=None):
        member = self.get_object()
        require(policies.may_score(request.user, member), "只能由评审专家本人申报利益冲突。")
        d = valid_input(ReasonSerializer, request)
        member = services.panel_declare_conflict(member=member, reason=d["reason"], acting_user=request.user)
        return Response(PanelMemberSerializer(member).data)


class ScoreViewSet(ServiceRefusals, mixins.CreateModelMixin, viewsets.GenericViewSet):
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
        application = parent_row(request, "application", Application.objects.select_related("call"))
        d = dict(valid_input(ScoreInputSerializer, request))
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
        d = valid_input(ObjectionLodgeSerializer, request)
        # over the limit: TooManyObjections, answered 429 by core.api.errors
        objection = services.objection_lodge(
            notice=notice, source_address=request.META.get("REMOTE_ADDR", ""), **d
        )
        return Response(ObjectionReceiptSerializer(objection).data, status=status.HTTP_201_CREATED)


class ObjectionViewSet(ServiceRefusals, viewsets.ReadOnlyModelViewSet):
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
        require(policies.may_decide(request.user, objection.notice.call.centre), "只有卫健委可以处理异议。")
        d = valid_input(ObjectionHandleSerializer, request)
        objection = services.objection_handle(
            objection=objection, handling=d["handling"], note=d["note"], acting_user=request.user
        )
        return Response(ObjectionSerializer(objection).data)


class CentreViewSet(LifecycleActions, _CentreReadCreate):
    """质控中心: list, read, set up; and its lifecycle actions (leader-vacate, term-decision, dissolve,
    handover).
    The host may register its leader's departure (九龙坡 第十二条), so it may write here; each service
    decides who may take its step."""

    write_roles = OFFICE_ROLES | {Role.HOST_SUBMITTER}
