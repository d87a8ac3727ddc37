"""The second factor (等保 2.0 GB/T 22239-2019 8.1.4.1 d 两种或两种以上组合的鉴别技术): TOTP and
recovery codes through django-otp, for commission staff and system administrators when the
deployment switches it on (OTP_REQUIRED); nothing changes for anyone when it is off."""

import re

import pytest
from django.test import Client
from django.urls import reverse
from django_otp.oath import TOTP
from django_otp.plugins.otp_totp.models import TOTPDevice
from rest_framework.authtoken.models import Token
from rest_framework.test import APIClient

from accounts import second_factor
from accounts.models import User
from audit.models import SecurityEvent

pytestmark = pytest.mark.django_db

PAGES = ["/", "/centres/", "/directory/institutions/", "/audit/security-events/", "/admin/"]


@pytest.fixture
def otp_on(settings, time_machine):
    settings.OTP_REQUIRED = True
    time_machine.move_to("2026-11-23 09:00 +08:00", tick=False)
    return settings


def code(device: TOTPDevice, steps_ahead: int = 0) -> str:
    totp = TOTP(device.bin_key, device.step, device.t0, device.digits, device.drift)
    totp.time = totp.time + steps_ahead * device.step
    return f"{totp.token():0{device.digits}d}"


def enrolled(username: str) -> TOTPDevice:
    user = User.objects.get(username=username)
    device = TOTPDevice.objects.create(user=user, name="default", confirmed=True)
    second_factor.recovery_codes_issue(user=user)
    return device


def password_login(username: str, demo_password: str) -> Client:
    client = Client()
    assert client.post(reverse("login"), {"username": username, "password": demo_password}).status_code == 302
    return client


def test_off_by_default_nothing_changes(world, demo_password):
    client = password_login("jlp_commission", demo_password)
    assert client.get("/").status_code == 200
    token = APIClient().post("/api/v1/auth/token/", {"username": "admin", "password": demo_password})
    assert token.status_code == 200 and token.json()["token"]


@pytest.mark.parametrize("username", ["jlp_commission", "admin"])
@pytest.mark.parametrize("path", PAGES)
def test_required_roles_reach_no_page_before_enrolling(otp_on, world, demo_password, username, path):
    client = password_login(username, demo_password)
    response = client.get(path)
    assert response.status_code == 302 and response["Location"].startswith(reverse("otp_setup"))


@pytest.mark.parametrize("path", PAGES)
def test_enrolled_user_reaches_no_page_before_the_code(otp_on, world, demo_password, path):
    enrolled("jlp_commission")
    client = password_login("jlp_commission", demo_password)
    response = client.get(path)
    assert response.status_code == 302 and response["Location"].startswith(reverse("otp_verify"))


def test_session_api_refused_before_the_code(otp_on, world, demo_password):
    client = password_login("jlp_commission", demo_password)
    response = client.get("/api/v1/me/")
    assert response.status_code == 403 and response.json()["code"] == "second_factor_required"
    assert client.post("/centres/", {}).status_code == 302  # a crafted POST is sent to enrol too


@pytest.mark.parametrize("username", ["jlp_qc_office", "jn_host", "jlp_expert", "jlp_auditor"])
def test_other_roles_are_not_asked(otp_on, world, demo_password, username):
    client = password_login(username, demo_password)
    assert client.get("/").status_code == 200


def test_enrolment_shows_a_local_qr_code_then_recovery_codes_once(otp_on, world, demo_password, time_machine):
    client = password_login("jlp_commission", demo_password)
    page = client.get(reverse("otp_setup")).content.decode()
    assert "<svg" in page and "<path" in page  # drawn here, no image from elsewhere
    assert not re.search(r"(src|href)=\"https?://", page)
    device = TOTPDevice.objects.get(user__username="jlp_commission", confirmed=False)
    assert client.post(reverse("otp_setup"), {"token": "000000"}).status_code == 200
    assert not TOTPDevice.objects.get(pk=device.pk).confirmed
    time_machine.shift(5)  # django-otp makes the next try after a failure wait
    response = client.post(reverse("otp_setup"), {"token": code(device)})
    codes = re.findall(r"<li>([a-z2-7]{8})</li>", response.content.decode())
    assert len(codes) == 10
    assert client.get("/").status_code == 200  # verified by the enrolment itself
    again = client.get(reverse("otp_setup")).content.decode()
    assert not any(c in again for c in codes)  # shown once
    assert SecurityEvent.objects.filter(kind="second_factor", username="jlp_commission").exists()


