"""REST: the register (read, scoped), issuing a notice and re-issuing. Mounted by the lead's
router in qc_admin/urls.py (docs/documents.md)."""

from django.utils import timezone
from drf_spectacular.utils import extend_schema
from rest_framework import status, viewsets
from rest_framework.decorators import action
from rest_framework.exceptions import PermissionDenied
from rest_framework.response import Response

from accounts.models import Role
from directory.models import HealthCommission

from . import selectors, services
from .filters import DocumentFilter
from .serializers import IssuedDocumentSerializer, NoticeIssueSerializer, ReissueSerializer
from .types import commission_issuer


class IssuedDocumentViewSet(viewsets.ReadOnlyModelViewSet):
    serializer_class = IssuedDocumentSerializer
    write_roles = {Role.COMMISSION, Role.SYSADMIN}
    filterset_class = DocumentFilter  # the register page's filters (core/lists.py)
    ordering_fields = []  # ?ordering= is the FilterSet's (pinyin order for names), not DRF's
    search_fields = ["title", "number"]

    def get_queryset(self):
        return selectors.document_list(user=self.request.user)

    @extend_schema(request=NoticeIssueSerializer, responses={201: IssuedDocumentSerializer})
    @action(detail=False, methods=["post"])
    def notice(self, request):
        """印发通知 under the commission of the caller's jurisdiction."""
        data = NoticeIssueSerializer(data=request.data)
        data.is_valid(raise_exception=True)
        d = dict(data.validated_data)
        commission = HealthCommission.objects.filter(jurisdiction_id=request.user.jurisdiction_id).first()
        if commission is None:
            raise PermissionDenied("当前账号未对应卫生健康委，不能发文。")
        on = d.pop("dated") or timezone.localdate()
        document = services.document_issue(
            doc_type="notice", acting_user=request.user, issuer=commission_issuer(commission), data=d, on=on
        )
        return Response(IssuedDocumentSerializer(document).data, status=status.HTTP_201_CREATED)

    @extend_schema(request=ReissueSerializer, responses={201: IssuedDocumentSerializer})
    @action(detail=True, methods=["post"])
    def reissue(self, request, pk=None):
        """重新印发: same number, next version; ``reason`` required; omitted fields keep their text."""
        document = self.get_object()
        data = ReissueSerializer(data=request.data, partial=True)
        data.is_valid(raise_exception=True)
        d = {k: v for k, v in data.validated_data.items() if k in request.data}
        reason = d.pop("reason", "")
        d.pop("dated", None)
        new = services.document_reissue(
            document=document,
            acting_user=request.user,
            reason=reason,
            data={**document.context.get("input", {}), **d},
        )
        return Response(IssuedDocumentSerializer(new).data, status=status.HTTP_201_CREATED)
