from django.core.exceptions import PermissionDenied
from drf_spectacular.utils import extend_schema
from rest_framework import mixins, viewsets
from rest_framework.decorators import action
from rest_framework.response import Response

from accounts.models import DIRECTORY_EDITOR_ROLES, Role
from core.api.concurrency import ConditionalUpdateMixin

from . import selectors, services
from .filters import InstitutionFilter, PersonFilter
from .forms import InstitutionForm, PersonForm
from .models import Institution, Person
from .serializers import CommissionSerializer, InstitutionSerializer, JurisdictionSerializer, PersonSerializer


class JurisdictionViewSet(viewsets.ReadOnlyModelViewSet):
    serializer_class = JurisdictionSerializer
    filterset_fields = ["level", "parent", "code"]
    search_fields = ["name", "code"]

    def get_queryset(self):
        return selectors.jurisdiction_list(user=self.request.user)


class CommissionViewSet(viewsets.ReadOnlyModelViewSet):
    serializer_class = CommissionSerializer
    search_fields = ["name"]

    def get_queryset(self):
        return selectors.commission_list(user=self.request.user)


class InstitutionViewSet(
    ConditionalUpdateMixin, mixins.CreateModelMixin, mixins.UpdateModelMixin, viewsets.ReadOnlyModelViewSet
):
    serializer_class = InstitutionSerializer
    etag_fields = tuple(InstitutionForm._meta.fields)  # If-Match: a stale read is refused (412)
    write_roles = DIRECTORY_EDITOR_ROLES
    filterset_class = InstitutionFilter  # the list page's filters (core/lists.py)
    ordering_fields = []  # ?ordering= is the FilterSet's (pinyin order for names), not DRF's
    search_fields = ["name", "uscc"]

    def get_queryset(self):
        return selectors.institution_list(user=self.request.user)

    def perform_create(self, serializer):
        serializer.instance = services.institution_create(
            acting_user=self.request.user, **serializer.validated_data
        )

    def perform_update(self, serializer):
        serializer.instance = services.institution_update(
            institution=Institution.objects.get(pk=serializer.instance.pk),
            acting_user=self.request.user,
            **serializer.validated_data,
        )


class PersonViewSet(
    ConditionalUpdateMixin, mixins.CreateModelMixin, mixins.UpdateModelMixin, viewsets.ReadOnlyModelViewSet
):
    serializer_class = PersonSerializer
    etag_fields = tuple(PersonForm._meta.fields)
    # Experts may PATCH their own profile; the service limits them to the self-service fields.
    write_roles = DIRECTORY_EDITOR_ROLES | {Role.EXPERT}
    filterset_class = PersonFilter  # the list page's filters (core/lists.py)
    ordering_fields = []  # ?ordering= is the FilterSet's (pinyin order for names), not DRF's
    search_fields = ["name", "specialty"]

    def get_queryset(self):
        return selectors.person_list(user=self.request.user)

    def perform_create(self, serializer):
        if not self.request.user.may_edit_directory:
            raise PermissionDenied("无权登记人员。")
        serializer.instance = services.person_create(
            acting_user=self.request.user, **serializer.validated_data
        )

    def perform_update(self, serializer):
        serializer.instance = services.person_update(
            person=Person.objects.get(pk=serializer.instance.pk),
            acting_user=self.request.user,
            **serializer.validated_data,
        )

    @extend_schema(responses=PersonSerializer)
    @action(detail=False, methods=["get"])
    def me(self, request):
        if not request.user.person_id:
            return Response(
                {"code": "no_person", "message": "当前账号未关联人员档案。", "violations": []}, status=404
            )
        return Response(self.get_serializer(request.user.person).data)
