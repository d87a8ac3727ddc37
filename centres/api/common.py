"""What the centres viewsets share: who may send a write at all, the refusals of a missing rule set
or calendar year, the scoped 404 (on record), and reading the body of a request."""

from __future__ import annotations

from django.http import Http404
from rest_framework.exceptions import ErrorDetail, ValidationError

from accounts.models import Role
from audit.models import SecurityEvent
from audit.services import security_event_record
from core.errors import WrongState
from core.scoping import get_scoped_or_404
from rulesets.selectors import NoRuleSetInForce
from workdays.calendar import CalendarNotCovered

from .. import error_codes as codes

# Who may send a write at all; the services decide who may take each step (centres/policies.py).
OFFICE_ROLES = {Role.COMMISSION, Role.QC_OFFICE, Role.SYSADMIN}
APPLICATION_ROLES = {
    Role.HOST_SUBMITTER,
    Role.COMMISSION,
    Role.QC_OFFICE,
    Role.DISTRICT_REVIEWER,
    Role.SYSADMIN,
}
PANEL_ROLES = {Role.COMMISSION, Role.QC_OFFICE, Role.EXPERT, Role.SYSADMIN}


class ServiceRefusals:
    """The services refuse with core.errors (RuleRefusal 400, NotAllowed 403 recorded, WrongState
    409…), mapped by core/api/errors.py; here a missing rule set or holiday calendar becomes a
    409 with its own code, as the browser shows them."""

    def handle_exception(self, exc):
        if isinstance(exc, NoRuleSetInForce):
            exc = WrongState(codes.NO_RULESET, str(exc) or "该辖区尚未配置适用的规则集。")
        elif isinstance(exc, CalendarNotCovered):
            exc = WrongState(codes.CALENDAR_NOT_COVERED, str(exc))
        return super().handle_exception(exc)

    def get_object(self):
        """A row outside the user's scope is a 404, and the attempt is on record (等保 2.0), as
        core.scoping.get_scoped_or_404 does for the pages."""
        try:
            return super().get_object()
        except Http404:
            pk = self.kwargs.get(self.lookup_url_kwarg or self.lookup_field)
            model = self.get_queryset().model
            if str(pk).isdigit() and model._default_manager.filter(pk=pk).exists():
                security_event_record(
                    kind=SecurityEvent.Kind.REFUSED,
                    request=self.request,
                    model=model._meta.label,
                    lookup={"pk": str(pk)},
                )
            raise


def parent_row(request, field: str, queryset):
    """The row a create hangs from, named in the body (the centre of a new call, the call of an
    application): resolved before anything else, and outside the user's scope a 404, exactly as
    if it were in the URL."""
    try:
        pk = int(request.data.get(field))
    except (TypeError, ValueError):
        raise ValidationError({field: [ErrorDetail("请填写有效的编号。", code="required")]}) from None
    return get_scoped_or_404(request, queryset, pk=pk)
