"""The experts workflow in the browser, as its users walk it: the host builds a committee roster
under 九龙坡's rules and meets a mandatory breach (第十一条（一）), fixes it, justifies an
in-principle departure (第十一条（四）) and submits; the commission sees the departure and approves
(the appointment notice is issued); the secretary starts a training with a QR code, an expert
signs in on a phone-sized page (390 px), the secretary confirms the entry; the year-end grading of
the 重庆全科 library hits a quota (四、(二)4.) and is finalised only with the adjustment filed.
After the approval a member downloads their own appointment letter (a registered PDF) and not
another member's."""

import pytest
from playwright.sync_api import expect

from experts.tests.factories import CentreFactory

pytestmark = pytest.mark.browser


def login_as(page, site, username, password):
    page.context.clear_cookies()
    page.goto(f"{site}/accounts/login/")
    page.get_by_label("用户名").fill(username)
    page.get_by_label("密码").fill(password)
    page.get_by_role("button", name="登录").click()
    expect(page.get_by_role("heading", name="工作台")).to_be_visible()


def shot(page, name):
    """Screenshots of the walk for a person to look at, when WALK_SHOTS names a folder."""
    import os

    if os.environ.get("WALK_SHOTS"):
        page.screenshot(path=f"{os.environ['WALK_SHOTS']}/experts-{name}.png", full_page=True)


def shot_pdf(path, name):
    import os
    import subprocess

    if os.environ.get("WALK_SHOTS"):
        out = f"{os.environ['WALK_SHOTS']}/experts-{name}"
        subprocess.run(["pdftoppm", "-png", "-r", "60", "-f", "1", "-l", "1", path, out], check=True)


def seat_pk(name, committee_url):
    from experts.models import CommitteeMember

    committee_pk = int(committee_url.rstrip("/").rsplit("/", 1)[1])
    return CommitteeMember.objects.get(committee_id=committee_pk, name=name).pk


def add_seat(page, role, name):
    """Search the directory by name (the roster never lists everyone), pick the match, add."""
    page.get_by_role("searchbox", name="查找人员").fill(name)
    page.get_by_role("button", name="查找", exact=True).click()
    expect(page.get_by_test_id("people-found")).to_contain_text("找到")
    person = page.get_by_label("从人员库选择")
    person.select_option(person.locator("option", has_text=f"{name}（").first.get_attribute("value"))
    page.get_by_label("拟任职务").select_option(label=role)
    page.get_by_role("button", name="添加", exact=True).click()
    expect(page.get_by_text(f"已添加：{name}")).to_be_visible()


