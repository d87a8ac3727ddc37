"""The pages: 我的期限, the commission's list, a deadline with its waive form, the inbox, the .ics
feed and the home page's 待办 — each with its permission rows."""

import pytest
import time_machine
from django.urls import reverse

from deadlines import services
from deadlines.models import CalendarFeed, Deadline, InboxMessage

from .conftest import at

pytestmark = pytest.mark.django_db

NOW = at("2026-03-05 10:00:00")


@pytest.fixture(autouse=True)
def frozen():
    with time_machine.travel(NOW, tick=False):
        yield


@pytest.fixture
def jlp_deadline(open_deadline):
    return open_deadline(due="2026-03-10 23:59:59")


@pytest.fixture
def overdue(open_deadline):
    d = open_deadline(
        kind="handover",
        title="九龙坡区中医院：移交质控资料",
        institution="九龙坡区中医院",
        due="2026-03-01 23:59:59",
    )
    return services.deadline_mark_overdue(deadline=d)


# --- permissions: every view ---------------------------------------------------------------


@pytest.mark.parametrize("name", ["deadlines:mine", "deadlines:list", "deadlines:inbox"])
def test_pages_need_login(client, world, name):
    response = client.get(reverse(name))
    assert response.status_code == 302 and reverse("login") in response["Location"]


@pytest.mark.parametrize("name,method", [("deadlines:detail", "get"), ("deadlines:waive", "post")])
def test_deadline_views_need_login(client, jlp_deadline, name, method):
    response = getattr(client, method)(reverse(name, kwargs={"pk": jlp_deadline.pk}))
    assert response.status_code == 302 and reverse("login") in response["Location"]


@pytest.mark.parametrize(
    "owner,stranger",
    [
        ("jlp_commission", "jn_commission"),
        ("cq_commission", "qp_commission"),  # the city (municipality) above sees the district's
        ("jlp_host", "jlp_scorer"),  # the hospital responsible, not another one
        ("jlp_auditor", "jn_auditor"),
    ],
)
def test_a_deadline_of_another_jurisdiction_or_hospital_is_404(client_of, jlp_deadline, owner, stranger):
    url = reverse("deadlines:detail", kwargs={"pk": jlp_deadline.pk})
    assert client_of(stranger).get(url).status_code == 404
    assert client_of(owner).get(url).status_code == 200
    # an auditor's write is refused before any record is looked up (core/middleware.py): the same 403
    # for any id, so it tells nothing of this one
    refused = 403 if stranger.endswith("_auditor") else 404
    assert (
        client_of(stranger)
        .post(reverse("deadlines:waive", kwargs={"pk": jlp_deadline.pk}), {"reason": "x"})
        .status_code
        == refused
    )


@pytest.mark.parametrize(
    "username", ["jlp_commission", "jlp_qc_office", "jlp_auditor", "cq_district_reviewer", "admin"]
)
def test_staff_and_auditors_see_the_jurisdiction_list(client_of, username):
    assert client_of(username).get(reverse("deadlines:list")).status_code == 200


@pytest.mark.parametrize("username", ["jlp_host", "jlp_expert", "jlp_scorer"])
def test_hospitals_and_experts_do_not_see_the_jurisdiction_list(client_of, username):
    assert client_of(username).get(reverse("deadlines:list")).status_code == 403


@pytest.mark.parametrize("username", ["jlp_commission", "jlp_host", "jlp_expert", "jlp_auditor", "admin"])
def test_everyone_has_their_own_deadlines_and_inbox(client_of, username):
    assert client_of(username).get(reverse("deadlines:mine")).status_code == 200
    assert client_of(username).get(reverse("deadlines:inbox")).status_code == 200


def test_an_auditor_reads_but_cannot_waive(client_of, jlp_deadline):
    auditor = client_of("jlp_auditor")
    page = auditor.get(reverse("deadlines:detail", kwargs={"pk": jlp_deadline.pk})).content.decode()
    assert "waive-form" not in page
    response = auditor.post(reverse("deadlines:waive", kwargs={"pk": jlp_deadline.pk}), {"reason": "审计"})
    assert response.status_code == 403
    assert Deadline.objects.get(pk=jlp_deadline.pk).state == Deadline.State.OPEN


