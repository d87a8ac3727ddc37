"""The centres' 待办: each row says when it is due."""

import pytest

from .factories import ApplicationFactory

pytestmark = pytest.mark.django_db


def test_the_hosts_draft_application_todo_shows_the_calls_deadline(world, user_of):
    """Issue 13: every 待办 row shows its due date, the host's draft application included."""
    from django.utils import timezone

    from core.todos import todos_for

    application = ApplicationFactory()  # a draft of 九龙坡区人民医院, whose user is jlp_host
    [todo] = [t for t in todos_for(user_of("jlp_host")) if application.call.title in t.title]
    assert todo.due == timezone.localdate(application.call.application_deadline)
