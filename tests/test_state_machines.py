"""Issue 15 (ASVS V2.3): no step of a workflow can be skipped or repeated. Generated from every
state machine declared with django-fsm-2 in any app, so a new app's machines are covered the day
they land:

- every declared transition, attempted from every state it is not allowed from, is refused by the
  workflow kit (``core.workflow.transition``, which every service uses) with a ``WrongState`` and
  its code (409), and the state is unchanged;
- through the API, where an endpoint is named after the transition (``POST …/{id}/approve/``): the
  right user (from the route's access declaration, core/access.py) asking for it on a record in a
  state that does not allow it is refused with a code (400/409, never 2xx or 5xx), and nothing
  changes;
- every state field is ``protected``: no code path assigns a state (it must go through a
  transition).
"""

from __future__ import annotations

import json

import pytest
from django.apps import apps
from django.db import IntegrityError, transaction
from django.test import Client
from django_fsm import ANY_OTHER_STATE, ANY_STATE, FSMField

from accounts.models import User
from core.access import OTHER_REGION, declarations
from core.errors import WrongState
from core.workflow import transition
from tests.routes import all_routes
from tests.test_role_matrix import history_writes


def machines():
    """(model, field, transition name, sources, target) for every declared transition."""
    found = []
    for model in apps.get_models():
        for field in model._meta.concrete_fields:
            if not isinstance(field, FSMField):
                continue
            by_name: dict[str, list] = {}
            for t in field.get_all_transitions(model):
                by_name.setdefault(t.name, []).append(t)
            for name, ts in sorted(by_name.items()):
                found.append((model, field, name, {t.source: t.target for t in ts}))
    return found


MACHINES = machines()


def allowed(sources: dict, state: str) -> bool:
    if state in sources or ANY_STATE in sources:
        return True
    return ANY_OTHER_STATE in sources and sources[ANY_OTHER_STATE] != state


def forbidden_states(field, sources) -> list[str]:
    return [value for value, _label in field.choices if not allowed(sources, value)]


def label(case):
    model, field, name, _ = case
    return f"{model._meta.label}.{field.name}.{name}"


def test_there_are_state_machines_to_check():
    assert len({m for m, *_ in MACHINES}) >= 20  # centres, experts, appraisal, data governance, …


@pytest.mark.parametrize("case", MACHINES, ids=label)
def test_a_transition_from_a_state_that_does_not_allow_it_is_refused_with_a_code(case):
    model, field, name, sources = case
    for state in forbidden_states(field, sources):
        instance = model(**{field.name: state})
        with pytest.raises(WrongState) as refused:
            transition(instance, name)
        assert refused.value.code and refused.value.status_code == 409, (state, refused.value)
        assert getattr(instance, field.name) == state


@pytest.mark.parametrize("case", MACHINES, ids=label)
def test_every_state_field_is_protected(case):
    _model, field, _name, _sources = case
    assert field.protected


# --- through the API ----------------------------------------------------------------------------


def api_transition_routes():
    """(route, model, field, name, sources): an API detail action named after a transition of the
    model its id names."""
    declared = declarations()
    by_model = {}
    for model, field, name, sources in MACHINES:
        by_model.setdefault(model._meta.label, []).append((field, name, sources))
    found = []
    for route in all_routes():
        decl = declared.get(route.name)
        if not (route.template.startswith("/api/") and decl and decl.model and route.params == ("pk",)):
            continue
        action = route.template.rstrip("/").rsplit("/", 1)[-1].replace("-", "_")
        for field, name, sources in by_model.get(decl.model, ()):
            if name == action:
                found.append((route, decl, field, name, sources))
    return found


API_CASES = api_transition_routes()


def test_the_api_names_transitions():
    assert len(API_CASES) >= 10


@pytest.fixture(autouse=True)
def _media_in_tmp():
    """The module's files stay in the module's folder (overrides conftest's per-test folder)."""


def _actors(decl) -> list[str]:
    """Who might be allowed the step: the route's right user, then the administrator and the other
    roles of the right user's region — the first not refused by permission must be refused by state."""
    region = decl.right.partition("_")[0]
    region = region if region in OTHER_REGION else "jlp"
    others = [f"{region}_{r}" for r in ("commission", "qc_office", "host", "expert", "scorer", "reviewer")]
    return list(dict.fromkeys([decl.right, "admin", *others]))


@pytest.mark.parametrize(
    "case",
    API_CASES,
    ids=lambda c: c[0].name,
)
def test_the_api_refuses_a_transition_from_a_state_that_does_not_allow_it(demo_with_samples, db, case):
    route, decl, field, name, sources = case
    model = apps.get_model(decl.model)
    right = User.objects.get(username=decl.right)
    sample = model._default_manager.for_user(right).order_by("pk").first()
    assert sample is not None
    clients = {}
    for username in _actors(decl):
        user = User.objects.filter(username=username).first()
        if user:
            clients[username] = Client(raise_request_exception=False)
            clients[username].force_login(user)
    wrong, refused_by_state, actor = [], 0, None
    for state in forbidden_states(field, sources):
        # the first user the policy lets act is found on the first state, then kept
        for username, client in [(actor, clients[actor])] if actor else clients.items():
            try:
                with transaction.atomic():
                    model._default_manager.filter(pk=sample.pk).update(**{field.name: state})
                    transaction.set_rollback(True)
            except IntegrityError:
                # the database itself refuses the record in that state without its data (e.g. a
                # waived deadline without a reason): no request can reach the state from here
                break
            with transaction.atomic():
                model._default_manager.filter(pk=sample.pk).update(**{field.name: state})
                before = history_writes()
                response = client.post(route.fill(pk=sample.pk), "{}", content_type="application/json")
                is_json = response["Content-Type"].startswith("application/json")
                body = json.loads(response.content or b"{}") if is_json else {}
                after = model._default_manager.filter(pk=sample.pk).values_list(field.name, flat=True).get()
                changed = history_writes() != before
                transaction.set_rollback(True)
            if response.status_code < 400 or response.status_code >= 500 or after != state or changed:
                wrong.append((state, username, response.status_code, body.get("code"), after, changed))
            if response.status_code in (400, 409) and body.get("code"):
                refused_by_state += 1
                actor = username
                break  # this actor may act: refused for the state (or its input), with a code
            if response.status_code not in (403, 404):
                wrong.append((state, username, response.status_code, body.get("code")))
    assert wrong == [], wrong
    assert refused_by_state, (
        f"no user of {list(clients)} may take {name}: the test could not reach the state check"
    )
