"""PostgreSQL goes away (issue 15, "Jobs and faults"): the user sees the product's own error page,
nothing half-written remains, and the product recovers by itself when the database is back —

- mid-request: after the service's first write, another connection ends this request's backend
  (``pg_terminate_backend``, as a database restart or a failover would);
- between requests: the application pointed at a server that is not there (a stopped database);
  the health check says 503, and the next request after it is back is served.

Transactional tests (the database must really commit, and lose the connection): each reseeds the
demo world, so they are few."""

from __future__ import annotations

import psycopg2
import pytest
from django.apps import apps
from django.db import connection
from django.test import Client
from django.urls import reverse

from accounts.models import User
from directory import services
from directory.models import Institution

pytestmark = pytest.mark.django_db(transaction=True)


def _terminate(pid: int) -> None:
    """End backend ``pid`` from a connection of its own."""
    db = connection.settings_dict
    other = psycopg2.connect(
        dbname=db["NAME"],
        user=db["USER"],
        password=db.get("PASSWORD") or None,
        host=db["HOST"],
        port=db["PORT"],
    )
    other.autocommit = True
    with other.cursor() as cursor:
        cursor.execute("SELECT pg_terminate_backend(%s)", [pid])
        assert cursor.fetchone()[0] is True
    other.close()


def _browser(username: str) -> Client:
    client = Client(raise_request_exception=False)
    client.force_login(User.objects.get(username=username))
    return client


def test_database_lost_mid_request_shows_our_page_keeps_nothing_half_written_and_recovers(world, monkeypatch):
    institution = Institution.objects.get(name="九龙坡区人民医院")
    client = _browser("jlp_commission")
    url = reverse("directory:institution_edit", args=[institution.pk])
    page = client.get(url)
    form = page.context["form"]
    data = {k: v for k, v in form.initial.items() if v is not None}
    data["edit_token"] = form["edit_token"].value()
    real_update = services.institution_update

    def update_then_lose_the_database(**kwargs):
        saved = real_update(**kwargs)  # the first write is made, not yet committed
        _terminate(connection.connection.get_backend_pid())
        Institution.objects.count()  # the next statement finds the server gone
        return saved

    monkeypatch.setattr(services, "institution_update", update_then_lose_the_database)
    response = client.post(url, dict(data, name="写了一半的名称"))
    assert response.status_code == 500
    text = response.content.decode()
    assert "系统暂时出现错误" in text and "Traceback" not in text and "psycopg2" not in text

    monkeypatch.setattr(services, "institution_update", real_update)
    # Nothing half-written: the update died with its transaction (and its change history with it).
    assert Institution.objects.get(pk=institution.pk).name == "九龙坡区人民医院"
    events = apps.get_model("directory", "InstitutionEvent").objects
    assert not events.filter(pgh_obj_id=institution.pk, name="写了一半的名称").exists()
    # Recovered by itself: the next request is served on a new connection, and the save works.
    assert client.get(url).status_code == 200
    fresh = client.get(url)
    data["edit_token"] = fresh.context["form"]["edit_token"].value()
    assert client.post(url, dict(data, name="九龙坡区人民医院（改名）")).status_code == 302
    assert Institution.objects.get(pk=institution.pk).name == "九龙坡区人民医院（改名）"


def test_database_stopped_shows_our_page_and_health_check_then_recovers(world, settings):
    client = _browser("jlp_commission")
    assert client.get("/").status_code == 200
    real = connection.settings_dict["PORT"]
    connection.close()
    connection.settings_dict["PORT"] = 1  # nothing listens there: a stopped server
    try:
        page = client.get("/")
        health = Client().get(reverse("healthz"))  # the monitor: no session
    finally:
        connection.close()
        connection.settings_dict["PORT"] = real
    assert page.status_code == 500 and "系统暂时出现错误" in page.content.decode()
    assert health.status_code == 503 and health.json() == {"status": "database unavailable"}
    assert client.get("/").status_code == 200  # back: served at once, the same session
    assert Client().get(reverse("healthz")).json() == {"status": "ok"}
