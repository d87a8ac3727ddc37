"""The experts app's demo: each state under 九龙坡, 济南, 青浦 and 重庆全科, made through the app's
own services so the records, documents, deadlines and timelines are what the workflow produces.
Idempotent: a committee or library that exists is left as users left it. The extra people and
institutions the demo needs are made here (get_or_create), not in directory/demo.py."""

from __future__ import annotations

from datetime import date, timedelta
from decimal import Decimal

from django.db import transaction
from django.db.models import F
from django.utils import timezone

from accounts.models import User
from centres.models import Centre
from core.errors import ServiceError
from core.workflow import today
from directory.demo import demo_id_number
from directory.models import Institution, Jurisdiction, Person

from . import services
from .models import DutyLog, Expert, ExpertApplication, Library

# employer, name, sex, birth, title, level, title since, specialty, employment, gp registered, gp since
PEOPLE = [
    (
        "九龙坡区人民医院",
        "邓爱华",
        "F",
        "1970-05-06",
        "主任医师",
        "senior",
        "2012-12-01",
        "心血管内科",
        "in_service",
        False,
        None,
    ),
    (
        "九龙坡区人民医院",
        "蒋立群",
        "M",
        "1972-03-09",
        "主任医师",
        "senior",
        "2013-12-01",
        "心血管内科",
        "in_service",
        False,
        None,
    ),
    (
        "九龙坡区人民医院",
        "韦晓东",
        "M",
        "1975-01-17",
        "副主任医师",
        "associate_senior",
        "2016-12-01",
        "心血管内科",
        "in_service",
        False,
        None,
    ),
    (
        "九龙坡区人民医院",
        "程慧",
        "F",
        "1977-08-28",
        "副主任医师",
        "associate_senior",
        "2017-12-01",
        "心血管内科",
        "in_service",
        False,
        None,
    ),
    (
        "九龙坡区中医院",
        "袁志刚",
        "M",
        "1973-11-11",
        "主任中医师",
        "senior",
        "2014-12-01",
        "中医心病",
        "in_service",
        False,
        None,
    ),
    (
        "九龙坡区妇幼保健院",
        "贺玲",
        "F",
        "1980-02-02",
        "副主任医师",
        "associate_senior",
        "2018-12-01",
        "心血管内科",
        "in_service",
        False,
        None,
    ),
    (
        "九龙坡区第二人民医院",
        "石磊",
        "M",
        "1985-06-06",
        "主治医师",
        "intermediate",
        "2017-06-01",
        "心血管内科",
        "in_service",
        False,
        None,
    ),
    (
        "青浦区中医医院",
        "钱振华",
        "M",
        "1976-04-04",
        "副主任医师",
        "associate_senior",
        "2015-12-01",
        "急诊医学",
        "in_service",
        False,
        None,
    ),
    (
        "青浦区夏阳街道社区卫生服务中心",
        "陆晓雯",
        "F",
        "1984-09-09",
        "主治医师",
        "intermediate",
        "2016-06-01",
        "急诊医学",
        "in_service",
        False,
        None,
    ),
    (
        "重庆医科大学附属示范医院",
        "唐国华",
        "M",
        "1971-07-07",
        "主任医师",
        "senior",
        "2011-12-01",
        "全科医学",
        "in_service",
        True,
        "2005-07-01",
    ),
    (
        "重庆医科大学附属示范医院",
        "马丽",
        "F",
        "1979-03-03",
        "副主任医师",
        "associate_senior",
        "2016-12-01",
        "全科医学",
        "in_service",
        True,
        "2008-07-01",
    ),
    (
        "渝北区人民医院",
        "秦川",
        "M",
        "1978-10-10",
        "副主任医师",
        "associate_senior",
        "2017-12-01",
        "全科医学",
        "in_service",
        True,
        "2009-07-01",
    ),
    (
        "渝北区人民医院",
        "白雪",
        "F",
        "1982-12-12",
        "主治医师",
        "intermediate",
        "2015-06-01",
        "全科医学",
        "in_service",
        True,
        "2012-07-01",
    ),
    (
        "渝北区双凤桥街道社区卫生服务中心",
        "田野",
        "M",
        "1987-01-01",
        "主治医师",
        "intermediate",
        "2017-06-01",
        "全科医学",
        "in_service",
        True,
        "2014-07-01",
    ),
    (
        "渝北区双凤桥街道社区卫生服务中心",
        "康宁",
        "F",
        "1986-02-02",
        "主治医师",
        "intermediate",
        "2018-06-01",
        "全科医学",
        "in_service",
        True,
        "2015-07-01",
    ),
    (
        "重庆医科大学附属示范医院",
        "方圆",
        "F",
        "1983-05-05",
        "副主任医师",
        "associate_senior",
        "2019-12-01",
        "公共卫生",
        "in_service",
        True,
        "2010-07-01",
    ),
    (
        "渝北区人民医院",
        "严谨",
        "M",
        "1981-08-08",
        "副主任医师",
        "associate_senior",
        "2018-12-01",
        "医疗管理",
        "in_service",
        True,
        "2009-07-01",
    ),
    (
        "杨家坪街道社区卫生服务中心",
        "江涛",
        "M",
        "1990-03-03",
        "住院医师",
        "junior",
        "2016-06-01",
        "全科医学",
        "in_service",
        True,
        "2016-07-01",
    ),
]


