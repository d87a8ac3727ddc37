"""Issue 15 item 5: the security headers are on every kind of response — a page, a redirect, a
form error, the product's own 403/404/500 pages, the API's JSON and errors, a static file, a
download, the calendar feed — and the Content-Security-Policy allows no inline script or style.
The product's error pages are its own, in Chinese, never Django's debug pages."""

import re
import urllib.request
from pathlib import Path

import pytest
from django.test import Client
from django.urls import include, path

from accounts.models import User
from deadlines import services as deadline_services

pytestmark = pytest.mark.django_db
ROOT = Path(__file__).resolve().parent.parent


def boom(request):
    raise RuntimeError("a bug")


urlpatterns = [path("boom/", boom), path("", include("qc_admin.urls"))]


def assert_secure(response, what):
    csp = response.headers.get("Content-Security-Policy", "")
    assert csp, what
    directives = dict(d.strip().split(" ", 1) for d in csp.split(";") if d.strip())
    assert "unsafe-inline" not in csp and "unsafe-eval" not in csp, what
    assert directives["default-src"] == "'self'" and directives["script-src"] == "'self'", what
    assert directives["style-src"] == "'self'" and directives["object-src"] == "'none'", what
    assert directives["frame-ancestors"] == "'none'", what
    assert response.headers.get("X-Content-Type-Options") == "nosniff", what
    assert response.headers.get("Referrer-Policy") == "same-origin", what
    assert response.headers.get("X-Frame-Options") == "DENY", what


@pytest.fixture
def clients(world):
    def login(username):
        c = Client(raise_request_exception=False)
        c.force_login(User.objects.get(username=username))
        return c

    return login


def test_headers_on_every_kind_of_response(clients, settings):
    settings.ROOT_URLCONF = __name__
    anonymous = Client(raise_request_exception=False)
    commission = clients("jlp_commission")
    feed = deadline_services.calendar_feed_for(user=User.objects.get(username="jlp_commission"))
    cases = {
        "login page": (anonymous.get("/accounts/login/"), 200),
        "redirect to login": (anonymous.get("/"), 302),
        "failed login (form error)": (
            anonymous.post("/accounts/login/", {"username": "x", "password": "y"}),
            200,
        ),
        "home page": (commission.get("/"), 200),
        "404 page": (commission.get("/centres/999999999/"), 404),
        "403 page": (commission.get("/audit/security-events/"), 403),
        "500 page": (commission.get("/boom/"), 500),
        "API JSON": (commission.get("/api/v1/me/"), 200),
        "API 401": (anonymous.get("/api/v1/me/"), 401),
        "API 404": (commission.get("/api/v1/centres/999999999/"), 404),
        "API 400": (commission.post("/api/v1/selection-calls/", "[]", content_type="application/json"), 400),
        "API schema": (commission.get("/api/schema/"), 200),
        "API docs": (commission.get("/api/docs/"), 200),
        "static file": (anonymous.get("/static/css/app.css"), 200),
        "calendar feed": (anonymous.get(f"/deadlines/feed/{feed.token}.ics"), 200),
        "Excel download": (commission.get("/exports/import/institutions/template/"), 200),
    }
    for what, (response, status) in cases.items():
        assert response.status_code == status, (what, response.status_code)
        assert_secure(response, what)


def test_error_pages_are_the_products_own_in_chinese(clients, settings):
    settings.ROOT_URLCONF = __name__
    commission = clients("jlp_commission")
    for url, status, text in [
        ("/centres/999999999/", 404, "记录不存在或无权访问"),
        ("/audit/security-events/", 403, "无权执行此操作"),
        ("/boom/", 500, "系统暂时出现错误"),
    ]:
        response = commission.get(url)
        body = response.content.decode()
        assert response.status_code == status and text in body, url
        assert "Traceback" not in body and "URLconf" not in body and "settings" not in body.lower(), url
        assert "质控中心管理平台" in body, url


def test_csrf_failure_is_the_products_own_page():
    c = Client(enforce_csrf_checks=True)
    response = c.post("/accounts/login/", {"username": "a", "password": "b"})
    assert response.status_code == 403 and "页面已过期" in response.content.decode()


def test_make_run_settings_are_not_debug(monkeypatch):
    """`make run` (settings.dev) never serves Django's debug pages unless DEBUG=1 is asked for."""
    import importlib
    import os

    monkeypatch.delenv("DEBUG", raising=False)
    monkeypatch.setitem(os.environ, "REDIS_URL", os.environ.get("REDIS_URL") or "redis://127.0.0.1:6379/3")
    dev = importlib.import_module("qc_admin.settings.dev")
    dev = importlib.reload(dev)
    assert dev.DEBUG is False


INLINE = re.compile(r"<script(?![^>]*\bsrc=)[^>]*>|<style\b|\sstyle=|\son[a-z]+=", re.IGNORECASE)


def test_no_template_served_to_a_browser_has_inline_script_or_style():
    """The CSP refuses inline code, so none may remain (the PDF templates are read by WeasyPrint only)."""
    offenders = []
    for template in ROOT.glob("**/templates/**/*.html"):
        if ".venv" in template.parts or "pdf" in template.parts:
            continue
        for n, line in enumerate(template.read_text().splitlines(), 1):
            if INLINE.search(line):
                offenders.append(f"{template.relative_to(ROOT)}:{n}: {line.strip()[:80]}")
    assert offenders == []


def test_headers_on_the_wire(live_server, world):
    """The same headers reach a real HTTP client from the running server."""
    with urllib.request.urlopen(f"{live_server.url}/accounts/login/") as response:
        assert "frame-ancestors 'none'" in response.headers["Content-Security-Policy"]
        assert "unsafe-inline" not in response.headers["Content-Security-Policy"]
        assert response.headers["X-Content-Type-Options"] == "nosniff"
