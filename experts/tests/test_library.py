"""The expert library (重庆全科 2020): application → regional/district review → city review →
commission approval → 公示 → appointment for 4 years; the registry; exits; conflicts of interest;
the yearly grading with its quotas and the renewal rule."""

from datetime import date, timedelta

import pytest

from core.errors import InvalidInput, NotAllowed, RuleRefusal, WrongState
from directory.models import Institution, Jurisdiction, Person
from experts import selectors, services
from experts.demo import attach_materials
from experts.models import ExpertApplication, ExpertGrade, Recusal

from .factories import ExpertFactory, GradingFactory, LibraryFactory, person

pytestmark = pytest.mark.django_db


@pytest.fixture
def library(world):
    return LibraryFactory()


def apply(library, who, by, level="regional", code="500112", materials=services.REQUIRED_MATERIALS):
    """A submitted application with its 申报表 and title certificate uploaded (重庆全科 二、(二)1.),
    or only the ``materials`` given."""
    application = services.application_submit(
        library=library,
        person=who,
        acting_user=by,
        level=level,
        jurisdiction=Jurisdiction.objects.get(code=code),
        fields="全科",
        statement="申报表",
        source="self",
    )
    attach_materials(application, by, materials)
    return application


def test_regional_candidate_from_application_to_four_year_appointment_cq_gp_2_2_3(
    library, user_of, time_machine
):
    """重庆全科 二、(二)3.: 经市卫健委批准后，由市级中心正式发文聘任并公示，聘期4年."""
    candidate = person(
        "候选人甲", "渝北区人民医院", title_level="intermediate", gp=True, gp_since="2015-01-01"
    )
    office = user_of("cq_qc_office")
    application = apply(library, candidate, office)
    # the city centre cannot skip the district's review of a regional candidate
    with pytest.raises(NotAllowed):
        services.application_review(application=application, acting_user=office, passed=True)
    services.application_review(
        application=application, acting_user=user_of("cq_district_reviewer"), passed=True
    )
    assert application.status == "local_passed"
    with pytest.raises(WrongState):
        services.application_approve(
            application=application, acting_user=user_of("cq_commission")
        )  # not yet city
    services.application_review(application=application, acting_user=office, passed=True)
    with pytest.raises(NotAllowed):
        services.application_approve(application=application, acting_user=office)
    services.application_approve(application=application, acting_user=user_of("cq_commission"))
    services.application_publish_notice(
        application=application,
        acting_user=office,
        starts_on=services.today(),
        ends_on=services.today() + timedelta(days=4),
    )
    with pytest.raises(WrongState):
        services.application_appoint(application=application, acting_user=office)  # notice still running
    time_machine.move_to("2026-12-08 09:00 +08:00", tick=False)
    expert = services.application_appoint(application=application, acting_user=office)
    assert expert.appointed_on == date(2026, 12, 8) and expert.ends_on == date(2030, 12, 7)
    assert ExpertApplication.objects.get(pk=application.pk).document.doc_type == "experts_library_appointment"


def test_candidate_conditions_refuse_with_article_cq_gp_2_1_1(library, user_of):
    """重庆全科 二、(一)2.(1): 市级专家具备副高级及以上职称、全科注册、≥8 年."""
    junior = person("候选人乙", "渝北区人民医院", title_level="intermediate", gp=False)
    with pytest.raises(RuleRefusal) as refused:
        apply(library, junior, user_of("cq_qc_office"), level="city", code="500000")
    found = {v.code: v.article for v in refused.value.violations}
    assert found["experts.city_min_title_level"] == "二、(一)2.(1)"
    assert "experts.gp_registration_required" in found and "experts.city_min_experience_years" in found


def test_only_self_or_employer_may_apply(library, user_of):
    candidate = person(
        "候选人丙", "渝北区人民医院", title_level="intermediate", gp=True, gp_since="2015-01-01"
    )
    with pytest.raises(NotAllowed):
        apply(library, candidate, user_of("jn_host"))
    with pytest.raises(InvalidInput):
        apply(library, candidate, user_of("cq_qc_office"), level="regional", code="500000")


def test_registry_self_service_audited_and_others_refused(library, user_of, api_of):
    expert = ExpertFactory(library=library, person=Person.objects.get(name="周晓燕"), level="regional")
    me = user_of("cq_expert")
    services.registry_update(expert=expert, acting_user=me, achievements="社区慢病质控指南")
    assert expert.events.last().achievements == "社区慢病质控指南"  # pghistory: who, when, before, after
    with pytest.raises(NotAllowed):
        services.registry_update(expert=expert, acting_user=user_of("jlp_expert"), achievements="x")
    assert (
        api_of("jlp_expert")
        .patch(f"/api/v1/library-experts/{expert.pk}/", {"achievements": "x"}, format="json")
        .status_code
        == 404
    )


