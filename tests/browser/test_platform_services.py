"""The platform services as their users meet them in the browser: an auditor exports a list to
Excel, the commission issues a red-header notice and downloads its PDF, the commission waives an
overdue obligation with a reason, and a hospital uploads its licence — bad file first."""

from io import BytesIO

import openpyxl
from playwright.sync_api import expect

from attachments.demo import practice_licence_pdf


def login_as(page, site, username, password):
    page.context.clear_cookies()
    page.goto(f"{site}/accounts/login/")
    page.get_by_label("用户名").fill(username)
    page.get_by_label("密码").fill(password)
    page.get_by_role("button", name="登录").click()
    expect(page.get_by_role("heading", name="工作台")).to_be_visible()


def test_auditor_exports_the_institution_list(watched, demo_site, demo_password):
    page = watched
    login_as(page, demo_site, "jlp_auditor", demo_password)
    page.get_by_role("link", name="医疗机构", exact=True).click()
    page.get_by_label("等级").select_option(label="二级甲等")
    page.get_by_role("button", name="查询").click()
    page.get_by_role("button", name="导出 Excel").click()
    expect(page.get_by_test_id("download")).to_be_visible(timeout=20000)
    with page.expect_download() as download:
        page.get_by_test_id("download").click()
    workbook = openpyxl.load_workbook(BytesIO(download.value.path().read_bytes()))
    assert workbook.sheetnames[0] == "封面"
    rows = list(workbook.worksheets[1].iter_rows(values_only=True))
    assert "机构名称" in rows[0]
    names = {row[rows[0].index("机构名称")] for row in rows[1:]}
    assert names == {"九龙坡区中医院", "九龙坡区妇幼保健院"}  # 二级甲等 in 九龙坡 only


def test_commission_issues_a_notice_and_downloads_its_pdf(watched, demo_site, demo_password):
    page = watched
    login_as(page, demo_site, "jlp_commission", demo_password)
    page.get_by_role("link", name="发文登记", exact=True).click()
    page.get_by_role("link", name="印发通知").click()
    page.get_by_label("标题").fill("关于开展2026年度质控中心工作总结的通知")
    page.get_by_role("button", name="登记并生成").click()
    expect(page.get_by_text("请输入正文").or_(page.locator(".error")).first).to_be_visible()
    expect(page.get_by_label("标题")).to_have_value("关于开展2026年度质控中心工作总结的通知")
    page.get_by_label("主送机关").fill("各区级质控中心")
    page.get_by_label("正文").fill("一、总结内容\n各质控中心于12月31日前报送年度工作总结。")
    page.get_by_role("button", name="登记并生成").click()
    expect(page.get_by_test_id("number")).to_contain_text("九龙坡卫发〔")
    expect(page.get_by_test_id("download")).to_be_visible(timeout=30000)
    with page.expect_download() as download:
        page.get_by_test_id("download").click()
    assert download.value.suggested_filename.endswith(".pdf")
    with open(download.value.path(), "rb") as pdf:
        assert pdf.read(5) == b"%PDF-"


def test_commission_waives_an_overdue_obligation_with_a_reason(watched, demo_site, demo_password):
    page = watched
    login_as(page, demo_site, "jlp_commission", demo_password)
    page.get_by_role("link", name="辖区期限", exact=True).click()
    page.get_by_role("link", name="九龙坡区人民医院：报送年度质控工作计划").click()
    page.get_by_role("button", name="豁免").click()
    expect(page.locator(".error, [role=alert]").first).to_be_visible()
    page.get_by_label("豁免理由").fill("该院已以纸质方式报送，经核实无误。")
    page.get_by_role("button", name="豁免").click()
    expect(page.get_by_text("已豁免").first).to_be_visible()


def test_hospital_uploads_its_licence(watched, demo_site, demo_password, tmp_path):
    page = watched
    login_as(page, demo_site, "jlp_host", demo_password)
    page.get_by_role("link", name="医疗机构", exact=True).click()
    page.get_by_role("link", name="九龙坡区人民医院").click()
    fake = tmp_path / "执业许可证.pdf"
    fake.write_bytes(b"MZ this is not a pdf")
    page.get_by_label("附件类别").select_option(label="医疗机构执业许可证")
    page.locator("input[type=file]").set_input_files(str(fake))
    page.get_by_role("button", name="上传").click()
    expect(page.get_by_test_id("attachment-errors")).to_be_visible()
    good = tmp_path / "执业许可证（正本）.pdf"
    good.write_bytes(practice_licence_pdf())
    page.locator("input[type=file]").set_input_files(str(good))
    page.get_by_role("button", name="上传").click()
    expect(page.get_by_test_id("attachments")).to_contain_text("执业许可证（正本）.pdf")
