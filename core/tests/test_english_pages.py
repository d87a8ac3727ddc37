"""The English catalogue (issue 8, "Also"): with the language switched to English, the parts of the main
pages that the product itself words — the step bar, status tags, the role badge, the 待办 rows, form
labels and buttons, dates — carry no Chinese. What stays Chinese there is data: names of people,
institutions, centres and calls, and articles quoted from the regulations, which are not checked.

Needs the compiled catalogue (`make install`, or `manage.py compilemessages`)."""

import re

import pytest
import tinyhtml5
from django.urls import reverse

from centres.tests.factories import ApplicationFactory, CallFactory, CentreFactory, NoticeFactory

pytestmark = pytest.mark.django_db

CJK = re.compile(r"[\u4e00-\u9fff]")
NS = "{http://www.w3.org/1999/xhtml}"


def _own_text(element) -> list[str]:
    """The element's text without that of the controls inside it (a label wrapping a <select> of
    data, such as institutions' names)."""
    parts = [element.text or ""]
    for child in element:
        if child.tag not in (f"{NS}select", f"{NS}textarea"):
            parts += _own_text(child)
        parts.append(child.tail or "")
    return parts


def _text(element) -> str:
    return " ".join("".join(_own_text(element)).split())


def _classes(element) -> set[str]:
    return set(element.get("class", "").split())


def worded_by_the_product(html: str) -> dict[str, list[str]]:
    """The texts of the elements the product words itself, by kind. Data inside them (a centre's
    name in a 待办 title) is left out: a 待办 title is checked up to its colon, the part the code writes."""
    out = {"step": [], "tag": [], "role": [], "todo": [], "label": [], "button": [], "header": [], "date": []}
    for el in tinyhtml5.parse(html).iter():
        tag = el.tag.removeprefix(NS) if isinstance(el.tag, str) else ""
        classes = _classes(el)
        testid = el.get("data-testid", "")
        if tag == "ol" and "steps" in classes:
            out["step"] += [_text(li) for li in el.iter(f"{NS}li")]
        elif testid == "role":
            out["role"].append(_text(el))
        elif "tag" in classes:
            out["tag"].append(_text(el))
        elif tag == "tr" and testid == "todo":
            cells = [c for c in el if c.tag == f"{NS}td"]
            title, area, _article, due, action = (_text(c) for c in cells)
            out["todo"] += [title.split(":")[0], area, due, action]
        elif tag == "label":
            out["label"].append(_text(el))
        elif (tag == "button" and el.get("name") != "language") or (tag == "a" and "btn" in classes):
            # The language switch names the other language in its own words: 中文 in English mode.
            out["button"].append(_text(el))
        elif tag in ("th", "dt"):
            out["header"].append(_text(el))
        elif testid == "notice-period":
            out["date"].append(_text(el))
    return out


def regulation_words() -> set[str]:
    """The application's sections are named in the regulation's own words (九龙坡 第七条（三）, quoted by
    the rule set as the authority): they stay Chinese, like a quoted article."""
    from rulesets.registry import get_ruleset

    return {item.label for item in get_ruleset("cq-jiulongpo-2025").value("application.required_sections")}


def assert_english(html: str, *kinds: str):
    found = worded_by_the_product(html)
    for kind in kinds:
        assert found[kind], f"no {kind} on the page"
    quoted = regulation_words()
    chinese = {
        kind: [t for t in texts if CJK.search(t) and t.lstrip("*") not in quoted]
        for kind, texts in found.items()
    }
    assert not any(chinese.values()), {k: v for k, v in chinese.items() if v}


@pytest.fixture
def english(client_of):
    """A logged-in user who pressed "English" in the top bar (the set_language view)."""

    def login(username):
        client = client_of(username)
        client.post(reverse("set_language"), {"language": "en", "next": "/"})
        return client

    return login


@pytest.fixture
def scene(world):
    """九龙坡's centre with an open call the host has applied to, and a second open call it has not."""
    centre = CentreFactory()
    applied = ApplicationFactory(call=CallFactory(centre=centre), submitted=True)
    open_call = CallFactory(centre=CentreFactory())
    return {"centre": centre, "application": applied, "open_call": open_call}


def test_commission_pages_in_english(english, scene):
    client = english("jlp_commission")
    home = client.get(reverse("home")).content.decode()
    assert '<html lang="en">' in home and "Preliminary review" in home
    assert_english(home, "role", "todo")
    assert_english(client.get(reverse("centres:list")).content.decode(), "tag", "header")
    detail = client.get(reverse("centres:detail", args=[scene["centre"].pk])).content.decode()
    assert_english(detail, "step", "tag", "header")
    assert "Call published" in detail
    call = client.get(reverse("centres:call_detail", args=[scene["application"].call_id])).content.decode()
    assert_english(call, "step", "tag", "header")
    application = client.get(reverse("centres:application_detail", args=[scene["application"].pk]))
    assert_english(application.content.decode(), "header")
    assert_english(client.get(reverse("centres:create")).content.decode(), "label", "button")
    assert_english(client.get(reverse("deadlines:mine")).content.decode(), "header", "button")
    assert_english(client.get(reverse("documents:list")).content.decode(), "header", "button")


def test_host_application_form_in_english(english, scene):
    client = english("jlp_host")
    home = client.get(reverse("home")).content.decode()
    assert "Open for application" in home
    assert_english(home, "role", "todo")
    form = client.get(reverse("centres:application_edit", args=[scene["open_call"].pk])).content.decode()
    assert_english(form, "label", "button")


def test_objection_form_and_notice_dates_in_english(english, world):
    """The public notice: the objection form and the notice period, with its dates in English."""
    notice = NoticeFactory()
    page = english("jlp_commission").get(reverse("public_notice", args=[notice.pk])).content.decode()
    assert_english(page, "label", "button", "date")
    period = worded_by_the_product(page)["date"][0]
    month = r"(Jan|Feb|March|April|May|June|July|Aug|Sept|Oct|Nov|Dec)\.?"
    assert re.search(month + r" \d{1,2}, \d{4}", period), period


def test_chinese_stays_the_default(client_of, scene):
    """Nobody who did not ask for English sees it: the same pages in Chinese keep their Chinese words."""
    client = client_of("jlp_commission")
    detail = client.get(reverse("centres:detail", args=[scene["centre"].pk])).content.decode()
    steps = worded_by_the_product(detail)["step"]
    assert "发布公告" in " ".join(steps)
