"""Request-level guards shared by every route."""

from django.http import HttpResponseBadRequest, HttpResponseNotFound


class RejectNulMiddleware:
    """PostgreSQL cannot store a NUL character: a path with one is a 404 and a query string with
    one a 400, before any view passes it to the database (a 500 otherwise)."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        if "\x00" in request.path:
            return HttpResponseNotFound("记录不存在或无权访问。")
        if "\x00" in request.META.get("QUERY_STRING", "") or "%00" in request.META.get("QUERY_STRING", ""):
            return HttpResponseBadRequest("请求包含非法字符。")
        return self.get_response(request)


# What a read-only user (an auditor) may still POST: their own session, language, exports of what
# they may read, their own inbox and calendar feed. Nothing here changes a business record.
READ_ONLY_ALLOWED = frozenset(
    {
        "logout",
        "otp_verify",  # their own second factor (accounts/second_factor.py)
        "otp_setup",
        "set_language",
        "exports:start",
        "deadlines:inbox_read",
        "deadlines:inbox_read_all",
        "deadlines:feed_reset",
        "data_governance:trace",  # tracing a leaked file is a lookup (the upload is not stored)
    }
)


class ReadOnlyRoleMiddleware:
    """Auditors change nothing (等保 2.0 三权分立: 审计员只读): every unsafe method from a read-only
    user is refused before any view runs — the 403 page on every web route, present and future,
    except the personal actions in ``READ_ONLY_ALLOWED``; the API's shared permission refuses them
    there (tests/test_role_matrix.py checks every route)."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        return self.get_response(request)

    def process_view(self, request, view_func, view_args, view_kwargs):
        from django.core.exceptions import PermissionDenied

        user = getattr(request, "user", None)
        if request.method in ("GET", "HEAD", "OPTIONS", "TRACE") or not getattr(
            user, "is_authenticated", False
        ):
            return None
        if not getattr(user, "is_read_only", False):
            return None
        match = request.resolver_match
        name = match.view_name if match else ""
        if name in READ_ONLY_ALLOWED:
            return None
        if request.path.startswith("/api/"):
            return None  # the API's shared permission: 404 outside the scope, 403 for a visible object
        # On a page, a 403 whatever the route names — an object in scope, out of it or missing — so
        # the answer says nothing about what exists (several object pages answered an auditor's POST
        # with a 200 before: a GET view ignoring the method, or a form re-shown with the refusal).
        raise PermissionDenied("审计人员只读，不能执行此操作。")
