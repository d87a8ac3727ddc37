"""REST: deadlines in the user's scope (read), and waiving one (commission staff).
Router lines for qc_admin/urls.py:
    router.register("deadlines", deadlines_api.DeadlineViewSet, basename="deadline")
"""

from drf_spectacular.utils import extend_schema
from rest_framework import viewsets
from rest_framework.decorators import action
from rest_framework.response import Response

from . import selectors, services
from .filters import DeadlineFilter
from .models import Deadline
from .serializers import DeadlineSerializer, WaiveSerializer


class DeadlineViewSet(viewsets.ReadOnlyModelViewSet):
    serializer_class = DeadlineSerializer
    write_roles = services.WAIVER_ROLES
    filterset_class = DeadlineFilter  # the list page's filters (core/lists.py)
    ordering_fields = []  # ?ordering= is the FilterSet's (pinyin order for names), not DRF's
    search_fields = ["title"]

    def get_queryset(self):
        qs = selectors.deadline_list(user=self.request.user).select_related("content_type")
        if self.request.query_params.get("mine") == "1":
            qs = qs.filter(selectors.responsible_q(self.request.user))
        return qs

    @extend_schema(request=WaiveSerializer, responses=DeadlineSerializer)
    @action(detail=True, methods=["post"])
    def waive(self, request, pk=None):
        self.get_object()  # 404 outside the user's scope
        serializer = WaiveSerializer(data=request.data)
        serializer.is_valid(raise_exception=True)
        deadline = services.deadline_waive(
            deadline=Deadline.objects.get(pk=pk),
            reason=serializer.validated_data["reason"],
            acting_user=request.user,
        )
        return Response(
            DeadlineSerializer(Deadline.objects.select_related("content_type").get(pk=deadline.pk)).data
        )
