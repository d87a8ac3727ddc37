"""The appraisal's demo records, made through the services the users call (and the centres app's
services for the centres themselves), so the states, documents, deadlines and charts are what the
workflow produces. Idempotent: a year that exists is left as users left it.

- 九龙坡 2025: a published year — institutions' scores, host support, grades proposed and confirmed
  (one changed with its reason), the results document; 九龙坡区医院感染管理质控中心 failed and is in
  rectification (九龙坡 第二十二条（二）).
- 九龙坡 2026: scoring open — jlp_scorer (九龙坡区中医院) has it in its 待办, and does not score the
  centre its hospital hosts.
- 济南 2025: 济南市检验医学质量控制中心 failed on an entered condition (济南 第二十条) and is on a yellow
  card (第十九条（三）).
- Duties: 心血管内科's 2026 year opened, with a measurable plan, trainings and a committee meeting.
- Centres established before the platform (centres/registration.py): 九龙坡区急诊医学 (2022–2025 all
  良好 or better) retained at its 4-year decision in January 2026; 济南市针灸推拿 (term to 2026-11-30)
  at its 4-year decision, the engine leaving it to the commission (济南 第十九条（一））.
- 济南 2026 duties of 检验医学: a plan, a training outside it reported in advance (第十一条), an
  evaluation of 济南市妇幼保健院 whose rectification report back is awaited (第十二条).
"""

from __future__ import annotations

from contextlib import contextmanager
from datetime import date, datetime
from decimal import Decimal
from zoneinfo import ZoneInfo

from django.db import transaction

from accounts.models import User
from centres.models import Centre, SelectionCall, Specialty
from centres.services import selection as centre_services
from core.errors import ServiceError
from directory.models import Institution, Jurisdiction, Person
from rulesets.selectors import NoRuleSetInForce
from workdays.calendar import CalendarNotCovered

from . import duties, services
from .models import AssessmentYear, DutyRecord, DutyYear

JLP, JN = "500107", "370100"
WEIGHTS = {"results": 40, "competence": 30, "work_style": 30}
THRESHOLDS = {"excellent": 90, "good": 80, "pass": 60}
GUIDANCE = {
    "results": "年度计划任务完成情况、质控指标改善情况。",
    "competence": "专家委员会业务能力、培训和督查质量。",
    "work_style": "工作作风、服务意识、与医疗机构沟通协作。",
}


def _user(username):
    return User.objects.get(username=username)


def _scorer(institution: Institution) -> User:
    """A scorer login of each institution of the district (jlp_scorer for 九龙坡区中医院)."""
    existing = User.objects.filter(role="institution_scorer", institution=institution).first()
    if existing:
        return existing
    user = User(
        username=f"scorer_{institution.pk}",
        role="institution_scorer",
        institution=institution,
        display_name=f"{institution.name} 医务科",
    )
    user.set_unusable_password()
    user.save()
    return user


@contextmanager
def _on(moment: datetime | None):
    """Take the steps as of ``moment`` (as centres/demo.py does), so that each record, deadline and
    document of a past step carries the date of its own step."""
    if moment is None:
        yield
        return
    import time_machine

    with time_machine.travel(moment, tick=False):
        yield


def _at(y, m, d, hour=9):
    return datetime(y, m, d, hour, 0, tzinfo=ZoneInfo("Asia/Shanghai"))