def test_roster_to_grading_walk(watched, demo_site, demo_password, settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path
    page, site = watched, demo_site
    CentreFactory(name="九龙坡区神经内科医疗质量控制中心")

    # --- the host builds the roster ---
    login_as(page, site, "jlp_host", demo_password)
    page.get_by_role("navigation", name="主导航").get_by_role("link", name="专家委员会", exact=True).click()
    page.get_by_role("button", name="为九龙坡区神经内科医疗质量控制中心组建专家委员会").click()
    expect(page.get_by_text("已组建：九龙坡区神经内科医疗质量控制中心专家委员会")).to_be_visible()
    add_seat(page, "主任委员", "张建国")
    add_seat(page, "副主任委员", "袁志刚")
    add_seat(page, "副主任委员", "彭镕")
    for name in ("邓爱华", "蒋立群", "韦晓东", "程慧"):
        add_seat(page, "委员", name)
    # six from the host: a mandatory breach, shown with its article, and no submission offered
    expect(page.get_by_test_id("roster-checks")).to_contain_text("第十一条（一）")
    expect(page.get_by_test_id("cannot-submit")).to_be_visible()
    expect(page.get_by_role("button", name="提交", exact=True)).to_be_disabled()
    page.get_by_test_id("seat-程慧").get_by_role("button", name="移出名单").click()
    expect(page.get_by_test_id("roster-ok")).to_be_visible()
    # a member below 副高: in principle, on that person's row
    add_seat(page, "委员", "石磊")
    expect(page.get_by_test_id("seat-石磊")).to_contain_text("第十一条（四）")
    page.get_by_role("button", name="提交", exact=True).click()
    expect(page.get_by_test_id("refusal")).to_contain_text("可说明理由后报批")
    page.get_by_label("偏离“原则上”条款的理由").fill("石磊承担区第二人民医院胸痛中心质控，暂无副高级人选。")
    page.get_by_role("button", name="提交", exact=True).click()
    expect(page.get_by_test_id("status")).to_have_text("待审批")
    committee_url = page.url

    # --- the commission sees the departure and approves ---
    login_as(page, site, "jlp_commission", demo_password)
    page.goto(committee_url)
    expect(page.get_by_test_id("departures")).to_contain_text("石磊承担区第二人民医院胸痛中心质控")
    page.once("dialog", lambda dialog: dialog.accept())
    # the approval queues the notice and the members' letters; Celery is eager in the tests, so
    # the eight PDFs are rendered inside this request (a worker renders them in production)
    page.get_by_role("button", name="批准并印发聘任通知").click(timeout=300_000)
    expect(page.get_by_text("已批准，聘任通知已印发。")).to_be_visible(timeout=300_000)
    expect(page.get_by_test_id("status")).to_have_text("已批准")
    expect(page.get_by_test_id("seat-张建国").get_by_role("link", name="聘书")).to_be_visible()
    shot(page, "1-commission-approved")

    # --- a member downloads their own letter (an official document, hash-checked) ---
    login_as(page, site, "jlp_expert", demo_password)
    page.goto(f"{site}/experts/me/")
    letters = page.get_by_test_id("my-letter")
    expect(letters).to_have_count(2)  # chair of the demo's 心血管内科 committee and of this one
    shot(page, "2-expert-mine")
    with page.expect_download() as download:
        letters.last.click()
    pdf = download.value.path()
    shot_pdf(pdf, "3-letter")
    with open(pdf, "rb") as f:
        assert f.read(5) == b"%PDF-"
    other = page.request.get(f"{site}/experts/seats/{seat_pk('袁志刚', committee_url)}/letter/")
    assert other.status == 404  # another member's letter (asked with the member's session)

    # --- the secretary starts a training with a QR code ---
    login_as(page, site, "jlp_host", demo_password)
    page.goto(f"{site}/experts/activities/")
    page.get_by_label("所属").select_option(label="九龙坡区神经内科医疗质量控制中心")
    page.get_by_label("活动类别").select_option(label="授课培训")
    page.get_by_label("活动名称").fill("神经内科质控培训")
    from django.utils import timezone

    now = timezone.localtime()
    page.get_by_label("开始时间").fill(now.strftime("%Y-%m-%dT%H:%M"))
    page.get_by_label("结束时间").fill((now + timezone.timedelta(hours=3)).strftime("%Y-%m-%dT%H:%M"))
    page.get_by_role("button", name="生成签到码").click()
    expect(page.get_by_test_id("qr").locator("svg")).to_be_visible()
    sign_in_url = page.get_by_test_id("sign-in-url").inner_text()

    # --- an expert signs in on a phone ---
    page.set_viewport_size({"width": 390, "height": 844})
    login_as(page, site, "jlp_expert", demo_password)
    page.goto(sign_in_url)
    expect(page.get_by_test_id("activity-title")).to_have_text("神经内科质控培训")
    page.get_by_test_id("sign-in").click()
    expect(page.get_by_text("签到成功，已生成待确认的履职记录。")).to_be_visible()
    expect(page.get_by_test_id("my-logs")).to_contain_text("签到：神经内科质控培训")
    assert page.evaluate("document.documentElement.scrollWidth") <= 390 + 1  # no sideways scrolling
    page.goto(sign_in_url)
    expect(page.get_by_text("您已签到。")).to_be_visible()

    # --- the secretary confirms ---
    page.set_viewport_size({"width": 1280, "height": 900})
    login_as(page, site, "jlp_host", demo_password)
    page.goto(f"{site}/experts/duty/")
    row = page.locator("tr", has_text="签到：神经内科质控培训")
    row.get_by_role("button", name="确认").click()
    expect(page.get_by_text("张建国：已确认。")).to_be_visible()

    # --- the year-end grading hits a quota ---
    login_as(page, site, "cq_qc_office", demo_password)
    page.goto(f"{site}/experts/library/")
    page.get_by_role("main").locator("a", has_text="年度考核").first.click()
    selects = page.locator(".grade-select").all()
    for select in selects:
        select.select_option(label="合格")
    for select in selects[:2]:  # two 优秀 of eleven: the maximum allows one
        select.select_option(label="优秀")
    excellent = page.locator("[data-grade=excellent]")
    expect(excellent.locator(".q-ok")).to_have_text("超出")  # live, before saving
    page.get_by_role("button", name="保存等级").click()
    expect(page.get_by_text("已保存。")).to_be_visible()
    page.get_by_label("报市级中心备案日期").fill("")
    page.once("dialog", lambda dialog: dialog.accept())
    page.get_by_role("button", name="定等", exact=True).click()
    expect(page.get_by_test_id("refusal")).to_contain_text("报市级中心备案")
    page.get_by_label("比例微调说明").fill("本年度优秀专家2人，承担全市督查任务突出。")
    page.get_by_label("报市级中心备案日期").fill(timezone.localdate().isoformat())
    page.once("dialog", lambda dialog: dialog.accept())
    page.get_by_role("button", name="定等", exact=True).click()
    expect(page.get_by_text("已定等。")).to_be_visible()
    expect(page.get_by_test_id("status")).to_have_text("已定等")
