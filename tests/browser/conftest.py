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


class _Snapshot:
    """A copy of every table of the test database (in its own schema, outside Django's search path)
    and of the files, put back by a DELETE and an INSERT … SELECT per table with triggers and
    foreign-key checks off (the rows were made and checked by the product): about a second, where
    seeding the full demo again takes a minute (its documents are rendered on commit)."""

    def __init__(self, schema: str):
        self.schema = schema
        self.media: Path | None = None

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
            for table, _ in self._tables(cur):
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
            tables = self._tables(cur)
            cur.execute("SET LOCAL session_replication_role = replica")
            for table, columns in tables:
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


class _Worlds:
    """The walks' two worlds in one test process: the session's minimal world, as every other test
    finds it, and the full demo every walk starts from. The first walk keeps the one and seeds the
    other once; each walk then starts from the full demo and leaves the minimal world behind."""

    def __init__(self):
        self.minimal = _Snapshot("browser_world_snapshot")
        self.demo = _Snapshot("browser_demo_snapshot")
        self.ready = False

    def _superuser(self) -> bool:
        with connection.cursor() as cur:
            cur.execute("SELECT rolsuper FROM pg_roles WHERE rolname = current_user")
            return cur.fetchone()[0]

    def start_walk(self, media_root: Path) -> None:
        if not self.ready:
            if not self._superuser():  # no right to switch triggers off: seed for every walk
                call_command("seed_demo", stdout=open(os.devnull, "w"))
                return
            self.minimal.take()
            with transaction.atomic():
                call_command("seed_demo", stdout=open(os.devnull, "w"))
            self.demo.take(media_root)
            self.ready = True
        else:
            self.demo.put_back(media_root)

    def end_walk(self) -> None:
        if self.ready:
            self.minimal.put_back()
        else:
            call_command("flush", interactive=False, verbosity=0)
            with transaction.atomic():
                call_command("seed_demo", minimal=True, stdout=open(os.devnull, "w"))


_worlds = _Worlds()


@pytest.fixture
def demo_site(request, django_db_setup, django_db_blocker):
    """The live server on the full demo, committed for its threads to see. Not pytest-django's
    transactional database: that empties every table after each walk, and the next walk would put
    it all back again; here a walk starts from the demo snapshot and ends on the minimal world."""
    server = request.getfixturevalue("live_server")  # by value: pytest-django would add the flush
    server._live_server_modified_settings.enable()
    with django_db_blocker.unblock():
        _worlds.start_walk(Path(settings.MEDIA_ROOT))
        try:
            yield server.url
        finally:
            _worlds.end_walk()
            server._live_server_modified_settings.disable()


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
