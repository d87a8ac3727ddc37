"""The foundation as its users walk it: log in, find what is theirs, correct a record with a bad
value first, and read who changed what."""

from playwright.sync_api import expect

from directory.demo import LOGINS


def test_commission_corrects_an_institution_and_reads_its_history(login, demo_site):
    page = login("jlp_commission")
    expect(page.get_by_role("heading", name="工作台")).to_be_visible()
    expect(page.get_by_test_id("scope")).to_have_text("重庆市九龙坡区")
    expect(page.get_by_test_id("role")).to_have_text("卫健委工作人员")

    page.get_by_role("link", name="医疗机构", exact=True).click()
    table = page.get_by_test_id("institutions")
    expect(table).to_contain_text("九龙坡区中医院")
    expect(table).not_to_contain_text("济南市中心医院")
    page.get_by_label("等级").select_option(label="二级甲等")
    page.get_by_role("button", name="查询").click()
    expect(table).not_to_contain_text("九龙坡区人民医院")  # 三级乙等, filtered out

    from directory.models import Institution

    right_uscc = Institution.objects.get(name="九龙坡区中医院").uscc
    table.get_by_role("link", name="九龙坡区中医院").click()
    page.get_by_role("link", name="编辑").click()
    page.get_by_label("机构名称").fill("九龙坡区中医院（总院）")
    page.get_by_label("统一社会信用代码").fill("12500107000000000X")
    page.get_by_label("等级").select_option(label="三级乙等")
    page.get_by_role("button", name="保存").click()
    expect(page.get_by_test_id("form-errors")).to_be_visible()
    expect(page.get_by_text("统一社会信用代码校验位不正确")).to_be_visible()
    expect(page.get_by_label("机构名称")).to_have_value("九龙坡区中医院（总院）")  # nothing typed is lost
    expect(page.get_by_label("等级")).to_have_value("3b")

    page.get_by_label("统一社会信用代码").fill(right_uscc)
    page.get_by_role("button", name="保存").click()
    expect(page.get_by_text("已保存：九龙坡区中医院（总院）")).to_be_visible()

    page.get_by_role("link", name="修改记录").click()
    history = page.get_by_test_id("history")
    expect(history).to_contain_text("二级甲等")
    expect(history).to_contain_text("三级乙等")
    expect(history).to_contain_text("九龙坡区卫健委 医政医管科")


def test_expert_updates_own_profile_on_a_phone(login, watched):
    watched.set_viewport_size({"width": 390, "height": 844})
    page = login("jlp_expert")
    page.get_by_role("button", name="菜单").click()
    page.get_by_role("link", name="我的专家档案", exact=True).click()
    page.get_by_label("手机号").fill("1390000")
    page.get_by_role("button", name="保存").click()
    expect(page.get_by_text("手机号应为以1开头的11位数字")).to_be_visible()
    expect(page.get_by_label("手机号")).to_have_value("1390000")
    page.get_by_label("手机号").fill("13900001234")
    page.get_by_role("button", name="保存").click()
    expect(page.get_by_text("个人信息已更新")).to_be_visible()


def test_hospital_user_cannot_reach_another_hospital(login, demo_site):
    from directory.models import Institution

    page = login("jlp_host")
    expect(page.get_by_role("link", name="行政区划")).to_have_count(0)
    other = Institution.objects.get(name="九龙坡区中医院").pk
    response = page.context.request.get(f"{demo_site}/directory/institutions/{other}/")
    assert response.status == 404 and "记录不存在或无权访问" in response.text()


def test_every_demo_login_reaches_its_home_page(watched, demo_site, demo_password):
    page = watched
    for login in LOGINS:
        page.context.clear_cookies()
        page.goto(f"{demo_site}/accounts/login/")
        page.get_by_label("用户名").fill(login.username)
        page.get_by_label("密码").fill(demo_password)
        page.get_by_role("button", name="登录").click()
        expect(page.get_by_role("heading", name="工作台")).to_be_visible()
        expect(page.get_by_role("heading", name="待办事项")).to_be_visible()