def _designated_centre(code, specialty, name, institution, leader, reason):
    """A 九龙坡 centre whose host the commission designated (九龙坡 第五条), noticed for five working
    days and established in December 2025 (the rule set is in force from 2025-11-20)."""
    centre = Centre.objects.filter(name=name).first()
    if centre is not None:
        return centre if centre.status == Centre.Status.ACTIVE else None
    commission = _user("jlp_commission")
    with _on(_at(2025, 11, 24)):
        specialty, _ = Specialty.objects.get_or_create(name=specialty, work_direction="")
        centre = centre_services.centre_create(
            jurisdiction=Jurisdiction.objects.get(code=code),
            body_kind="district_centre",
            specialty=specialty,
            name=name,
            acting_user=commission,
        )
        call = centre_services.call_publish(
            centre=centre,
            title=f"{name}挂靠单位",
            method="designation",
            acting_user=commission,
            designation_reason=reason,
        )
        centre_services.designation_record(
            call=call,
            institution=Institution.objects.get(name=institution),
            leader=Person.objects.get(name=leader),
            reasons=reason,
            acting_user=commission,
        )
    with _on(_at(2025, 11, 25)):
        centre_services.notice_publish(
            call=SelectionCall.objects.get(pk=call.pk),
            starts_on=date(2025, 11, 25),
            working_days=5,
            acting_user=commission,
        )
    with _on(_at(2025, 12, 8)):
        centre_services.centre_establish(call=SelectionCall.objects.get(pk=call.pk), acting_user=commission)
    centre.refresh_from_db()
    return centre


def _jinan_centre():
    """济南: a city centre chosen by application (济南 第七条) and established."""
    from centres.demo import fill_application

    name = "济南市检验医学质量控制中心"
    centre = Centre.objects.filter(name=name).first()
    if centre is not None:
        return centre if centre.status == Centre.Status.ACTIVE else None
    commission = _user("jn_commission")
    with _on(_at(2025, 3, 3)):
        specialty, _ = Specialty.objects.get_or_create(name="检验医学", work_direction="")
        centre = centre_services.centre_create(
            jurisdiction=Jurisdiction.objects.get(code=JN),
            body_kind="city_centre",
            specialty=specialty,
            name=name,
            acting_user=commission,
        )
        call = centre_services.call_publish(
            centre=centre,
            title=f"{name}挂靠单位申报",
            method="application",
            acting_user=commission,
            conditions="符合规则集规定的挂靠单位基本条件。",
            application_deadline=_at(2025, 4, 2, 17),
        )
    with _on(_at(2025, 3, 10)):
        application = fill_application(call, _user("jn_host"), "马国栋", submit=True)
        centre_services.application_preliminary_review(
            application=application, outcome="passed", acting_user=_user("jn_qc_office")
        )
    with _on(_at(2025, 4, 7)):
        centre_services.call_close_applications(
            call=SelectionCall.objects.get(pk=call.pk), acting_user=_user("jn_qc_office")
        )
        centre_services.call_select(
            call=SelectionCall.objects.get(pk=call.pk),
            application=application,
            reasons="检验专业基础扎实。",
            acting_user=commission,
        )
    with _on(_at(2025, 4, 21)):
        centre_services.centre_establish(call=SelectionCall.objects.get(pk=call.pk), acting_user=commission)
    centre.refresh_from_db()
    return centre


def _registered_centre(code, body_kind, specialty, name, institution, leader, starts_on, basis, grades, on):
    """A centre established before the platform, registered with its term and the grades of its
    earlier years from the commission's documents (centres/registration.py)."""
    from centres.registration import centre_register_existing

    centre = Centre.objects.filter(name=name).first()
    if centre is not None:
        return centre
    jurisdiction = Jurisdiction.objects.get(code=code)
    with _on(on):
        specialty, _ = Specialty.objects.get_or_create(name=specialty, work_direction="")
        return centre_register_existing(
            jurisdiction=jurisdiction,
            body_kind=body_kind,
            specialty=specialty,
            name=name,
            host=Institution.objects.get(name=institution),
            leader=Person.objects.get(name=leader),
            term_starts_on=starts_on,
            established_by=basis,
            grades=[
                {"year": y, "grade": g, "source_document": doc, "source_issued_on": issued}
                for y, g, doc, issued in grades
            ],
            acting_user=_user("jlp_commission" if code == JLP else "jn_commission"),
        )


