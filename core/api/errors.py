"""One error format for every API failure:
``{"code": …, "message": …, "violations": [{"code", "article", "message", "strictness"}, …]}``.
A rule breach carries its violations; a form error carries one violation per field."""

from __future__ import annotations

from django.core.exceptions import PermissionDenied, RequestDataTooBig, TooManyFieldsSent, TooManyFilesSent
from django.core.exceptions import ValidationError as DjangoValidationError
from django.http import Http404
from rest_framework import exceptions, status
from rest_framework.response import Response
from rest_framework.serializers import as_serializer_error
from rest_framework.views import exception_handler as drf_exception_handler

from core.signals import access_refused


class RuleViolationError(exceptions.APIException):
    """Raised by an endpoint when the rule engine refuses an action."""

    status_code = status.HTTP_400_BAD_REQUEST
    default_code = "rule_violation"
    default_detail = "操作违反规则集规定。"

    def __init__(self, violations, message: str | None = None):
        self.violations = list(violations)
        super().__init__(message or self.default_detail)


_MESSAGES = {
    "not_authenticated": "请先登录。",
    "authentication_failed": "身份认证失败。",
    "permission_denied": "无权执行此操作。",
    "not_found": "记录不存在或无权访问。",
    "method_not_allowed": "不支持该请求方法。",
    "throttled": "请求过于频繁，请稍后再试。",
    "parse_error": "请求格式错误。",
    "unsupported_media_type": "不支持的内容类型。",
}


def _violation(v) -> dict:
    if isinstance(v, dict):
        return {
            "code": v.get("code", ""),
            "article": v.get("article", ""),
            "message": v.get("message", ""),
            "strictness": v.get("strictness", ""),
            **{k: val for k, val in v.items() if k not in {"code", "article", "message", "strictness"}},
        }
    body = {"code": v.code, "article": v.article, "message": str(v.message), "strictness": v.strictness}
    if getattr(v, "message_en", None):
        body["message_en"] = v.message_en
    return body


def _field_violations(detail, prefix: str = "") -> list[dict]:
    out = []
    if isinstance(detail, dict):
        for field, errs in detail.items():
            name = field if field != "non_field_errors" else ""
            out += _field_violations(errs, f"{prefix}.{name}" if prefix and name else (name or prefix))
    elif isinstance(detail, list):
        for err in detail:
            out += _field_violations(err, prefix)
    else:
        out.append(
            {
                "code": getattr(detail, "code", "invalid"),
                "article": "",
                "message": str(detail),
                "strictness": "",
                "field": prefix,
            }
        )
    return out


def request_of(context):
    return context.get("request")


def _service_error_response(exc, context) -> Response:
    """A service's refusal, answered with the status its class declares (core.errors). A refused
    action on a visible record is recorded (等保 2.0: 越权访问应被记录)."""
    if exc.status_code == status.HTTP_403_FORBIDDEN and request_of(context) is not None:
        access_refused.send(sender=type(exc), request=request_of(context), reason=exc.message)
    body = {"code": exc.code, "message": exc.message, "violations": [_violation(v) for v in exc.violations]}
    return Response(body, status=exc.status_code)


def exception_handler(exc, context):
    from core.errors import ServiceError

    if isinstance(exc, ServiceError):
        return _service_error_response(exc, context)
    if isinstance(exc, (RequestDataTooBig, TooManyFieldsSent, TooManyFilesSent)):
        # Django's request limits (DATA_UPLOAD_MAX_*): the API's JSON, not the HTML 400 page.
        message = "请求内容过大或数量过多，未作处理。"
        body = {"code": "request_too_large", "message": message, "violations": []}
        return Response(body, status=status.HTTP_413_REQUEST_ENTITY_TOO_LARGE)
    if isinstance(exc, Http404):
        exc = exceptions.NotFound()
    elif isinstance(exc, PermissionDenied):
        exc = exceptions.PermissionDenied(str(exc) or None)
    elif isinstance(exc, DjangoValidationError):
        exc = exceptions.ValidationError(as_serializer_error(exc))
    response = drf_exception_handler(exc, context)
    if response is None:
        return None
    request = context.get("request")
    if isinstance(exc, exceptions.PermissionDenied) and request is not None:
        access_refused.send(sender=type(exc), request=request, reason=str(exc.detail))
    if isinstance(exc, RuleViolationError):
        body = {
            "code": "rule_violation",
            "message": str(exc.detail),
            "violations": [_violation(v) for v in exc.violations],
        }
    elif isinstance(exc, exceptions.ValidationError):
        body = {
            "code": "invalid",
            "message": "提交的数据有误，请检查。",
            "violations": _field_violations(exc.detail),
        }
    else:
        code = exc.get_codes() if isinstance(exc.get_codes(), str) else getattr(exc, "default_code", "error")
        message = (
            str(exc.detail) if code == "permission_denied" and str(exc.detail) != exc.default_detail else None
        )
        body = {"code": code, "message": message or _MESSAGES.get(code, str(exc.detail)), "violations": []}
    response.data = body
    return response
