from django.http import Http404
from drf_spectacular.utils import extend_schema, inline_serializer
from rest_framework import serializers
from rest_framework.response import Response
from rest_framework.views import APIView

from core.scoping import get_scoped_or_404

from .selectors import record_history, trackable_model
from .views import IDENTITY_FIELDS


class HistoryView(APIView):
    @extend_schema(
        responses=inline_serializer(
            "HistoryEntry",
            fields={
                "at": serializers.DateTimeField(),
                "action": serializers.CharField(),
                "actor": serializers.CharField(),
                "changes": serializers.ListField(child=serializers.DictField()),
            },
            many=True,
        )
    )
    def get(self, request, app_label, model_name, pk):
        model = trackable_model(app_label, model_name)
        if model is None:
            raise Http404
        obj = get_scoped_or_404(request, model.objects.all(), pk=pk)
        masked = set() if request.user.may_see_identity else IDENTITY_FIELDS
        return Response(
            [
                {
                    "at": e.at,
                    "action": e.action,
                    "actor": e.actor,
                    "changes": [
                        {"field": c.field, "label": c.label, "before": c.before, "after": c.after}
                        for c in e.changes
                    ],
                }
                for e in record_history(obj, masked_fields=masked)
            ]
        )
