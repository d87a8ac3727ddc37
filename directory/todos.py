from django.db.models import Q
from django.urls import reverse
from django.utils.translation import gettext as _

from accounts.models import Role
from core.pagination import capped_count
from core.todos import Todo, todo_provider

from .models import Person


@todo_provider
def directory_todos(user):
    todos = []
    if user.role == Role.EXPERT and user.person_id:
        person = user.person
        missing = [
            label
            for field, label in (
                ("mobile", _("手机号")),
                ("title", _("职称")),
                ("specialty", _("专业")),
                ("title_obtained_on", _("取得职称时间")),
            )
            if not getattr(person, field)
        ]
        if missing:
            todos.append(
                Todo(
                    title=_("完善专家档案：缺少%(fields)s") % {"fields": _("、").join(missing)},
                    url=reverse("directory:profile"),
                    article="重庆全科 四、(一)1.",
                    area=_("专家"),
                )
            )
    if user.may_edit_directory:
        # Counted up to a cap (core/pagination.py) through the partial index of incomplete people:
        # the home page of a province's commission does not count 100,000 people on each load.
        incomplete, more = capped_count(
            Person.objects.for_user(user).filter(
                Q(title_level=Person.TitleLevel.NONE) | Q(title_obtained_on__isnull=True)
            ),
            cap=999,
        )
        if incomplete:
            shown = f"{incomplete}+" if more else str(incomplete)
            todos.append(
                Todo(
                    title=_("%(shown)s 名人员的职称信息不完整") % {"shown": shown},
                    url=reverse("directory:person_list"),
                    area=_("名录"),
                )
            )
    return todos