def _people() -> None:
    for i, (
        employer,
        name,
        sex,
        birth,
        title,
        level,
        since,
        specialty,
        employment,
        gp,
        gp_since,
    ) in enumerate(PEOPLE):
        if Person.objects.filter(name=name).exists():
            continue
        institution = Institution.objects.get(name=employer)
        region = institution.jurisdiction.code
        Person.objects.create(
            name=name,
            sex=sex,
            birth_date=date.fromisoformat(birth),
            id_number=demo_id_number(region, birth, 500 + i),
            title=title,
            title_level=level,
            title_obtained_on=date.fromisoformat(since),
            specialty=specialty,
            employer=institution,
            employment=employment,
            first_practice_site=institution,
            first_practice_since=date.fromisoformat(since) - timedelta(days=3650),
            gp_registered=gp,
            gp_experience_since=date.fromisoformat(gp_since) if gp_since else None,
        )


# People of the directory's demo who join the library: the years of general-practice work the
# selection conditions look at (重庆全科 二、(一)2.), recorded through the directory's service.
GP_SINCE = {"吴立新": "2002-07-01", "郑海燕": "2008-07-01", "孙文博": "2013-07-01", "周晓燕": "2010-07-01"}


def _gp_experience() -> None:
    from directory.services import person_update

    admin = User.objects.filter(is_superuser=True).first() or User.objects.filter(role="sysadmin").first()
    for name, since in GP_SINCE.items():
        person = Person.objects.filter(name=name, gp_experience_since__isnull=True).first()
        if person is not None:
            person_update(person=person, acting_user=admin, gp_experience_since=date.fromisoformat(since))


# Demo logins of the experts app (listed in docs/experts.md), for states only their holder can reach.
LOGINS = [("cq_expert2", "康宁", "康宁（专家库专家）"), ("qp_member", "胡伟", "胡伟（质控专家组成员）")]


def _logins() -> None:
    from directory.demo import DEMO_PASSWORD

    for username, name, display in LOGINS:
        if not User.objects.filter(username=username).exists():
            user = User(username=username, role="expert", person=_p(name), display_name=display)
            user.set_password(DEMO_PASSWORD)
            user.save()


def _u(username) -> User:
    return User.objects.get(username=username)


def _p(name) -> Person:
    return Person.objects.get(name=name)


def _seat(committee, by, role, name, **extra):
    return services.member_add(committee=committee, acting_user=_u(by), role=role, person=_p(name), **extra)


def _section(say, label, fn):
    """One demo section in its own transaction: a refusal (a rule, a missing calendar year) is
    reported and the other sections still run."""
    try:
        with transaction.atomic():
            fn()
    except ServiceError as refused:
        say(f"跳过专家示例（{label}）：{refused}")


