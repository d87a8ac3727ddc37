"""The centres' timeline (大事记) moves to the platform's own (core.TimelineEntry, written through
core.workflow.timeline_add): every row is carried over with its time, actor, article, document
and detail, keyed to its centre. The old table is dropped by the next migration."""

from django.db import migrations

COLUMNS = "kind, title, article, actor_id, at, document_id, detail"


def _centre_type(apps):
    ContentType = apps.get_model("contenttypes", "ContentType")
    return ContentType.objects.get_or_create(app_label="centres", model="centre")[0]


def forwards(apps, schema_editor):
    centre_type = _centre_type(apps)
    with schema_editor.connection.cursor() as cursor:
        cursor.execute(
            f"INSERT INTO core_timelineentry (content_type_id, object_id, {COLUMNS}) "
            f"SELECT %s, centre_id, {COLUMNS} FROM centres_timelineentry ORDER BY at, id",
            [centre_type.pk],
        )


def backwards(apps, schema_editor):
    centre_type = _centre_type(apps)
    with schema_editor.connection.cursor() as cursor:
        cursor.execute(
            f"INSERT INTO centres_timelineentry (centre_id, {COLUMNS}) "
            f"SELECT object_id, {COLUMNS} FROM core_timelineentry WHERE content_type_id = %s "
            "ORDER BY at, id",
            [centre_type.pk],
        )
        cursor.execute("DELETE FROM core_timelineentry WHERE content_type_id = %s", [centre_type.pk])


class Migration(migrations.Migration):
    dependencies = [
        ("centres", "0005_applicationevent_append_only_banevent_append_only_and_more"),
        ("contenttypes", "0002_remove_content_type_name"),
        ("core", "0002_outboxmessage"),
    ]

    operations = [migrations.RunPython(forwards, backwards)]
