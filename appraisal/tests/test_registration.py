"""Registering a centre established before the platform (centres/registration.py): its host, its term
started in the past, and its earlier yearly grades entered from the commission's documents — so that a
term with four graded years reaches its 4-year decision, where the rule set says what the grades mean
(九龙坡 第二十二条（一）, 济南 第十九条（一）). Impossible input is refused whole."""

from datetime import date

import pytest
from django.urls import reverse

from appraisal import services
from appraisal.models import HistoricalGrade
from centres.models import Centre, HostingTerm, Specialty
from centres.registration import centre_register_existing
from centres.services.lifecycle import term_proposal
from core.errors import InvalidInput, NotAllowed, RuleRefusal
from directory.models import Institution, Jurisdiction, Person

from .factories import graded

pytestmark = pytest.mark.django_db

JLP_DOC = "九龙坡卫发〔2021〕118号"


def grade_rows(*pairs, issued=None):
    return [
        {
            "year": y,
            "grade": g,
            "source_document": f"{y + 1}年考核结果通报",
            "source_issued_on": issued or date(y + 1, 2, 20),
        }
        for y, g in pairs
    ]


def register(u, *, kind="district_centre", who=None, grades=(), **kw):
    jinan = kind == "city_centre"
    fields = dict(
        jurisdiction=Jurisdiction.objects.get(code="370100" if jinan else "500107"),
        body_kind=kind,
        specialty=Specialty.objects.get_or_create(name="急诊医学", work_direction="")[0],
        name="既有急诊医学质控中心",
        host=Institution.objects.get(name="济南市中医医院" if jinan else "九龙坡区人民医院"),
        leader=Person.objects.get(name="林志远" if jinan else "王志强"),
        term_starts_on=date(2022, 1, 1),
        established_by=JLP_DOC,
        grades=list(grades),
        acting_user=u(who or ("jn_commission" if jinan else "jlp_commission")),
    )
    fields.update(kw)
    return centre_register_existing(**fields)


