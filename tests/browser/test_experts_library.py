"""The 重庆全科 expert library in the browser: a recommended city candidate reviewed by the city
centre, approved by the commission, put on 公示 where a member of the public objects without
logging in; the objection is handled, the notice runs out and the centre appoints for four years;
then an expert is dismissed (announced) and can no longer record hours."""

from datetime import timedelta

import pytest
from django.utils import timezone
from playwright.sync_api import expect

from tests.browser.conftest import attach

pytestmark = pytest.mark.browser


@pytest.fixture
def clock(time_machine):
    def move(moment):
        time_machine.move_to(moment, tick=True)

    return move


def login_as(page, site, username, password):
    page.context.clear_cookies()
    page.goto(f"{site}/accounts/login/")
    page.get_by_label("用户名").fill(username)
    page.get_by_label("密码").fill(password)
    page.get_by_role("button", name="登录").click()
    expect(page.get_by_role("heading", name="工作台")).to_be_visible()


def test_library_from_review_to_appointment_and_dismissal(
    watched, demo_site, demo_password, clock, settings, tmp_path
):
    settings.MEDIA_ROOT = tmp_path
    page, site = watched, demo_site
    start = timezone.now()
    clock(start)

    # the city centre reviews the waiting city candidate (严谨, from the demo)
    login_as(page, site, "cq_qc_office", demo_password)
    page.get_by_role("navigation", name="主导航").get_by_role("link", name="专家库", exact=True).click()
    page.get_by_test_id("applications").get_by_role("link", name="严谨").click()
    # 重庆全科 二、(二)1.: not without the 申报表 and the title certificate
    expect(page.get_by_test_id("missing-materials")).to_contain_text("专家申报表、职称证书")
    page.get_by_label("审核结论").select_option(label="通过")
    page.get_by_role("button", name="提交审核结论").click()
    expect(page.get_by_test_id("refusal")).to_contain_text("尚未上传：专家申报表、职称证书")
    expect(page.get_by_test_id("status")).to_have_text("待初审")
    for label in ("专家申报表", "职称证书"):
        attach(page, tmp_path, label, "candidate")
        expect(page.get_by_test_id("attachments")).to_contain_text(f"{label}.pdf")
    expect(page.get_by_test_id("missing-materials")).to_have_count(0)
    page.get_by_label("审核结论").select_option(label="通过")
    page.get_by_role("button", name="提交审核结论").click()
    expect(page.get_by_test_id("status")).to_have_text("市级中心已审核")
    application_url = page.url

    # the commission approves
    login_as(page, site, "cq_commission", demo_password)
    page.goto(application_url)
    page.once("dialog", lambda dialog: dialog.accept())
    page.get_by_role("button", name="批准入库").click()
    expect(page.get_by_test_id("status")).to_have_text("卫健委已批准")

    # 公示 for three days
    login_as(page, site, "cq_qc_office", demo_password)
    page.goto(application_url)
    today = timezone.localdate()
    page.get_by_label("公示开始").fill(today.isoformat())
    page.get_by_label("公示结束").fill((today + timedelta(days=2)).isoformat())
    page.get_by_role("button", name="发布公示").click()
    expect(page.get_by_test_id("status")).to_have_text("公示中")

    # a member of the public objects, without logging in
    page.context.clear_cookies()
    page.goto(f"{site}/experts/notices/")
    page.get_by_test_id("library-notices").get_by_role("link", name="严谨").click()
    page.get_by_label("姓名或单位").fill("某社区卫生服务中心")
    page.get_by_label("联系方式").fill("023-12345678")
    page.get_by_label("异议内容").fill("申报材料中的督查次数与实际不符。")
    page.get_by_role("button", name="提交异议").click()
    expect(page.get_by_text("您的异议已提交")).to_be_visible()

    # after the notice: the centre cannot appoint while the objection is open
    clock(start + timedelta(days=4))
    login_as(page, site, "cq_qc_office", demo_password)
    page.goto(application_url)
    page.once("dialog", lambda dialog: dialog.accept())
    page.get_by_role("button", name="公示期满，发文聘任").click()
    expect(page.get_by_text("公示期间有未处理的异议")).to_be_visible()
    objections = page.get_by_test_id("objections")
    objections.get_by_label("处理结果").select_option(label="异议不成立")
    objections.get_by_label("处理说明").fill("经核实督查台账，申报属实。")
    objections.get_by_role("button", name="处理").click()
    expect(objections).to_contain_text("异议不成立")
    page.once("dialog", lambda dialog: dialog.accept())
    page.get_by_role("button", name="公示期满，发文聘任").click()
    expect(page.get_by_test_id("status")).to_have_text("已聘任")
    expect(page.get_by_text("聘任文件", exact=True)).to_be_visible()

    # a dismissal: immediate and announced
    page.goto(f"{site}/experts/library/?q=周晓燕")
    page.get_by_test_id("experts").get_by_role("link", name="周晓燕").click()
    page.get_by_label("退出情形").select_option(label="违规解聘")
    page.get_by_label("原因").fill("泄露质控工作中医疗机构未公开的信息")
    page.once("dialog", lambda dialog: dialog.accept())
    page.get_by_role("button", name="记录退出").click()
    expect(page.get_by_test_id("status")).to_have_text("已退出")
    expect(page.get_by_test_id("exit")).to_contain_text("违规解聘")

    # the dismissed expert can no longer record hours
    login_as(page, site, "cq_expert", demo_password)
    page.goto(f"{site}/experts/me/hours/")
    expect(page.get_by_text("您目前不在任何已批准的委员会或专家库中，无需填报。")).to_be_visible()
