"""Registering a centre that was established before the platform (登记既有质控中心): its host and leader,
its current hosting term (started in the past), and the yearly grades it was given before, entered from
the commission's documents with who entered them. Without this no term with four graded years can be
on the platform: the rule sets are in force only from 2024-02-23 (济南) and 2025-11-20 (九龙坡), and a
term begins the day the centre is established.

The term's length is the rule set in force today (``setup.host_term_years``: 九龙坡 第五条, 济南
第十九条（一）); the grades are the current rule set's grades and their meaning at the 4-year decision
is the rule engine's (rulesets.engine.appraisal.retention_proposal), never this module's. The centre is
created through ``centres.services.selection.centre_create`` (one centre per specialty, 九龙坡 第四条,
济南 第四条) and established by its declared transition; the grades are the appraisal app's record
(appraisal.history.historical_grades_record)."""

from __future__ import annotations

from datetime import date, timedelta

from django.db import transaction

from core.dates import add_years
from core.errors import InvalidInput, NotAllowed
from core.workflow import timeline_add, today, transition
from deadlines.dates import end_of_day
from deadlines.services import deadline_open
from rulesets.selectors import NoRuleSetInForce, ruleset_in_force

from . import error_codes as codes
from . import policies
from .models import Centre, HostingTerm
from .services.selection import centre_create


def _term_years(ruleset) -> int | None:
    return ruleset.value("setup.host_term_years") if ruleset.has("setup.host_term_years") else None


@transaction.atomic
def centre_register_existing(
    *,
    jurisdiction,
    body_kind: str,
    specialty,
    name: str,
    host,
    leader,
    term_starts_on: date,
    established_by: str,
    acting_user,
    grades: list[dict] | tuple = (),
    earlier_terms: int = 0,
) -> Centre:
    """The commission registers an existing centre: it is created and established with ``host`` and
    ``leader``, its term started on ``term_starts_on`` (before today) by the document
    ``established_by``; ``earlier_terms`` earlier consecutive terms of the same host are recorded as
    ended; ``grades`` (``[{year, grade, source_document, source_issued_on}]``) are the term's years
    graded before the platform."""
    if not policies.is_commission(acting_user, jurisdiction):
        raise NotAllowed(codes.NOT_ALLOWED, "只有本辖区卫健委可以登记既有质控中心。")
    on = today()
    try:
        ruleset = ruleset_in_force(jurisdiction, body_kind, on=on)
    except NoRuleSetInForce as missing:
        raise InvalidInput(codes.NO_RULESET, str(missing)) from None
    if not (established_by or "").strip():
        raise InvalidInput(codes.BASIS_REQUIRED, "请填写设立该质控中心的公文（文号或标题）。")
    if not isinstance(term_starts_on, date):
        raise InvalidInput(codes.INVALID_VALUE, "请填写当前挂靠周期的起始日。")
    if term_starts_on >= on:
        raise InvalidInput(
            codes.FUTURE_DATE,
            f"既有质控中心的挂靠周期起始日须早于今天（{on:%Y-%m-%d}）；新设置的质控中心请通过遴选或指定设立。",
        )
    if host is None or not host.jurisdiction.path.startswith(jurisdiction.path):
        raise InvalidInput(codes.HOST_OUT_OF_SCOPE, f"挂靠单位须为{jurisdiction.name}辖区内的医疗卫生机构。")
    if leader is None or leader.employer_id != host.pk:
        raise InvalidInput(codes.LEADER_NOT_STAFF, f"负责人须为挂靠单位{host}的本单位人员。")
    if not isinstance(earlier_terms, int) or earlier_terms < 0:
        raise InvalidInput(codes.INVALID_VALUE, "此前连续挂靠的周期数须为0或正整数。")
    years = _term_years(ruleset)
    article = ruleset.param("setup.host_term_years").article if years else ""
    ends_on = add_years(term_starts_on, years) - timedelta(days=1) if years else None
    if years and add_years(ends_on, years) < on:
        raise InvalidInput(
            codes.INVALID_VALUE,
            f"{article}：每个挂靠周期{years}年，自{term_starts_on:%Y-%m-%d}起的周期已于{ends_on:%Y-%m-%d}届满，"
            "其后的一个周期也已届满；请登记当前挂靠周期的起始日。",
        )
    if earlier_terms and not years:
        raise InvalidInput(codes.NO_CYCLE, f"规则集 {ruleset.code} 未规定挂靠周期，不能登记此前的挂靠周期。")

    centre = centre_create(
        jurisdiction=jurisdiction,
        body_kind=body_kind,
        specialty=specialty,
        name=name,
        acting_user=acting_user,
    )
    for i in range(earlier_terms, 0, -1):  # the same host's earlier consecutive terms (济南 第十九条（一）)
        starts = add_years(term_starts_on, -i * years)
        earlier = HostingTerm.objects.create(
            centre=centre,
            host=host,
            leader=leader,
            number=earlier_terms - i + 1,
            starts_on=starts,
            ends_on=add_years(starts, years) - timedelta(days=1),
        )
        transition(earlier, "end", message="该挂靠周期已结束。")
    term = HostingTerm.objects.create(
        centre=centre,
        host=host,
        leader=leader,
        number=earlier_terms + 1,
        starts_on=term_starts_on,
        ends_on=ends_on,
    )
    centre.host, centre.leader = host, leader
    transition(centre, "establish", message="该质控中心当前不能设置。", update_fields=("host", "leader"))
    if ends_on:
        deadline_open(
            kind="term.end",
            title=f"{centre.name}第{term.number}周期届满",
            subject=term,
            due_at=end_of_day(ends_on),
            jurisdiction=jurisdiction,
            article=article,
            ruleset_code=ruleset.code,
            acting_user=acting_user,
        )
    until = f"至 {ends_on:%Y-%m-%d}" if ends_on else "（规则集未规定周期）"
    timeline_add(
        centre,
        kind="registered_existing",
        title=f"登记既有质控中心：挂靠{host}，第{term.number}周期自 {term_starts_on:%Y-%m-%d} 起{until}",
        actor=acting_user,
        article=article,
        established_by=established_by.strip(),
        earlier_terms=earlier_terms,
    )
    if grades:
        from appraisal.history import historical_grades_record

        historical_grades_record(centre=centre, term=term, grades=list(grades), acting_user=acting_user)
    centre.refresh_from_db()
    return centre
