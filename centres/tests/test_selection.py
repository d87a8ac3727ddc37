"""Setting up a centre and selecting its host (九龙坡 第四条–第七条, 第十八条; 济南 第五条–第八条):
the full path from call to an active centre, and every refusal on the way."""

from datetime import date, datetime
from decimal import Decimal

import pytest
from django.utils import timezone

from centres.models import (
    Application,
    Ban,
    Centre,
    HostingTerm,
    Objection,
    PanelMember,
    QualityIncident,
    SelectionCall,
    Specialty,
)
from centres.services import selection as services
from core.errors import RuleRefusal, ServiceError
from directory.models import Person

pytestmark = pytest.mark.django_db

DEADLINE = timezone.make_aware(datetime(2026, 3, 20, 17, 0))


def open_call(centre, user):
    return services.call_publish(
        centre=centre,
        title="九龙坡区心血管内科医疗质量控制中心挂靠单位遴选公告",
        method="selection",
        conditions="二级及以上医疗机构",
        acting_user=user,
        application_deadline=DEADLINE,
    )


def through_review(call, u, complete, at, *, score=True):
    """Host applies, office pre-reviews, the panel (陈静) scores unless told not to: returns the
    application and the reviewer's seat."""
    application = complete(call, u("jlp_host"))
    services.application_submit(application=application, acting_user=u("jlp_host"))
    services.application_preliminary_review(
        application=application, outcome="passed", acting_user=u("jlp_qc_office")
    )
    services.call_close_applications(
        call=call, acting_user=u("jlp_qc_office"), reason="申请单位均已提交，提前进入评审"
    )
    reviewer = services.panel_add(
        call=call, person=Person.objects.get(name="陈静"), acting_user=u("jlp_qc_office")
    )
    if score:
        services.score_record(
            member=reviewer,
            application=application,
            criterion="综合实力",
            score=Decimal("85"),
            acting_user=reviewer_login(reviewer.person),
        )
    return application, reviewer


def reviewer_login(person):
    from accounts.models import User

    existing = User.objects.filter(person=person).first()  # 陈静 is the demo's jlp_reviewer
    return existing or User.objects.create(username=f"reviewer_{person.pk}", role="expert", person=person)


def test_jiulongpo_from_call_to_active_centre(jlp_centre, u, complete, at, user_of):
    at("2026-03-02 09:00")
    call = open_call(jlp_centre, u("jlp_commission"))
    application, reviewer = through_review(call, u, complete, at, score=False)

    # 陈静 has no login: give her one to score, as the office would
    expert = reviewer_login(reviewer.person)
    services.score_record(
        member=reviewer,
        application=application,
        criterion="综合实力",
        score=Decimal("88.5"),
        acting_user=expert,
    )
    assert services.ranking(call)[0] == (application, Decimal("88.5"))

    services.call_select(
        call=call,
        application=application,
        reasons="专科综合实力最强，质控基础扎实",
        acting_user=u("jlp_commission"),
    )
    notice = services.notice_publish(
        call=call, starts_on=date(2026, 3, 2), working_days=5, acting_user=u("jlp_commission")
    )
    assert notice.ends_on == date(2026, 3, 6)  # Mon 2 – Fri 6 March 2026: five working days

    at("2026-03-06 23:59")  # 第七条（五）: not before the notice closes
    with pytest.raises(ServiceError) as refused:
        services.centre_establish(call=call, acting_user=u("jlp_commission"))
    assert refused.value.code == "notice_open"

    at("2026-03-09 09:00")
    term = services.centre_establish(call=call, acting_user=u("jlp_commission"))
    jlp_centre.refresh_from_db()
    assert jlp_centre.status == Centre.Status.ACTIVE and jlp_centre.host.name == "九龙坡区人民医院"
    assert (term.starts_on, term.ends_on) == (
        date(2026, 3, 9),
        date(2030, 3, 8),
    )  # 第五条: four years a cycle
    assert list(jlp_centre.timeline.values_list("kind", flat=True)) == [
        "created",
        "call",
        "application_submitted",
        "preliminary_review",
        "call_closed",
        "selected",
        "notice",
        "established",
    ]

    # the call, the notice and the decision are official documents, numbered by the commission
    from deadlines.models import Deadline
    from documents.models import IssuedDocument

    documents = IssuedDocument.objects.filter(issuer_code="九龙坡卫发", year=2026).order_by("sequence")
    assert [d.doc_type for d in documents] == ["centre_call", "centre_notice", "centre_decision"]
    assert [d.number for d in documents] == [f"九龙坡卫发〔2026〕{n}号" for n in (1, 2, 3)]
    assert documents[2].title == "关于设置九龙坡区心血管内科医疗质量控制中心的通知"
    # the application deadline and the notice period were deadlines, met when their step was done
    assert set(
        Deadline.objects.filter(kind__in=["application.close", "notice.close"]).values_list("kind", "state")
    ) == {("application.close", "met"), ("notice.close", "met")}


