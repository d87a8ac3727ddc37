"""The test database is made from the models (qc_admin/settings/test.py: TEST["MIGRATE"] = False),
so these tests hold the two ends together: the migrations describe exactly the models the suite
runs on, and every trigger the models declare (the audit trail's, the append-only guards') is in
the database the suite runs on, as `migrate` puts it in production."""

from io import StringIO

import pgtrigger
import pytest
from django.core.management import call_command
from django.db import connection
from pgtrigger.core import INSTALLED


@pytest.mark.django_db
def test_the_migrations_describe_the_models():
    out = StringIO()
    try:
        call_command("makemigrations", "--check", "--dry-run", stdout=out, stderr=out)
    except SystemExit:  # makemigrations --check exits 1 when a migration is missing
        pytest.fail(f"A model change has no migration:\n{out.getvalue()}")


@pytest.mark.django_db
def test_every_declared_trigger_is_installed():
    declared = pgtrigger.registered()
    assert len(declared) > 100  # the pghistory trackers and the append-only guards of every app
    missing = [
        f"{model._meta.label}.{trigger.name}"
        for model, trigger in declared
        if trigger.get_installation_status(model)[0] != INSTALLED
    ]
    assert not missing


@pytest.mark.django_db
def test_the_history_context_function_is_installed():
    with connection.cursor() as cursor:
        cursor.execute("SELECT 1 FROM pg_proc WHERE proname = '_pgh_attach_context'")
        assert cursor.fetchone()


@pytest.mark.django_db
def test_the_extensions_of_the_migrations_are_installed():
    with connection.cursor() as cursor:
        cursor.execute("SELECT 1 FROM pg_extension WHERE extname = 'pg_trgm'")
        assert cursor.fetchone()  # search's name and 文号 indexes (search/migrations/0001)
