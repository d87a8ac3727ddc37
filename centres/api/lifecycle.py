"""REST: a centre's life after establishment (centres/views/lifecycle.py) with the same services —
leader changes, the end-of-term decision, dissolution, handover. The centre's own actions
(``LifecycleActions``) are mixed into ``CentreViewSet`` (centres/api/selection.py)."""

from __future__ import annotations

from drf_spectacular.utils import extend_schema
from rest_framework import status, viewsets
from rest_framework.decorators import action
from rest_framework.response import Response

from accounts.models import Role
from core.errors import WrongState
from core.fields import valid_input

from .. import error_codes as codes
from .. import policies, selectors
from ..filters import LeaderChangeFilter
from ..policies import require
from ..serializers import (
    DissolutionSerializer,
    DissolveInputSerializer,
    HandoverItemInputSerializer,
    HandoverOpenInputSerializer,
    HandoverSerializer,
    HandoverSignInputSerializer,
    LeaderChangeSerializer,
    LeaderVacateInputSerializer,
    NominateInputSerializer,
    ReasonSerializer,
    TermDecisionInputSerializer,
    TermDecisionSerializer,
)
from ..services import lifecycle
from .common import ServiceRefusals


class LifecycleActions:
    """Actions on a centre for the lifecycle services (centres/services/lifecycle.py), mixed into
    CentreViewSet."""

    @extend_schema(request=LeaderVacateInputSerializer, responses={201: LeaderChangeSerializer})
    @action(detail=True, methods=["post"], url_path="leader-vacate")
    def leader_vacate(self, request, pk=None):
        centre = self.get_object()
        require(policies.may_vacate(request.user, centre), "只有卫健委或挂靠单位可以登记负责人离任。")
        d = valid_input(LeaderVacateInputSerializer, request)
        change = lifecycle.leader_vacate(centre=centre, acting_user=request.user, **d)
        return Response(LeaderChangeSerializer(change).data, status=status.HTTP_201_CREATED)

    @extend_schema(request=TermDecisionInputSerializer, responses={201: TermDecisionSerializer})
    @action(detail=True, methods=["post"], url_path="term-decision")
    def term_decision(self, request, pk=None):
        centre = self.get_object()
        require(policies.may_decide(request.user, centre), "只有卫健委可以作出周期届满决定。")
        d = valid_input(TermDecisionInputSerializer, request)
        term = centre.terms.filter(status="active").first()
        if term is None:
            raise WrongState(codes.NO_ACTIVE_TERM, "该质控中心没有进行中的挂靠周期。")
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
        centre = self.get_object()
        require(policies.may_decide(request.user, centre), "只有卫健委可以解除挂靠关系。")
        d = valid_input(DissolveInputSerializer, request)
        dissolution = lifecycle.centre_dissolve(centre=centre, acting_user=request.user, **d)
        return Response(DissolutionSerializer(dissolution).data, status=status.HTTP_201_CREATED)

    @extend_schema(request=HandoverOpenInputSerializer, responses={201: HandoverSerializer})
    @action(detail=True, methods=["post"])
    def handover(self, request, pk=None):
        centre = self.get_object()
        require(policies.may_decide(request.user, centre), "只有卫健委可以启动交接。")
        d = valid_input(
            HandoverOpenInputSerializer,
            request,
            to_host=selectors.receiving_hosts(centre, request.user),
        )
        from_host = centre.host or (
            centre.terms.order_by("-starts_on").first().host if centre.terms.exists() else None
        )
        if from_host is None:
            raise WrongState(codes.NO_HOST, "该质控中心没有原挂靠单位，无需交接。")
        handover = lifecycle.handover_open(
            centre=centre, from_host=from_host, to_host=d["to_host"], acting_user=request.user
        )
        return Response(HandoverSerializer(handover).data, status=status.HTTP_201_CREATED)


class LeaderChangeViewSet(ServiceRefusals, viewsets.ReadOnlyModelViewSet):
    """负责人变更: the host nominates, the commission approves (or, 济南, reselects the host)."""

    serializer_class = LeaderChangeSerializer
    write_roles = {Role.COMMISSION, Role.HOST_SUBMITTER, Role.SYSADMIN}
    filterset_class = LeaderChangeFilter
    ordering_fields = []

    def get_queryset(self):
        return selectors.leader_change_list(user=self.request.user)

    @extend_schema(request=NominateInputSerializer, responses=LeaderChangeSerializer)
    @action(detail=True, methods=["post"])
    def nominate(self, request, pk=None):
        change = self.get_object()
        require(policies.may_nominate(request.user, change.centre), "只有挂靠单位可以推荐新任负责人。")
        d = valid_input(NominateInputSerializer, request, person=selectors.nominable_leaders(change.centre))
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
        change = self.get_object()
        require(policies.may_decide(request.user, change.centre), "只有卫健委可以决定重新遴选挂靠单位。")
        d = valid_input(ReasonSerializer, request)
        return Response(
            LeaderChangeSerializer(
                lifecycle.leader_reselect_host(change=change, acting_user=request.user, reason=d["reason"])
            ).data
        )


class HandoverViewSet(ServiceRefusals, viewsets.ReadOnlyModelViewSet):
    """交接: either host ticks the checklist; the old host, the new host and the commission sign."""

    serializer_class = HandoverSerializer
    write_roles = {Role.COMMISSION, Role.HOST_SUBMITTER, Role.SYSADMIN}
    filterset_fields = ["status", "centre"]

    def get_queryset(self):
        return selectors.handover_list(user=self.request.user)

    @extend_schema(request=HandoverItemInputSerializer, responses=HandoverSerializer)
    @action(detail=True, methods=["post"])
    def item(self, request, pk=None):
        handover = self.get_object()
        require(
            policies.handover_party(request.user, handover) in ("from", "to"),
            "只有交接双方可以更新交接清单。",
        )
        d = valid_input(HandoverItemInputSerializer, request)
        return Response(
            HandoverSerializer(
                lifecycle.handover_item_update(handover=handover, acting_user=request.user, **d)
            ).data
        )

    @extend_schema(request=HandoverSignInputSerializer, responses=HandoverSerializer)
    @action(detail=True, methods=["post"])
    def sign(self, request, pk=None):
        handover = self.get_object()
        # any of the three signatories; which line is theirs the service checks with the party named
        require(policies.handover_party(request.user, handover) is not None, "只有交接各方可以签字。")
        d = valid_input(HandoverSignInputSerializer, request)
        return Response(
            HandoverSerializer(
                lifecycle.handover_sign(handover=handover, acting_user=request.user, party=d["party"])
            ).data
        )
