"""Everyday use (issue 13), walked as its users would, in Chinese: the system administrator
extends the working-day calendar by pasting the State Council's notice; lists filter, sort and
page; the home page says what to do; search; and the phone layout (screenshots at 390 × 844 in
var/screenshots/ for a person to look at)."""

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
    page.get_by_test_id("confirm-save").click()
    expect(page.get_by_text("已录入2027年节假日安排")).to_be_visible()
    expect(page.get_by_test_id("covered-until")).to_contain_text("2027")
    # A period crossing into 2027 is now computed: 1–3 January off.
    page.get_by_label("起始日期").fill("2026-12-30")
    page.get_by_label("工作日数").fill("3")
    page.get_by_role("button", name="计算").click()
    expect(page.get_by_test_id("end")).to_have_text("2027-01-04")


@pytest.fixture
def phone(browser, demo_site):
    """A 390 × 844 page (an iPhone 12–15 held upright)."""
    context = browser.new_context(viewport={"width": 390, "height": 844}, locale="zh-CN",
                                  timezone_id="Asia/Shanghai")
    yield context.new_page()
    context.close()