def test_one_centre_per_specialty_and_direction(jlp_centre, u):
    """九龙坡 第四条: one centre per specialty and work direction, in the form and in the database."""
    with pytest.raises(RuleRefusal) as refused:
        services.centre_create(
            jurisdiction=jlp_centre.jurisdiction,
            body_kind="district_centre",
            specialty=jlp_centre.specialty,
            name="重复",
            acting_user=u("jlp_commission"),
        )
    assert refused.value.violations[0].article == "第四条"
    from django.db import IntegrityError, transaction

    with pytest.raises(IntegrityError), transaction.atomic():
        Centre.objects.create(
            jurisdiction=jlp_centre.jurisdiction,
            body_kind="district_centre",
            specialty=jlp_centre.specialty,
            name="绕过表单",
        )


def test_wrong_grade_is_refused_in_principle(jlp_centre, u, complete, at):
    """九龙坡 第六条（一）: 原则上二级及以上 — a 一级 hospital needs a justification."""
    at("2026-03-02 09:00")
    call = open_call(jlp_centre, u("jlp_commission"))
    from accounts.models import User
    from directory.models import Institution

    kanghua = Institution.objects.get(name="九龙坡康华骨科医院")
    host = User.objects.create(
        username="kanghua_host", role="host_submitter", institution=kanghua, jurisdiction=kanghua.jurisdiction
    )
    Person.objects.create(
        name="何立",
        sex="M",
        birth_date=date(1975, 1, 1),
        id_number="50010719750101001X",
        employer=kanghua,
        title="主任医师",
        title_level="senior",
        title_obtained_on=date(2015, 1, 1),
    )
    application = complete(call, host, leader_name="何立")
    with pytest.raises(RuleRefusal) as refused:
        services.application_submit(application=application, acting_user=host)
    assert [(v.code, v.article, v.strictness) for v in refused.value.violations] == [
        ("host.min_grade", "第六条（一）", "in_principle")
    ]
    application.justification = "骨科专科特色突出，区内无其他同类机构"
    application.save()
    services.application_submit(application=application, acting_user=host)
    assert application.status == Application.Status.SUBMITTED


def test_clean_record_window(jlp_centre, u, complete, at):
    """九龙坡 第六条（四）: no serious incident within 3 years."""
    at("2026-03-02 09:00")
    QualityIncident.objects.create(
        institution=u("jlp_host").institution,
        occurred_on=date(2024, 5, 1),
        description="重大医疗质量安全事件",
        recorded_by=u("jlp_commission"),
    )
    call = open_call(jlp_centre, u("jlp_commission"))
    application = complete(call, u("jlp_host"))
    with pytest.raises(RuleRefusal) as refused:
        services.application_submit(application=application, acting_user=u("jlp_host"))
    assert refused.value.violations[0].article == "第六条（四）"


def test_applicant_within_a_ban_is_refused(jlp_centre, u, complete, at):
    """九龙坡 第二十条: a dissolved host is barred 4 years from this specialty."""
    at("2026-03-02 09:00")
    Ban.objects.create(
        institution=u("jlp_host").institution,
        jurisdiction=jlp_centre.jurisdiction,
        scope=Ban.Scope.SAME_SPECIALTY,
        cause=Ban.Cause.SEVERE_VIOLATION,
        specialty=jlp_centre.specialty,
        starts_on=date(2025, 12, 1),
        ends_on=date(2029, 11, 30),
        article="第二十条",
        reason="严重违规",
        centre=jlp_centre,
    )
    call = open_call(jlp_centre, u("jlp_commission"))
    application = complete(call, u("jlp_host"))
    with pytest.raises(RuleRefusal) as refused:
        services.application_submit(application=application, acting_user=u("jlp_host"))
    assert any("2029-11-30" in v.message for v in refused.value.violations)


