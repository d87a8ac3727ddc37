"""The system administrator is told before the working-day calendar runs out: beyond its last
year every notice period is refused (never guessed) until the new year's holidays are entered."""

from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _

from core.todos import Todo, todo_provider

from .calendar import covered_years

WARN_FROM_MONTH = 10  # the State Council announces next year's holidays in the autumn


@todo_provider
def calendar_todos(user):
    if not user.is_sysadmin:
        return []
    today = timezone.localdate()
    if today.month < WARN_FROM_MONTH or today.year + 1 in covered_years():
        return []
    return [
        Todo(
            title=_("录入%(next_year)s年节假日安排：工作日日历仅覆盖至%(year)s年，跨年的公示期将无法计算")
            % {"next_year": today.year + 1, "year": today.year},
            url=reverse("workdays:import_notice"),
            due=today.replace(month=12, day=31),
            area=_("工作日日历"),
            action=_("粘贴通知录入"),
        )
    ]
