"""Login per 等保 2.0 (GB/T 22239-2019 8.1.4.1 身份鉴别, 8.1.4.3 安全审计): complex passwords,
lockout after repeated failures, idle timeout, and every login, failure and refusal recorded."""

import pytest
from django.conf import settings
from django.contrib.auth.password_validation import validate_password
from django.core.exceptions import ValidationError
from django.urls import reverse

from audit.models import SecurityEvent

pytestmark = pytest.mark.django_db


def post_login(client, username, password):
    return client.post(reverse("login"), {"username": username, "password": password})


def test_login_page_is_chinese(client):
    page = client.get(reverse("login")).content.decode()
    assert "质控中心管理平台" in page and "用户名" in page and "密码" in page


def test_good_login_lands_on_home_and_is_recorded(world, client, demo_password):
    response = post_login(client, "jlp_commission", demo_password)
    assert response.status_code == 302 and response["Location"] == reverse("home")
    assert SecurityEvent.objects.filter(kind="login", username="jlp_commission").count() == 1


def test_wrong_password_says_so_in_chinese_and_keeps_username(world, client):
    response = post_login(client, "jlp_commission", "wrong")
    page = response.content.decode()
    assert response.status_code == 200 and "用户名或密码错误" in page and 'value="jlp_commission"' in page
    assert SecurityEvent.objects.filter(kind="login_failed", username="jlp_commission").count() == 1


def test_lockout_after_repeated_failures_even_with_right_password(world, client, demo_password):
    for _ in range(settings.LOGIN_LOCKOUT_FAILURES):
        post_login(client, "jlp_qc_office", "wrong")
    response = post_login(client, "jlp_qc_office", demo_password)
    assert "账号已临时锁定" in response.content.decode()
    assert "_auth_user_id" not in client.session
    assert SecurityEvent.objects.filter(kind="locked_out", username="jlp_qc_office").count() == 1


def test_lockout_ends_after_its_window(world, client, demo_password, time_machine):
    time_machine.move_to("2026-11-23 09:00 +08:00", tick=False)
    for _ in range(settings.LOGIN_LOCKOUT_FAILURES):
        post_login(client, "jlp_qc_office", "wrong")
    time_machine.shift(60 * (settings.LOGIN_LOCKOUT_MINUTES + 1))
    assert post_login(client, "jlp_qc_office", demo_password).status_code == 302


def test_api_token_endpoint_shares_the_lockout(world, demo_password):
    from rest_framework.test import APIClient

    api = APIClient()
    for _ in range(settings.LOGIN_LOCKOUT_FAILURES):
        api.post("/api/v1/auth/token/", {"username": "jn_host", "password": "wrong"})
    response = api.post("/api/v1/auth/token/", {"username": "jn_host", "password": demo_password})
    assert response.status_code == 400 and response.json()["code"] == "invalid"


def test_token_then_api_call(world, demo_password):
    from rest_framework.test import APIClient

    token = (
        APIClient()
        .post("/api/v1/auth/token/", {"username": "jn_host", "password": demo_password})
        .json()["token"]
    )
    api = APIClient(HTTP_AUTHORIZATION=f"Token {token}")
    me = api.get("/api/v1/me/").json()
    assert me["role"] == "host_submitter" and me["scope"] == "济南市中心医院"


@pytest.mark.parametrize(
    "password,ok",
    [
        ("Zq7mLpwx", True),  # upper, lower, digit
        ("abcdefg1!", True),  # lower, digit, symbol
        ("abcdefgh1", False),  # two classes only
        ("Ab1!", False),  # too short
        ("12345678", False),  # numeric
    ],
)
def test_password_complexity(password, ok):
    if ok:
        validate_password(password)
    else:
        with pytest.raises(ValidationError):
            validate_password(password)


def test_idle_session_expires():
    # The session's age counts from the last request: an idle timeout, not an absolute one.
    assert settings.SESSION_SAVE_EVERY_REQUEST is True
    assert settings.SESSION_COOKIE_AGE <= 30 * 60


def test_idle_session_is_logged_out(world, client, demo_password, time_machine):
    time_machine.move_to("2026-11-23 09:00 +08:00", tick=False)
    post_login(client, "jlp_commission", demo_password)
    assert client.get(reverse("home")).status_code == 200
    time_machine.shift(settings.SESSION_COOKIE_AGE + 60)
    assert client.get(reverse("home")).status_code == 302
