"""A centre's end, in the browser, in Chinese: the 九龙坡 commission dissolves an active centre for a
severe violation (第二十条; the committee goes with it, 第二十五条) and sees the ban; under 济南 the
old host, the new host and the commission tick the handover checklist and sign it off
(第二十一条). The centres are brought to ACTIVE through the services, as test_lifecycle does."""

from datetime import date, datetime

import pytest
from django.utils import timezone
from playwright.sync_api import expect

from centres.models import Specialty
from centres.services import lifecycle
from centres.services import selection as services
from directory.models import Institution, Jurisdiction, Person


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


def user(username):
    from accounts.models import User

    return User.objects.get(username=username)


def jlp_active_centre(clock):
    clock("2026-03-02 09:00")
    centre = services.centre_create(
        jurisdiction=Jurisdiction.objects.get(code="500107"),
        body_kind="district_centre",
        specialty=Specialty.objects.get_or_create(name="肾脏内科")[0],
        name="九龙坡区肾脏内科医疗质量控制中心",
        acting_user=user("jlp_commission"),
    )
    call = services.call_publish(
        centre=centre,
        title="指定挂靠单位",
        method="designation",
        designation_reason="区内唯一具备条件的单位",
        acting_user=user("jlp_commission"),
    )
    services.designation_record(
        call=call,
        institution=user("jlp_host").institution,
        leader=Person.objects.get(name="张建国"),
        reasons="区内唯一具备条件的单位",
        acting_user=user("jlp_commission"),
    )
    services.notice_publish(
        call=call, starts_on=date(2026, 3, 2), working_days=5, acting_user=user("jlp_commission")
    )
    clock("2026-03-09 09:00")
    services.centre_establish(call=call, acting_user=user("jlp_commission"))
    return centre


def jn_handover(clock, complete, password):
    """济南: a centre hosted by 济南市中心医院, the commission opens the handover to 济南市中医医院."""
    from accounts.models import User

    clock("2026-03-02 09:00")
    centre = services.centre_create(
        jurisdiction=Jurisdiction.objects.get(code="370100"),
        body_kind="city_centre",
        specialty=Specialty.objects.get_or_create(name="呼吸内科")[0],
        name="济南市呼吸内科质控中心",
        acting_user=user("jn_commission"),
    )
    call = services.call_publish(
        centre=centre,
        title="济南市呼吸内科质控中心挂靠单位申报",
        method="application",
        application_deadline=timezone.make_aware(datetime(2026, 3, 20, 17, 0)),
        acting_user=user("jn_commission"),
    )
    application = complete(call, user("jn_host"), leader_name="马国栋")
    services.application_submit(application=application, acting_user=user("jn_host"))
    services.application_preliminary_review(
        application=application, outcome="passed", acting_user=user("jn_qc_office")
    )
    services.call_close_applications(
        call=call, acting_user=user("jn_qc_office"), reason="申请单位均已提交，提前进入评审"
    )
    services.call_select(
        call=call, application=application, reasons="呼吸专科实力最强", acting_user=user("jn_commission")
    )
    clock("2026-03-09 09:00")
    services.centre_establish(call=call, acting_user=user("jn_commission"))
    tcm = Institution.objects.get(name="济南市中医医院")
    newcomer = User.objects.create(
        username="jn_tcm_host",
        role="host_submitter",
        institution=tcm,
        jurisdiction=tcm.jurisdiction,
        display_name="济南市中医医院 质控科",
    )
    newcomer.set_password(password)
    newcomer.save()
    clock("2030-04-01 09:00")
    centre.refresh_from_db()
    return lifecycle.handover_open(
        centre=centre, from_host=centre.host, to_host=tcm, acting_user=user("jn_commission")
    )


def test_commission_dissolves_a_centre_and_a_handover_is_signed_off(
    watched, demo_site, demo_password, clock, tmp_path, settings
):
    from centres.tests.conftest import complete_application

    settings.MEDIA_ROOT = tmp_path
    page, site = watched, demo_site

    # 九龙坡: dissolution of an active centre
    centre = jlp_active_centre(clock)
    clock("2026-06-15 10:00")
    login_as(page, site, "jlp_commission", demo_password)
    page.goto(f"{site}/centres/{centre.pk}/")
    expect(page.get_by_test_id("lifecycle-panel")).to_be_visible()
    page.get_by_test_id("action-dissolve").click()
    page.get_by_label("原因类别").select_option(label="严重违规")
    page.get_by_role("button", name="解除挂靠").click()
    expect(page.get_by_test_id("form-errors")).to_be_visible()
    page.get_by_label("事实与理由").fill("以质控中心名义违规举办收费培训班，情节严重。")
    page.get_by_role("button", name="解除挂靠").click()
    # the confirmation says what will happen before it happens, styled as danger
    expect(page.get_by_test_id("consequences")).to_contain_text("不能撤销")
    expect(page.get_by_test_id("consequences")).to_contain_text("不得申请")
    expect(page.get_by_test_id("consequences")).to_contain_text("关于解除")
    expect(page.locator("button.btn-danger")).to_have_text("确认解除挂靠")
    page.get_by_role("button", name="确认解除挂靠").click()
    expect(page.get_by_text("已解除九龙坡区肾脏内科医疗质量控制中心的挂靠关系")).to_be_visible()
    expect(page.get_by_test_id("host")).to_contain_text("已解除挂靠")  # the former host, not the current one
    expect(page.get_by_text("已解除挂靠").first).to_be_visible()
    expect(page.get_by_test_id("dissolution")).to_contain_text("第二十条")
    expect(page.get_by_test_id("bans")).to_contain_text("2030-06-14")
    expect(page.get_by_test_id("timeline")).to_contain_text("专家委员会同时解散")
    expect(page.get_by_test_id("timeline")).to_contain_text("第二十五条")

    # 济南: the handover checklist and three signatures
    handover = jn_handover(clock, complete_application, demo_password)
    url = f"{site}/centres/handovers/{handover.pk}/"
    login_as(page, site, "jn_tcm_host", demo_password)  # the new host: it cannot sign for the old one
    page.goto(url)
    expect(page.get_by_test_id("handover-due")).to_contain_text("2030-05-01 23:59")
    for label in ("质控工作相关纸质和电子版资料", "质控管理网络", "信息化平台", "管理权限", "质控数据"):
        page.get_by_label(f"已交接（{label}）").check()
        page.get_by_role("button", name=f"保存（{label}）").click()
        expect(page.get_by_text("交接事项已更新")).to_be_visible()
    page.get_by_role("button", name="以新挂靠单位身份签字确认").click()
    expect(page.get_by_text("已签字确认")).to_be_visible()

    login_as(page, site, "jn_commission", demo_password)  # the commission confirms only after both hosts
    page.goto(url)
    page.get_by_role("button", name="以卫健委身份签字确认").click()
    expect(page.get_by_test_id("refusal")).to_contain_text("原、新挂靠单位均签字后")

    login_as(page, site, "jn_host", demo_password)
    page.goto(url)
    page.get_by_role("button", name="以原挂靠单位身份签字确认").click()
    expect(page.get_by_text("已签字确认")).to_be_visible()

    login_as(page, site, "jn_commission", demo_password)
    page.goto(url)
    page.get_by_role("button", name="以卫健委身份签字确认").click()
    expect(page.get_by_text("交接已完成，三方均已签字")).to_be_visible()
    expect(page.get_by_test_id("handover-status")).to_have_text("已签收")
