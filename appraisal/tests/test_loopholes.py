"""Ways around the appraisal's rules found by walking it as the commission, the office, a host and a
scorer — each closed, each test naming its article."""

from datetime import date

import pytest

from appraisal import services
from core.errors import InvalidInput, RuleRefusal, WrongState

from .factories import CentreFactory, graded
from .test_rules import _jn_year

pytestmark = pytest.mark.django_db
BASE = "/api/v1/appraisal"


@pytest.fixture
def jn_centre(world, settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path
    return CentreFactory(body_kind="city_centre", specialty__name="医院感染管理")


@pytest.fixture
def jlp_centre(world, settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path
    return CentreFactory(specialty__name="心血管内科")


@pytest.fixture
def proposed(u, jn_centre):
    """济南 2025: host support adequate, grades proposed (合格)."""
    y = services.year_close_scoring(year=_jn_year(u), acting_user=u("jn_qc_office"))
    a = y.assessments.get()
    services.host_support_assess(
        assessment=a, support="adequate", note="经费到位。", acting_user=u("jn_qc_office")
    )
    services.grades_propose(year=y, acting_user=u("jn_qc_office"))
    a.refresh_from_db()
    assert a.proposed_grade == "pass"
    return a


def test_a_condition_entered_after_the_proposal_updates_it_第二十条(u, proposed):
    services.condition_record(
        assessment=proposed,
        code="data_security_duty_unmet",
        evidence="数据泄露。",
        acting_user=u("jn_qc_office"),
    )
    proposed.refresh_from_db()
    assert proposed.proposed_grade == "fail" and proposed.arithmetic["conditions"][0]["article"] == "第二十条"


def test_support_found_insufficient_after_the_proposal_updates_it_第二十条六(u, proposed):
    services.host_support_assess(
        assessment=proposed, support="insufficient", note="经费未落实。", acting_user=u("jn_qc_office")
    )
    proposed.refresh_from_db()
    assert proposed.proposed_grade == "fail"


def test_the_commission_cannot_pass_a_year_with_a_recorded_condition_第二十条(u, proposed):
    """Before the fix the commission confirmed the stale 合格 (equal to the proposal, so no reason asked),
    or any grade with a reason, though 第二十条 says the year 定为不合格."""
    services.condition_record(
        assessment=proposed,
        code="major_incident_in_host_specialty",
        evidence="重大事件。",
        acting_user=u("jn_qc_office"),
    )
    with pytest.raises(RuleRefusal) as refused:
        services.grade_confirm(
            assessment=proposed, grade="pass", reason="情况特殊。", acting_user=u("jn_commission")
        )
    assert refused.value.code == "appraisal_condition_recorded"
    assert refused.value.violations[0].article == "第二十条"
    proposed.refresh_from_db()
    assert proposed.status == "proposed" and proposed.grade == ""
    services.grade_confirm(assessment=proposed, grade="fail", acting_user=u("jn_commission"))


def test_the_same_refusal_through_the_api_第二十条(u, proposed, api_of):
    services.condition_record(
        assessment=proposed,
        code="data_security_duty_unmet",
        evidence="数据泄露。",
        acting_user=u("jn_qc_office"),
    )
    response = api_of("jn_commission").post(
        f"{BASE}/assessments/{proposed.pk}/grade/", {"grade": "pass", "reason": "特殊"}, format="json"
    )
    assert response.status_code == 400 and response.json()["code"] == "appraisal_condition_recorded"


def test_the_4_year_decision_waits_for_every_year_of_the_term_第二十二条一(u, jlp_centre):
    """Before the fix the commission could retain a centre in its third year, on two grades."""
    for year in (2022, 2023, 2024):
        graded(jlp_centre, year, "good")
    with pytest.raises(WrongState) as refused:
        services.term_decide(
            centre=jlp_centre, outcome="retain", reasons="表现良好。", acting_user=u("jlp_commission")
        )
    assert refused.value.code == "appraisal_term_incomplete" and "2025年度尚无" in refused.value.message
    assert "第二十二条（一）" in refused.value.message
    assert jlp_centre.terms.get().status == "active"


def test_a_finding_dated_before_the_centre_was_hosted_is_refused(u, jlp_centre, api_of):
    """Before the fix a severe finding dated before any rule set was in force ended in a server error."""
    with pytest.raises(InvalidInput):
        services.finding_record(
            centre=jlp_centre,
            act="certificates",
            severity="severe",
            facts="x",
            found_on=date(2021, 6, 1),
            acting_user=u("jlp_commission"),
        )
    response = api_of("jlp_commission").post(
        f"{BASE}/findings/",
        {
            "centre": jlp_centre.pk,
            "act": "certificates",
            "severity": "severe",
            "facts": "x",
            "found_on": "2021-06-01",
        },
        format="json",
    )
    assert response.status_code == 400 and response.json()["code"] == "appraisal_date_invalid"
    jlp_centre.refresh_from_db()
    assert jlp_centre.status == "active"


def test_a_year_before_the_rule_set_or_the_centre_is_not_assessed(u, world, settings, tmp_path):
    """Found walking as jlp_commission: 九龙坡 2010 and 2024 could be opened, grading centres under a
    rule set not yet in force (施行 2025-11-20), for years before they existed, and 2024 a second
    time beside its grade on paper (登记的历史考核等次)."""
    from appraisal.models import HistoricalGrade
    from directory.models import Jurisdiction

    settings.MEDIA_ROOT = tmp_path
    old = CentreFactory(specialty__name="心血管内科", term__start=date(2022, 1, 1))
    new = CentreFactory(specialty__name="妇产科", term__start=date(2026, 3, 1))
    jlp = Jurisdiction.objects.get(code="500107")
    for year in (2010, 2024):
        with pytest.raises(InvalidInput) as refused:
            services.year_open(
                jurisdiction=jlp, body_kind="district_centre", year=year, acting_user=u("jlp_qc_office")
            )
        assert "2025-11-20" in refused.value.message and "施行" in refused.value.message
    y = services.year_open(
        jurisdiction=jlp, body_kind="district_centre", year=2025, acting_user=u("jlp_qc_office")
    )
    assert list(y.assessments.values_list("centre", flat=True)) == [old.pk]  # 妇产科 not yet in 2025
    assert new.pk not in set(y.assessments.values_list("centre", flat=True))

    # 济南 (施行 2024-02-23): 2024 graded on paper is not graded again.
    jn = CentreFactory(body_kind="city_centre", specialty__name="针灸推拿", term__start=date(2022, 12, 1))
    HistoricalGrade.objects.create(
        centre=jn,
        host=jn.host,
        year=2024,
        grade="pass",
        ruleset_code="jinan-city-2024",
        source_document="济卫发〔2025〕1号",
        source_issued_on=date(2025, 1, 10),
        entered_by=u("jn_commission"),
    )
    with pytest.raises(InvalidInput) as refused:
        services.year_open(
            jurisdiction=jn.jurisdiction, body_kind="city_centre", year=2024, acting_user=u("jn_qc_office")
        )
    assert "没有" in refused.value.message
