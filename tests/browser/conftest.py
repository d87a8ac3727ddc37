"""Browser tests: pytest-playwright driving Debian's Chromium against the live server, in
Chinese. A page error, a console error or a 5xx response fails the test."""

import os
import shutil
from pathlib import Path

import pytest
from django.conf import settings
from django.contrib.contenttypes.models import ContentType
from django.core.management import call_command
from django.db import connection, transaction

CHROMIUM = "/usr/bin/chromium"

os.environ.setdefault("DJANGO_ALLOW_ASYNC_UNSAFE", "true")  # Playwright's sync API runs an event loop


def pytest_collection_modifyitems(config, items):
    for item in items:
        if "tests/browser" in str(item.fspath):
            item.add_marker(pytest.mark.browser)
            if not shutil.which(CHROMIUM):
                item.add_marker(pytest.mark.skip(reason=f"{CHROMIUM} 不存在：请运行 scripts/system-deps"))


@pytest.fixture(scope="session")
def browser_type_launch_args(browser_type_launch_args):
    return {
        **browser_type_launch_args,
        "executable_path": CHROMIUM,
        "args": [
            "--no-sandbox",
            "--disable-gpu",
            "--disable-background-networking",
            "--disable-component-update",
            "--disable-sync",
            "--no-first-run",
        ],
    }


@pytest.fixture(scope="session")
def browser_context_args(browser_context_args):
    return {**browser_context_args, "locale": "zh-CN", "timezone_id": "Asia/Shanghai"}


SNAPSHOT = "browser_demo_snapshot"  # a schema of the test database, outside Django's search path


class _DemoSnapshot:
    """The full demo is seeded once per test process and kept as a copy of every table (in its own
    schema) and of the files it wrote; each further walk gets it back by a TRUNCATE and an
    INSERT … SELECT per table, triggers and foreign-key checks off for the copy (the rows were made
    and checked by seed_demo), in about a second instead of a full seed. Without the rights to switch
    triggers off (not a superuser), every walk seeds."""

    def __init__(self):
        self.media = None  # where the seeded files are kept, once taken

    def give(self):
        media_root = Path(settings.MEDIA_ROOT)
        if self.media is None:
            with connection.cursor() as cur:
                cur.execute(f"DROP SCHEMA IF EXISTS {SNAPSHOT} CASCADE")
            with transaction.atomic():  # one commit, not one per row
                call_command("seed_demo", stdout=open(os.devnull, "w"))
            self._take(media_root)
        else:
            self._restore(media_root)

    def _tables(self, cur):
        cur.execute(
            "SELECT table_name, string_agg(quote_ident(column_name), ', ' ORDER BY ordinal_position) "
            "FROM information_schema.columns WHERE table_schema = 'public' AND is_generated = 'NEVER' "
            "AND table_name IN (SELECT tablename FROM pg_tables WHERE schemaname = 'public') "
            "GROUP BY table_name"
        )
        return cur.fetchall()

    def _take(self, media_root):
        with connection.cursor() as cur:
            cur.execute("SELECT rolsuper FROM pg_roles WHERE rolname = current_user")
            if not cur.fetchone()[0]:
                return
            cur.execute(f"CREATE SCHEMA {SNAPSHOT}")
            for table, _ in self._tables(cur):
                cur.execute(f'CREATE TABLE {SNAPSHOT}."{table}" AS TABLE public."{table}"')
            cur.execute(
                f"CREATE TABLE {SNAPSHOT}.sequences AS SELECT sequencename AS name, last_value "
                "FROM pg_sequences WHERE schemaname = 'public'"
            )
        self.media = media_root.parent / f"{media_root.name}-demo-snapshot"
        self.media.mkdir()
        if media_root.exists():
            shutil.copytree(media_root, self.media, dirs_exist_ok=True)

    def _restore(self, media_root):
        with connection.cursor() as cur:
            tables = self._tables(cur)
            cur.execute("TRUNCATE " + ", ".join(f'public."{t}"' for t, _ in tables) + " CASCADE")
            cur.execute("SET session_replication_role = replica")
            try:
                for table, columns in tables:
                    cur.execute(
                        f'INSERT INTO public."{table}" ({columns}) SELECT {columns} FROM {SNAPSHOT}."{table}"'
                    )
            finally:
                cur.execute("SET session_replication_role = DEFAULT")
            cur.execute(
                f"SELECT setval(quote_ident(name), coalesce(last_value, 1), last_value IS NOT NULL) "
                f"FROM {SNAPSHOT}.sequences"
            )
        ContentType.objects.clear_cache()  # ids as in the snapshot
        shutil.copytree(self.media, media_root, dirs_exist_ok=True)


_snapshot = _DemoSnapshot()


@pytest.fixture
def demo_site(transactional_db, live_server):
    _snapshot.give()
    return live_server.url


@pytest.fixture
def watched(page):
    """The page, failing the test on any script error, console error or server error."""
    problems = []
    page.on("pageerror", lambda exc: problems.append(f"page error: {exc}"))
    page.on("console", lambda msg: problems.append(f"console: {msg.text}") if msg.type == "error" else None)
    page.on("response", lambda r: problems.append(f"{r.status} {r.url}") if r.status >= 500 else None)
    yield page
    assert not problems, problems


@pytest.fixture
def login(watched, demo_site, demo_password):
    def as_user(username):
        watched.goto(f"{demo_site}/accounts/login/")
        watched.get_by_label("用户名").fill(username)
        watched.get_by_label("密码").fill(demo_password)
        watched.get_by_role("button", name="登录").click()
        watched.wait_for_url(f"{demo_site}/")
        return watched

    return as_user
