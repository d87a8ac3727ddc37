"""The home page (issue 13): what to do, and with nothing to do, what one can do and where;
menu titles that do not repeat their only item; messages as toasts from a static script."""

import datetime as dt

import pytest
from django.urls import reverse

from core import todos as todo_registry
from core.todos import Todo

pytestmark = pytest.mark.django_db


@pytest.fixture
def a_todo():
    def provider(user):
        if user.username != "jlp_host":
            return []
        return [
            Todo(
                title="提交申报材料",
                url="/centres/",
                due=dt.date(2026, 12, 15),
                area="质控中心",
                action="去申报",
            ),
            Todo(title="完善专家档案", url="/directory/profile/"),
        ]

    todo_registry._providers.append(provider)
    yield
    todo_registry._providers.remove(provider)


def test_someone_with_nothing_to_do_sees_what_they_can_do_and_where(client_of):
    html = client_of("jlp_expert").get(reverse("home")).content.decode()
    assert 'data-testid="no-todos"' in html and 'class="badge"' not in html
    shortcuts = html.split('data-testid="shortcuts"', 1)[1]
    assert reverse("directory:profile") in shortcuts and "完善您的专家档案" in shortcuts
    assert reverse("workdays:calculator") in shortcuts
    assert reverse("directory:person_list") not in shortcuts  # not offered to an expert


def test_each_todo_shows_its_due_date_and_offers_its_action(client_of, a_todo):
    html = client_of("jlp_host").get(reverse("home")).content.decode()
    table = html.split('data-testid="todos"', 1)[1].split("</table>", 1)[0]
    assert "2026-12-15" in table and "无期限" in table
    assert 'data-testid="todo-action">去申报</a>' in table and 'data-testid="todo-action">去办理</a>' in table


def test_menu_group_titles_do_not_repeat_their_only_item(client_of):
    html = client_of("jlp_expert").get(reverse("home")).content.decode()
    nav = html.split('class="sidenav"', 1)[1].split("</nav>", 1)[0]
    assert '<div class="nav-section">工作台</div>' not in nav
    assert '<div class="nav-section">期限</div>' in nav  # a group of several keeps its title


def test_messages_are_toasts_that_fade_but_errors_stay(rf, user_of):
    """A success fades (data-sticky=0, static/core/app.js); an error or warning stays until closed."""
    from django.contrib.messages import constants
    from django.contrib.messages.storage.fallback import FallbackStorage
    from django.contrib.sessions.backends.db import SessionStore

    request = rf.get("/")
    request.user = user_of("admin")
    request.session = SessionStore()
    request._messages = FallbackStorage(request)
    request._messages.add(constants.SUCCESS, "已保存")
    request._messages.add(constants.ERROR, "保存失败")
    from django.template import engines

    html = engines["django"].from_string('{% extends "base.html" %}').render(request=request)
    success = html.split("已保存", 1)[0].rsplit("<div", 1)[1]
    error = html.split("保存失败", 1)[0].rsplit("<div", 1)[1]
    assert 'data-sticky="0"' in success and 'role="status"' in success
    assert 'data-sticky="1"' in error and 'role="alert"' in error


def test_no_page_has_an_inline_script(client_of):
    html = client_of("admin").get(reverse("home")).content.decode()
    assert "onclick=" not in html and "<script>" not in html and "core/app.js" in html
