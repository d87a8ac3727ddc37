"""REST: ``/api/v1/attachments/`` — list (scoped), upload (multipart), download, delete.

Router line (qc_admin/urls.py):
    router.register("attachments", attachments_api.AttachmentViewSet, basename="attachment")
"""

from django.contrib.contenttypes.models import ContentType
from drf_spectacular.types import OpenApiTypes
from drf_spectacular.utils import OpenApiParameter, extend_schema
from rest_framework import mixins, renderers, status, viewsets
from rest_framework.decorators import action
from rest_framework.exceptions import NotFound, PermissionDenied
from rest_framework.parsers import FormParser, MultiPartParser
from rest_framework.response import Response

from accounts.models import Role
from core.api.parsers import JSONObjectParser
from core.scoping import get_scoped_or_404

from . import selectors, services
from .http import attachment_response
from .serializers import AttachmentDeleteSerializer, AttachmentSerializer, AttachmentUploadSerializer

# Everyone who works on records may attach files to the ones they see; auditors only read.
UPLOAD_ROLES = {
    Role.COMMISSION,
    Role.QC_OFFICE,
    Role.DISTRICT_REVIEWER,
    Role.HOST_SUBMITTER,
    Role.INSTITUTION_SCORER,
    Role.EXPERT,
}


class PassthroughRenderer(renderers.BaseRenderer):
    """Lets a client that asks for the file's own type (Accept: application/pdf) get it."""

    media_type = "*/*"
    format = "file"

    def render(self, data, accepted_media_type=None, renderer_context=None):
        return data


def _subject_model(label: str):
    app_label, _, model = (label or "").lower().partition(".")
    content_type = ContentType.objects.filter(app_label=app_label, model=model).first()
    return content_type.model_class() if content_type else None


class AttachmentViewSet(
    mixins.ListModelMixin, mixins.RetrieveModelMixin, mixins.CreateModelMixin, viewsets.GenericViewSet
):
    serializer_class = AttachmentSerializer
    parser_classes = [MultiPartParser, FormParser, JSONObjectParser]
    write_roles = UPLOAD_ROLES
    filterset_fields = ["kind", "subject_id", "institution", "sensitive"]
    search_fields = ["original_name"]
    ordering_fields = ["uploaded_at", "original_name", "size"]

    def get_queryset(self):
        if self.action == "download":
            return selectors.attachment_downloadable(user=self.request.user).select_related("subject_type")
        qs = selectors.attachment_list(user=self.request.user).select_related("subject_type")
        subject_type = self.request.query_params.get("subject_type")
        if subject_type:
            model = _subject_model(subject_type)
            qs = qs.filter(subject_type=ContentType.objects.get_for_model(model)) if model else qs.none()
        return qs

    def get_serializer_class(self):
        return {"create": AttachmentUploadSerializer, "delete": AttachmentDeleteSerializer}.get(
            self.action, AttachmentSerializer
        )

    @extend_schema(parameters=[OpenApiParameter("subject_type", str, description="如 directory.institution")])
    def list(self, request, *args, **kwargs):
        return super().list(request, *args, **kwargs)

    @extend_schema(
        request={"multipart/form-data": AttachmentUploadSerializer}, responses={201: AttachmentSerializer}
    )
    def create(self, request, *args, **kwargs):
        upload = AttachmentUploadSerializer(data=request.data, context=self.get_serializer_context())
        upload.is_valid(raise_exception=True)
        data = upload.validated_data
        model = _subject_model(data["subject_type"])
        queryset = selectors.subject_queryset(model) if model else None
        if queryset is None:
            raise NotFound()
        subject = get_scoped_or_404(request, queryset, pk=data["subject_id"])
        if selectors.subject_served_elsewhere(model):
            raise PermissionDenied(selectors.subject_served_elsewhere(model))
        attachment = services.attachment_store(
            file=data["file"],
            kind=data["kind"],
            subject=subject,
            acting_user=request.user,
            sensitive=data["sensitive"],
        )
        return Response(
            AttachmentSerializer(attachment, context=self.get_serializer_context()).data,
            status=status.HTTP_201_CREATED,
        )

    @extend_schema(responses={(200, "application/octet-stream"): OpenApiTypes.BINARY})
    @action(detail=True, methods=["get"], renderer_classes=[renderers.JSONRenderer, PassthroughRenderer])
    def download(self, request, pk=None):
        attachment = get_scoped_or_404(request, self.get_queryset(), pk=pk)
        services.attachment_download_record(attachment=attachment, request=request)
        return attachment_response(attachment)

    @extend_schema(request=AttachmentDeleteSerializer, responses=AttachmentSerializer)
    @action(detail=True, methods=["post"])
    def delete(self, request, pk=None):
        attachment = get_scoped_or_404(request, selectors.attachment_list(user=request.user), pk=pk)
        if selectors.subject_served_elsewhere(attachment.subject_type.model_class()):
            raise PermissionDenied(selectors.subject_served_elsewhere(attachment.subject_type.model_class()))
        body = AttachmentDeleteSerializer(data=request.data)
        body.is_valid(raise_exception=True)
        attachment = services.attachment_delete(
            attachment=attachment, acting_user=request.user, reason=body.validated_data["reason"]
        )
        return Response(AttachmentSerializer(attachment, context=self.get_serializer_context()).data)
