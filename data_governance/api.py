"""REST endpoints of data governance (mounted by platform.py under /api/v1/). Reads are scoped by
the selectors (out of scope: 404); every write is the service the page calls, so the same rules
refuse with the same codes (core/api/errors.py turns them into 400/403/404/409)."""

from __future__ import annotations

from django.http import HttpResponse
from drf_spectacular.utils import extend_schema
from rest_framework import status, viewsets
from rest_framework.decorators import action
from rest_framework.parsers import MultiPartParser
from rest_framework.permissions import IsAuthenticated
from rest_framework.response import Response

from accounts.models import Role
from audit.services import client_ip
from core.errors import NotFoundInScope
from core.fields import valid_input

from . import selectors, services
from . import serializers as s
from .filters import (
    AccessLogFilter,
    GrantFilter,
    PublicationFilter,
    RequestFilter,
    ResourceFilter,
    TransferFilter,
)
from .models import ScanHit, nameable_users

CENTRE_ROLES = (Role.HOST_SUBMITTER, Role.EXPERT)
COMMISSION_ROLES = (Role.COMMISSION, Role.QC_OFFICE)


class ResourceViewSet(viewsets.ReadOnlyModelViewSet):
    """数据资源: the catalogue; ``export`` hands out a traceable file under a grant."""

    serializer_class = s.ResourceSerializer
    write_roles = (*CENTRE_ROLES, *COMMISSION_ROLES)
    filterset_class = ResourceFilter
    ordering_fields = []

    def get_queryset(self):
        return selectors.resource_list(user=self.request.user)

    @extend_schema(request=s.ResourceCreateSerializer, responses={201: s.ResourceSerializer})
    def create(self, request):
        """Register a resource of the user's own commission."""
        d = valid_input(s.ResourceCreateSerializer, request)
        if not request.user.jurisdiction_id:
            raise NotFoundInScope("not_found", "没有所属行政区划，不能登记数据资源。")
        resource = services.resource_register(
            jurisdiction=request.user.jurisdiction, steward=request.user, acting_user=request.user, **d
        )
        return Response(s.ResourceSerializer(resource).data, status=status.HTTP_201_CREATED)

    @extend_schema(request=s.ResourceExportSerializer, responses={(200, "application/octet-stream"): bytes})
    @action(detail=True, methods=["post"])
    def export(self, request, pk=None):
        """A traceable file: body ``{"format": "xlsx"|"pdf", "attachment": <id>}`` (both optional;
        a file resource's newest file by default), logged with its hash; refused outside a grant.
        (in the body: ``?format=`` in the URL is DRF's renderer switch.)"""
        resource = self.get_object()
        d = valid_input(s.ResourceExportSerializer, request)
        wanted = d.get("attachment") or request.query_params.get("attachment")
        attachment = None
        if wanted:
            wanted = str(wanted)
            found = services.resource_files(resource).filter(pk=wanted) if wanted.isdigit() else None
            attachment = found.first() if found is not None else None
            if attachment is None:
                raise NotFoundInScope("not_found", "该数据资源没有这个文件。")
        filename, data, content_type, trace = services.resource_export(
            resource=resource,
            acting_user=request.user,
            fmt=d.get("format") or "xlsx",
            attachment=attachment,
            ip=client_ip(request),
            user_agent=request.META.get("HTTP_USER_AGENT", ""),
        )
        response = HttpResponse(data, content_type=content_type)
        response["Content-Disposition"] = f'attachment; filename="{filename}"'
        response["X-Trace-Code"] = trace.code
        return response


