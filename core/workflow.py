"""The workflow kit: what every workflow service uses, so no app copies it or imports it sideways.

- ``today()`` — the date in the product's time zone (Asia/Shanghai), never the server's.
- ``ruleset_for(subject, on=…)`` — the rule set in force for a subject on a date.
- ``transition(instance, "name", …)`` — a declared django-fsm transition, saved as a conditional
  ``UPDATE … WHERE state = expected``: a step the state does not allow, or a race lost to another
  request, is a ``WrongState`` (409 in the API, a message on the page), never a 500, and only the
  winner's change (one audit row) is written.
- ``refuse_unless_allowed(violations, justification=…)`` — mandatory breaches refuse; in-principle
  ones pass only with a written justification, and are returned so the service records them for
  the approver.
- ``timeline_add(subject, …)`` / ``timeline_for(subject)`` — the record's timeline (大事记).
- ``StateField`` — the state column: django-fsm-2's ``FSMField``, protected (changed only through a
  transition), written into migrations as the ``CharField`` it is in the database.

A service stays a keyword-only ``<entity>_<verb>`` function in one transaction::

    @transaction.atomic
    def roster_submit(*, roster: Roster, acting_user, justification: str = "") -> Roster:
        policies.require(policies.may_submit_roster(acting_user, roster))
        departures = refuse_unless_allowed(roster_violations(roster), justification=justification)
        transition(roster, "submit", message="只有草稿状态的名单可以提交。",
                   update_fields=("submitted_at",), extra={"submitted_at": timezone.now()})
        timeline_add(roster, kind="submitted", title="提交委员会名单", actor=acting_user,
                     departures=[v.to_dict() for v in departures])
        return roster
"""

from __future__ import annotations

from collections.abc import Iterable
from datetime import date
from typing import Any

from django.db import models
from django.utils import timezone
from django_fsm import FSMField, can_proceed

from .errors import RuleRefusal, WrongState

IN_PRINCIPLE_MESSAGE = "违反“原则上”条款，须填写偏离理由并经卫健委批准。"
RACE_MESSAGE = "该记录已被他人处理，请刷新页面后查看最新状态。"


def today() -> date:
    """Today in the product's time zone (settings.TIME_ZONE, Asia/Shanghai)."""
    return timezone.localdate()


def ruleset_for(subject, *, on: date | None = None):
    """The rule set in force for ``subject`` on ``on`` (today by default). ``subject`` is any record
    with a ``jurisdiction`` and a ``body_kind`` (a centre), or that names its governing record
    through ``ruleset_subject()`` (a committee returns its centre). Raises ``NoRuleSetInForce``."""
    from rulesets.selectors import ruleset_in_force

    while hasattr(subject, "ruleset_subject"):
        subject = subject.ruleset_subject()
    return ruleset_in_force(subject.jurisdiction, subject.body_kind, on=on or today())


def _state_field(method) -> str:
    field = method._django_fsm.field
    return field if isinstance(field, str) else field.name


def transition(
    instance: models.Model,
    name: str,
    *,
    message: str = "",
    code: str = "wrong_state",
    update_fields: Iterable[str] = (),
    extra: dict[str, Any] | None = None,
    **kwargs,
) -> models.Model:
    """Run the declared transition ``name`` of ``instance`` and save it only if nobody changed the
    state meanwhile. ``extra`` sets further fields with the state (and saves them); ``update_fields``
    saves fields the transition method itself set. ``kwargs`` go to the transition method.

    Two requests deciding the same record at once: both pass ``can_proceed``, the first UPDATE
    wins and the second, once the first commits, matches no row and raises ``WrongState``."""
    method = getattr(instance, name)
    field = _state_field(method)
    before = getattr(instance, field)
    if not can_proceed(method):
        raise WrongState(code, message or "当前状态不允许此操作。")
    method(**kwargs)
    for attr, value in (extra or {}).items():
        setattr(instance, attr, value)
    fields = {field, *update_fields, *(extra or {})}
    values = {f: getattr(instance, f) for f in fields}
    if "updated_at" in {f.name for f in instance._meta.concrete_fields} and "updated_at" not in values:
        values["updated_at"] = timezone.now()
        instance.updated_at = values["updated_at"]
    changed = type(instance)._default_manager.filter(pk=instance.pk, **{field: before}).update(**values)
    if changed != 1:
        raise WrongState("changed_concurrently", RACE_MESSAGE)
    if hasattr(instance, "_update_initial_state"):  # django-fsm's ConcurrentTransitionMixin
        instance._update_initial_state()
    return instance


def refuse_unless_allowed(violations: Iterable, *, justification: str = "") -> list:
    """Mandatory breaches refuse (``RuleRefusal``, code ``rule_violation``). In-principle breaches
    (原则上) refuse unless a justification is written (code ``justification_required``); with one,
    they are returned so the service records them and flags them to the approver. Preferences
    (优先) never refuse."""
    violations = list(violations)
    mandatory = [v for v in violations if v.strictness == "mandatory"]
    if mandatory:
        raise RuleRefusal("rule_violation", "", mandatory)
    in_principle = [v for v in violations if v.strictness == "in_principle"]
    if in_principle and not (justification or "").strip():
        raise RuleRefusal("justification_required", IN_PRINCIPLE_MESSAGE, in_principle)
    return in_principle


def timeline_add(
    subject: models.Model, *, kind: str, title: str, actor=None, article: str = "", document=None, **detail
):
    """Add an entry to ``subject``'s timeline (大事记): what happened, who, under which article, with
    its document's number."""
    from django.contrib.contenttypes.models import ContentType

    from .models import TimelineEntry

    if document is not None:
        detail["document_number"] = document.number
    return TimelineEntry.objects.create(
        content_type=ContentType.objects.get_for_model(subject),
        object_id=subject.pk,
        kind=kind,
        title=title[:200],
        actor=actor,
        article=article,
        document_id=document.pk if document else None,
        detail=detail,
    )


def timeline_for(subject: models.Model):
    from django.contrib.contenttypes.models import ContentType

    from .models import TimelineEntry

    return TimelineEntry.objects.filter(
        content_type=ContentType.objects.get_for_model(subject), object_id=subject.pk
    ).select_related("actor")


class StateField(FSMField):
    """A workflow's state column. In the database and in the migrations it is the ``CharField`` it
    is: the historical models a migration renders need no transitions, and an ``FSMField`` there
    connects a ``class_prepared`` receiver for every model state rendered, which made a fresh
    ``migrate`` spend most of its minutes in signal dispatch (``make run`` on a new machine)."""

    def __init__(self, *args, **kwargs):
        kwargs.setdefault("protected", True)  # only a declared transition changes a state
        super().__init__(*args, **kwargs)

    def deconstruct(self):
        name, _path, args, kwargs = super().deconstruct()
        kwargs.pop("protected", None)
        return name, "django.db.models.CharField", args, kwargs
