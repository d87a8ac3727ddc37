"""履职时长总览 (/experts/hours/) at province scale (issue 14): one row per person in scope — the
active experts of the libraries the user sees, and anyone with duty entries in scope that year —
with their confirmed and pending hours, the yearly minimum of their library and level from the rule
set in force (重庆全科 四、(二)1.: 市级专家≥40 小时, 区域/区县专家≥30 小时) and what they still miss.

The rows are computed, sorted and paged in the database: the page below pins, row for row, what the
page showed when it still computed every expert's row in Python, and the work of a page does not
grow with the number of experts."""

import re
from datetime import date, timedelta
from decimal import Decimal

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from centres.models import Centre
from directory.models import Jurisdiction, Person
from experts import selectors, services

from .factories import CentreFactory, DutyLogFactory, ExpertFactory, LibraryFactory, person

pytestmark = pytest.mark.django_db


def log(who, place, hours, *, confirmed=True, **kw):
    """A duty entry of ``who`` for a library or a centre."""
    if isinstance(place, Centre):
        where = {"centre": place, "library": None, "jurisdiction": place.jurisdiction}
    else:
        where = {"centre": None, "library": place, "jurisdiction": place.jurisdiction}
    return DutyLogFactory(person=who, hours=Decimal(hours), confirmed=confirmed, **where, **kw)


@pytest.fixture
def province(world):
    """Three libraries of 重庆 (the city's and 九龙坡's under the expert rule set, one of another
    kind with none in force), one of 济南 (out of scope), and people with and without entries."""
    year = services.today().year
    city = LibraryFactory()  # 重庆市全科医疗质控专家库 (500000)
    jlp = LibraryFactory(jurisdiction=Jurisdiction.objects.get(code="500107"), name="九龙坡区全科专家库")
    other = LibraryFactory(
        jurisdiction=Jurisdiction.objects.get(code="500112"), name="渝北区其他专家库", body_kind="other"
    )
    jinan = LibraryFactory(jurisdiction=Jurisdiction.objects.get(code="370100"), name="济南市专家库")

    def expert(name, library, level, **kw):
        who = person(name, "渝北区人民医院", gp=True, gp_since="2005-01-01")
        return ExpertFactory(person=who, library=library, level=level, **kw).person

    def day(n):
        return services.today() - timedelta(days=n)

    done = expert("甲达标", city, "city")
    log(done, city, "24", worked_on=day(3))
    log(done, city, "21.5", worked_on=day(4))  # 45.5 ≥ 40
    short = expert("乙落后", city, "city")
    log(short, city, "10", worked_on=day(3))
    log(short, city, "5", confirmed=False, worked_on=day(4))  # pending: shown, not counted
    log(short, city, "7", worked_on=date(year - 1, 12, 31))  # last year's
    expert("丙无记录", jlp, "regional")  # 0 of 30
    almost = expert("丁区县", jlp, "regional")
    log(almost, jlp, "12.5", worked_on=day(2))
    returned = log(almost, jlp, "3", confirmed=False, worked_on=day(5))
    services.DutyLog.objects.filter(pk=returned.pk).update(status="returned")  # returned: not counted
    nominimum = expert("戊无规则", other, "city")  # no rule set in force: no minimum
    log(nominimum, other, "3", worked_on=day(2))
    gone = expert("己已退出", city, "city", exited=True)  # exited, with this year's entries
    log(gone, city, "6", worked_on=day(2))
    expert("庚已退出无记录", city, "regional", exited=True)  # exited, no entries: no row
    centre = CentreFactory()  # a 九龙坡 centre: its committee members are nobody's library experts
    member = Person.objects.get(name="张建国")
    log(member, centre, "3", worked_on=day(1))
    log(member, centre, "2", confirmed=False, worked_on=day(1))
    both = expert("辛两库", city, "city")  # in the city library and, exited, in 九龙坡's
    ExpertFactory(person=both, library=jlp, level="regional", exited=True)
    log(both, city, "20", worked_on=day(6))
    log(both, city, "20", worked_on=day(7))  # exactly the minimum: not behind
    outsider = expert("壬济南", jinan, "city")
    log(outsider, jinan, "9", worked_on=day(2))
    return year