class UseRequestViewSet(viewsets.ReadOnlyModelViewSet):
    """数据使用申请: draft → submitted → endorsed → approved / narrowed / refused."""

    serializer_class = s.UseRequestSerializer
    write_roles = (*CENTRE_ROLES, Role.COMMISSION)
    filterset_class = RequestFilter
    ordering_fields = []

    def get_queryset(self):
        return selectors.request_detail_qs(user=self.request.user)

    def _answer(self, obj, code=status.HTTP_200_OK):
        return Response(s.UseRequestSerializer(self.get_queryset().get(pk=obj.pk)).data, status=code)

    @extend_schema(request=s.UseRequestDraftSerializer, responses={201: s.UseRequestSerializer})
    def create(self, request):
        d = valid_input(s.UseRequestDraftSerializer, request)
        obj = services.request_save_draft(
            centre=d["centre"],
            acting_user=request.user,
            purpose_category=d["purpose_category"],
            purpose=d["purpose"],
            starts_on=d["starts_on"],
            ends_on=d["ends_on"],
            users=d["users"],
            resources=d["resources"],
        )
        return self._answer(obj, status.HTTP_201_CREATED)

    @extend_schema(request={"multipart/form-data": s.FileUploadSerializer}, responses=s.UseRequestSerializer)
    @action(detail=True, methods=["post"], parser_classes=[MultiPartParser])
    def letter(self, request, pk=None):
        """Attach the signed commitment letter (only while the request is a draft)."""
        d = valid_input(s.FileUploadSerializer, request)
        obj = self.get_object()
        services.request_letter_attach(request=obj, file=d["file"], acting_user=request.user)
        return self._answer(obj)

    @extend_schema(request=None, responses=s.UseRequestSerializer)
    @action(detail=True, methods=["post"])
    def submit(self, request, pk=None):
        return self._answer(services.request_submit(request=self.get_object(), acting_user=request.user))

    @extend_schema(request=s.UseRequestEndorseSerializer, responses=s.UseRequestSerializer)
    @action(detail=True, methods=["post"])
    def endorse(self, request, pk=None):
        d = valid_input(s.UseRequestEndorseSerializer, request)
        return self._answer(
            services.request_endorse(request=self.get_object(), acting_user=request.user, **d)
        )

    @extend_schema(request=s.UseRequestDecideSerializer, responses=s.UseRequestSerializer)
    @action(detail=True, methods=["post"])
    def decide(self, request, pk=None):
        obj = self.get_object()
        # a narrowing keeps some of the request's own rows: any other id is refused like a missing one
        d = dict(
            valid_input(
                s.UseRequestDecideSerializer,
                request,
                resources=obj.resources.all(),
                users=nameable_users().filter(pk__in=obj.users.values("pk")),
            )
        )
        return self._answer(services.request_decide(request=obj, acting_user=request.user, **d))

    @extend_schema(request=None, responses=s.UseRequestSerializer)
    @action(detail=True, methods=["post"])
    def withdraw(self, request, pk=None):
        return self._answer(services.request_withdraw(request=self.get_object(), acting_user=request.user))


class GrantViewSet(viewsets.ReadOnlyModelViewSet):
    serializer_class = s.GrantSerializer
    write_roles = (Role.COMMISSION,)
    filterset_class = GrantFilter
    ordering_fields = []

    def get_queryset(self):
        return selectors.grant_list(user=self.request.user)

    @extend_schema(request=s.GrantRevokeSerializer, responses=s.GrantSerializer)
    @action(detail=True, methods=["post"])
    def revoke(self, request, pk=None):
        d = valid_input(s.GrantRevokeSerializer, request)
        grant = services.grant_revoke(grant=self.get_object(), acting_user=request.user, reason=d["reason"])
        return Response(s.GrantSerializer(self.get_queryset().get(pk=grant.pk)).data)


class AccessLogViewSet(viewsets.ReadOnlyModelViewSet):
    """The append-only log: read only, for everyone who may see it (the scope does the rest)."""

    serializer_class = s.AccessLogSerializer
    filterset_class = AccessLogFilter
    ordering_fields = []

    def get_queryset(self):
        return selectors.access_log(user=self.request.user)


class ExportTraceViewSet(viewsets.ReadOnlyModelViewSet):
    serializer_class = s.ExportTraceSerializer
    write_roles = (Role.AUDITOR, Role.COMMISSION, Role.QC_OFFICE)

    def get_queryset(self):
        return selectors.export_traces(user=self.request.user)

    @extend_schema(request=s.TraceLookupSerializer, responses=s.ExportTraceSerializer(many=True))
    @action(detail=False, methods=["post"], url_path="lookup", permission_classes=[IsAuthenticated])
    def lookup(self, request):
        """A leaked copy's SHA-256 → the exports it came from (a read: auditors may use it)."""
        d = valid_input(s.TraceLookupSerializer, request)
        _, found = services.trace_lookup(user=request.user, sha256=d["sha256"])
        return Response(s.ExportTraceSerializer(found, many=True).data)


