"""Issue 15 (backup and restore): ``make backup`` / ``make restore`` round trip. The demo world and
an uploaded file are backed up (pg_dump + MEDIA_ROOT), restored into an empty database and a fresh folder
(pg_restore), and every table's row count and every file's SHA-256 match."""

import json
import time

import pytest
from django.conf import settings
from django.core.management import call_command

from core import backup

pytestmark = pytest.mark.django_db(transaction=True)


@pytest.fixture
def scratch_db():
    """A database to restore into, emptied (its schema dropped) rather than dropped: DROP DATABASE
    forces a checkpoint of the whole server, which took 40 s while the other test process wrote."""
    db = {**settings.DATABASES["default"], "NAME": settings.DATABASES["default"]["NAME"] + "_restore"}
    admin = backup._connect({**db, "NAME": "postgres"})
    admin.autocommit = True
    with admin.cursor() as cur:
        cur.execute("SELECT 1 FROM pg_database WHERE datname = %s", [db["NAME"]])
        if not cur.fetchone():
            cur.execute(f'CREATE DATABASE "{db["NAME"]}"')
    admin.close()
    scratch = backup._connect(db)
    scratch.autocommit = True
    with scratch.cursor() as cur:
        cur.execute("DROP SCHEMA IF EXISTS public CASCADE")
        cur.execute("CREATE SCHEMA public")
    scratch.close()
    return db


def test_backup_and_restore_round_trip(tmp_path, scratch_db, settings):
    call_command("seed_demo", minimal=True, stdout=open("/dev/null", "w"))  # noqa: SIM115
    media = tmp_path / "media"
    (media / "attachments" / "2026").mkdir(parents=True)
    (media / "attachments" / "2026" / "a.pdf").write_bytes(b"%PDF-1.7 demo" * 1000)
    (media / "documents").mkdir()
    (media / "documents" / "notice-v1.pdf").write_bytes(b"%PDF-1.7 notice")
    settings.MEDIA_ROOT = media

    folder = backup.backup(dest=tmp_path / "backups", db=settings.DATABASES["default"], media_root=media)
    manifest = json.loads((folder / "manifest.json").read_text())
    assert manifest["tables"]["accounts_user"] >= 30 and len(manifest["files"]) == 2

    restored_media = tmp_path / "restored-media"
    started = time.monotonic()
    backup.restore(source=folder, db=scratch_db, media_root=restored_media)
    elapsed = time.monotonic() - started
    assert backup.table_counts(scratch_db) == backup.table_counts(settings.DATABASES["default"])
    assert backup.file_hashes(restored_media) == backup.file_hashes(media)
    print(f"restore of the minimal demo world: {elapsed:.1f} s")  # the figure in docs/security.md

    # a backup that does not match its manifest is refused, not silently accepted
    manifest["files"]["attachments/2026/a.pdf"] = "0" * 64
    (folder / "manifest.json").write_text(json.dumps(manifest))
    with pytest.raises(backup.BackupError):
        backup.restore(source=folder, db=scratch_db, media_root=restored_media)


def test_the_pg_tools_match_the_server_version():
    major = backup.server_major(settings.DATABASES["default"])
    for tool in ("pg_dump", "pg_restore"):
        assert backup.find_tool(tool, major)


def test_restore_asks_before_overwriting(tmp_path, monkeypatch):
    folder = tmp_path / "b"
    folder.mkdir()
    (folder / "manifest.json").write_text(
        json.dumps({"created_at": "2026-12-01T03:00", "tables": {"t": 1}, "files": {}})
    )
    monkeypatch.setattr("builtins.input", lambda prompt: "no")
    from django.core.management.base import CommandError

    with pytest.raises(CommandError, match="已取消"):
        call_command("restore", str(folder), stdout=open("/dev/null", "w"))  # noqa: SIM115


def test_a_backup_taken_while_the_product_is_in_use_restores(tmp_path, scratch_db, settings, monkeypatch):
    """The nightly backup runs while jobs and users write: a row committed and a file uploaded
    while pg_dump runs are in neither the dump nor the manifest, so the restore still verifies."""
    media = tmp_path / "media"
    (media / "attachments").mkdir(parents=True)
    (media / "attachments" / "before.pdf").write_bytes(b"%PDF-1.7 before")
    real_run = backup.subprocess.run

    def dump_while_someone_writes(args, **kwargs):
        done = real_run(args, **kwargs)
        if "--format=custom" in args:  # the dump itself, not the version check
            with (
                backup._connect(settings.DATABASES["default"]) as other,
                other.cursor() as cur,
            ):  # another connection commits during the backup
                cur.execute(
                    "INSERT INTO workdays_holidayoverride (date, is_working_day, name, source, note) "
                    "VALUES ('2031-01-01', false, '元旦', '国办发明电〔2030〕1号', '')"
                )
        return done

    monkeypatch.setattr(backup.subprocess, "run", dump_while_someone_writes)
    folder = backup.backup(dest=tmp_path / "backups", db=settings.DATABASES["default"], media_root=media)
    monkeypatch.undo()
    manifest = backup.restore(source=folder, db=scratch_db, media_root=tmp_path / "restored")
    assert manifest["tables"] == backup.table_counts(scratch_db)
    assert backup.table_counts(scratch_db)["workdays_holidayoverride"] == (
        backup.table_counts(settings.DATABASES["default"])["workdays_holidayoverride"] - 1
    )