def test_missing_section_is_refused(jlp_centre, u, complete, at):
    """九龙坡 第七条（三）: the application states every required part."""
    at("2026-03-02 09:00")
    call = open_call(jlp_centre, u("jlp_commission"))
    application = complete(call, u("jlp_host"))
    application.sections.pop("qc_plan")
    application.save()
    with pytest.raises(RuleRefusal) as refused:
        services.application_submit(application=application, acting_user=u("jlp_host"))
    assert refused.value.violations[0].subject == "qc_plan"


def test_submitted_application_is_locked_and_versioned_when_returned(jlp_centre, u, complete, at):
    at("2026-03-02 09:00")
    call = open_call(jlp_centre, u("jlp_commission"))
    application = complete(call, u("jlp_host"))
    services.application_submit(application=application, acting_user=u("jlp_host"))
    with pytest.raises(ServiceError):
        services.application_save_draft(
            call=call, acting_user=u("jlp_host"), sections={}, application=application
        )
    services.application_preliminary_review(
        application=application,
        outcome="returned",
        comments="请补充近三年成效数据",
        acting_user=u("jlp_qc_office"),
    )
    application.refresh_from_db()
    assert application.status == Application.Status.RETURNED and application.version == 2
    assert application.versions.get().reason == "请补充近三年成效数据"
    services.application_save_draft(
        call=call,
        acting_user=u("jlp_host"),
        application=application,
        sections={**application.sections, "quality_work_last_3_years": "补充后的成效"},
        proposed_leader=application.proposed_leader,
    )
    services.application_submit(application=application, acting_user=u("jlp_host"))


def test_another_hospitals_user_cannot_touch_the_application(jlp_centre, u, complete, at):
    at("2026-03-02 09:00")
    call = open_call(jlp_centre, u("jlp_commission"))
    application = complete(call, u("jlp_host"))
    with pytest.raises(ServiceError) as refused:
        services.application_submit(application=application, acting_user=u("jlp_scorer"))
    assert refused.value.code == "permission_denied"
    assert not Application.objects.for_user(u("jlp_scorer")).filter(pk=application.pk).exists()


def test_skipping_a_step_is_refused(jlp_centre, u, complete, at):
    at("2026-03-02 09:00")
    call = open_call(jlp_centre, u("jlp_commission"))
    application = complete(call, u("jlp_host"))
    services.application_submit(application=application, acting_user=u("jlp_host"))
    # no preliminary review yet: the commission cannot select
    with pytest.raises(ServiceError) as refused:
        services.call_select(
            call=call, application=application, reasons="择优", acting_user=u("jlp_commission")
        )
    assert (refused.value.code, refused.value.status_code) == ("wrong_state", 409)
    # no selection yet: no notice
    with pytest.raises(ServiceError) as refused:
        services.notice_publish(
            call=call, starts_on=date(2026, 3, 2), working_days=5, acting_user=u("jlp_commission")
        )
    assert (refused.value.code, refused.value.status_code) == ("wrong_state", 409)


def test_notice_shorter_than_the_rule_set_is_refused(jlp_centre, u, complete, at):
    """九龙坡 第七条（五）: 公示不少于5个工作日."""
    at("2026-03-02 09:00")
    call = open_call(jlp_centre, u("jlp_commission"))
    application, _ = through_review(call, u, complete, at)
    services.call_select(call=call, application=application, reasons="择优", acting_user=u("jlp_commission"))
    with pytest.raises(RuleRefusal) as refused:
        services.notice_publish(
            call=call, starts_on=date(2026, 3, 2), working_days=4, acting_user=u("jlp_commission")
        )
    assert refused.value.violations[0].article == "第七条（五）"


def test_notice_across_national_day(jlp_centre, u, complete, at):
    at("2026-09-01 09:00")
    call = services.call_publish(
        centre=jlp_centre,
        title="遴选公告",
        method="selection",
        acting_user=u("jlp_commission"),
        application_deadline=timezone.make_aware(datetime(2026, 9, 20, 17, 0)),
    )
    application, _ = through_review(call, u, complete, at)
    services.call_select(call=call, application=application, reasons="择优", acting_user=u("jlp_commission"))
    notice = services.notice_publish(
        call=call, starts_on=date(2026, 9, 29), working_days=5, acting_user=u("jlp_commission")
    )
    # 国办发明电〔2025〕 2026 schedule: 1–7 Oct off, Sat 10 Oct a make-up working day.
    # 29, 30 Sep, 8, 9, 10 Oct: the fifth working day is Saturday 10 October, open until 23:59:59.
    assert notice.ends_on == date(2026, 10, 10)
    assert timezone.localtime(notice.closes_at).strftime("%Y-%m-%d %H:%M:%S") == "2026-10-10 23:59:59"


