"""A whole assessment year in the browser, in Chinese (九龙坡 第二十一条、第二十二条): the scorer reaches
its scoring from the 待办, sees the scale before typing, cannot score the centre its hospital
hosts, scores the others and submits; the office closes scoring, assesses host support and proposes
grades with the arithmetic shown; the commission confirms (changing one grade with a reason) and
publishes, which issues the results and, the infection centre failing a second year, its
disqualification, carried into the centres app. The charts draw from that data:
the canvas renders and its table holds the right numbers."""

import re

from playwright.sync_api import expect

from appraisal.models import AssessmentYear, Consequence


def login_as(page, site, username, password):
    page.context.clear_cookies()
    page.goto(f"{site}/accounts/login/")
    page.get_by_label("用户名").fill(username)
    page.get_by_label("密码").fill(password)
    page.get_by_role("button", name="登录").click()
    expect(page.get_by_role("heading", name="工作台")).to_be_visible()


def test_a_whole_assessment_year(watched, demo_site, demo_password):
    page, site = watched, demo_site
    year = AssessmentYear.objects.get(jurisdiction__code="500107", year=2026)

    # 1. The scorer (九龙坡区中医院) from its 待办.
    login_as(page, site, "jlp_scorer", demo_password)
    page.get_by_role("link", name=re.compile("为九龙坡区2026年度质控中心考核评分")).click()
    expect(page.get_by_test_id("own-centre")).to_contain_text("本机构挂靠，回避评分")
    rows = page.get_by_test_id("to-score").locator("tbody tr")
    expect(rows.filter(has_text="九龙坡区医院感染管理质量控制中心").get_by_role("link")).to_have_count(0)
    for name, marks in (
        ("九龙坡区心血管内科医疗质量控制中心", ("95", "92", "90")),
        ("九龙坡区妇产科医疗质量控制中心", ("70", "75", "72")),
        ("九龙坡区急诊医学医疗质量控制中心", ("86", "85", "84")),  # registered before the platform
    ):
        rows.filter(has_text=name).get_by_role("link", name="评分").click()
        expect(page.get_by_text("评分标准（0–100分）")).to_be_visible()
        expect(
            page.locator("li", has_text="年度计划任务完成情况")
        ).to_be_visible()  # the criteria before typing
        page.get_by_label("工作成绩（0–100）").fill("120")
        page.get_by_label("业务水平（0–100）").fill(marks[1])
        page.get_by_label("工作作风（0–100）").fill(marks[2])
        page.get_by_role("button", name="保存评分").click()
        expect(page.get_by_test_id("form-errors")).to_be_visible()  # 120 refused, the rest kept
        expect(page.get_by_label("业务水平（0–100）")).to_have_value(marks[1])
        page.get_by_label("工作成绩（0–100）").fill(marks[0])
        page.get_by_role("button", name="保存评分").click()
        expect(page.get_by_text(f"已保存对{name}的评分")).to_be_visible()
    page.get_by_text("提交全部评分").click()
    page.get_by_test_id("submit-scores").click()
    expect(page.get_by_test_id("invitation-status")).to_have_text("已提交")

    # 2. The office closes scoring, assesses host support, proposes grades.
    login_as(page, site, "jlp_qc_office", demo_password)
    page.goto(f"{site}/appraisal/years/{year.pk}/")
    page.get_by_text("结束评分，进入拟定等次").click()  # an irreversible step: asked to confirm
    expect(page.get_by_test_id("close-scoring-confirm")).to_contain_text("不能退回评分")
    page.get_by_test_id("close-scoring").click()
    expect(page.get_by_test_id("year-status")).to_have_text("拟定等次中")
    for i in range(4):
        page.get_by_test_id("assessments").locator("tbody tr").nth(i).get_by_role("link").click()
        page.get_by_label("挂靠单位支持保障").select_option("adequate")
        page.get_by_label("评估依据（监督、管理与经费支持保障）").fill("监督管理到位，经费保障充足。")
        page.get_by_role("button", name="保存评估").click()
        expect(page.get_by_text("已评估挂靠单位支持保障")).to_be_visible()
        page.goto(f"{site}/appraisal/years/{year.pk}/")
    page.get_by_role("button", name="按评分和不合格情形拟定等次").click()
    expect(page.get_by_text("已拟定各质控中心考核等次")).to_be_visible()
    page.get_by_role("link", name="九龙坡区心血管内科医疗质量控制中心").click()
    expect(page.get_by_test_id("arithmetic")).to_contain_text("95.00×40%")
    expect(page.get_by_test_id("proposed-grade")).to_have_text("优秀")
    expect(page.get_by_test_id("grade-form")).to_have_count(0)  # the office proposes, does not confirm

    # 3. The commission confirms — a change needs its reason — and publishes.
    login_as(page, site, "jlp_commission", demo_password)
    page.goto(f"{site}/appraisal/years/{year.pk}/")
    for name in (
        "九龙坡区医院感染管理质量控制中心",
        "九龙坡区妇产科医疗质量控制中心",
        "九龙坡区心血管内科医疗质量控制中心",
        "九龙坡区急诊医学医疗质量控制中心",
    ):
        page.get_by_role("link", name=name).click()
        if name == "九龙坡区妇产科医疗质量控制中心":
            page.get_by_label("审定等次").select_option("good")
            page.get_by_role("button", name="审定").click()
            expect(page.get_by_test_id("refusal")).to_contain_text("请填写变更理由")
            page.get_by_label("变更理由（与拟定等次不同时必填）").fill(
                "年内牵头完成全区产科质控专项，工作成绩突出，调整为良好。"
            )
        page.get_by_role("button", name="审定").click()
        expect(page.get_by_text("已审定等次")).to_be_visible()
    page.get_by_role("button", name="审定全部等次").click()
    page.get_by_text("公布考核结果").click()
    expect(page.get_by_text("公布后等次不能再修改")).to_be_visible()  # says what will happen
    page.get_by_test_id("publish").click()
    expect(page.get_by_test_id("year-status")).to_have_text("已公布")
    expect(page.get_by_role("link", name="考核结果通报")).to_be_visible()
    failing = Consequence.objects.get(centre__name="九龙坡区医院感染管理质量控制中心", assessment__year=year)
    # 2025 failed too: the second consecutive fail disqualifies the host (九龙坡 第二十二条（二）)
    assert (
        failing.kind == "disqualification"
        and failing.document_id
        and "原挂靠单位不参与本轮遴选" in failing.text
    )
    page.goto(f"{site}/appraisal/consequences/{failing.pk}/")
    expect(page.get_by_text("此操作不可撤销")).to_be_visible()
    page.get_by_label("事实与理由").fill("2025、2026年度连续考核不合格。")
    page.get_by_test_id("execute").click()
    expect(page.get_by_test_id("consequence-status")).to_have_text("已解除挂靠")
    page.goto(f"{site}/centres/{failing.centre_id}/")
    expect(page.get_by_text("已解除挂靠").first).to_be_visible()

    # 4. The charts: the grade distribution by year draws, and its table has the numbers.
    page.goto(f"{site}/appraisal/dashboard/")
    chart = page.get_by_test_id("chart-grade-distribution")
    expect(chart).to_have_attribute("data-rendered", "true")
    expect(chart.locator("canvas")).to_have_count(1)
    table = page.get_by_test_id("chart-grade-distribution-table")
    row_2026 = table.locator("tbody tr").filter(has_text="2026年")
    headers = table.locator("thead th").all_text_contents()
    cells = dict(zip(headers[1:], row_2026.locator("td").all_text_contents()))
    assert cells == {"优秀": "1", "良好": "2", "不合格": "1"}, cells  # no centre 合格 in any year: no series
    # a centre's grade history
    page.goto(f"{site}/appraisal/centres/{failing.centre_id}/")
    expect(page.get_by_test_id("chart-grade-history")).to_have_attribute("data-rendered", "true")
    expect(page.get_by_test_id("chart-grade-history-table").locator("tbody tr")).to_have_count(2)
