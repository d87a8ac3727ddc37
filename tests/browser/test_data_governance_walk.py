"""Data governance in the browser, in Chinese: the hospital asks for a dataset with the signed
commitment letter (九龙坡 第十六条（二）), the chair endorses (第十六条（五）), the commission approves,
the hospital opens and exports the data under the grant, and the day after the end date the same
page refuses — with no job run in between."""

from pathlib import Path

import pytest
from playwright.sync_api import expect

from attachments.demo import minimal_pdf


@pytest.fixture
def clock(time_machine):
    def move(moment):
        time_machine.move_to(f"{moment} +08:00", tick=True)

    return move


def menu(page, name):
    """A left-menu item (the home page has shortcuts of the same names)."""
    page.get_by_role("navigation", name="主导航").get_by_role("link", name=name, exact=True).click()


def as_user(page, site, username, password):
    page.context.clear_cookies()
    page.goto(f"{site}/accounts/login/")
    page.get_by_label("用户名").fill(username)
    page.get_by_label("密码").fill(password)
    page.get_by_role("button", name="登录").click()
    page.wait_for_url(f"{site}/")


def test_request_approval_use_and_expiry(watched, demo_site, demo_password, clock, tmp_path):
    page, site = watched, demo_site
    clock("2026-12-01 09:00")

    # The commission registers a sensitive dataset it owns.
    as_user(page, site, "jlp_commission", demo_password)
    menu(page, "数据资源")
    form = page.get_by_test_id("resource-form")
    form.get_by_label("编号").fill("JLP-SJ-900")
    form.get_by_label("名称").fill("质控中心名册（年报用）")
    form.get_by_label("分级").select_option("sensitive")
    form.get_by_label("来源").select_option("dataset")
    form.get_by_label("数据集（平台生成时）").select_option("centres.register")
    form.get_by_role("button", name="登记").click()
    expect(page.get_by_test_id("resources")).to_contain_text("质控中心名册（年报用）")

    # The hospital drafts the request from the menu.
    as_user(page, site, "jlp_host", demo_password)
    menu(page, "数据使用申请")
    page.get_by_test_id("new-request").click()
    page.get_by_role("combobox", name="质控中心").select_option(label="九龙坡区心血管内科医疗质量控制中心")
    page.get_by_label("用途类别").select_option("indicator_analysis")
    page.get_by_label("具体用途").fill("分析全区质控中心设置情况，撰写年度质控报告")
    page.get_by_label("使用起始日").fill("2026-12-01")
    page.get_by_label("使用截止日").fill("2026-12-05")
    page.get_by_label("JLP-SJ-900 质控中心名册（年报用）").check()
    page.get_by_label("九龙坡区人民医院 质控科").check()
    page.get_by_role("button", name="保存草稿").click()
    expect(page.get_by_test_id("status")).to_have_text("草稿")

    # Submitting without the signed letter is refused with the article; nothing is lost.
    page.get_by_test_id("submit").click()
    page.get_by_test_id("confirm-submit").click()
    expect(page.get_by_test_id("refusal")).to_contain_text("第十六条（二）")

    # The letter template comes filled in; the signed copy is uploaded; the request goes in.
    with page.expect_download() as download:
        page.get_by_test_id("letter-template").click()
    assert download.value.suggested_filename.endswith(".pdf")
    signed = Path(tmp_path, "承诺书（签字）.pdf")
    signed.write_bytes(minimal_pdf(["signed"]))
    page.get_by_test_id("letter-form").get_by_label("文件").set_input_files(str(signed))
    page.get_by_test_id("letter-form").get_by_role("button", name="上传").click()
    expect(page.get_by_test_id("letter")).to_contain_text("承诺书")
    page.get_by_test_id("submit").click()
    page.get_by_test_id("confirm-submit").click()
    expect(page.get_by_test_id("status")).to_have_text("待主任委员审核")
    request_url = page.url

    # The chair endorses.
    as_user(page, site, "jlp_expert", demo_password)
    page.goto(request_url)
    page.get_by_test_id("endorse-form").get_by_label("主任委员意见").select_option("1")
    page.get_by_role("button", name="提交审核意见").click()
    expect(page.get_by_test_id("status")).to_have_text("主任委员已同意，待卫健委审批")

    # The commission approves, with its judgement of the purpose.
    as_user(page, site, "jlp_commission", demo_password)
    page.goto(request_url)
    form = page.get_by_test_id("decide-form")
    form.get_by_label("审批结果").select_option("approve")
    form.get_by_label("用途是否属于质控工作的判断").fill("用于年度质控报告，属于质控工作")
    form.get_by_role("button", name="提交审批结果").click()
    expect(page.get_by_test_id("status")).to_have_text("已批准")
    grant_number = page.get_by_test_id("grant-link").inner_text()

    # The hospital uses the data under the grant: it opens it, and exports a traced workbook.
    as_user(page, site, "jlp_host", demo_password)
    page.goto(request_url)
    page.get_by_test_id("grant-link").click()
    expect(page.get_by_test_id("standing")).to_have_text("有效")
    page.get_by_role("link", name="JLP-SJ-900 质控中心名册（年报用）").click()
    expect(page.get_by_test_id("grant")).to_contain_text(grant_number)
    page.get_by_test_id("open").click()
    expect(page.get_by_test_id("rows")).to_contain_text("九龙坡区心血管内科医疗质量控制中心")
    with page.expect_download() as download:
        page.get_by_test_id("export-xlsx").click()
    assert download.value.suggested_filename.startswith("JLP-SJ-900-")
    resource_url = page.url.split("?")[0]

    # The access is in the log, for the auditor — and for the hospital, its centres' grants only.
    as_user(page, site, "jlp_auditor", demo_password)
    menu(page, "访问日志")
    expect(page.get_by_test_id("access-log")).to_contain_text(grant_number)
    as_user(page, site, "jlp_host", demo_password)
    menu(page, "访问日志")
    expect(page.get_by_test_id("log-scope")).to_contain_text("本单位挂靠的质控中心")
    expect(page.get_by_test_id("access-log")).to_contain_text(grant_number)

    # The last day still works; the day after, the same page refuses — no job has run.
    clock("2026-12-06 08:00")
    as_user(page, site, "jlp_host", demo_password)
    page.goto(resource_url)
    expect(page.get_by_test_id("refusal")).to_contain_text("2026-12-05 到期")
    expect(page.get_by_test_id("open")).to_have_count(0)
