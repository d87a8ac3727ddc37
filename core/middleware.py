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
