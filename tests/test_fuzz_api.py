"""Issue 15 (bad input): schemathesis against the OpenAPI schema, as the system administrator and as
a host, on the demo world. Every operation gets generated requests, valid and invalid; the checks
are 0 server errors and 0 responses outside the schema. ``make test`` runs a few examples per
operation (FUZZ_EXAMPLES, default 3); ``make fuzz`` runs at least 100."""

import json
import os

import pytest
import schemathesis
from django.core.handlers.wsgi import WSGIHandler
from django.core.signals import request_finished, request_started
from django.db import close_old_connections
from drf_spectacular.generators import SchemaGenerator
from hypothesis import HealthCheck, given, settings
from rest_framework.authtoken.models import Token
from schemathesis.checks import not_a_server_error, response_schema_conformance

from accounts.models import User

EXAMPLES = int(os.environ.get("FUZZ_EXAMPLES", "3"))
app = WSGIHandler()
# The schema the app serves at /api/schema/, built from the URLconf (JSON round trip: plain types).
schema = schemathesis.openapi.from_dict(
    json.loads(json.dumps(SchemaGenerator().get_schema(public=True), default=str))
)
OPERATIONS = {op.ok().label: op.ok() for op in schema.get_all_operations()}


@pytest.fixture(autouse=True)
def _keep_the_test_transaction():
    """Requests go through the real WSGI handler; like Django's test client, it must not close the
    test's database connection at the end of each request."""
    request_started.disconnect(close_old_connections)
    request_finished.disconnect(close_old_connections)
    yield
    request_started.connect(close_old_connections)
    request_finished.connect(close_old_connections)


def test_every_operation_is_fuzzed():
    assert len(OPERATIONS) >= 60


@pytest.mark.django_db
@pytest.mark.parametrize("username", ["admin", "jlp_host"])
@pytest.mark.parametrize("label", sorted(OPERATIONS))
def test_no_server_error_and_no_response_outside_the_schema(world, username, label):
    operation = OPERATIONS[label]
    token = Token.objects.get_or_create(user=User.objects.get(username=username))[0].key

    @given(case=operation.as_strategy())
    @settings(
        max_examples=EXAMPLES,
        deadline=None,
        derandomize=True,
        database=None,
        suppress_health_check=list(HealthCheck),
    )
    def run(case):
        case.headers = {**(case.headers or {}), "Authorization": f"Token {token}"}
        response = case.call(app=app)
        case.validate_response(response, checks=(not_a_server_error, response_schema_conformance))

    run()