def test_exits_each_kind_and_exited_expert_not_assignable(library, user_of):
    office = user_of("cq_qc_office")
    dismissed = ExpertFactory(library=library)
    assert selectors.is_assignable(dismissed.person)
    services.expert_exit(expert=dismissed, acting_user=office, kind="dismissal", reason="泄密")
    dismissed.refresh_from_db()
    assert dismissed.exit_document.doc_type == "experts_dismissal"  # immediate and announced
    assert not selectors.is_assignable(dismissed.person)
    assert selectors.is_assignable(dismissed.person, on=date(2025, 6, 1))  # it was before the exit
    voluntary = ExpertFactory(library=library)
    with pytest.raises(WrongState):
        services.expert_exit(expert=voluntary, acting_user=office, kind="voluntary", reason="x")
    with pytest.raises(InvalidInput):
        services.expert_exit(expert=voluntary, acting_user=office, kind="term_end", reason="届满")  # not yet
    for kind in ("failed_assessment", "incapacity", "other"):
        e = ExpertFactory(library=library)
        services.expert_exit(expert=e, acting_user=office, kind=kind, reason="原因")
        e.refresh_from_db()
        assert (e.exit_kind, e.exit_decided_by, e.status) == (kind, office, "exited")
    with pytest.raises(NotAllowed):
        services.expert_exit(expert=voluntary, acting_user=user_of("jn_qc_office"), kind="other", reason="x")


def test_exited_expert_cannot_sign_in_or_record(library, user_of):
    from .factories import ActivityFactory

    expert = ExpertFactory(library=library, person=Person.objects.get(name="周晓燕"))
    activity = ActivityFactory(
        centre=None, library=library, jurisdiction=library.jurisdiction, created_by=user_of("cq_qc_office")
    )
    services.expert_exit(expert=expert, acting_user=user_of("cq_qc_office"), kind="other", reason="退出")
    with pytest.raises(NotAllowed):
        services.sign_in(token=activity.sign_in_code.token, acting_user=user_of("cq_expert"))


# --- conflicts of interest -------------------------------------------------------------------


def test_conflicted_sees_employer_and_declared_interests(world, user_of):
    me = Person.objects.get(name="张建国")
    own = me.employer
    other = Institution.objects.get(name="九龙坡区中医院")
    assert selectors.conflicted(me, own) == [f"本人工作单位为{own.name}"]
    assert selectors.conflicted(me, other) == []
    declaration = services.declaration_add(
        person=me,
        acting_user=user_of("jlp_expert"),
        kind="relative",
        institution=other,
        since=date(2020, 1, 1),
        note="配偶在该院工作",
    )
    assert selectors.conflicted(me, other) == ["已申报：亲属工作单位（配偶在该院工作）"]
    assert selectors.conflicted(me, other, on=date(2019, 1, 1)) == []
    services.declaration_withdraw(declaration=declaration, acting_user=user_of("jlp_expert"))
    assert selectors.conflicted(me, other) == []
    with pytest.raises(NotAllowed):
        services.declaration_add(person=me, acting_user=user_of("jn_expert"), kind="other", institution=other)


def test_self_recusal_needs_reason_and_is_shown_to_the_office(world, user_of, client_of):
    me = Person.objects.get(name="张建国")
    other = Institution.objects.get(name="九龙坡区中医院")
    with pytest.raises(InvalidInput):
        services.recusal_record(person=me, institution=other, case="评审", acting_user=user_of("jlp_expert"))
    services.recusal_record(
        person=me,
        institution=other,
        case="遴选评审",
        acting_user=user_of("jlp_expert"),
        reason="曾在该院进修合作课题",
    )
    assert Recusal.objects.get(person=me).source == "self"
    page = client_of("jlp_qc_office").get("/experts/recusals/").content.decode()
    assert "曾在该院进修合作课题" in page
    assert client_of("jlp_host").get("/experts/recusals/").status_code == 403


def test_expert_cannot_see_anothers_declarations(world, user_of, api_of):
    me = Person.objects.get(name="张建国")
    declaration = services.declaration_add(
        person=me,
        acting_user=user_of("jlp_expert"),
        kind="other",
        institution=Institution.objects.get(name="九龙坡区中医院"),
    )
    assert api_of("jn_expert").get(f"/api/v1/interest-declarations/{declaration.pk}/").status_code == 404
    assert api_of("jlp_expert").get(f"/api/v1/interest-declarations/{declaration.pk}/").status_code == 200