def test_a_hospital_cannot_waive_its_own_deadline(client_of, jlp_deadline):
    response = client_of("jlp_host").post(
        reverse("deadlines:waive", kwargs={"pk": jlp_deadline.pk}), {"reason": "我们很忙"}
    )
    assert response.status_code == 403


# --- the pages ------------------------------------------------------------------------------


def test_my_deadlines_lists_mine_soonest_first_with_overdue_in_red(
    client_of, jlp_deadline, overdue, open_deadline
):
    open_deadline(
        kind="handover",
        institution="九龙坡区人民医院",
        title="九龙坡区人民医院：交接",
        due="2026-04-30 23:59:59",
    )
    page = client_of("jlp_host").get(reverse("deadlines:mine")).content.decode()
    assert page.index("更换主任委员") < page.index("九龙坡区人民医院：交接")
    assert "九龙坡区中医院" not in page  # not this hospital's
    assert "还剩 5 天" in page and "第十二条" in page
    page = client_of("jlp_commission").get(reverse("deadlines:mine")).content.decode()
    # the commission chases what is overdue in its jurisdiction
    assert "移交质控资料" in page and 'class="tag tag-red" data-testid="overdue">逾期 4 天' in page
    assert "更换主任委员" not in page


def test_the_commission_list_filters_by_state_and_kind(
    client_of, jlp_deadline, overdue, django_assert_max_num_queries
):
    c = client_of("jlp_commission")
    page = c.get(reverse("deadlines:list")).content.decode()
    assert "更换主任委员" in page and "移交质控资料" in page
    page = c.get(reverse("deadlines:list"), {"state": "overdue"}).content.decode()
    assert "更换主任委员" not in page and "移交质控资料" in page
    page = c.get(reverse("deadlines:list"), {"kind": "chair.replacement"}).content.decode()
    assert "更换主任委员" in page and "移交质控资料" not in page
    assert "移交质控资料" not in client_of("jn_commission").get(reverse("deadlines:list")).content.decode()


def test_the_commission_list_costs_the_same_queries_for_many_rows(
    client_of, open_deadline, world, django_assert_max_num_queries
):
    from accounts.models import User

    c = client_of("jlp_commission")
    for user in User.objects.filter(username__startswith="jlp_"):
        open_deadline(subject=user, title=f"{user}：事项", due="2026-03-20 23:59:59")
    with django_assert_max_num_queries(12):
        assert c.get(reverse("deadlines:list")).status_code == 200
    with django_assert_max_num_queries(12):
        assert c.get(reverse("deadlines:mine")).status_code == 200


def test_waive_needs_a_reason_and_keeps_the_input(client_of, jlp_deadline):
    c = client_of("jlp_commission")
    url = reverse("deadlines:waive", kwargs={"pk": jlp_deadline.pk})
    page = c.post(url, {"reason": "   "}).content.decode()
    assert "请填写豁免理由。" in page and 'data-testid="form-errors"' in page
    assert Deadline.objects.get(pk=jlp_deadline.pk).state == Deadline.State.OPEN
    response = c.post(url, {"reason": "该中心已撤销，无需更换主任委员"})
    assert response.status_code == 302
    page = c.get(response["Location"]).content.decode()
    assert "已豁免" in page and "该中心已撤销，无需更换主任委员" in page


def test_a_long_reason_is_refused_and_kept(client_of, jlp_deadline):
    reason = "理" * 2001
    page = (
        client_of("jlp_commission")
        .post(reverse("deadlines:waive", kwargs={"pk": jlp_deadline.pk}), {"reason": reason})
        .content.decode()
    )
    assert 'data-testid="form-errors"' in page and reason in page


