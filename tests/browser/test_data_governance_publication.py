"""A paper through publication review in the browser, in Chinese (九龙坡 第十六条（四）): the demo's
manuscript was scanned on upload (an identity number, a mobile, a name); the chair records the
committee's decision and confirms the checklist; the reviewers clear the author's name and confirm
the personal data; the commission is refused until the hospital uploads a de-identified version."""

import io
import zipfile
from pathlib import Path

from playwright.sync_api import expect


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


def docx(paragraphs) -> bytes:
    body = "".join(f"<w:p><w:r><w:t>{p}</w:t></w:r></w:p>" for p in paragraphs)
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w") as z:
        z.writestr(
            "[Content_Types].xml",
            '<?xml version="1.0"?><Types xmlns="http://schemas.openxmlformats.org/'
            'package/2006/content-types"><Default Extension="xml" ContentType="application/xml"/></Types>',
        )
        z.writestr(
            "word/document.xml",
            '<?xml version="1.0"?><w:document xmlns:w="http://schemas.openxmlformats.'
            f'org/wordprocessingml/2006/main"><w:body>{body}</w:body></w:document>',
        )
    return out.getvalue()


def committee_agrees(page, meeting):
    """The chair records the committee's agreement at ``meeting`` and confirms the checklist."""
    committee = page.get_by_test_id("committee-form")
    committee.get_by_label("专家委员会审议结果").select_option("1")
    committee.get_by_label("审议会议").fill(meeting)
    committee.get_by_role("button", name="记录").click()
    expect(page.get_by_test_id("status")).to_have_text("专家委员会已同意，待卫健委审核")
    checks = page.get_by_test_id("checks")
    while checks.get_by_role("button", name="确认").count():
        checks.get_by_role("button", name="确认").first.click()
    expect(checks).not_to_contain_text("待确认")


def test_publication_review_with_scan_hits(watched, demo_site, demo_password, tmp_path):
    page, site = watched, demo_site
    as_user(page, site, "jlp_expert", demo_password)
    menu(page, "成果发布审核")
    page.get_by_role("link", name="九龙坡区急性心肌梗死救治质控指标分析（2026年）").click()
    url = page.url
    hits = page.get_by_test_id("hits")
    expect(hits).to_contain_text("居民身份证号")
    expect(hits).to_contain_text("手机号")
    expect(hits).to_contain_text("张建国")

    # The chair records the committee's decision, then confirms the checklist.
    committee_agrees(page, "2026年第4次专家委员会会议")

    # The author's name is cleared with a reason; the identity number and mobile are confirmed.
    row = hits.locator("tr", has_text="人员姓名")
    row.get_by_label("说明").fill("通讯作者署名，可公开")
    row.get_by_role("button", name="排除").click()
    for kind in ("居民身份证号", "手机号"):
        hits.locator("tr", has_text=kind).get_by_role("button", name="确认为个人信息").click()
    expect(hits).not_to_contain_text("待处理")

    # The commission cannot approve while personal data is confirmed in the manuscript.
    as_user(page, site, "jlp_commission", demo_password)
    page.goto(url)
    decide = page.get_by_test_id("decide-form")
    decide.get_by_label("卫健委审核").select_option("1")
    decide.get_by_role("button", name="提交审核结果").click()
    expect(page.get_by_test_id("decide-form").get_by_test_id("refusal")).to_contain_text("已确认的个人信息")

    # The hospital uploads the de-identified version; the new scan finds nothing; approved.
    as_user(page, site, "jlp_host", demo_password)
    page.goto(url)
    fixed = Path(tmp_path, "脱敏稿.docx")
    fixed.write_bytes(docx(["九龙坡区急性心肌梗死救治质控指标分析", "典型病例：患者信息已脱敏。"]))
    page.get_by_test_id("upload-form").get_by_label("文件").set_input_files(str(fixed))
    page.get_by_role("button", name="上传并扫描").click()
    expect(page.get_by_test_id("hits")).to_contain_text("未发现个人信息")
    # The committee agreed to another text (第十六条（四）): the new one goes back to it.
    expect(page.get_by_test_id("status")).to_have_text("待专家委员会审议")
    as_user(page, site, "jlp_expert", demo_password)
    page.goto(url)
    committee_agrees(page, "2026年第5次专家委员会会议")
    as_user(page, site, "jlp_commission", demo_password)
    page.goto(url)
    decide = page.get_by_test_id("decide-form")
    decide.get_by_label("卫健委审核").select_option("1")
    decide.get_by_role("button", name="提交审核结果").click()
    expect(page.get_by_test_id("status")).to_have_text("卫健委审核通过")