def _jiulongpo():
    centre = Centre.objects.filter(name="九龙坡区心血管内科医疗质量控制中心", status="active").first()
    if centre is None or centre.committees.exists():
        return
    host, commission = "jlp_host", "jlp_commission"
    committee = services.committee_create(centre=centre, acting_user=_u(host))
    _seat(committee, host, "chair", "张建国")
    _seat(committee, host, "vice_chair", "袁志刚")
    _seat(committee, host, "vice_chair", "彭镕")
    for name in ("邓爱华", "蒋立群", "贺玲", "刘芳"):
        _seat(committee, host, "member", name)
    # an in-principle departure: a member below 副高 (九龙坡 第十一条（四）), justified
    _seat(committee, host, "member", "石磊")
    services.member_add(
        committee=committee,
        acting_user=_u(host),
        role="liaison_secretary",
        name="程慧",
        employer="九龙坡区人民医院",
        from_host=True,
        title="副主任医师",
        title_level="associate_senior",
    )
    services.roster_submit(
        committee=committee,
        acting_user=_u(host),
        justification="石磊为区第二人民医院心内科骨干，承担全院胸痛中心质控工作，暂无副高级职称人选。",
    )
    services.roster_approve(committee=committee, acting_user=_u(commission))
    # the members' letters: the job the approval queued, run here so the demo shows them at once
    # (the queued job then finds every letter issued and does nothing)
    services.letters_issue(committee_id=committee.pk, acting_user=_u(commission))
    services.meeting_record(
        committee=committee,
        acting_user=_u(host),
        held_on=today() - timedelta(days=30),
        agenda="审议年度质控计划；部署胸痛中心质控督查。",
        minutes="会议审议通过年度质控工作计划。",
        attendees=[_p("张建国"), _p("袁志刚"), _p("邓爱华")],
    )
    # hours: confirmed, pending (by QR sign-in), returned
    expert = _u("jlp_expert")
    key = f"centre:{centre.pk}"
    log = services.duty_record(
        person=expert.person,
        acting_user=expert,
        work_for=key,
        worked_on=today() - timedelta(days=20),
        kind="supervision",
        hours=Decimal(4),
        description="胸痛中心质控督查（区人民医院）",
    )
    services.duty_confirm(log=log, acting_user=_u(host))
    log = services.duty_record(
        person=expert.person,
        acting_user=expert,
        work_for=key,
        worked_on=today() - timedelta(days=10),
        kind="review",
        hours=Decimal(6),
        description="审核季度质控数据",
    )
    services.duty_return(log=log, acting_user=_u(host), reason="季度数据审核请按实际时长填报，并附审核记录。")
    now = timezone.now()
    activity = services.activity_create(
        acting_user=_u(host),
        place=centre,
        kind="training",
        title="心血管内科质控培训（第二期）",
        starts_at=now - timedelta(hours=1),
        ends_at=now + timedelta(days=2),
        hours=Decimal(3),
    )
    services.sign_in(token=activity.sign_in_code.token, acting_user=expert)

    # a second committee state: the 护理 centre (in notice) cannot have one yet; the ICU draft is not active.


def _qingpu():
    centre = Centre.objects.filter(name="青浦区急诊医学质控组", status="active").first()
    if centre is None or centre.committees.exists():
        return
    host = "qp_host"
    group = services.committee_create(centre=centre, acting_user=_u(host), kind="expert_group")
    _seat(group, host, "leader", "徐明")
    _seat(group, host, "liaison", "朱婷")
    _seat(group, host, "member", "钱振华")
    _seat(group, host, "member", "胡伟")
    _submit_with_justification(group, host)
    services.roster_approve(committee=group, acting_user=_u("qp_commission"))
    # a member applies to the leader to withdraw (青浦 第十四条)
    services.member_request_withdrawal(
        seat=group.members.get(name="胡伟"),
        acting_user=_u("qp_member"),
        reason="工作调动至市区医院，无法继续承担督查任务。",
    )
    # the supervision group: a draft with a breach (a member below 中级满3年)
    supervision = services.committee_create(centre=centre, acting_user=_u(host), kind="supervision_group")
    _seat(supervision, host, "leader", "徐明")
    _seat(supervision, host, "member", "陆晓雯")
    _seat(supervision, host, "member", "沈佳怡")


