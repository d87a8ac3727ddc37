"""Centres at every stage for the demo world, made through the same services the users call, so
the records, documents, deadlines and timelines are what the workflow produces. Idempotent: a
centre that exists (by name) is left as users left it. Stages that need the working-day calendar
beyond the years it knows are skipped with a message, never guessed."""

from __future__ import annotations

from contextlib import contextmanager
from datetime import datetime, timedelta
from decimal import Decimal

from django.core.files.base import ContentFile
from django.db import transaction
from django.utils import timezone

from accounts.models import User
from attachments.demo import minimal_pdf
from attachments.services import attachment_store
from directory.models import Institution, Jurisdiction, Person
from rulesets.registry import get_ruleset
from workdays.calendar import CalendarNotCovered

from .models import Centre, Specialty
from .services import selection as services


def _user(username):
    return User.objects.get(username=username)


def _centre(code, body_kind, specialty, name, by):
    if Centre.objects.filter(name=name).exists():
        return None
    specialty, _ = Specialty.objects.get_or_create(name=specialty, work_direction="")
    return services.centre_create(
        jurisdiction=Jurisdiction.objects.get(code=code),
        body_kind=body_kind,
        specialty=specialty,
        name=name,
        acting_user=_user(by),
    )


def fill_application(call, host, leader: str, *, submit: bool = False):
    """A complete application as a host fills it in: every section the rule set asks for, the
    leader, every attachment it requires (used by the demo and by the tests)."""
    ruleset = get_ruleset(call.ruleset_code)
    sections = {
        item.code: f"{item.label}：详见附件材料。" for item in ruleset.value("application.required_sections")
    }
    application = services.application_save_draft(
        call=call, acting_user=host, sections=sections, proposed_leader=Person.objects.get(name=leader)
    )
    if ruleset.has("application.required_attachments"):
        for item in ruleset.value("application.required_attachments"):
            attachment_store(
                file=ContentFile(minimal_pdf([item.code], title=item.label), name=f"{item.label}.pdf"),
                kind=item.code,
                subject=application,
                acting_user=host,
            )
    if submit:
        services.application_submit(application=application, acting_user=host)
    return application


def _call(centre, by, title, *, method="selection", reason=""):
    deadline = timezone.now() + timedelta(days=30) if method != "designation" else None
    return services.call_publish(
        centre=centre,
        title=title,
        method=method,
        acting_user=_user(by),
        conditions="符合规则集规定的挂靠单位基本条件。",
        application_deadline=deadline,
        designation_reason=reason,
    )


@contextmanager
def _on(moment: datetime | None):
    """Take the steps as of ``moment`` (None: now), so that every record, timeline entry and official
    document of a past stage carries the date of its own step — never a notice issued today for a
    period in the past."""
    if moment is None:
        yield
        return
    import time_machine

    with time_machine.travel(moment, tick=False):
        yield


def _selected(
    code, body_kind, specialty, name, *, commission, office, host, leader, since: datetime | None = None
):
    """Call → application → preliminary review → selection; returns the call, or None if it exists.
    ``since``: the day the call was published, the steps following at the pace of the rules (the
    deadline passes before applications close); without it, all today (closed early, with a reason)."""
    day = (lambda n: since + timedelta(days=n)) if since else (lambda n: None)
    with _on(day(0)):
        centre = _centre(code, body_kind, specialty, name, commission)
        if centre is None:
            return None
        call = _call(centre, commission, f"{name}挂靠单位遴选公告")
    with _on(day(3)):
        application = fill_application(call, _user(host), leader, submit=True)
        services.application_preliminary_review(
            application=application, outcome="passed", acting_user=_user(office)
        )
    with _on(day(31)):
        _close(call, office, early=since is None)
        return _review_and_select(call, application, commission=commission, office=office)


def _close(call, office, *, early: bool):
    services.call_close_applications(
        call=call, acting_user=_user(office), reason="申请单位均已提交，提前进入评审" if early else ""
    )


def _review_and_select(call, application, *, commission, office):
    # 九龙坡 第七条（二）: the experts' review and oral defence comes before the choice
    seat = services.panel_add(call=call, person=Person.objects.get(name="陈静"), acting_user=_user(office))
    services.score_record(
        member=seat,
        application=application,
        criterion="综合实力",
        score=Decimal("88"),
        acting_user=_user("jlp_reviewer"),
    )
    services.call_select(
        call=call,
        application=application,
        reasons="专科综合实力强，质控工作基础扎实。",
        acting_user=_user(commission),
    )
    return call