# The page as it was when every row was computed in Python (cq_commission, the whole of 重庆):
# name, level, confirmed, pending, minimum, shortfall, bar width, minimum mark.
EXPECTED = [
    ("丁区县", "区域/区县专家", "12.5", "0", "30（四、(二)1.）", "差 17.5 小时", "27.5", "65.9"),
    ("丙无记录", "区域/区县专家", "0", "0", "30（四、(二)1.）", "差 30 小时", "0.0", "65.9"),
    ("乙落后", "市级专家", "10.0", "5.0", "40（四、(二)1.）", "差 30.0 小时", "22.0", "87.9"),
    ("己已退出", "—", "6.0", "0", "—", "", "13.2", None),
    ("张建国", "—", "3.0", "2.0", "—", "", "6.6", None),
    ("戊无规则", "市级专家", "3.0", "0", "—", "", "6.6", None),
    ("甲达标", "市级专家", "45.5", "0", "40（四、(二)1.）", "已达标", "100.0", "87.9"),
    ("辛两库", "市级专家", "40.0", "0", "40（四、(二)1.）", "已达标", "87.9", "87.9"),
]

SORT_KEYS = {
    "name": lambda r: r[0],
    "hours": lambda r: Decimal(r[2]),
    "-hours": lambda r: -Decimal(r[2]),
    "behind": lambda r: (not r[5].startswith("差"), -Decimal(r[5][2:-3] if r[5].startswith("差") else 0)),
}


def shown(client, year, sort, page=1):
    """The overview table's rows and the chart's bars, as the user sees them."""
    html = client.get(f"/experts/hours/?year={year}&sort={sort}&page={page}").content.decode()
    table = html.split('data-testid="overview"', 1)[1].split("</tbody>", 1)[0]
    cells = [
        [re.sub(r"<[^>]+>", "", c).strip() for c in re.findall(r"<td[^>]*>(.*?)</td>", row, re.S)]
        for row in re.findall(r"<tr[^>]*>(.*?)</tr>", table.split("<tbody>", 1)[1], re.S)
    ]
    chart = html.split('data-testid="hours-chart"', 1)[1].split("</section>", 1)[0]
    bars = re.findall(
        r'<div class="bar-row"><span>(.*?)</span>.*?data-width="([^"]*)"'
        r'(?:></span><i class="mark" data-left="([^"]*)")?',
        chart,
        re.S,
    )
    assert [b[0] for b in bars] == [c[0] for c in cells]
    return [(*c, b[1], b[2] or None) for c, b in zip(cells, bars, strict=True)]


@pytest.mark.parametrize("sort", ["name", "hours", "-hours", "behind"])
def test_the_page_shows_the_same_rows_and_numbers_as_before(province, client_of, sort):
    rows = shown(client_of("cq_commission"), province, sort)
    key = SORT_KEYS[sort]
    assert [key(r) for r in rows] == sorted(key(r) for r in rows)  # in the order asked for
    # row for row what the Python computation showed (ties in any order)
    assert sorted(rows, key=lambda r: (key(r), r[0])) == sorted(EXPECTED, key=lambda r: (key(r), r[0]))


def test_rows_with_the_same_hours_or_shortfall_follow_the_name(province, client_of):
    client = client_of("cq_commission")
    assert [r[0] for r in shown(client, province, "behind")][3:] == [
        "己已退出",
        "张建国",
        "戊无规则",
        "甲达标",
        "辛两库",
    ]
    assert [r[0] for r in shown(client, province, "hours")][:1] == ["丙无记录"]
    assert [r[0] for r in shown(client, province, "hours")][1:3] == ["张建国", "戊无规则"]


def test_each_office_sees_only_its_scope(province, client_of):
    """九龙坡's office: its library's experts and its centre's committee member, not the city's."""
    names = [r[0] for r in shown(client_of("jlp_qc_office"), province, "name")]
    assert names == ["丁区县", "丙无记录", "张建国"]
    assert "壬济南" in [r[0] for r in shown(client_of("jn_commission"), province, "name")]
    assert "甲达标" not in [r[0] for r in shown(client_of("jn_commission"), province, "name")]


