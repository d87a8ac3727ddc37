"""Open deadlines on the home page's 待办 list, with their due date and article."""

from django.urls import reverse
from django.utils.translation import gettext as _

from core.todos import Todo, todo_provider

from . import kinds, selectors
from .dates import local_date
from .models import Deadline

MAX_TODOS = 50


@todo_provider
def deadline_todos(user):
    todos = []
    for d in selectors.my_deadlines(user=user)[:MAX_TODOS]:
        try:
            area = kinds.get(d.kind).area
        except kinds.UnknownKind:
            area = _("期限")
        title = (
            _("【已逾期】%(title)s") % {"title": d.title} if d.state == Deadline.State.OVERDUE else d.title
        )
        todos.append(
            Todo(
                title=title,
                url=reverse("deadlines:detail", kwargs={"pk": d.pk}),
                due=local_date(d.due_at),
                article=d.article,
                area=area,
            )
        )
    return todos
