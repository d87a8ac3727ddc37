"""Fixtures shared by every app's tests: the demo world and logins as its users."""

from collections import Counter

import pytest
from django.core.management import call_command
from django.db import connections, transaction
from django.db.models.signals import pre_migrate
from django.test import TransactionTestCase, override_settings
from rest_framework.test import APIClient

from accounts.models import User
from directory.demo import DEMO_PASSWORD
from tests.snapshots import DEMO, WORLD


@pytest.fixture(autouse=True)
def _media_in_tmp(settings, tmp_path_factory):
    """Uploaded and generated files of a test go to a temporary folder, never to var/media."""
    settings.MEDIA_ROOT = tmp_path_factory.mktemp("media")


def _extensions_of_the_migrations() -> set[str]:
    """The PostgreSQL extensions the migrations create (search 0001: pg_trgm). Read once at start,
    before the test database is made with the migrations switched off."""
    from django.contrib.postgres.operations import CreateExtension
    from django.db.migrations.loader import MigrationLoader

    loader = MigrationLoader(None, ignore_no_migrations=True)
    return {
        op.name
        for migration in loader.disk_migrations.values()
        for op in migration.operations
        if isinstance(op, CreateExtension)
    }


_EXTENSIONS = _extensions_of_the_migrations()


def _create_extensions(using, **kwargs):
    """The test database is made from the models, not by the migrations (qc_admin/settings/test.py):
    the extensions the migrations would create come first, before any index that needs them."""
    with connections[using].cursor() as cursor:
        for name in sorted(_EXTENSIONS):
            cursor.execute(f'CREATE EXTENSION IF NOT EXISTS "{name}"')


pre_migrate.connect(_create_extensions, dispatch_uid="tests.create_extensions")


def _seed_world() -> None:
    with transaction.atomic():  # one commit, not one per row
        call_command("seed_demo", minimal=True, stdout=open("/dev/null", "w"))


@pytest.fixture(scope="session")
def django_db_setup(django_db_setup, django_db_blocker):
    """The demo world is seeded once per test database, not once per test: every test runs inside
    a transaction that is rolled back, so each sees it as seeded. (With --reuse-db an existing
    seed is kept: seed_demo is idempotent.)"""
    with django_db_blocker.unblock():
        _install_triggers()
        if not User.objects.filter(username="admin").exists():
            _seed_world()
        if WORLD.possible():
            WORLD.take()


_flush_after_a_committing_test = TransactionTestCase._fixture_teardown


def _world_back_after_a_committing_test(self):
    """After a test that commits (a race on two connections, a real Celery worker): the minimal
    world put back from its copy (about half a second) instead of pytest-django's flush of every
    table and a new seed (five)."""
    if WORLD.taken:
        WORLD.put_back()
    else:  # no right to put the copy back (not a superuser): emptied, then seeded again
        _flush_after_a_committing_test(self)
        _seed_world()


TransactionTestCase._fixture_teardown = _world_back_after_a_committing_test


def _install_triggers() -> None:
    """The database made from the models (qc_admin/settings/test.py) gets what the migrations add
    beside the tables: every trigger the models declare (pgtrigger: the audit trail's event
    triggers, the append-only guards) and pghistory's context function. Not on every flush."""
    import pgtrigger
    from pghistory.models import Context

    pgtrigger.install()
    Context.install_pgh_attach_context_func()


@pytest.fixture(scope="module")
def full_demo(django_db_setup, django_db_blocker, tmp_path_factory):
    """The full demo — every app's records in every state, as ``make run`` shows it — for a test
    module: committed from the process's copy (tests/snapshots.DEMO, seeded by the first module or
    walk that needs it), and the minimal world put back after the module's last test. Each test
    runs in its own transaction, rolled back. Its files go to one folder for the module: a module
    whose tests read them overrides ``_media_in_tmp``."""
    media = tmp_path_factory.mktemp("demo-media")
    with override_settings(MEDIA_ROOT=str(media)), django_db_blocker.unblock():
        DEMO.start(media)
        try:
            yield
        finally:
            DEMO.end()


@pytest.fixture(scope="module")
def demo_with_samples(full_demo):
    """The full demo with the records it lacks for some routes (each app's ``access.SAMPLES``: a
    vacated leadership, an objection, a handover), for the role matrix and the state machines."""
    from core.access import sample_makers

    for make in sample_makers():
        make()


def pytest_configure(config):
    """pytest-xdist hands the test files out in the order of the collection (below), not its own."""
    if hasattr(config.option, "loadscopereorder"):
        config.option.loadscopereorder = False


def pytest_xdist_make_scheduler(config, log):
    """Under ``--dist loadfile`` the browser walks are one unit of work, so one process seeds the
    full demo for them, once (tests/browser/conftest.py), while the other runs the rest."""
    if config.getoption("dist") != "loadfile":
        return None
    from xdist.scheduler import LoadFileScheduling

    class WalksTogether(LoadFileScheduling):
        def _split_scope(self, nodeid: str) -> str:
            if nodeid.startswith("tests/browser/"):
                return "tests/browser"
            return super()._split_scope(nodeid)

    return WalksTogether(config, log)


def pytest_collection_modifyitems(config, items):
    """The files in the order pytest-xdist hands them out: the browser walks first (the longest
    unit of work), then the files with the most tests,
    so that no process is left running a long file alone at the end. Tests keep their order within
    a file."""
    count = Counter(item.nodeid.split("::", 1)[0] for item in items)

    def key(item):
        path = item.nodeid.split("::", 1)[0]
        return (not path.startswith("tests/browser/"), -count[path], path)

    items.sort(key=key)


@pytest.fixture
def empty_database(db):
    """A test that needs the database without the session's demo world: every table emptied inside
    the test's transaction (rolled back with it, so the next test has the world again)."""
    from django.db import connection

    keep = {"django_content_type", "auth_permission", "django_migrations"}  # cached ids, schema state
    tables = [
        t
        for t in connection.introspection.django_table_names(only_existing=True, include_views=False)
        if t not in keep
    ]
    with connection.cursor() as cursor:
        if WORLD.taken:  # a DELETE per table, triggers and key checks off: the world is small
            cursor.execute("SET session_replication_role = replica")
            for table in tables:
                cursor.execute(f"DELETE FROM {connection.ops.quote_name(table)}")
            cursor.execute("SET session_replication_role = origin")
        else:  # a TRUNCATE makes every table's files anew: seconds, whatever the rows
            cursor.execute("TRUNCATE " + ", ".join(connection.ops.quote_name(t) for t in tables) + " CASCADE")


@pytest.fixture
def world(db):
    """The demo world (directory/demo.py): five jurisdictions and a login per role, without the
    platform services' demo records (those have tests of their own). Seeded once per session and
    put back after a test that commits (_world_back_after_a_committing_test); a test that emptied the database
    itself seeds it again here."""
    if not User.objects.filter(username="admin").exists():
        _seed_world()


@pytest.fixture
def user_of(world):
    return lambda username: User.objects.get(username=username)


@pytest.fixture
def client_of(world, client):
    def login(username):
        from django.test import Client

        c = Client()
        c.force_login(User.objects.get(username=username))
        return c

    return login


@pytest.fixture
def api_of(world):
    def login(username):
        c = APIClient()
        c.force_authenticate(User.objects.get(username=username))
        return c

    return login


@pytest.fixture
def demo_password():
    return DEMO_PASSWORD