# --- grading ---------------------------------------------------------------------------------


def graded(library, values, user):
    grading = GradingFactory(library=library, year=2026)
    for value in values:
        ExpertGrade.objects.create(grading=grading, expert=ExpertFactory(library=library), grade=value)
    return grading


TEN_OK = ["excellent", "good", "good", "pass", "pass", "pass", "pass", "pass", "pass", "fail"]


def test_quotas_met_finalises_cq_gp_4_2_4(library, user_of):
    """重庆全科 四、(二)4.: 优秀≤10%，良好≤30%，合格≥50%，不合格≥10%."""
    grading = graded(library, TEN_OK, user_of("cq_qc_office"))
    assert services.quota_table(grading)["violations"] == []
    services.grading_finalise(grading=grading, acting_user=user_of("cq_qc_office"))
    assert grading.status == "finalised"
    with pytest.raises(WrongState):
        services.grade_set(
            grade=grading.grades.first(), acting_user=user_of("cq_qc_office"), value="excellent"
        )


def test_outside_quotas_needs_recorded_adjustment_filed_with_city(library, user_of):
    """四、(二)4.: 具体比例可根据工作实际微调，报市级中心备案."""
    values = ["excellent", "excellent", "good", "good", "pass", "pass", "pass", "pass", "pass", "pass"]
    grading = graded(library, values, user_of("cq_qc_office"))
    table = services.quota_table(grading)
    assert {v.code for v in table["violations"]} == {
        "experts.grade_excellent_max_percent",
        "experts.grade_fail_min_percent",
    }
    excellent = next(r for r in table["rows"] if r["code"] == "excellent")
    assert (excellent["limit"], excellent["ok"], excellent["article"]) == (1, False, "四、(二)4.")
    with pytest.raises(RuleRefusal) as refused:
        services.grading_finalise(grading=grading, acting_user=user_of("cq_qc_office"))
    assert refused.value.code == "experts_adjustment_required"
    with pytest.raises(RuleRefusal):
        services.grading_finalise(
            grading=grading, acting_user=user_of("cq_qc_office"), adjustment="本年度无不合格"
        )
    services.grading_finalise(
        grading=grading,
        acting_user=user_of("cq_qc_office"),
        adjustment="本年度无不合格者",
        filed_on=services.today(),
    )
    grading.refresh_from_db()
    assert grading.status == "finalised" and len(grading.departures) == 2


def test_rounding_floor_for_maximum_ceil_for_minimum(library, user_of):
    """With 15 experts: 优秀 ≤ floor(1.5) = 1, 不合格 ≥ ceil(1.5) = 2."""
    values = [
        "excellent",
        "good",
        "good",
        "good",
        "pass",
        "pass",
        "pass",
        "pass",
        "pass",
        "pass",
        "pass",
        "pass",
        "pass",
        "fail",
        "fail",
    ]
    grading = graded(library, values, user_of("cq_qc_office"))
    rows = {r["code"]: r for r in services.quota_table(grading)["rows"]}
    assert rows["excellent"]["limit"] == 1 and rows["fail"]["limit"] == 2 and rows["good"]["limit"] == 4
    assert services.quota_table(grading)["violations"] == []


def test_every_expert_graded_before_finalising(library, user_of):
    grading = graded(library, ["pass", ""], user_of("cq_qc_office"))
    with pytest.raises(InvalidInput):
        services.grading_finalise(grading=grading, acting_user=user_of("cq_qc_office"))


def test_fail_may_not_renew_cq_gp_4_2_4(library, user_of):
    grading = graded(library, TEN_OK, user_of("cq_qc_office"))
    services.grading_finalise(grading=grading, acting_user=user_of("cq_qc_office"))
    failed = grading.grades.get(grade="fail").expert
    passed = grading.grades.filter(grade="pass").first().expert
    with pytest.raises(RuleRefusal) as refused:
        services.expert_renew(expert=failed, acting_user=user_of("cq_qc_office"))
    assert refused.value.violations[0].code == "experts.renewal_min_grade"
    old_end = passed.ends_on
    services.expert_renew(expert=passed, acting_user=user_of("cq_qc_office"))
    assert passed.ends_on == date(old_end.year + 4, old_end.month, old_end.day)


def test_grading_page_and_api(library, user_of, client_of, api_of):
    grading = graded(library, TEN_OK, user_of("cq_qc_office"))
    page = client_of("cq_qc_office").get(f"/experts/library/gradings/{grading.pk}/").content.decode()
    assert "取整规则" in page and "≤10%" in page
    assert client_of("jn_qc_office").get(f"/experts/library/gradings/{grading.pk}/").status_code == 404
    body = api_of("cq_qc_office").get(f"/api/v1/expert-gradings/{grading.pk}/").json()
    assert body["quotas"]["n"] == 10 and body["quotas"]["violations"] == []


