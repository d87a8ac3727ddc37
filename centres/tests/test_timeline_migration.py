"""Migration 0006 carries the centres' own timeline rows over to core.TimelineEntry, keeping each
row's time, actor, article, document and detail, keyed to its centre."""

import importlib
from datetime import datetime
from types import SimpleNamespace

import pytest
from django.apps import apps
from django.db import connection
from django.utils import timezone

from core.workflow import timeline_for

pytestmark = pytest.mark.django_db

migration = importlib.import_module("centres.migrations.0006_timeline_to_core")


def test_every_old_timeline_row_is_carried_over_to_the_centre(jlp_centre, u):
    at = timezone.make_aware(datetime(2025, 3, 1, 9, 30))
    with connection.cursor() as cursor:  # the table as 0005 left it (dropped by 0007)
        cursor.execute(
            "CREATE TEMPORARY TABLE centres_timelineentry (id serial, centre_id bigint, kind varchar(40), "
            "title varchar(200), article varchar(50), actor_id bigint, at timestamptz, document_id bigint, "
            "detail jsonb)"
        )
        cursor.execute(
            "INSERT INTO centres_timelineentry (centre_id, kind, title, article, actor_id, at, document_id, "
            "detail) VALUES (%s, 'notice', '公示 5 个工作日', '第七条（五）', %s, %s, 7, %s)",
            [jlp_centre.pk, u("jlp_commission").pk, at, '{"document_number": "N"}'],
        )
    before = timeline_for(jlp_centre).count()

    migration.forwards(apps, SimpleNamespace(connection=connection))

    entries = list(timeline_for(jlp_centre))
    assert len(entries) == before + 1
    moved = entries[0]  # the oldest first: its own time is kept
    assert (moved.kind, moved.title, moved.article, moved.actor, moved.at, moved.document_id) == (
        "notice",
        "公示 5 个工作日",
        "第七条（五）",
        u("jlp_commission"),
        at,
        7,
    )
    assert moved.detail == {"document_number": "N"}
    assert list(jlp_centre.timeline.order_by("at")[:1]) == [moved]