def _retained_centre():
    """九龙坡: 急诊医学, hosted since 2022 — 2022–2024 graded on paper, 2025 on the platform; all 良好 or
    better, so the engine proposes retention (九龙坡 第二十二条（一）) and the commission retains it."""
    return _registered_centre(
        JLP,
        "district_centre",
        "急诊医学",
        "九龙坡区急诊医学医疗质量控制中心",
        "九龙坡区人民医院",
        "王志强",
        date(2022, 1, 1),
        "九龙坡卫发〔2021〕118号 关于设置九龙坡区急诊医学医疗质量控制中心的通知",
        [
            (2022, "good", "九龙坡卫发〔2023〕9号 2022年度区级质控中心考核结果通报", date(2023, 2, 20)),
            (2023, "excellent", "九龙坡卫发〔2024〕11号 2023年度区级质控中心考核结果通报", date(2024, 2, 26)),
            (2024, "good", "九龙坡卫发〔2025〕6号 2024年度区级质控中心考核结果通报", date(2025, 2, 24)),
        ],
        _at(2025, 12, 10),
    )


def _decision_centre():
    """济南: 针灸推拿, established under the earlier arrangements (济南 第二十六条), its term from
    2022-12-01 to 2026-11-30: three years graded on paper, 2025 on the platform; the engine leaves the
    decision to the commission (第十九条（一）), which has not yet decided."""
    return _registered_centre(
        JN,
        "city_centre",
        "针灸推拿",
        "济南市针灸推拿质量控制中心",
        "济南市中医医院",
        "林志远",
        date(2022, 12, 1),
        "济卫医函〔2022〕41号 关于设置济南市针灸推拿质量控制中心的通知",
        [
            (2022, "pass", "济卫医函〔2023〕12号 2022年度市级质控中心考核结果", date(2023, 3, 1)),
            (2023, "pass", "济卫医函〔2024〕15号 2023年度市级质控中心考核结果", date(2024, 3, 4)),
            (2024, "pass", "济卫医函〔2025〕10号 2024年度市级质控中心考核结果", date(2025, 3, 3)),
        ],
        _at(2025, 6, 2),
    )


def _retain(centre):
    from centres.models import TermDecision

    if TermDecision.objects.filter(term__centre=centre).exists():
        return
    with _on(_at(2026, 1, 20)):
        services.term_decide(
            centre=centre,
            outcome="retain",
            reasons="2022—2025年度考核均为良好及以上（其中2023年度优秀），按第二十二条（一）不作调整，继续挂靠。",
            acting_user=_user("jlp_commission"),
        )


def _score_all(year, scores_of):
    for inv in year.invitations.select_related("institution"):
        scorer = _scorer(inv.institution)
        for a in services.scorable(inv):
            base = scores_of(a.centre)
            services.score_save(
                invitation=inv,
                assessment=a,
                acting_user=scorer,
                scores={k: Decimal(base) + (i % 3) for i, k in enumerate(WEIGHTS)},
            )
        services.invitation_submit(invitation=inv, acting_user=scorer)


def _jiulongpo_2025(centres):
    jlp = Jurisdiction.objects.get(code=JLP)
    if AssessmentYear.objects.filter(jurisdiction=jlp, body_kind="district_centre", year=2025).exists():
        return
    with _on(_at(2026, 1, 12)):
        _jiulongpo_2025_steps(jlp, centres)


def _jiulongpo_2025_steps(jlp, centres):
    office, commission = _user("jlp_qc_office"), _user("jlp_commission")
    year = services.year_open(jurisdiction=jlp, body_kind="district_centre", year=2025, acting_user=office)
    year = services.year_set_criteria(
        year=year, weights=WEIGHTS, thresholds=THRESHOLDS, guidance=GUIDANCE, acting_user=office
    )
    year = services.year_open_scoring(year=year, acting_user=office)
    marks = {centres["cardio"].pk: 86, centres["infection"].pk: 52, centres["pharmacy"].pk: 92}
    _score_all(year, lambda c: marks.get(c.pk, 80))
    year = services.year_close_scoring(year=year, acting_user=office)
    for a in year.assessments.select_related("centre"):
        fail = a.centre_id == centres["infection"].pk
        services.host_support_assess(
            assessment=a,
            support="insufficient" if fail else "adequate",
            note="挂靠单位未落实专职人员和工作经费。" if fail else "监督管理到位，经费和场地保障充足。",
            acting_user=office,
        )
    services.grades_propose(year=year, acting_user=office)
    for a in year.assessments.select_related("centre"):
        if a.centre_id == centres["cardio"].pk:
            services.grade_confirm(assessment=a, grade="good", acting_user=commission)
        else:
            services.grade_confirm(assessment=a, grade=a.proposed_grade, acting_user=commission)
    services.year_confirm(year=year, acting_user=commission)
    services.year_publish(year=year, acting_user=commission)