@pytest.fixture
def now(at, settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path
    at("2026-03-02 10:00")


def test_existing_centre_is_registered_with_its_term_and_earlier_grades(u, now):
    centre = register(
        u, grades=grade_rows((2022, "good"), (2023, "excellent"), (2024, "good"), (2025, "good"))
    )
    assert centre.status == Centre.Status.ACTIVE and centre.host.name == "九龙坡区人民医院"
    term = centre.terms.get()
    # 九龙坡 第五条: 4 years a cycle, from the rule set in force
    assert (term.starts_on, term.ends_on, term.number) == (date(2022, 1, 1), date(2025, 12, 31), 1)
    rows = list(HistoricalGrade.objects.filter(centre=centre))
    assert [(r.year, r.grade) for r in rows] == [
        (2022, "good"),
        (2023, "excellent"),
        (2024, "good"),
        (2025, "good"),
    ]
    assert {r.entered_by.username for r in rows} == {"jlp_commission"}
    assert rows[0].source_document == "2023年考核结果通报" and rows[0].host == centre.host
    assert rows[0].events.count() == 1  # pghistory: who/when of the entry
    assert services.term_grades(term) == {2022: "good", 2023: "excellent", 2024: "good", 2025: "good"}


@pytest.mark.parametrize(
    "kind, grades, outcome, article",
    [
        # 九龙坡 第二十二条（一）: four 良好 or better → retained
        (
            "district_centre",
            [(2022, "good"), (2023, "excellent"), (2024, "good"), (2025, "good")],
            "retain",
            "第二十二条（一）",
        ),
        # … or two 优秀 and no 不合格
        (
            "district_centre",
            [(2022, "pass"), (2023, "excellent"), (2024, "excellent"), (2025, "pass")],
            "retain",
            "第二十二条（一）",
        ),
        # otherwise reselected
        (
            "district_centre",
            [(2022, "pass"), (2023, "good"), (2024, "excellent"), (2025, "good")],
            "reselect",
            "第二十二条（一）",
        ),
        # 济南 第十九条（一）: no formula — the commission decides from the term's results
        (
            "city_centre",
            [(2022, "pass"), (2023, "pass"), (2024, "pass"), (2025, "pass")],
            "commission_decides",
            "第十九条（一）",
        ),
    ],
)
def test_what_the_four_grades_mean_comes_from_the_rule_set(u, now, kind, grades, outcome, article):
    centre = register(u, kind=kind, grades=grade_rows(*grades))
    term = centre.terms.get()
    proposal = term_proposal(term, services.term_grades(term))
    assert (proposal.outcome, proposal.article) == (outcome, article)


def test_jinan_second_term_must_be_reselected_第十九条一(u, now):
    centre = register(
        u, kind="city_centre", earlier_terms=1, grades=grade_rows((2022, "pass"), (2023, "pass"))
    )
    assert list(centre.terms.order_by("number").values_list("number", "status", "starts_on")) == [
        (1, "ended", date(2018, 1, 1)),
        (2, "active", date(2022, 1, 1)),
    ]
    term = centre.terms.get(status="active")
    assert term_proposal(term, services.term_grades(term)).outcome == "reselect"


def test_registered_centre_is_decided_and_retained_through_the_centres_services(u, now):
    centre = register(
        u, grades=grade_rows((2022, "good"), (2023, "good"), (2024, "good"), (2025, "excellent"))
    )
    decision = services.term_decide(
        centre=centre, outcome="retain", reasons="四年均为良好及以上。", acting_user=u("jlp_commission")
    )
    assert decision.grades == {"2022": "good", "2023": "good", "2024": "good", "2025": "excellent"}
    assert decision.proposal["outcome"] == "retain"
    nxt = centre.terms.get(status="active")
    assert (nxt.number, nxt.starts_on, nxt.ends_on) == (2, date(2026, 1, 1), date(2029, 12, 31))


def test_an_entered_fail_counts_towards_the_red_card_第十九条三(u, now):
    """A fail on paper in 2024 and a fail on the platform in 2025 are two consecutive fails."""
    centre = register(u, kind="city_centre", grades=grade_rows((2024, "fail")))
    a = graded(centre, 2025, "fail")
    c = services.consequence_issue(assessment=a, acting_user=u("jn_commission"))
    assert (c.kind, c.article) == ("red_card", "第十九条（三）")


REFUSALS = [
    # (what, arguments, error, code)
    ("term starting in the future", dict(term_starts_on=date(2026, 4, 1)), InvalidInput, "future_date"),
    ("term starting today", dict(term_starts_on=date(2026, 3, 2)), InvalidInput, "future_date"),
    ("term ended a whole cycle ago", dict(term_starts_on=date(2014, 1, 1)), InvalidInput, "invalid_value"),
    (
        "grade for a year after today",
        dict(grades=grade_rows((2027, "good"), issued=date(2026, 1, 5))),
        InvalidInput,
        "appraisal_history_invalid",
    ),
    (
        "grade for a year outside the term",
        dict(grades=grade_rows((2021, "good"))),
        InvalidInput,
        "appraisal_history_invalid",
    ),
    (
        "the same year twice",
        dict(grades=grade_rows((2023, "good"), (2023, "excellent"))),
        InvalidInput,
        "appraisal_history_duplicate",
    ),
    (
        "a document dated in the future",
        dict(grades=grade_rows((2025, "good"), issued=date(2026, 5, 1))),
        InvalidInput,
        "appraisal_history_invalid",
    ),
    (
        "a document dated before its year",
        dict(grades=grade_rows((2024, "good"), issued=date(2023, 12, 1))),
        InvalidInput,
        "appraisal_history_invalid",
    ),
    (
        "a grade without its document",
        dict(
            grades=[
                {"year": 2023, "grade": "good", "source_document": " ", "source_issued_on": date(2024, 2, 1)}
            ]
        ),
        InvalidInput,
        "appraisal_history_invalid",
    ),
    (
        "a grade the rule set does not have",
        dict(grades=grade_rows((2023, "very_good"))),
        InvalidInput,
        "appraisal_history_invalid",
    ),
    ("no establishing document", dict(established_by="  "), InvalidInput, "basis_required"),
    ("a host of another jurisdiction", dict(host_name="济南市中心医院"), InvalidInput, "host_out_of_scope"),
    ("a leader not on the host's staff", dict(leader_name="陈静"), InvalidInput, "leader_not_staff"),
    ("another jurisdiction's commission", dict(who="jn_commission"), NotAllowed, "permission_denied"),
    ("the QC office", dict(who="jlp_qc_office"), NotAllowed, "permission_denied"),
    ("the host itself", dict(who="jlp_host"), NotAllowed, "permission_denied"),
    ("an auditor", dict(who="jlp_auditor"), NotAllowed, "permission_denied"),
]


@pytest.mark.parametrize("what, args, error, code", REFUSALS, ids=[r[0] for r in REFUSALS])
def test_impossible_registration_is_refused_whole(u, now, what, args, error, code):
    args = dict(args)
    if "host_name" in args:
        args["host"] = Institution.objects.get(name=args.pop("host_name"))
    if "leader_name" in args:
        args["leader"] = Person.objects.get(name=args.pop("leader_name"))
    with pytest.raises(error) as refused:
        register(u, **args)
    assert refused.value.code == code, refused.value.message
    assert not Centre.objects.filter(name="既有急诊医学质控中心").exists()
    assert (
        not HistoricalGrade.objects.exists()
        and not HostingTerm.objects.filter(centre__name="既有急诊医学质控中心").exists()
    )


def test_jinan_grades_are_its_own_two_第二十条(u, now):
    with pytest.raises(InvalidInput) as refused:
        register(u, kind="city_centre", grades=grade_rows((2023, "excellent")))
    assert "合格、不合格" in refused.value.message


def test_one_centre_per_specialty_holds_for_a_registered_one_第四条(u, now):
    register(u)
    with pytest.raises(RuleRefusal) as refused:
        register(u, name="另一个急诊医学质控中心")
    assert refused.value.violations[0].article == "第四条"


def test_a_year_already_graded_on_the_platform_is_not_entered_again(u, now):
    centre = register(u, grades=grade_rows((2022, "good")))
    graded(centre, 2025, "good")
    from appraisal.history import historical_grades_record

    with pytest.raises(InvalidInput) as refused:
        historical_grades_record(
            centre=centre,
            term=centre.terms.get(),
            grades=grade_rows((2025, "excellent"), (2022, "pass")),
            acting_user=u("jlp_commission"),
        )
    assert refused.value.code == "appraisal_history_duplicate"
    assert "2025年度已有考核等次" in refused.value.message and "2022年度已有考核等次" in refused.value.message


def test_the_centre_page_shows_the_entered_grades_their_documents_and_the_proposal(u, now, client_of):
    centre = register(
        u, grades=grade_rows((2022, "good"), (2023, "excellent"), (2024, "good"), (2025, "good"))
    )
    page = client_of("jlp_commission").get(reverse("appraisal:centre", args=[centre.pk])).content.decode()
    assert "2023年考核结果通报" in page and "登记的历史考核等次" in page
    assert "第二十二条（一）" in page and 'data-testid="decide"' in page
