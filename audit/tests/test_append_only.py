"""Issue 15 (the audit trail, 等保 2.0 8.1.4.3 安全审计 c/d): append-only for everyone — the
database itself refuses UPDATE and DELETE on the security events and on every change-history
table, even for the application's own role and raw SQL; no page or endpoint edits or deletes
them; the retention is at least six months; auditors filter and export them."""

import pytest
from django.core.management import call_command
from django.db import connection, transaction
from django.db.utils import InternalError
from django.test import override_settings
from django.urls import reverse
from pghistory.models import Events

from audit.models import SecurityEvent
from audit.services import security_events_purge
from exports.models import ExportJob
from tests.routes import all_routes

pytestmark = pytest.mark.django_db


def refused(sql, params=()):
    with (
        pytest.raises(InternalError, match="Cannot update or delete"),
        transaction.atomic(),
        connection.cursor() as cursor,
    ):
        cursor.execute(sql, params)


def test_the_database_refuses_to_change_or_delete_a_security_event(world):
    event = SecurityEvent.objects.create(kind="login", username="jlp_commission")
    refused("UPDATE audit_securityevent SET username = 'someone' WHERE id = %s", [event.pk])
    refused("DELETE FROM audit_securityevent WHERE id = %s", [event.pk])
    with pytest.raises(InternalError), transaction.atomic():
        SecurityEvent.objects.filter(pk=event.pk).delete()
    assert SecurityEvent.objects.get(pk=event.pk).username == "jlp_commission"


def test_the_database_refuses_to_change_or_delete_any_change_history(world):
    """Every pghistory event table (one per tracked model, present and future: audit.tracking)."""
    from django.apps import apps

    event_models = [
        m
        for m in apps.get_models()
        if m._meta.db_table.endswith("event") and any(f.name == "pgh_obj" for f in m._meta.get_fields())
    ]
    assert len(event_models) >= 10
    for model in event_models:
        table = model._meta.db_table
        trigger = [t.name for t in getattr(model._meta, "triggers", [])]
        assert "append_only" in trigger, table
    row = Events.objects.filter(pgh_model="directory.InstitutionEvent").first()
    assert row is not None
    refused("UPDATE directory_institutionevent SET name = 'x' WHERE pgh_id = %s", [row.pgh_id])
    refused("DELETE FROM directory_institutionevent WHERE pgh_id = %s", [row.pgh_id])


def test_no_route_edits_or_deletes_the_audit_trail():
    audit_routes = [
        r
        for r in all_routes()
        if "audit" in r.template or "history" in r.template or "security" in r.template
    ]
    assert audit_routes
    for route in audit_routes:
        assert not any(word in route.template for word in ("edit", "delete", "update", "purge")), (
            route.template
        )


def test_retention_is_configurable_and_never_under_six_months(settings, world, time_machine):
    from audit.checks import retention_is_at_least_six_months

    assert settings.AUDIT_RETENTION_DAYS >= 183 and retention_is_at_least_six_months(None) == []
    with override_settings(AUDIT_RETENTION_DAYS=90):
        assert [e.id for e in retention_is_at_least_six_months(None)] == ["audit.E001"]
    time_machine.move_to("2025-01-01 09:00 +08:00", tick=False)
    old = SecurityEvent.objects.create(kind="login", username="old")
    time_machine.move_to("2025-06-01 09:00 +08:00", tick=False)
    recent = SecurityEvent.objects.create(kind="login", username="recent")
    time_machine.move_to("2026-01-15 09:00 +08:00", tick=False)
    assert security_events_purge() == 1  # past 365 days: purged; five months old: kept
    assert not SecurityEvent.objects.filter(pk=old.pk).exists()
    assert SecurityEvent.objects.filter(pk=recent.pk).exists()


def test_auditors_filter_and_export_the_security_audit(client_of, django_capture_on_commit_callbacks):
    from accounts.models import User

    SecurityEvent.objects.create(
        kind="login_failed", username="jlp_host", user=User.objects.get(username="jlp_host")
    )
    SecurityEvent.objects.create(
        kind="login", username="jlp_host", user=User.objects.get(username="jlp_host")
    )
    SecurityEvent.objects.create(
        kind="login_failed", username="jn_host", user=User.objects.get(username="jn_host")
    )
    auditor = client_of("jlp_auditor")
    page = auditor.get(reverse("audit:security_events"), {"kind": "login_failed", "username": "host"})
    rows = page.content.decode().split("<tbody>")[1]
    assert "jlp_host" in rows and "jn_host" not in rows and "登录成功" not in rows
    with django_capture_on_commit_callbacks(execute=True):
        response = auditor.post(
            reverse("exports:start", args=["security_events"]), {"kind": "login_failed", "username": "host"}
        )
    assert response.status_code == 302
    job = ExportJob.objects.latest("pk")
    assert job.status == "done" and job.rows_total == 1
    # someone who may not read the audit exports nothing
    with django_capture_on_commit_callbacks(execute=True):
        client_of("jlp_commission").post(reverse("exports:start", args=["security_events"]))
    assert ExportJob.objects.latest("pk").rows_total == 0


def test_the_management_check_passes(world):
    call_command("check", stdout=open("/dev/null", "w"))  # noqa: SIM115