def _submit_with_justification(committee, host):
    violations = services.roster_violations(committee)
    justification = "；".join(v.message for v in violations if v.strictness == "in_principle")
    return services.roster_submit(
        committee=committee,
        acting_user=_u(host),
        justification=f"挂靠单位说明：{justification}" if justification else "",
    )


def _jinan():
    centre = Centre.objects.filter(jurisdiction__code="370100", status="active").first()
    if centre is None:
        centre = _jinan_centre()
    if centre is None or centre.committees.exists():
        return
    host = "jn_host"
    committee = services.committee_create(centre=centre, acting_user=_u(host))
    _seat(committee, host, "chair", "马国栋")
    _seat(committee, host, "vice_chair", "林志远")
    _seat(committee, host, "vice_chair", "高雪梅")
    _seat(committee, host, "vice_chair", "罗斌")
    _seat(committee, host, "secretary", "喆妍")
    # submitted, waiting for the commission
    _submit_with_justification(committee, host)


def _jinan_centre():
    """An active 济南 city centre (第五条: by application, not designation), through the centres services."""
    from centres.demo import _call, _centre, fill_application
    from centres.services import selection as centre_services

    centre = _centre("370100", "city_centre", "心血管内科", "济南市心血管内科质量控制中心", "jn_commission")
    if centre is None:
        return None
    call = _call(centre, "jn_commission", "济南市心血管内科质量控制中心挂靠单位申报", method="application")
    application = fill_application(call, _u("jn_host"), "马国栋", submit=True)
    centre_services.application_preliminary_review(
        application=application, outcome="passed", acting_user=_u("jn_qc_office")
    )
    centre_services.call_close_applications(
        call=call, acting_user=_u("jn_qc_office"), reason="申请单位已提交，提前进入评审"
    )
    centre_services.call_select(
        call=call, application=application, reasons="心血管专业综合实力强。", acting_user=_u("jn_commission")
    )
    centre_services.centre_establish(call=call, acting_user=_u("jn_commission"))
    centre.refresh_from_db()
    return centre


def attach_materials(application, by, kinds=services.REQUIRED_MATERIALS):
    """The 申报表 and the title certificate as the applicant or the office uploads them
    (重庆全科 二、(二)1.: without them the review does not pass; used by the demo and the tests)."""
    from django.core.files.base import ContentFile

    from attachments import kinds as attachment_kinds
    from attachments.demo import minimal_pdf
    from attachments.services import attachment_store

    for kind in kinds:
        label = str(attachment_kinds.label(kind))
        attachment_store(
            file=ContentFile(minimal_pdf([kind, "DEMO"], title=label), name=f"{label}.pdf"),
            kind=kind,
            subject=application,
            acting_user=by,
        )


