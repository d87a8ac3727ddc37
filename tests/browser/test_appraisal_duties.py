"""A centre's year of duties and the end of its term, in the browser, in Chinese: the host records a
training with its evidence (a future date refused, what was typed kept), the office confirms the
pending trainings and the year at a glance counts them (九龙坡 第八条（五）); the duties chart
draws the same numbers as its table; at the end of a term the commission reads the four grades and
the engine's proposal (九龙坡 第二十二条（一）) and decides with its reasons."""

from datetime import date, timedelta

from playwright.sync_api import expect

from appraisal.models import DutyRecord
from appraisal.tests.factories import CentreFactory, graded
from attachments.demo import minimal_pdf
from centres.models import Centre


def login_as(page, site, username, password):
    page.context.clear_cookies()
    page.goto(f"{site}/accounts/login/")
    page.get_by_label("用户名").fill(username)
    page.get_by_label("密码").fill(password)
    page.get_by_role("button", name="登录").click()
    expect(page.get_by_role("heading", name="工作台")).to_be_visible()


def test_duties_recorded_confirmed_and_charted(watched, demo_site, demo_password, tmp_path):
    page, site = watched, demo_site
    centre = Centre.objects.get(name="九龙坡区心血管内科医疗质量控制中心")

    login_as(page, site, "jlp_host", demo_password)
    page.get_by_role("navigation", name="主导航").get_by_role("link", name="年度履职").click()
    page.get_by_role("link", name=centre.name).click()
    form = page.get_by_test_id("duty-form")
    form.get_by_label("履职事项").select_option("training")
    form.get_by_label("标题").fill("胸痛中心质控培训（第三期）")
    form.get_by_label("完成/报送日期").fill((date.today() + timedelta(days=3)).isoformat())
    form.get_by_role("button", name="提交").click()
    expect(page.get_by_test_id("refusal")).to_contain_text("完成日期不能晚于今天")
    expect(page.get_by_test_id("duty-form").get_by_label("标题")).to_have_value("胸痛中心质控培训（第三期）")
    page.get_by_test_id("duty-form").get_by_label("完成/报送日期").fill(date.today().isoformat())
    page.get_by_test_id("duty-form").get_by_role("button", name="提交").click()
    expect(page.get_by_text("已填报，待质控办确认")).to_be_visible()
    record = DutyRecord.objects.get(title="胸痛中心质控培训（第三期）")
    row = page.get_by_test_id("duty-records").locator("tr", has_text="胸痛中心质控培训（第三期）")
    row.locator("summary", has_text="证明材料").click()
    pdf = tmp_path / "培训签到表.pdf"
    pdf.write_bytes(minimal_pdf(["sign-in sheet"], title="Training sign-in"))
    row.locator("input[type=file]").set_input_files(str(pdf))
    row.get_by_role("button", name="上传").click()
    expect(page.get_by_text("培训签到表.pdf").first).to_be_attached()

    login_as(page, site, "jlp_qc_office", demo_password)
    page.goto(f"{site}/appraisal/duties/{centre.pk}/2026/")
    pending = DutyRecord.objects.get(centre=centre, title="院内质控员培训", status="submitted")
    done_cell = page.locator("tr[data-kind=training] td").nth(3)
    expect(done_cell).to_have_text("2")
    page.get_by_test_id(f"confirm-{pending.pk}").click()
    expect(done_cell).to_have_text("3")
    page.get_by_test_id(f"confirm-{record.pk}").click()
    expect(done_cell).to_have_text("4")
    expect(page.get_by_test_id("status-training")).to_have_text("已完成")

    page.goto(f"{site}/appraisal/duties/?year=2026")
    chart = page.get_by_test_id("chart-duties")
    expect(chart).to_have_attribute("data-rendered", "true")
    expect(chart.locator("canvas")).to_have_count(1)
    table = page.get_by_test_id("chart-duties-table")
    headers = table.locator("thead th").all_text_contents()
    cells = dict(
        zip(
            headers[1:],
            table.locator("tbody tr").filter(has_text=centre.name).locator("td").all_text_contents(),
        )
    )
    listed = (
        page.get_by_test_id("duty-centres")
        .locator("tr", has_text=centre.name)
        .locator("td")
        .all_text_contents()
    )
    assert cells["已完成"] == listed[2] and cells["待完成"] == listed[3]
    assert int(cells["已完成"]) >= 2  # the plan and the trainings (meetings come from the experts app)


def test_the_commission_decides_at_the_end_of_a_term(watched, demo_site, demo_password):
    page, site = watched, demo_site
    centre = CentreFactory(specialty__name="肾脏内科", name="九龙坡区肾脏内科医疗质量控制中心")
    for year in (2022, 2023, 2024, 2025):
        graded(centre, year, "good")
    login_as(page, site, "jlp_commission", demo_password)
    page.goto(f"{site}/appraisal/centres/{centre.pk}/")
    expect(page.get_by_test_id("grade-history").locator("tbody tr")).to_have_count(4)
    expect(page.get_by_test_id("chart-grade-history")).to_have_attribute("data-rendered", "true")
    expect(page.get_by_test_id("proposal")).to_contain_text("4次年度考核结果均为良好及以上，不作调整")
    page.get_by_label("理由").fill("周期内4次年度考核均为良好，继续挂靠。")
    page.get_by_test_id("decide").click()
    expect(page.get_by_text("已作出周期届满决定")).to_be_visible()
    expect(page.get_by_test_id("term-decision")).to_contain_text("第2挂靠周期")
