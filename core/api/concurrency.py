"""ETag and If-Match on every API record that can be changed (core/concurrency.py): a GET, PUT or
PATCH of one record answers with its ``ETag``; a PUT or PATCH sent with ``If-Match`` is refused
with 412 and the changes when the record changed since that ETag was read."""

from __future__ import annotations

from core.concurrency import check_if_match, etag


class ConditionalUpdateMixin:
    """For a viewset: ``etag_fields`` names the fields a change of which makes a read stale."""

    etag_fields: tuple[str, ...] = ()

    def get_object(self):
        obj = super().get_object()
        if self.request.method in ("PUT", "PATCH"):
            check_if_match(obj, self.request.headers.get("If-Match", ""), self.etag_fields)
        return obj

    def finalize_response(self, request, response, *args, **kwargs):
        response = super().finalize_response(request, response, *args, **kwargs)
        pk = self.kwargs.get(self.lookup_url_kwarg or self.lookup_field)
        if (
            pk is not None
            and request.method in ("GET", "PUT", "PATCH")
            and response.status_code == 200
            and self.etag_fields
            and getattr(self, "action", None) in ("retrieve", "update", "partial_update")
        ):
            record = self.get_queryset().model._default_manager.filter(pk=pk).first()
            if record is not None:
                response["ETag"] = etag(record, self.etag_fields)
        return response
