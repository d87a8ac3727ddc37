"""Everyday use (issue 13), walked as its users would, in Chinese: the system administrator
extends the working-day calendar by pasting the State Council's notice; lists filter, sort and
page; the home page says what to do; search; and the phone layout (screenshots at 390 × 844 in
var/screenshots/ for a person to look at)."""

import re
from pathlib import Path

import pytest
from playwright.sync_api import expect

NOTICE = Path(__file__).resolve().parents[2] / "workdays" / "tests" / "notices" / "2027-constructed.txt"


def test_administrator_extends_the_calendar_by_pasting_the_notice(login, demo_site):
    page = login("admin")
    page.goto(f"{demo_site}/calendar/")
    expect(page.get_by_test_id("covered-until")).to_contain_text("日历覆盖至")
    page.get_by_test_id("import-notice").click()
    page.get_by_label("年度").fill("2027")
    page.get_by_label("通知全文").fill(NOTICE.read_text(encoding="utf-8") + "\n八、另行通知的安排。")
    page.get_by_role("button", name="识别并预览").click()
    # A line it cannot read is shown, and there is nothing to confirm.
    expect(page.get_by_test_id("unread")).to_contain_text("八、另行通知的安排。")
    expect(page.get_by_test_id("confirm-save")).to_have_count(0)
    # The administrator removes it; the review calendar shows the days read.
    page.get_by_label("通知全文").fill(NOTICE.read_text(encoding="utf-8"))
    page.get_by_role("button", name="识别并预览").click()
    calendar = page.get_by_test_id("review-calendar")
    expect(calendar.locator('[data-date="2027-01-01"][data-kind="holiday"]')).to_have_count(1)
    expect(calendar.locator('[data-date="2027-01-31"][data-kind="workday"]')).to_have_count(1)
    SCREENSHOTS.mkdir(parents=True, exist_ok=True)
    page.screenshot(path=str(SCREENSHOTS / "desktop-calendar-import-review.png"), full_page=True)
    page.get_by_test_id("confirm-save").click()
    toast = page.get_by_test_id("toast").filter(has_text="已录入2027年节假日安排")
    expect(toast).to_be_visible()
    expect(toast).to_have_count(0, timeout=10_000)  # a success fades by itself
    expect(page.get_by_test_id("covered-until")).to_contain_text("2027")
    # A period crossing into 2027 is now computed: 1–3 January off.
    page.get_by_label("起始日期").fill("2026-12-30")
    page.get_by_label("工作日数").fill("3")
    page.get_by_role("button", name="计算").click()
    expect(page.get_by_test_id("end")).to_have_text("2027-01-04")


@pytest.fixture
def phone(browser, demo_site):
    """A 390 × 844 page (an iPhone 12–15 held upright)."""
    context = browser.new_context(
        viewport={"width": 390, "height": 844}, locale="zh-CN", timezone_id="Asia/Shanghai"
    )
    yield context.new_page()
    context.close()


def test_lists_filter_sort_and_keep_it_in_the_url(login, demo_site):
    page = login("admin")
    page.get_by_role("navigation", name="主导航").get_by_role("link", name="人员").click()
    expect(page.get_by_test_id("list-count")).to_contain_text("共")
    page.get_by_label("专业").fill("心血管")
    page.get_by_role("button", name="查询").click()
    expect(page).to_have_url(re.compile(r"specialty="))
    names = page.get_by_test_id("people").locator("td.card-title")
    expect(names.first).to_be_visible()
    page.get_by_test_id("people").locator("a[data-sort=name]").click()
    expect(page).to_have_url(re.compile(r"ordering=name.*specialty=|specialty=.*ordering=name"))
    ascending = names.all_inner_texts()
    page.get_by_test_id("people").locator("a[data-sort=name]").click()
    expect(page).to_have_url(re.compile(r"ordering=-name"))
    assert names.all_inner_texts() == list(reversed(ascending))
    SCREENSHOTS.mkdir(parents=True, exist_ok=True)
    page.screenshot(path=str(SCREENSHOTS / "desktop-people-filtered.png"), full_page=True)
    # The export button carries the filters.
    expect(page.get_by_test_id("export").locator("input[name=specialty]")).to_have_value("心血管")
    page.get_by_test_id("reset-filters").click()
    expect(page).to_have_url(f"{demo_site}/directory/people/")


