"""Running a service from a browser form: a refusal goes back to the form, beside what the user
typed, with the article where a rule is broken. One place for every app's views."""

from __future__ import annotations

from typing import Any, Callable

from django.core.exceptions import ValidationError
from django.db import transaction

from .errors import ServiceError

IN_PRINCIPLE_HINT = "（原则上，可说明理由后报批）"


def add_refusal(form, refusal: Exception) -> None:
    """Put a service's refusal on ``form`` as non-field errors."""
    if isinstance(refusal, ValidationError):
        form.add_error(None, refusal)
        return
    violations = getattr(refusal, "violations", None)
    if violations:
        for v in violations:
            form.add_error(None, v.message + (IN_PRINCIPLE_HINT if v.strictness == "in_principle" else ""))
    else:
        form.add_error(None, getattr(refusal, "message", None) or str(refusal))


def run_service(
    form, service: Callable[..., Any], /, *, also: tuple[type[Exception], ...] = (), **kwargs
) -> tuple[bool, Any]:
    """Call ``service(**kwargs)`` in one transaction: ``ok, result = run_service(form,
    centre_create, jurisdiction=…, acting_user=request.user)``. Returns ``(True, result)``, or
    ``(False, None)`` with the refusal (any ``core.errors.ServiceError`` or model
    ``ValidationError``) on the form, beside what the user typed. Anything else is a bug and
    propagates. ``also`` names further refusal types of code not yet on ``ServiceError``. A form
    guarded by ``core.concurrency.guard_form`` is checked first, in the same transaction: a record
    changed since the form was opened is refused with the changes (``StaleEdit``)."""
    guard = getattr(form, "stale_guard", None)  # core.concurrency.guard_form
    try:
        with transaction.atomic():
            if guard is not None:
                guard.check()
            return True, service(**kwargs)
    except (ValidationError, ServiceError, *also) as refusal:
        add_refusal(form, refusal)
        return False, None