def _jiulongpo_2026():
    jlp = Jurisdiction.objects.get(code=JLP)
    if AssessmentYear.objects.filter(jurisdiction=jlp, body_kind="district_centre", year=2026).exists():
        return
    office = _user("jlp_qc_office")
    year = services.year_open(
        jurisdiction=jlp,
        body_kind="district_centre",
        year=2026,
        acting_user=office,
        self_report_due_on=date(2027, 1, 15),
    )
    year = services.year_set_criteria(
        year=year, weights=WEIGHTS, thresholds=THRESHOLDS, guidance=GUIDANCE, acting_user=office
    )
    services.year_open_scoring(year=year, acting_user=office)


def _jinan_2025(centre):
    jn = Jurisdiction.objects.get(code=JN)
    if AssessmentYear.objects.filter(jurisdiction=jn, body_kind="city_centre", year=2025).exists():
        return
    with _on(_at(2026, 1, 19)):
        _jinan_2025_steps(jn, centre)


def _jinan_2025_steps(jn, centre):
    office, commission = _user("jn_qc_office"), _user("jn_commission")
    year = services.year_open(jurisdiction=jn, body_kind="city_centre", year=2025, acting_user=office)
    year = services.year_close_scoring(year=year, acting_user=office)
    for a in year.assessments.select_related("centre"):
        services.host_support_assess(
            assessment=a, support="adequate", note="经费、人员保障到位。", acting_user=office
        )
        if a.centre_id == centre.pk:
            services.condition_record(
                assessment=a,
                code="data_security_duty_unmet",
                evidence="2025年9月检验数据在外部平台泄露，未落实数据资源安全责任制，造成严重后果。",
                acting_user=office,
            )
    services.grades_propose(year=year, acting_user=office)
    for a in year.assessments.all():
        services.grade_confirm(assessment=a, grade=a.proposed_grade, acting_user=commission)
    services.year_confirm(year=year, acting_user=commission)
    services.year_publish(year=year, acting_user=commission)


def _jinan_2026_duties(centre):
    """济南 2026: a plan; a training outside it reported in advance (第十一条); an evaluation of
    济南市妇幼保健院 with its QC report, whose rectification report back (第十二条) is awaited."""
    if DutyRecord.objects.filter(centre=centre, year=2026).exists():
        return
    host, office = _user("jn_host"), _user("jn_qc_office")
    with _on(_at(2026, 1, 6)):
        plan = services.duty_record(
            centre=centre,
            year=2026,
            kind="plan",
            title="2026年度检验医学质控工作计划",
            done_on=date(2026, 1, 5),
            acting_user=host,
            tasks=[
                {"task": "妇幼保健院检验质控评价", "measure": "出具质控报告1份", "due": "2026-06-30"},
                {"task": "全市检验危急值管理培训", "measure": "培训200人次", "due": "2026-09-30"},
            ],
        )
        services.duty_confirm(record=plan, acting_user=office)
    with _on(_at(2026, 3, 2)):
        report = services.duty_record(
            centre=centre,
            year=2026,
            kind="unplanned_activity",
            title="关于开展新冠抗原检测质量专项培训的报告",
            done_on=date(2026, 3, 2),
            planned_on=date(2026, 3, 20),
            details="应市卫生健康委要求，计划外增加一次专项培训。",
            acting_user=host,
        )
        services.duty_confirm(record=report, acting_user=office)
    with _on(_at(2026, 3, 23)):
        training = services.duty_record(
            centre=centre,
            year=2026,
            kind="training",
            title="抗原检测质量专项培训",
            done_on=date(2026, 3, 20),
            advance_report=report,
            acting_user=host,
        )
        services.duty_confirm(record=training, acting_user=office)
    with _on(_at(2026, 4, 16)):
        evaluation = services.duty_record(
            centre=centre,
            year=2026,
            kind="institution_evaluation",
            title="妇幼保健院检验质控评价",
            done_on=date(2026, 4, 15),
            plan_task="妇幼保健院检验质控评价",
            institution=Institution.objects.get(name="济南市妇幼保健院"),
            details="室内质控失控处理记录不全；危急值报告平均时限超过30分钟。",
            rectification_due_on=date(2026, 6, 15),
            acting_user=host,
        )
        services.duty_confirm(record=evaluation, acting_user=office)


