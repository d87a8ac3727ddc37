"""The download response, shared by the browser view and the API."""

from __future__ import annotations

from urllib.parse import quote

from django.core.exceptions import PermissionDenied
from django.http import FileResponse

from .models import Attachment
from .selectors import served_elsewhere
from .validation import BY_CONTENT_TYPE


def content_disposition(filename: str, *, fallback: str) -> str:
    """``attachment`` with the name twice: an ASCII ``filename=`` for old clients and the UTF-8
    ``filename*=`` of RFC 6266/5987 that keeps Chinese names intact."""
    ascii_name = "".join(ch if 32 <= ord(ch) < 127 and ch not in '"\\' else "_" for ch in filename)
    if ascii_name != filename:
        ascii_name = fallback
    return f"attachment; filename=\"{ascii_name}\"; filename*=UTF-8''{quote(filename, safe='')}"


def attachment_response(attachment: Attachment) -> FileResponse:
    # The last line behind ``attachment_download_record``: a file its own app serves never leaves here.
    where = served_elsewhere(attachment)
    if where:
        raise PermissionDenied(where)
    response = FileResponse(attachment.file.open("rb"), content_type=attachment.content_type)
    extension = BY_CONTENT_TYPE[attachment.content_type].extension
    response["Content-Disposition"] = content_disposition(
        attachment.original_name, fallback=f"attachment-{attachment.pk}{extension}"
    )
    response["X-Content-Type-Options"] = "nosniff"
    # A scan of a licence or an identity card has no business in a shared cache.
    response["Cache-Control"] = "private, no-store"
    return response