def test_objection_open_blocks_the_decision(jlp_centre, u, complete, at):
    at("2026-03-02 09:00")
    call = open_call(jlp_centre, u("jlp_commission"))
    application, _ = through_review(call, u, complete, at)
    services.call_select(call=call, application=application, reasons="择优", acting_user=u("jlp_commission"))
    notice = services.notice_publish(
        call=call, starts_on=date(2026, 3, 2), working_days=5, acting_user=u("jlp_commission")
    )
    at("2026-03-04 15:00")
    objection = services.objection_lodge(
        notice=notice, name="市民王某", contact="13800000000", content="对负责人资历有疑问"
    )
    at("2026-03-09 09:00")
    with pytest.raises(ServiceError) as refused:
        services.centre_establish(call=call, acting_user=u("jlp_commission"))
    assert refused.value.code == "objection_open"
    with pytest.raises(ServiceError):  # objections close with the notice
        services.objection_lodge(notice=notice, name="晚到", contact="1", content="晚到的异议")
    services.objection_handle(
        objection=objection,
        handling=Objection.Handling.DISMISSED,
        note="经核实，负责人资历符合第十一条（三）要求",
        acting_user=u("jlp_commission"),
    )
    services.centre_establish(call=call, acting_user=u("jlp_commission"))
    assert HostingTerm.objects.filter(centre=jlp_centre, status="active").count() == 1


def test_designation_with_reason(jlp_centre, u, at):
    """九龙坡 第五条: 遴选或指定 — a designation records its reason."""
    at("2026-03-02 09:00")
    with pytest.raises(ServiceError):
        services.call_publish(
            centre=jlp_centre, title="指定", method="designation", acting_user=u("jlp_commission")
        )
    call = services.call_publish(
        centre=jlp_centre,
        title="指定挂靠单位",
        method="designation",
        designation_reason="区内唯一具备条件的单位",
        acting_user=u("jlp_commission"),
    )
    services.designation_record(
        call=call,
        institution=u("jlp_host").institution,
        leader=Person.objects.get(name="张建国"),
        reasons="区内唯一具备条件的单位",
        acting_user=u("jlp_commission"),
    )
    assert call.status == SelectionCall.Status.SELECTED


def test_jinan_does_not_allow_designation(world, u, at):
    """济南 第五条、第八条: hosts are chosen by application and assessment."""
    at("2026-03-02 09:00")
    from centres.models import Specialty
    from directory.models import Jurisdiction

    centre = services.centre_create(
        jurisdiction=Jurisdiction.objects.get(code="370100"),
        body_kind="city_centre",
        specialty=Specialty.objects.create(name="呼吸内科"),
        name="济南市呼吸内科质控中心",
        acting_user=u("jn_commission"),
    )
    with pytest.raises(RuleRefusal):
        services.call_publish(
            centre=centre,
            title="指定",
            method="designation",
            designation_reason="x",
            acting_user=u("jn_commission"),
        )


def test_jinan_district_hospital_is_prereviewed_by_its_bureau(world, u, complete, at, settings, tmp_path):
    """济南 第五条: applicants under a district bureau are reviewed by it first."""
    settings.MEDIA_ROOT = tmp_path
    at("2026-03-02 09:00")
    from accounts.models import User
    from centres.models import Specialty
    from directory.models import Institution, Jurisdiction

    centre = services.centre_create(
        jurisdiction=Jurisdiction.objects.get(code="370100"),
        body_kind="city_centre",
        specialty=Specialty.objects.create(name="超声医学"),
        name="济南市超声医学质控中心",
        acting_user=u("jn_commission"),
    )
    call = services.call_publish(
        centre=centre,
        title="济南市超声医学质控中心挂靠单位申报",
        method="application",
        application_deadline=DEADLINE,
        acting_user=u("jn_commission"),
    )
    lixia = Institution.objects.get(name="历下区人民医院")
    host = User.objects.create(
        username="lixia_host", role="host_submitter", institution=lixia, jurisdiction=lixia.jurisdiction
    )
    application = complete(call, host, leader_name="高雪梅")
    services.application_submit(application=application, acting_user=host)
    with pytest.raises(ServiceError):  # the city office is not the first reviewer here
        services.application_preliminary_review(
            application=application, outcome="passed", acting_user=u("jn_qc_office")
        )
    services.application_preliminary_review(
        application=application, outcome="passed", acting_user=u("jn_district_reviewer")
    )