def test_public_notice_objection_blocks_appointment_until_handled(library, user_of, client, time_machine):
    """二、(二)3.: 公示 — anyone may object during the period; the city centre handles it first."""
    candidate = person(
        "候选人丁", "重庆医科大学附属示范医院", title_level="senior", gp=True, gp_since="2005-01-01"
    )
    office = user_of("cq_qc_office")
    application = apply(library, candidate, office, level="city", code="500000")
    services.application_review(application=application, acting_user=office, passed=True)
    services.application_approve(application=application, acting_user=user_of("cq_commission"))
    services.application_publish_notice(
        application=application,
        acting_user=office,
        starts_on=services.today(),
        ends_on=services.today() + timedelta(days=4),
    )
    assert "候选人丁" in client.get("/experts/notices/").content.decode()  # public, no login
    response = client.post(
        f"/experts/notices/{application.pk}/",
        {"name": "某单位", "contact": "023-1", "content": "业绩材料不实"},
    )
    assert response.status_code == 302
    objection = application.objections.get()
    time_machine.move_to("2026-12-08 09:00 +08:00", tick=False)
    with pytest.raises(WrongState):
        services.application_appoint(application=application, acting_user=office)
    assert (
        client.post(
            f"/experts/notices/{application.pk}/", {"name": "迟到", "contact": "x", "content": "x"}
        ).status_code
        == 200
    )
    assert application.objections.count() == 1  # the period is over
    with pytest.raises(NotAllowed):
        services.objection_handle(
            objection=objection, acting_user=user_of("jn_qc_office"), handling="dismissed", note="x"
        )
    services.objection_handle(
        objection=objection, acting_user=office, handling="dismissed", note="经核实材料属实"
    )
    services.application_appoint(application=application, acting_user=office)


def test_registry_email_checked_and_exit_not_before_appointment(library, user_of):
    expert = ExpertFactory(library=library, person=Person.objects.get(name="周晓燕"), level="regional")
    with pytest.raises(InvalidInput):
        services.registry_update(
            expert=expert, acting_user=user_of("cq_expert"), contact_email="not-an-email"
        )
    with pytest.raises(InvalidInput):
        services.expert_exit(
            expert=expert,
            acting_user=user_of("cq_qc_office"),
            kind="other",
            reason="x",
            on=expert.appointed_on - timedelta(days=1),
        )


def test_application_proof_fixed_once_the_city_centre_passed_it(library, user_of):
    """The proof the reviewers passed is what the commission approves: no file added or withdrawn
    after the city centre's review."""
    from attachments.selectors import may_attach

    candidate = person("候选人丁", "渝北区人民医院", title_level="senior", gp=True, gp_since="2005-01-01")
    office = user_of("cq_qc_office")
    application = apply(library, candidate, office, level="city", code="500000")
    assert may_attach(user=office, subject=application)
    services.application_review(application=application, acting_user=office, passed=True)
    application.refresh_from_db()
    assert application.attachments_locked and not may_attach(user=office, subject=application)


def test_grading_page_says_short_of_a_minimum_not_over_it(library, user_of, client_of):
    """The walk: 合格 5 of 11 against ≥50% (至少6人) was tagged 超出; a minimum not reached is 不足."""
    values = ["excellent", "excellent", "good", "good", "pass", "pass", "pass", "pass", "pass", "pass"]
    grading = graded(library, values, user_of("cq_qc_office"))
    page = client_of("cq_qc_office").get(f"/experts/library/gradings/{grading.pk}/").content.decode()
    fail_row = next(r for r in page.split("<tr") if 'data-grade="fail"' in r)
    excellent_row = next(r for r in page.split("<tr") if 'data-grade="excellent"' in r)
    assert "不足" in fail_row and "超出" not in fail_row
    assert "超出" in excellent_row


def test_adjustment_filing_date_not_before_the_graded_year(library, user_of):
    """The walk: a 2026 grading outside the quotas was accepted as filed with the city on 1990-01-01."""
    values = ["excellent", "excellent", "good", "good", "pass", "pass", "pass", "pass", "pass", "pass"]
    grading = graded(library, values, user_of("cq_qc_office"))
    with pytest.raises(InvalidInput) as refused:
        services.grading_finalise(
            grading=grading, acting_user=user_of("cq_qc_office"), adjustment="微调", filed_on=date(1990, 1, 1)
        )
    assert "备案日期" in refused.value.message
    grading.refresh_from_db()
    assert grading.status == "draft"
