"""A centre from call to active, in the browser, as its users walk it under 九龙坡's rules:
the commission sets the centre up and publishes the call, the hospital applies with its
attachments, the office pre-reviews and closes applications early (with a reason, after a refusal
without one), the reviewer goes from the 待办 to the application, its files and criteria and
scores, the commission selects and publishes the notice (a back-dated one refused), every
irreversible step confirmed first, a member of the public objects, the commission handles it and, after the
notice closes, decides to establish the centre."""

from datetime import date

import pytest
from playwright.sync_api import expect

from tests.browser.conftest import attach


@pytest.fixture
def clock(time_machine):
    def move(moment):
        time_machine.move_to(f"{moment} +08:00", tick=True)

    return move


def login_as(page, site, username, password):
    page.context.clear_cookies()
    page.goto(f"{site}/accounts/login/")
    page.get_by_label("用户名").fill(username)
    page.get_by_label("密码").fill(password)
    page.get_by_role("button", name="登录").click()
    expect(page.get_by_role("heading", name="工作台")).to_be_visible()


def test_commission_takes_a_centre_from_call_to_active(
    watched, demo_site, demo_password, clock, tmp_path, settings
):
    settings.MEDIA_ROOT = tmp_path
    page, site = watched, demo_site
    clock("2026-03-02 09:00")

    login_as(page, site, "jlp_commission", demo_password)
    page.get_by_role("link", name="质控中心", exact=True).click()
    page.get_by_role("link", name="设置质控中心").click()
    page.get_by_label("行政区划").select_option(label="九龙坡区")
    page.get_by_label("类型").select_option(label="区级质控中心")
    page.get_by_label("专业领域").fill("神经内科")
    page.get_by_label("名称").fill("九龙坡区神经内科医疗质量控制中心")
    page.get_by_role("button", name="提交").click()
    expect(page.get_by_text("已设置：九龙坡区神经内科医疗质量控制中心")).to_be_visible()

    page.get_by_role("link", name="发布遴选公告").click()
    page.get_by_label("申报条件").fill("二级及以上医疗机构，具备完善的质控体系。")
    page.get_by_label("申报截止时间").fill("2026-03-20T17:00")
    page.get_by_role("button", name="提交").click()
    expect(page.get_by_test_id("call-status")).to_have_text("接受申请")

    # the hospital applies
    login_as(page, site, "jlp_host", demo_password)
    page.get_by_role("link", name="可申报：").first.click()
    for field in page.locator("textarea[name^=section_]").all():
        field.fill("详见附件材料。")
    page.get_by_label("拟任负责人").select_option(label="张建国")
    page.get_by_role("button", name="保存草稿").click()
    expect(page.get_by_text("草稿已保存")).to_be_visible()
    expect(page.get_by_test_id("violations")).to_contain_text("第七条（三）")  # attachments still missing
    for label in ("书面申请", "重庆市九龙坡区医疗质量控制中心挂靠单位申请书"):
        attach(page, tmp_path, label, "application")
    page.get_by_role("button", name="提交申请").click()
    expect(page.get_by_text("申请已提交，等待初审")).to_be_visible()

    # the office pre-reviews and closes applications
    login_as(page, site, "jlp_qc_office", demo_password)
    page.get_by_role("link", name="初审：九龙坡区人民医院").click()
    page.get_by_label("初审结论").select_option(label="通过")
    page.get_by_role("button", name="提交初审意见").click()
    expect(page.get_by_text("初审意见已记录")).to_be_visible()
    page.get_by_role("link", name="九龙坡区神经内科医疗质量控制中心挂靠单位遴选公告").click()
    # two weeks before the published deadline: closing early needs a reason, and says so first
    page.get_by_role("button", name="截止申报，进入评审").click()
    expect(page.get_by_test_id("consequences")).to_contain_text("提前截止")
    page.get_by_role("button", name="确认截止申报").click()
    expect(page.get_by_test_id("refusal")).to_contain_text("请填写提前截止的理由")
    expect(page.get_by_test_id("call-status")).to_have_text("接受申请")
    page.get_by_role("button", name="截止申报，进入评审").click()
    page.get_by_label("提前截止理由").fill("区内符合条件的单位均已提交申请")
    page.get_by_role("button", name="确认截止申报").click()
    expect(page.get_by_test_id("call-status")).to_have_text("评审中")
    page.locator("select[name=person]").select_option(label="陈静")
    page.get_by_role("button", name="加入专家组").click()
    expect(page.get_by_text("已加入评审专家组")).to_be_visible()

    # 第七条（二）: the expert scores at the review and oral defence
    # the reviewer's 待办 leads to the application: its files, the criteria and the scale
    login_as(page, site, "jlp_reviewer", demo_password)
    page.get_by_role(
        "link", name="评分：九龙坡区人民医院 — 九龙坡区神经内科医疗质量控制中心挂靠单位遴选公告"
    ).click()
    expect(page.get_by_test_id("reviewer-files").get_by_test_id("attachment-download")).to_have_count(2)
    expect(page.get_by_test_id("criteria")).to_contain_text("具备完善的质控体系和良好的质量管理成效")
    expect(page.get_by_test_id("scoring")).to_contain_text("0–100")
    page.get_by_label("评分项").select_option(index=0)
    page.get_by_label("得分").fill("120")
    page.get_by_role("button", name="保存评分").click()
    expect(page.locator(".alert-error")).to_contain_text("100")  # a score is out of 100
    page.get_by_label("得分").fill("88.5")
    page.get_by_role("button", name="保存评分").click()
    expect(page.get_by_text("评分已保存")).to_be_visible()

    # the commission selects on merit and publishes the notice
    login_as(page, site, "jlp_commission", demo_password)
    page.goto(page.url)  # same call page for the commission
    page.goto(f"{site}/centres/")
    page.get_by_role("link", name="九龙坡区神经内科医疗质量控制中心").click()
    page.get_by_role("link", name="九龙坡区神经内科医疗质量控制中心挂靠单位遴选公告").click()
    page.get_by_label("挂靠单位（申请）").select_option(index=1)
    page.get_by_label("择优理由").fill("专科综合实力最强，质控基础扎实")
    page.get_by_role("button", name="确定", exact=True).click()
    expect(page.get_by_test_id("consequences")).to_contain_text("未入选")
    page.get_by_role("button", name="确认择优确定").click()
    expect(page.get_by_text("已择优确定挂靠单位和负责人")).to_be_visible()
    # a notice dated before its publication is refused: the public must get its five working days
    page.get_by_label("公示起始日").fill("2026-02-27")
    page.get_by_label("公示工作日数").fill("5")
    page.get_by_role("button", name="发布公示").click()
    page.get_by_role("button", name="确认发布公示").click()
    expect(page.get_by_test_id("refusal")).to_contain_text("第七条（五）")
    expect(page.get_by_test_id("refusal")).to_contain_text("早于发布之日")
    page.get_by_label("公示起始日").fill("2026-03-02")
    page.get_by_label("公示工作日数").fill("4")
    page.get_by_role("button", name="发布公示").click()
    page.get_by_role("button", name="确认发布公示").click()
    expect(page.get_by_test_id("refusal")).to_contain_text("第七条（五）")  # fewer than 5 working days
    page.get_by_label("公示工作日数").fill("5")
    page.get_by_role("button", name="发布公示").click()
    expect(page.get_by_test_id("consequences")).to_contain_text("不能修改或撤回")
    page.get_by_role("button", name="确认发布公示").click()
    expect(page.get_by_test_id("notice-period")).to_contain_text("2026-03-06 23:59")
    call_url = page.url

    # the public objects, without logging in
    page.context.clear_cookies()
    page.goto(f"{site}/notices/")
    page.get_by_role("link", name="关于九龙坡区神经内科医疗质量控制中心挂靠单位和负责人人选的公示").click()
    page.get_by_label("姓名或单位").fill("市民王某")
    page.get_by_label("联系方式").fill("13800000000")
    page.get_by_label("异议内容").fill("对负责人资历有疑问。")
    page.get_by_role("button", name="提交异议").click()
    expect(page.get_by_text("您的异议已提交")).to_be_visible()

    # after the notice closes: the open objection blocks the decision until handled
    clock("2026-03-09 09:00")
    login_as(page, site, "jlp_commission", demo_password)
    page.goto(call_url)
    page.get_by_role("button", name="作出设置决定").click()
    expect(page.get_by_test_id("consequences")).to_contain_text(
        "关于设置九龙坡区神经内科医疗质量控制中心的通知"
    )
    page.get_by_role("button", name="确认作出设置决定").click()
    expect(page.get_by_test_id("refusal")).to_contain_text("尚有未处理的异议")
    page.get_by_role("link", name="处理").click()
    page.get_by_label("处理结果").select_option(label="不成立")
    page.get_by_label("处理说明").fill("经核实，负责人资历符合第十一条（三）要求。")
    page.get_by_role("button", name="提交").click()
    page.get_by_role("button", name="作出设置决定").click()
    page.get_by_role("button", name="确认作出设置决定").click()
    expect(page.get_by_text("已作出设置决定")).to_be_visible()
    page.get_by_role("link", name="九龙坡区神经内科医疗质量控制中心").first.click()
    expect(page.get_by_text("运行中")).to_be_visible()
    expect(page.get_by_test_id("timeline")).to_contain_text("决定设置")
    assert date(2030, 3, 8).isoformat() in page.content()