def test_reviewer_from_an_applicant_is_recused_automatically(jlp_centre, u, complete, at):
    at("2026-03-02 09:00")
    call = open_call(jlp_centre, u("jlp_commission"))
    application, _ = through_review(call, u, complete, at)
    colleague = services.panel_add(
        call=call, person=Person.objects.get(name="李秀英"), acting_user=u("jlp_qc_office")
    )
    assert colleague.recused and "九龙坡区人民医院" in colleague.recusal_reason
    user = reviewer_login(colleague.person)
    with pytest.raises(ServiceError):
        services.score_record(
            member=colleague, application=application, criterion="综合", score=Decimal(90), acting_user=user
        )
    assert PanelMember.objects.filter(call=call, recused=False).count() == 1


def test_qingpu_group_without_notice_or_fixed_term(world, u, at):
    """青浦 has no host selection rules, no public notice and no fixed cycle: the commission records
    its choice and decides; the term has no end until it decides otherwise."""
    at("2026-03-02 09:00")
    from directory.models import Jurisdiction

    group = services.centre_create(
        jurisdiction=Jurisdiction.objects.get(code="310118"),
        body_kind="qc_group",
        specialty=Specialty.objects.create(name="急诊医学"),
        name="青浦区急诊医学质控组",
        acting_user=u("qp_commission"),
    )
    call = services.call_publish(
        centre=group,
        title="青浦区急诊医学质控组组长单位",
        method="designation",
        designation_reason="区中心医院急诊专业实力最强",
        acting_user=u("qp_commission"),
    )
    services.designation_record(
        call=call,
        institution=u("qp_host").institution,
        leader=Person.objects.get(name="徐明"),
        reasons="区中心医院急诊专业实力最强",
        acting_user=u("qp_commission"),
    )
    with pytest.raises(ServiceError) as refused:
        services.notice_publish(
            call=call, starts_on=date(2026, 3, 2), working_days=5, acting_user=u("qp_commission")
        )
    assert refused.value.code == "no_notice"
    term = services.centre_establish(call=call, acting_user=u("qp_commission"))
    assert term.ends_on is None and group.__class__.objects.get(pk=group.pk).status == Centre.Status.ACTIVE


def test_demo_shows_centres_at_every_stage(world, at):
    """The demo world has centres active, in notice, open for applications, under review,
    designated — under four rule sets."""
    at("2026-11-23 10:00")
    from centres.demo import seed_centres

    seed_centres()
    seed_centres()  # idempotent
    stages = dict(Centre.objects.values_list("name", "calls__status"))
    assert stages == {
        "九龙坡区心血管内科医疗质量控制中心": "decided",
        "九龙坡区护理质量控制中心": "notice",
        "九龙坡区重症医学医疗质量控制中心": "open",
        "济南市医院感染管理质量控制中心": "reviewing",
        "青浦区急诊医学质控组": "decided",
        "河南省麻醉质量控制中心": "decided",
    }
    assert Centre.objects.filter(status=Centre.Status.ACTIVE).count() == 3
    assert PanelMember.objects.get(person__name="马国栋").recused  # from the applicant: recused automatically


def test_no_selection_without_the_expert_review(jlp_centre, u, complete, at):
    """九龙坡 第七条（二）: the commission chooses only after the experts' review and oral defence."""
    at("2026-03-02 09:00")
    call = open_call(jlp_centre, u("jlp_commission"))
    application, reviewer = through_review(call, u, complete, at, score=False)
    with pytest.raises(RuleRefusal) as refused:
        services.call_select(
            call=call, application=application, reasons="择优", acting_user=u("jlp_commission")
        )
    assert [(v.code, v.article) for v in refused.value.violations] == [
        ("review.expert_review_and_defence", "第七条（二）")
    ]
    services.score_record(
        member=reviewer,
        application=application,
        criterion="综合实力",
        score=Decimal("80"),
        acting_user=reviewer_login(reviewer.person),
    )
    services.call_select(call=call, application=application, reasons="择优", acting_user=u("jlp_commission"))
