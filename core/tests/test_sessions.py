"""等保 2.0 idle timeout without a session write on every request (core/sessions.py)."""

import pytest
from django.conf import settings
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from accounts.models import User

pytestmark = pytest.mark.django_db


def _session_writes(client, url):
    with CaptureQueriesContext(connection) as ctx:
        assert client.get(url).status_code == 200
    return [
        q["sql"]
        for q in ctx.captured_queries
        if "django_session" in q["sql"] and q["sql"].lstrip().upper().startswith(("UPDATE", "INSERT"))
    ]


@pytest.fixture
def logged_in(world, client, demo_password, time_machine):
    time_machine.move_to("2026-11-23 09:00 +08:00", tick=False)
    client.post(reverse("login"), {"username": "jlp_commission", "password": demo_password})
    return client


def test_requests_close_together_do_not_write_the_session(logged_in, time_machine):
    assert _session_writes(logged_in, reverse("home")) == []
    time_machine.shift(settings.SESSION_REFRESH_SECONDS - 5)
    assert _session_writes(logged_in, reverse("home")) == []


def test_a_request_after_the_refresh_interval_moves_the_expiry(logged_in, time_machine):
    from django.contrib.sessions.models import Session

    before = Session.objects.get().expire_date
    time_machine.shift(settings.SESSION_REFRESH_SECONDS + 1)
    assert len(_session_writes(logged_in, reverse("home"))) == 1
    assert Session.objects.get().expire_date > before


def test_an_active_user_stays_logged_in_past_the_idle_age(logged_in, time_machine):
    """等保 2.0 身份鉴别: the timeout counts idle time, so a user who keeps working is not logged out."""
    step = settings.SESSION_COOKIE_AGE // 3
    for _ in range(6):  # twice the idle age in all
        time_machine.shift(step)
        assert logged_in.get(reverse("home")).status_code == 200


def test_an_idle_session_still_ends_within_the_idle_age(logged_in, time_machine):
    """等保 2.0 身份鉴别: idle for the whole age (counted from the last request, even one that
    did not write the session) means logged out."""
    time_machine.shift(settings.SESSION_REFRESH_SECONDS - 5)
    assert logged_in.get(reverse("home")).status_code == 200  # a request that did not write
    time_machine.shift(settings.SESSION_COOKIE_AGE)
    assert logged_in.get(reverse("home")).status_code == 302


def test_a_change_to_the_session_is_always_saved(logged_in, time_machine):
    session = logged_in.session
    session["marker"] = "x"
    session.save()
    assert logged_in.session["marker"] == "x"
    # and logging out deletes it whatever the interval
    logged_in.post(reverse("logout"))
    assert logged_in.get(reverse("home")).status_code == 302


def test_persistent_connections_with_health_checks():
    # (read from the settings module: a live-server test sets the runtime value to 0 for its thread)
    from qc_admin.settings import base

    assert base.DB_CONN_MAX_AGE > 0 and settings.DATABASES["default"]["CONN_HEALTH_CHECKS"] is True


def test_a_read_only_page_carries_no_audit_context_but_a_change_does(world, client_of, api_of):
    """GETs skip pghistory's per-query context; a change made by a request still names its user."""
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    from audit.selectors import record_history
    from directory.models import Person

    with CaptureQueriesContext(connection) as ctx:
        assert client_of("jlp_commission").get(reverse("directory:person_list")).status_code == 200
    assert not any("pghistory.context_id" in q["sql"] for q in ctx.captured_queries)
    zhang = Person.objects.get(name="张建国")
    assert (
        api_of("jlp_commission")
        .patch(f"/api/v1/people/{zhang.pk}/", {"specialty": "全科医学"}, format="json")
        .status_code
        == 200
    )
    last = record_history(Person.objects.get(pk=zhang.pk))[-1]
    assert last.actor == str(User.objects.get(username="jlp_commission"))