class PublicationViewSet(viewsets.ReadOnlyModelViewSet):
    serializer_class = s.PublicationSerializer
    write_roles = (*CENTRE_ROLES, *COMMISSION_ROLES)
    filterset_class = PublicationFilter
    ordering_fields = []

    def get_queryset(self):
        return selectors.publication_detail_qs(user=self.request.user)

    def _answer(self, obj, code=status.HTTP_200_OK):
        return Response(s.PublicationSerializer(self.get_queryset().get(pk=obj.pk)).data, status=code)

    @extend_schema(request=s.PublicationCreateSerializer, responses={201: s.PublicationSerializer})
    def create(self, request):
        d = valid_input(s.PublicationCreateSerializer, request)
        review = services.publication_create(acting_user=request.user, **d)
        return self._answer(review, status.HTTP_201_CREATED)

    @extend_schema(request={"multipart/form-data": s.FileUploadSerializer}, responses=s.PublicationSerializer)
    @action(detail=True, methods=["post"], parser_classes=[MultiPartParser])
    def manuscript(self, request, pk=None):
        """Upload a version of the manuscript; it is scanned at once and the hits replaced."""
        d = valid_input(s.FileUploadSerializer, request)
        review = self.get_object()
        services.publication_manuscript_upload(review=review, file=d["file"], acting_user=request.user)
        return self._answer(review)

    @extend_schema(request=None, responses=s.PublicationSerializer)
    @action(detail=True, methods=["post"])
    def submit(self, request, pk=None):
        return self._answer(services.publication_submit(review=self.get_object(), acting_user=request.user))

    @extend_schema(request=s.PublicationCommitteeSerializer, responses=s.PublicationSerializer)
    @action(detail=True, methods=["post"])
    def committee(self, request, pk=None):
        d = valid_input(s.PublicationCommitteeSerializer, request)
        return self._answer(
            services.publication_committee_decide(review=self.get_object(), acting_user=request.user, **d)
        )

    @extend_schema(request=s.PublicationCheckConfirmSerializer, responses=s.PublicationSerializer)
    @action(detail=True, methods=["post"])
    def confirm_check(self, request, pk=None):
        review = self.get_object()
        d = valid_input(s.PublicationCheckConfirmSerializer, request)
        services.publication_check_confirm(review=review, acting_user=request.user, **d)
        return self._answer(review)

    @extend_schema(request=s.ScanHitResolveSerializer, responses=s.PublicationSerializer)
    @action(detail=True, methods=["post"])
    def resolve_hit(self, request, pk=None):
        review = self.get_object()
        d = valid_input(s.ScanHitResolveSerializer, request, hit=ScanHit.objects.filter(review=review))
        services.publication_hit_resolve(
            hit=d["hit"], resolution=d["resolution"], note=d["note"], acting_user=request.user
        )
        return self._answer(review)

    @extend_schema(request=s.PublicationDecideSerializer, responses=s.PublicationSerializer)
    @action(detail=True, methods=["post"])
    def decide(self, request, pk=None):
        d = valid_input(s.PublicationDecideSerializer, request)
        return self._answer(
            services.publication_decide(review=self.get_object(), acting_user=request.user, **d)
        )


class TransferViewSet(viewsets.ReadOnlyModelViewSet):
    serializer_class = s.TransferSerializer
    write_roles = (*CENTRE_ROLES, Role.COMMISSION)
    filterset_class = TransferFilter
    ordering_fields = []

    def get_queryset(self):
        return selectors.transfer_list(user=self.request.user).prefetch_related("resources")

    @extend_schema(request=s.TransferCreateSerializer, responses={201: s.TransferSerializer})
    def create(self, request):
        d = valid_input(s.TransferCreateSerializer, request)
        transfer = services.transfer_request(acting_user=request.user, **d)
        return Response(
            s.TransferSerializer(self.get_queryset().get(pk=transfer.pk)).data, status=status.HTTP_201_CREATED
        )

    @extend_schema(request=s.TransferDecideSerializer, responses=s.TransferSerializer)
    @action(detail=True, methods=["post"])
    def decide(self, request, pk=None):
        d = valid_input(s.TransferDecideSerializer, request)
        transfer = services.transfer_decide(transfer=self.get_object(), acting_user=request.user, **d)
        return Response(s.TransferSerializer(self.get_queryset().get(pk=transfer.pk)).data)