def test_code_after_password_lets_the_user_in(otp_on, world, demo_password, time_machine):
    device = enrolled("jlp_commission")
    client = password_login("jlp_commission", demo_password)
    wrong = client.post(reverse("otp_verify"), {"token": "123456", "next": "/centres/"})
    assert wrong.status_code == 200 and "验证码不正确" in wrong.content.decode()
    time_machine.shift(5)  # django-otp makes the next try after a failure wait (1 s, then doubling)
    response = client.post(reverse("otp_verify"), {"token": code(device), "next": "/centres/"})
    assert response.status_code == 302 and response["Location"] == "/centres/"
    assert client.get("/centres/").status_code == 200


def test_verify_does_not_redirect_elsewhere(otp_on, world, demo_password):
    device = enrolled("jlp_commission")
    client = password_login("jlp_commission", demo_password)
    response = client.post(reverse("otp_verify"), {"token": code(device), "next": "https://evil.example/"})
    assert response["Location"] == reverse("home")


def test_a_recovery_code_works_once(otp_on, world, demo_password):
    enrolled("jlp_commission")
    user = User.objects.get(username="jlp_commission")
    recovery = second_factor.recovery_codes_issue(user=user)[0]
    first = password_login("jlp_commission", demo_password)
    assert first.post(reverse("otp_verify"), {"token": recovery.upper()})["Location"] == reverse("home")
    second = password_login("jlp_commission", demo_password)
    assert second.post(reverse("otp_verify"), {"token": recovery}).status_code == 200
    assert second.get("/").status_code == 302


def test_administrator_resets_a_lost_phone(otp_on, world, demo_password):
    device = enrolled("jlp_commission")
    lost = password_login("jlp_commission", demo_password)
    lost.post(reverse("otp_verify"), {"token": code(device)})
    assert lost.get("/").status_code == 200
    admin = password_login("admin", demo_password)
    admin.get(reverse("otp_setup"))
    admin.post(reverse("otp_setup"), {"token": code(TOTPDevice.objects.get(user__username="admin"))})
    page = admin.get(reverse("otp_users")).content.decode()
    assert "jlp_commission" in page
    target = User.objects.get(username="jlp_commission")
    assert admin.post(reverse("otp_users"), {"user": target.pk}).status_code == 302
    assert not TOTPDevice.objects.filter(user=target).exists()
    assert lost.get("/").status_code == 302  # their session ended with the reset
    event = SecurityEvent.objects.get(kind="second_factor", username="admin", detail__action="reset")
    assert event.detail == {"action": "reset", "target": "jlp_commission"}


def test_only_the_administrator_resets(otp_on, world, client_of):
    target = User.objects.get(username="jn_commission")
    otp_on.OTP_REQUIRED = False  # so the commission user reaches the view itself
    assert client_of("jlp_commission").post(reverse("otp_users"), {"user": target.pk}).status_code == 403
    assert client_of("jlp_auditor").get(reverse("otp_users")).status_code == 403


def test_token_endpoint_asks_for_the_code(otp_on, world, demo_password, time_machine):
    api = APIClient()
    credentials = {"username": "jlp_commission", "password": demo_password}
    not_enrolled = api.post("/api/v1/auth/token/", credentials)
    assert not_enrolled.status_code == 400 and not_enrolled.json()["code"] == "second_factor_required"
    device = enrolled("jlp_commission")
    assert api.post("/api/v1/auth/token/", credentials).json()["code"] == "second_factor_required"
    wrong = api.post("/api/v1/auth/token/", {**credentials, "otp_token": "000000"})
    assert wrong.status_code == 400 and wrong.json()["code"] == "second_factor_required"
    time_machine.shift(5)
    response = api.post("/api/v1/auth/token/", {**credentials, "otp_token": code(device)})
    assert response.status_code == 200
    me = APIClient(HTTP_AUTHORIZATION=f"Token {response.json()['token']}").get("/api/v1/me/")
    assert me.status_code == 200 and me.json()["username"] == "jlp_commission"
    # Other roles: the password alone, as before.
    host = api.post("/api/v1/auth/token/", {"username": "jn_host", "password": demo_password})
    assert host.status_code == 200


def test_a_token_from_before_the_second_factor_stops_working(otp_on, world, time_machine):
    user = User.objects.get(username="jlp_commission")
    old = Token.objects.create(user=user)
    time_machine.shift(60)
    enrolled("jlp_commission")
    response = APIClient(HTTP_AUTHORIZATION=f"Token {old.key}").get("/api/v1/me/")
    assert response.status_code == 401