def test_a_page_costs_the_same_for_sixty_experts_as_for_six(world, client_of, monkeypatch):
    """Ten times the experts: the same queries and the same Python work — the rows of one page."""
    library = LibraryFactory()
    built = []
    finish = selectors.hours_rows
    monkeypatch.setattr(
        selectors, "hours_rows", lambda rows, **kw: built.append(n := finish(rows, **kw)) or n
    )
    client = client_of("cq_commission")

    def load(count):
        while library.experts.count() < count:
            i = library.experts.count()
            who = ExpertFactory(library=library, level="city" if i % 2 else "regional").person
            log(who, library, str(1 + i % 7))
        client.get("/experts/hours/?sort=behind")
        built.clear()
        with CaptureQueriesContext(connection) as queries:
            html = client.get("/experts/hours/?sort=behind").content.decode()
        return len(queries), html

    six, html = load(6)
    assert html.count('<tr class="behind">') == 6
    sixty, html = load(60)
    assert sixty == six
    assert [len(rows) for rows in built] == [50]  # the page's rows, not everyone's
    assert html.count('<tr class="behind">') == 50 and "共 60 条" in html


def test_the_export_keeps_two_experts_of_the_same_name_apart(world, user_of):
    """专家履职时长（按月）: one row per expert, as the overview — two 王芳 are two rows."""
    from experts import export_specs

    library = LibraryFactory()
    for hours in ("3", "5"):
        who = person("王芳", "渝北区人民医院", gp=True, gp_since="2005-01-01")
        ExpertFactory(person=who, library=library)
        log(who, library, hours)
    rows = export_specs.hours_rows(user_of("cq_commission"), {"year": services.today().year})
    assert sorted(r["total"] for r in rows if r["name"] == "王芳") == [Decimal(3), Decimal(5)]


def test_a_page_reads_the_years_entries_once_and_pages_on(world, client_of):
    """The page's rows and the count come from one statement over the year's entries (a province's
    year is ~100,000 entries, issue 14); the next page and a page past the end still show the right
    rows."""
    library = LibraryFactory()
    for i in range(55):
        who = ExpertFactory(library=library, level="city").person
        log(who, library, str(1 + i % 7))
    client = client_of("cq_commission")
    client.get("/experts/hours/?sort=name")
    with CaptureQueriesContext(connection) as queries:
        first = client.get("/experts/hours/?sort=name").content.decode()
    assert sum('"experts_dutylog"' in q["sql"] for q in queries.captured_queries) == 1
    assert "共 55 条" in first
    second = client.get("/experts/hours/?sort=name&page=2").content.decode()
    beyond = client.get("/experts/hours/?sort=name&page=9").content.decode()

    def names(html):
        table = html.split('data-testid="overview"', 1)[1].split("</tbody>", 1)[0]
        return re.findall(r"<tr[^>]*>\s*<td[^>]*>(.*?)</td>", table.split("<tbody>", 1)[1], re.S)

    assert len(names(first)) == 50 and len(names(second)) == 5
    assert names(beyond) == names(second)
    everyone = sorted(
        Person.objects.filter(library_appointments__library=library).values_list("name", flat=True)
    )
    assert [re.sub(r"<[^>]+>", "", n).strip() for n in names(first) + names(second)] == sorted(
        everyone, key=lambda n: n.encode()
    )


@pytest.mark.parametrize("asked", ["-1", "0", "99999", "abc"])
def test_a_year_no_record_can_have_shows_this_year(province, client_of, asked):
    """?year=-1 or 99999 was a 500 (a date cannot hold that year); any year no record can have is
    read as this year, as a missing one is."""
    client = client_of("cq_commission")
    asked_page = client.get(f"/experts/hours/?year={asked}")
    assert asked_page.status_code == 200
    assert asked_page.context["year"] == client.get("/experts/hours/").context["year"]
