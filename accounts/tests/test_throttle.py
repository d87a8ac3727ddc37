"""Issue 15 item 6 — 等保 2.0 (GB/T 22239-2019 8.1.4.1) 登录失败处理 without a way to lock someone
else out: a per-address throttle, a per-account lock that only binds the address that failed, a
slower retry (never a lock) for an account attacked from many addresses, the administrator's view
and release — on the login page and the API token endpoint alike."""

import pytest
from django.conf import settings
from django.test import Client
from django.urls import reverse
from rest_framework.test import APIClient

from accounts.models import LoginFailure
from audit.models import SecurityEvent

pytestmark = pytest.mark.django_db


def login(username, password, ip="10.0.0.1", **extra):
    client = Client(REMOTE_ADDR=ip, **extra)
    response = client.post(reverse("login"), {"username": username, "password": password})
    return response, client


def logged_in(client):
    return "_auth_user_id" in client.session


def test_wrong_passwords_from_another_address_do_not_lock_the_owner_out(world, demo_password):
    for _ in range(settings.LOGIN_LOCKOUT_FAILURES + 1):
        login("jlp_commission", "wrong", ip="203.0.113.9")
    attacker, _ = login("jlp_commission", demo_password, ip="203.0.113.9")
    assert "账号已临时锁定" in attacker.content.decode()  # the address that failed is locked
    _, owner = login("jlp_commission", demo_password, ip="10.0.0.1")
    assert logged_in(owner)


def test_an_address_that_fails_on_many_accounts_is_throttled_for_all(world, demo_password):
    usernames = [
        "jlp_host",
        "jlp_scorer",
        "jlp_expert",
        "jlp_auditor",
        "jlp_qc_office",
        "cq_host",
        "cq_expert",
    ]
    for n in range(settings.LOGIN_ADDRESS_FAILURES):
        login(usernames[n % len(usernames)], "wrong", ip="198.51.100.7")
    response, client = login("jn_host", demo_password, ip="198.51.100.7")
    assert not logged_in(client) and "此地址登录失败次数过多" in response.content.decode()
    _, elsewhere = login("jn_host", demo_password, ip="10.0.0.2")
    assert logged_in(elsewhere)


def test_a_forged_forwarded_for_header_does_not_escape_the_address_throttle(world, demo_password):
    for n in range(settings.LOGIN_ADDRESS_FAILURES):
        login(f"guess{n}", "wrong", ip="198.51.100.8", HTTP_X_FORWARDED_FOR=f"192.0.2.{n}")
    _, client = login("jn_host", demo_password, ip="198.51.100.8", HTTP_X_FORWARDED_FOR="192.0.2.250")
    assert not logged_in(client)


def test_a_spread_out_attack_slows_the_account_but_the_owner_gets_in(world, demo_password, time_machine):
    time_machine.move_to("2026-11-23 09:00 +08:00", tick=False)
    for n in range(settings.LOGIN_ACCOUNT_SLOWDOWN_FAILURES):
        login("jn_commission", "wrong", ip=f"192.0.2.{n + 1}")
    response, client = login("jn_commission", demo_password, ip="10.0.0.3")
    assert not logged_in(client) and "每次尝试需间隔片刻" in response.content.decode()
    # the refused try did not extend anything: after the pause the owner is in
    time_machine.shift(settings.LOGIN_SLOW_RETRY_SECONDS + 1)
    _, client = login("jn_commission", demo_password, ip="10.0.0.3")
    assert logged_in(client)


def test_attempts_refused_while_locked_do_not_extend_the_lock(world, demo_password, time_machine):
    time_machine.move_to("2026-11-23 09:00 +08:00", tick=False)
    for _ in range(settings.LOGIN_LOCKOUT_FAILURES):
        login("jlp_qc_office", "wrong")
    time_machine.shift(60 * (settings.LOGIN_LOCKOUT_MINUTES - 1))
    login("jlp_qc_office", "wrong")  # refused unchecked, recorded as an event only
    assert LoginFailure.objects.filter(username="jlp_qc_office").count() == settings.LOGIN_LOCKOUT_FAILURES
    time_machine.shift(60 * 2)
    _, client = login("jlp_qc_office", demo_password)
    assert logged_in(client)


def test_the_administrator_sees_the_lock_and_lifts_it(world, demo_password, client_of):
    for _ in range(settings.LOGIN_LOCKOUT_FAILURES):
        login("cq_qc_office", "wrong", ip="10.9.9.9")
    admin = client_of("admin")
    page = admin.get(reverse("lockouts")).content.decode()
    assert "cq_qc_office" in page and "10.9.9.9" in page and "解除锁定" in page
    auditor_page = client_of("cq_auditor").get(reverse("lockouts")).content.decode()
    assert "cq_qc_office" in auditor_page and 'data-testid="release"' not in auditor_page
    assert client_of("cq_auditor").post(reverse("lockouts"), {"username": "cq_qc_office"}).status_code == 403
    assert client_of("cq_commission").get(reverse("lockouts")).status_code == 403
    response = admin.post(reverse("lockouts"), {"username": "cq_qc_office", "ip": "10.9.9.9"})
    assert response.status_code == 302
    assert "cq_qc_office" not in admin.get(reverse("lockouts")).content.decode()
    event = SecurityEvent.objects.get(kind="unlocked")
    assert event.username == "admin" and event.detail["released_username"] == "cq_qc_office"
    _, client = login("cq_qc_office", demo_password, ip="10.9.9.9")
    assert logged_in(client)


def test_the_api_token_endpoint_follows_the_same_rules(world, demo_password):
    attacker = APIClient(REMOTE_ADDR="203.0.113.20")
    for _ in range(settings.LOGIN_LOCKOUT_FAILURES):
        attacker.post("/api/v1/auth/token/", {"username": "hn_host", "password": "wrong"}, format="json")
    refused = attacker.post(
        "/api/v1/auth/token/", {"username": "hn_host", "password": demo_password}, format="json"
    )
    assert refused.status_code == 400
    owner = APIClient(REMOTE_ADDR="10.0.0.4")
    assert (
        owner.post(
            "/api/v1/auth/token/", {"username": "hn_host", "password": demo_password}, format="json"
        ).status_code
        == 200
    )
    for n in range(settings.LOGIN_ADDRESS_FAILURES):
        attacker.post("/api/v1/auth/token/", {"username": f"nobody{n}", "password": "wrong"}, format="json")
    assert (
        attacker.post(
            "/api/v1/auth/token/", {"username": "hn_commission", "password": demo_password}, format="json"
        ).status_code
        == 400
    )