def _duties(centre):
    if DutyYear.objects.filter(centre=centre, year=2026).exists():
        return
    office, host = _user("jlp_qc_office"), _user("jlp_host")
    services.duty_year_open(centre=centre, year=2026, plan_due_on=date(2026, 12, 31), acting_user=office)
    plan = services.duty_record(
        centre=centre,
        year=2026,
        kind="plan",
        title="2026年度质控工作计划",
        done_on=date(2026, 1, 10),
        acting_user=host,
        tasks=[
            {
                "task": "全区胸痛患者再灌注时间督查",
                "measure": "覆盖辖区二级以上医院100%",
                "due": "2026-06-30",
            },
            {"task": "心血管专业质控指标年度分析", "measure": "形成分析报告1份", "due": "2026-11-30"},
        ],
    )
    services.duty_confirm(record=plan, acting_user=office)
    for title, day in (
        ("急性胸痛规范化诊治培训", date(2026, 4, 18)),
        ("心衰规范化管理培训", date(2026, 9, 12)),
    ):
        r = services.duty_record(
            centre=centre, year=2026, kind="training", title=title, done_on=day, acting_user=host
        )
        services.duty_confirm(record=r, acting_user=office)
    if duties.experts_meetings(centre, 2026) is None:  # otherwise the experts app's meeting records count
        r = services.duty_record(
            centre=centre,
            year=2026,
            kind="committee_meeting",
            title="专家委员会第一次工作会议",
            done_on=date(2026, 3, 20),
            acting_user=host,
        )
        services.duty_confirm(record=r, acting_user=office)
    services.duty_record(
        centre=centre,
        year=2026,
        kind="training",
        title="院内质控员培训",
        done_on=date(2026, 10, 16),
        acting_user=host,
    )  # awaiting the office


def seed_appraisal(stdout=None) -> None:
    say = stdout.write if stdout else (lambda message: None)

    def stage(label, fn, *args):
        try:
            with transaction.atomic():
                return fn(*args)
        except (ServiceError, NoRuleSetInForce, CalendarNotCovered) as refused:
            say(f"跳过考核示例（{label}）：{refused}")
            return None

    retained = stage("既有中心（九龙坡）", _retained_centre)
    stage("既有中心（济南）", _decision_centre)
    cardio = Centre.objects.filter(name="九龙坡区心血管内科医疗质量控制中心", status="active").first()
    infection = stage(
        "院感中心",
        _designated_centre,
        JLP,
        "医院感染管理",
        "九龙坡区医院感染管理质量控制中心",
        "九龙坡区中医院",
        "陈静",
        "中医院院感管理基础扎实，承担全区院感质控工作。",
    )
    pharmacy = stage(
        "药事中心",
        _designated_centre,
        JLP,
        "妇产科",
        "九龙坡区妇产科医疗质量控制中心",
        "九龙坡区妇幼保健院",
        "刘芳",
        "妇幼保健院妇产科为区内龙头专科。",
    )
    if cardio and infection and pharmacy:
        stage(
            "九龙坡2025年度",
            _jiulongpo_2025,
            {"cardio": cardio, "infection": infection, "pharmacy": pharmacy},
        )
        if retained:
            stage("周期届满决定", _retain, retained)
        stage("九龙坡2026年度", _jiulongpo_2026)
    if cardio:
        stage("年度履职", _duties, cardio)
    jinan = stage("济南中心", _jinan_centre)
    if jinan:
        stage("济南2025年度", _jinan_2025, jinan)
        stage("济南2026年度履职", _jinan_2026_duties, jinan)