def _library():
    city = Jurisdiction.objects.get(code="500000")
    if Library.objects.filter(name="重庆市全科医疗质控专家库").exists():
        return
    library = Library.objects.create(
        jurisdiction=city,
        name="重庆市全科医疗质控专家库",
        issuer_name="重庆市全科医疗质量控制中心",
        issuer_code="渝全科质控",
        host=Institution.objects.filter(name="重庆医科大学附属示范医院").first(),
    )
    yubei = Jurisdiction.objects.filter(name__contains="渝北").first()
    office, commission, reviewer = _u("cq_qc_office"), _u("cq_commission"), _u("cq_district_reviewer")

    def appointed(name, level):
        person = _p(name)
        jurisdiction = (
            city if level == "city" else (person.employer.jurisdiction if person.employer else yubei)
        )
        application = services.application_submit(
            library=library,
            person=person,
            acting_user=office,
            level=level,
            jurisdiction=jurisdiction,
            fields="全科医疗质量控制",
            statement="从事全科医疗工作多年，承担社区质控工作。",
            source="institution",
            recommender=str(person.employer),
        )
        attach_materials(application, office)
        if level == "regional":
            local = User.objects.filter(
                jurisdiction=jurisdiction, role__in=["qc_office", "district_reviewer"]
            ).first()
            services.application_review(
                application=application,
                acting_user=local or reviewer,
                passed=True,
                note="同意推荐，报市级中心备案。",
            )
        services.application_review(application=application, acting_user=office, passed=True)
        services.application_approve(application=application, acting_user=commission)
        services.application_publish_notice(
            application=application, acting_user=office, starts_on=today(), ends_on=today()
        )
        application.notice_ends_on = today() - timedelta(days=1)  # the notice has run its course
        ExpertApplication.objects.filter(pk=application.pk).update(notice_ends_on=application.notice_ends_on)
        return services.application_appoint(application=application, acting_user=office)

    experts = [
        appointed("吴立新", "city"),
        appointed("唐国华", "city"),
        appointed("马丽", "city"),
        appointed("方圆", "city"),
        appointed("郑海燕", "regional"),
        appointed("秦川", "regional"),
        appointed("孙文博", "regional"),
        appointed("白雪", "regional"),
        appointed("田野", "regional"),
        appointed("康宁", "regional"),
        appointed("周晓燕", "regional"),
    ]
    # The demo's experts have served for a year, so the work ledger below counts (the only other
    # write outside a service, like the notice dates above).
    # Both ends move, so the term stays the rule set's 4 years (二、(二)3.; it read 5 on the demo).
    Expert.objects.filter(library=library).update(
        appointed_on=F("appointed_on") - timedelta(days=365), ends_on=F("ends_on") - timedelta(days=365)
    )
    # applications in each state
    pending = services.application_submit(
        library=library,
        person=_p("严谨"),
        acting_user=office,
        level="city",
        jurisdiction=city,
        fields="医疗管理",
        statement="从事医疗管理工作12年。",
    )
    _ = pending
    # hours: 周晓燕 (cq_expert) confirmed and pending
    me = _u("cq_expert")
    key = f"library:{library.pk}"
    for days, hours, confirm in ((60, "8", True), (40, "6", True), (5, "4", False)):
        log = services.duty_record(
            person=me.person,
            acting_user=me,
            work_for=key,
            worked_on=today() - timedelta(days=days),
            kind="supervision",
            hours=Decimal(hours),
            description="社区卫生服务中心全科质控督查",
        )
        if confirm:
            services.duty_confirm(log=log, acting_user=office)
    for expert, hours in zip(experts[:6], (44, 41, 38, 20, 32, 12), strict=True):
        day = 0
        while hours > 0:  # the work ledger, four hours an entry
            chunk = min(4, hours)
            day, hours = day + 1, hours - chunk
            log = DutyLog.objects.create(
                person=expert.person,
                jurisdiction=city,
                library=library,
                worked_on=today() - timedelta(days=10 + day),
                kind="review",
                hours=Decimal(chunk),
                description="质控数据审核（工作台账）",
                evidence="工作台账",
            )
            services.duty_confirm(log=log, acting_user=office)
    # the year-end deadline for each expert short of the minimum of their level (四、(二)1.)
    services.hours_deadlines_open(library=library, acting_user=office)
    # a dismissal (immediate, announced) and a voluntary exit request
    services.expert_exit(
        expert=experts[8],
        acting_user=office,
        kind="dismissal",
        reason="泄露质控工作中涉及的医疗机构未公开信息",
    )
    services.expert_request_exit(
        expert=experts[9], acting_user=_u("cq_expert2"), reason="工作调动，申请退出专家库。"
    )
    # this year's grading, in progress
    grading = services.grading_open(library=library, year=today().year, acting_user=office)
    values = ["excellent", "good", "good", "pass", "pass", "pass", "pass", "pass", "fail"]
    for grade, value in zip(grading.grades.order_by("pk"), values, strict=False):
        services.grade_set(grade=grade, acting_user=office, value=value)


def seed_experts(stdout=None) -> None:
    say = stdout.write if stdout else (lambda message: None)
    _people()
    _gp_experience()
    _logins()
    _section(say, "九龙坡", _jiulongpo)
    _section(say, "青浦", _qingpu)
    _section(say, "济南", _jinan)
    _section(say, "重庆全科专家库", _library)
