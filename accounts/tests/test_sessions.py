"""Sessions end (等保 2.0 GB/T 22239-2019 8.1.4.1 b 登录连接超时自动退出): after an absolute
time however active, and at once for every session and API token of an account that is disabled or
whose password changes — by any path (the admin site, a command, a service)."""

import pytest
from django.contrib.sessions.models import Session
from django.test import Client
from django.urls import reverse
from rest_framework.authtoken.models import Token
from rest_framework.test import APIClient

from accounts.models import User
from audit.models import SecurityEvent

pytestmark = pytest.mark.django_db


def logged_in(username: str, demo_password: str) -> Client:
    client = Client()
    assert client.post(reverse("login"), {"username": username, "password": demo_password}).status_code == 302
    return client


def test_absolute_timeout_ends_an_active_session(world, demo_password, settings, time_machine):
    settings.SESSION_ABSOLUTE_SECONDS = 8 * 60 * 60
    time_machine.move_to("2026-11-23 08:00 +08:00", tick=False)
    client = logged_in("jn_host", demo_password)
    for _ in range(24):  # active all day: a request every 20 minutes, for 8 hours
        time_machine.shift(20 * 60)
        assert client.get("/").status_code == 200
    time_machine.shift(20 * 60)  # idle 20 minutes only, but 8 h 20 since the login
    response = client.get("/")
    assert response.status_code == 302 and response["Location"].startswith(reverse("login"))
    assert SecurityEvent.objects.filter(kind="logout", username="jn_host").exists()


def test_idle_timeout_still_ends_a_session(world, demo_password, settings, time_machine):
    time_machine.move_to("2026-11-23 08:00 +08:00", tick=False)
    client = logged_in("jn_host", demo_password)
    time_machine.shift(settings.SESSION_COOKIE_AGE + 1)
    assert client.get("/").status_code == 302


@pytest.mark.parametrize("change", ["disable", "password"])
def test_disabling_or_a_new_password_ends_every_session_and_token(world, demo_password, change):
    browser, other_browser = logged_in("jn_host", demo_password), logged_in("jn_host", demo_password)
    bystander = logged_in("jn_commission", demo_password)
    token = APIClient().post("/api/v1/auth/token/", {"username": "jn_host", "password": demo_password})
    api = APIClient(HTTP_AUTHORIZATION=f"Token {token.json()['token']}")
    assert api.get("/api/v1/me/").status_code == 200
    user = User.objects.get(username="jn_host")
    if change == "disable":
        user.is_active = False
    else:
        user.set_password("Another@2026qc")
    user.save()
    assert browser.get("/").status_code == 302 and other_browser.get("/").status_code == 302
    assert api.get("/api/v1/me/").status_code == 401
    assert not Token.objects.filter(user=user).exists()
    assert bystander.get("/").status_code == 200
    assert SecurityEvent.objects.filter(kind="sessions_ended", username="jn_host").count() == 1
    owners = [str(s.get_decoded().get("_auth_user_id")) for s in Session.objects.all()]
    assert str(user.pk) not in owners


def test_a_login_saving_last_login_ends_nothing(world, demo_password):
    first = logged_in("jn_host", demo_password)
    logged_in("jn_host", demo_password)  # saves last_login (update_fields): not a credential change
    assert first.get("/").status_code == 200
    assert not SecurityEvent.objects.filter(kind="sessions_ended", username="jn_host").exists()