def test_security_audit_filters_by_user(login, demo_site):
    page = login("admin")
    page.goto(f"{demo_site}/audit/security-events/")
    page.get_by_label("用户名").fill("admin")
    page.get_by_role("button", name="查询").click()
    rows = page.get_by_test_id("security-events").locator("tbody tr")
    expect(rows.first).to_contain_text("admin")


def test_search_from_the_top_bar_with_ctrl_k(login, demo_site):
    page = login("jlp_commission")
    page.keyboard.press("Control+k")
    search = page.get_by_label("全局搜索")
    expect(search).to_be_focused()
    search.press_sequentially("jlp")
    suggestion = page.get_by_test_id("suggestion").filter(has_text="九龙坡区人民医院")
    expect(suggestion.first).to_be_visible()
    suggestion.first.click()
    expect(page.get_by_role("heading", name="九龙坡区人民医院")).to_be_visible()
    # Enter shows every match on the results page.
    page.get_by_label("全局搜索").fill("人民医院")
    page.get_by_label("全局搜索").press("Enter")
    expect(page.get_by_test_id("search-hit").first).to_be_visible()
    expect(page.get_by_test_id("search-results")).not_to_contain_text("济南")
    page.get_by_label("全局搜索").fill("jlp")
    expect(page.get_by_test_id("suggestion").first).to_be_visible()
    SCREENSHOTS.mkdir(parents=True, exist_ok=True)
    page.screenshot(path=str(SCREENSHOTS / "desktop-search-suggestions.png"))


def test_home_page_with_nothing_to_do_shows_where_to_go(login, demo_site):
    page = login("jlp_expert")
    shortcuts = page.get_by_test_id("shortcuts")
    expect(shortcuts).to_be_visible()
    expect(page.locator(".sidenav .nav-section", has_text="工作台")).to_have_count(0)
    shortcuts.get_by_role("link", name="工作日计算").click()
    expect(page.get_by_role("heading", name="工作日计算")).to_be_visible()


SCREENSHOTS = Path(__file__).resolve().parents[2] / "var" / "screenshots"


def phone_login(phone, demo_site, username, password):
    phone.goto(f"{demo_site}/accounts/login/")
    phone.get_by_label("用户名").fill(username)
    phone.get_by_label("密码").fill(password)
    phone.get_by_role("button", name="登录").click()
    phone.wait_for_url(f"{demo_site}/")


def no_sideways_scroll(page):
    return page.evaluate("document.documentElement.scrollWidth <= window.innerWidth + 1")


@pytest.mark.parametrize(
    "username,pages",
    [
        ("jlp_expert", ["/", "/deadlines/", "/calendar/"]),
        ("jlp_host", ["/", "/directory/people/", "/centres/", "/exports/"]),
    ],
)
def test_phone_screens_at_390_by_844(phone, demo_site, demo_password, username, pages):
    """On a phone a list is cards, one per row, with its labels; the page never scrolls sideways."""
    SCREENSHOTS.mkdir(parents=True, exist_ok=True)
    phone_login(phone, demo_site, username, demo_password)
    for n, path in enumerate(pages):
        assert phone.goto(f"{demo_site}{path}").status == 200, path
        assert no_sideways_scroll(phone), path
        cards = phone.locator("table.cards tbody tr:not(.empty-row)")
        if cards.count():
            first_cell = cards.first.locator("td").nth(1)
            label = first_cell.evaluate("td => getComputedStyle(td, '::before').content")
            assert label.strip('"') == first_cell.get_attribute("data-label"), path
            assert phone.locator("table.cards thead").first.is_hidden()
        name = path.strip("/").replace("/", "-") or "home"
        phone.screenshot(path=str(SCREENSHOTS / f"{username}-{n}-{name}.png"), full_page=True)
    # The menu opens from the ☰ button (static/core/app.js).
    phone.get_by_role("button", name="菜单").click()
    expect(phone.locator(".sidenav")).to_be_in_viewport()
