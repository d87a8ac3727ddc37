"""Copies of the test database's rows, put back in about a second: the session's minimal world
(after a test that commits, instead of pytest-django's flush and a new seed) and the full demo
(the browser walks and the ``full_demo`` test modules)."""

import os
import shutil
from pathlib import Path
from unittest import mock

from django.contrib.contenttypes.models import ContentType
from django.core.management import call_command
from django.db import connection, transaction


class Snapshot:
    """A copy of every table of the test database (in its own schema, outside Django's search path)
    and of the files, put back by a DELETE and an INSERT … SELECT per table with triggers and
    foreign-key checks off (the rows were made and checked by the product): about a second, where
    seeding the full demo again takes a minute (its documents are rendered on commit)."""

    def __init__(self, schema: str):
        self.schema = schema
        self.media: Path | None = None
        self.tables: list[tuple[str, str]] = []  # (table, its columns), read once when taken

    @staticmethod
    def _tables(cur):
        cur.execute(
            "SELECT table_name, string_agg(quote_ident(column_name), ', ' ORDER BY ordinal_position) "
            "FROM information_schema.columns WHERE table_schema = 'public' AND is_generated = 'NEVER' "
            "AND table_name IN (SELECT tablename FROM pg_tables WHERE schemaname = 'public') "
            "GROUP BY table_name"
        )
        return cur.fetchall()

    def take(self, media_root: Path | None = None) -> None:
        with connection.cursor() as cur:
            cur.execute(f"DROP SCHEMA IF EXISTS {self.schema} CASCADE")
            cur.execute(f"CREATE SCHEMA {self.schema}")
            self.tables = self._tables(cur)
            for table, _ in self.tables:
                cur.execute(f'CREATE TABLE {self.schema}."{table}" AS TABLE public."{table}"')
            cur.execute(
                f"CREATE TABLE {self.schema}.sequences AS SELECT sequencename AS name, last_value "
                "FROM pg_sequences WHERE schemaname = 'public'"
            )
        if media_root is not None:
            self.media = media_root.parent / f"{media_root.name}-{self.schema}"
            self.media.mkdir(exist_ok=True)
            if media_root.exists():
                shutil.copytree(media_root, self.media, dirs_exist_ok=True)

    def put_back(self, media_root: Path | None = None) -> None:
        with transaction.atomic(), connection.cursor() as cur:
            cur.execute("SET LOCAL session_replication_role = replica")
            for table, columns in self.tables:
                cur.execute(f'DELETE FROM public."{table}"')
                cur.execute(
                    f'INSERT INTO public."{table}" ({columns}) SELECT {columns} FROM {self.schema}."{table}"'
                )
            cur.execute(
                f"SELECT setval(quote_ident(name), coalesce(last_value, 1), last_value IS NOT NULL) "
                f"FROM {self.schema}.sequences"
            )
        ContentType.objects.clear_cache()  # ids as in the snapshot
        if media_root is not None and self.media is not None:
            shutil.copytree(self.media, media_root, dirs_exist_ok=True)

    @property
    def taken(self) -> bool:
        return bool(self.tables)

    @staticmethod
    def possible() -> bool:
        """Putting back switches triggers off (session_replication_role): a superuser's right."""
        with connection.cursor() as cur:
            cur.execute("SELECT rolsuper FROM pg_roles WHERE rolname = current_user")
            return cur.fetchone()[0]


# The session's minimal world (the root conftest takes it once the test database is seeded).
WORLD = Snapshot("test_world_snapshot")


class DemoWorld:
    """The full demo for the tests that need it — the browser walks and the root conftest's
    ``full_demo`` modules — committed, and the session's minimal world (WORLD) put back after.
    The first use in a process seeds the demo and keeps a copy; each later use gets the copy back
    (a second, where seeding takes ten)."""

    def __init__(self):
        self.copy = Snapshot("test_demo_snapshot")

    def start(self, media_root: Path) -> None:
        if self.copy.taken:
            self.copy.put_back(media_root)
            return
        # One commit. The demo's documents are issued but not rendered: their render jobs stay in
        # the outbox, as with the broker down (23 s of WeasyPrint that no test reads; a test that
        # downloads a PDF issues its own document).
        with mock.patch("core.outbox.send", return_value=False), transaction.atomic():
            call_command("seed_demo", stdout=open(os.devnull, "w"))  # noqa: SIM115
        if WORLD.taken:  # else no right to put copies back: every use seeds
            self.copy.take(media_root)

    def end(self) -> None:
        if WORLD.taken:
            WORLD.put_back()
        else:
            call_command("flush", interactive=False, verbosity=0)
            with transaction.atomic():
                call_command("seed_demo", minimal=True, stdout=open(os.devnull, "w"))  # noqa: SIM115


DEMO = DemoWorld()