def test_the_inbox_lists_messages_and_marks_them_read(client_of, user_of, jlp_deadline):
    host = user_of("jlp_host")
    services.deadlines_sweep(now=NOW)
    message = InboxMessage.objects.get(user=host)
    other = InboxMessage.objects.create(user=user_of("jn_host"), title="别人的消息")
    c = client_of("jlp_host")
    page = c.get(reverse("deadlines:inbox")).content.decode()
    assert message.title in page and "别人的消息" not in page and 'data-testid="unread">1<' in page
    assert c.post(reverse("deadlines:inbox_read", kwargs={"pk": other.pk})).status_code == 404
    response = c.post(reverse("deadlines:inbox_read", kwargs={"pk": message.pk}), {"open": "1"})
    assert response["Location"] == reverse("deadlines:detail", kwargs={"pk": jlp_deadline.pk})
    assert InboxMessage.objects.get(pk=message.pk).read_at is not None
    assert InboxMessage.objects.get(pk=other.pk).read_at is None


def test_mark_all_read(client_of, user_of):
    host = user_of("jlp_host")
    for i in range(3):
        InboxMessage.objects.create(user=host, title=f"消息{i}")
    client_of("jlp_host").post(reverse("deadlines:inbox_read_all"))
    assert not InboxMessage.objects.filter(user=host, read_at__isnull=True).exists()


def test_open_deadlines_are_on_the_todo_list_with_due_date_and_article(user_of, jlp_deadline, overdue):
    import datetime as dt

    from core.todos import _providers
    from deadlines.todos import deadline_todos

    assert deadline_todos in _providers
    [todo] = deadline_todos(user_of("jlp_host"))
    assert (todo.title, todo.due, todo.article, todo.area) == (
        "九龙坡区人民医院：更换主任委员",
        dt.date(2026, 3, 10),
        "第十二条",
        "专家委员会",
    )
    assert todo.url == reverse("deadlines:detail", kwargs={"pk": jlp_deadline.pk})
    assert [t.title for t in deadline_todos(user_of("jlp_commission"))] == [
        "【已逾期】九龙坡区中医院：移交质控资料"
    ]
    services.deadline_meet(deadline=jlp_deadline)
    assert deadline_todos(user_of("jlp_host")) == []


# --- the calendar feed ----------------------------------------------------------------------


def test_the_feed_works_without_a_session_and_a_wrong_token_is_404(client, client_of, user_of, jlp_deadline):
    page = client_of("jlp_host").get(reverse("deadlines:mine")).content.decode()
    token = CalendarFeed.objects.get(user=user_of("jlp_host")).token
    url = reverse("deadlines:feed", kwargs={"token": token})
    assert url in page
    response = client.get(url)
    assert response.status_code == 200 and response["Content-Type"].startswith("text/calendar")
    body = response.content.decode()
    assert body.startswith("BEGIN:VCALENDAR\r\n") and body.endswith("END:VCALENDAR\r\n")
    assert f"UID:deadline-{jlp_deadline.pk}@testserver" in body
    assert "DTSTART:20260310T155959Z" in body  # 23:59:59 Shanghai
    assert "TRIGGER:-P7D" in body and "TRIGGER:-P1D" in body
    assert all(len(line.encode()) <= 75 for line in body.split("\r\n"))
    unfolded = body.replace("\r\n ", "")
    assert "SUMMARY:九龙坡区人民医院：更换主任委员" in unfolded and "依据 第十二条" in unfolded
    assert client.get(reverse("deadlines:feed", kwargs={"token": token + "x"})).status_code == 404


def test_resetting_the_feed_cuts_off_the_old_address(client, client_of, user_of):
    c = client_of("jlp_host")
    c.get(reverse("deadlines:mine"))
    old = CalendarFeed.objects.get(user=user_of("jlp_host")).token
    c.post(reverse("deadlines:feed_reset"))
    new = CalendarFeed.objects.get(user=user_of("jlp_host")).token
    assert new != old
    assert client.get(reverse("deadlines:feed", kwargs={"token": old})).status_code == 404
    assert client.get(reverse("deadlines:feed", kwargs={"token": new})).status_code == 200


def test_the_feed_holds_only_the_users_own_deadlines(client, user_of, jlp_deadline, overdue):
    feed = services.calendar_feed_for(user=user_of("jlp_scorer"))
    body = (
        client.get(reverse("deadlines:feed", kwargs={"token": feed.token}))
        .content.decode()
        .replace("\r\n ", "")
    )
    assert "移交质控资料" in body and "更换主任委员" not in body