def _designated(code, body_kind, specialty, name, *, commission, institution, leader, reason):
    centre = _centre(code, body_kind, specialty, name, commission)
    if centre is None:
        return None
    call = _call(centre, commission, f"{name}挂靠单位", method="designation", reason=reason)
    services.designation_record(
        call=call,
        institution=Institution.objects.get(name=institution),
        leader=Person.objects.get(name=leader),
        reasons=reason,
        acting_user=_user(commission),
    )
    return services.centre_establish(call=call, acting_user=_user(commission))


@transaction.atomic  # a stage that fails leaves nothing half-made, and the next run tries again
def seed_centres(stdout=None) -> None:
    say = stdout.write if stdout else (lambda message: None)

    # 九龙坡: an active centre — published about three months ago; its notice ran for five working days
    # and closed without objection; each step, and its document, dated the day it was taken.
    since = timezone.now().replace(hour=9, minute=0, second=0, microsecond=0) - timedelta(days=90)
    try:
        call = _selected(
            "500107",
            "district_centre",
            "心血管内科",
            "九龙坡区心血管内科医疗质量控制中心",
            commission="jlp_commission",
            office="jlp_qc_office",
            host="jlp_host",
            leader="张建国",
            since=since,
        )
        if call:
            with _on(since + timedelta(days=32)):
                services.notice_publish(
                    call=call,
                    starts_on=timezone.localdate(),
                    working_days=5,
                    acting_user=_user("jlp_commission"),
                )
            with _on(since + timedelta(days=46)):
                services.centre_establish(call=call, acting_user=_user("jlp_commission"))
    except (
        CalendarNotCovered
    ) as uncovered:  # the steps are dated three months back: the calendar must know them
        say(f"跳过运行中质控中心示例：{uncovered}")

    # 九龙坡: a centre in its public notice, open to objections now.
    call = _selected(
        "500107",
        "district_centre",
        "护理",
        "九龙坡区护理质量控制中心",
        commission="jlp_commission",
        office="jlp_qc_office",
        host="jlp_host",
        leader="李秀英",
    )
    if call:
        try:
            services.notice_publish(
                call=call, starts_on=timezone.localdate(), working_days=5, acting_user=_user("jlp_commission")
            )
        except CalendarNotCovered as uncovered:
            say(f"跳过公示示例：{uncovered}")

    # 九龙坡: a call open for applications, with the district hospital's draft.
    centre = _centre(
        "500107", "district_centre", "重症医学", "九龙坡区重症医学医疗质量控制中心", "jlp_commission"
    )
    if centre:
        call = _call(centre, "jlp_commission", "九龙坡区重症医学医疗质量控制中心挂靠单位遴选公告")
        fill_application(call, _user("jlp_host"), "王志强")

    # 济南: applications closed, the expert panel reviewing — one reviewer from the applicant recused.
    centre = _centre(
        "370100", "city_centre", "医院感染管理", "济南市医院感染管理质量控制中心", "jn_commission"
    )
    if centre:
        call = _call(
            centre, "jn_commission", "济南市医院感染管理质量控制中心挂靠单位申报", method="application"
        )
        application = fill_application(call, _user("jn_host"), "黄丽华", submit=True)
        services.application_preliminary_review(
            application=application, outcome="passed", acting_user=_user("jn_qc_office")
        )
        services.call_close_applications(
            call=call, acting_user=_user("jn_qc_office"), reason="申请单位均已提交，提前进入评审"
        )
        for name in ("马国栋", "林志远"):
            services.panel_add(
                call=call, person=Person.objects.get(name=name), acting_user=_user("jn_qc_office")
            )

    # 青浦: a QC group whose leader unit the commission designated (no notice, no fixed cycle).
    _designated(
        "310118",
        "qc_group",
        "急诊医学",
        "青浦区急诊医学质控组",
        commission="qp_commission",
        institution="青浦区中心医院",
        leader="徐明",
        reason="区中心医院急诊专业实力最强，承担全区急诊质控工作。",
    )

    # 河南: a provincial centre.
    _designated(
        "410000",
        "provincial_centre",
        "麻醉",
        "河南省麻醉质量控制中心",
        commission="hn_commission",
        institution="河南省示范人民医院",
        leader="韩冬",
        reason="省级麻醉专业龙头单位。",
    )
