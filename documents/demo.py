"""The demo register: 九龙坡区卫生健康委员会's notice on carrying out its revised regulation,
numbered after the regulation itself (九龙坡卫发〔2025〕15号, issued on paper) and rendered at once."""

from __future__ import annotations

from datetime import date

import pghistory

from .models import IssuedDocument

ISSUER_CODE = "九龙坡卫发"
TITLE = "关于执行《九龙坡区医疗质量控制中心管理办法（修订）》的通知"
BODY = """《九龙坡区医疗质量控制中心管理办法（修订）》（九龙坡卫发〔2025〕15号）已于2025年11月20日印发施行。为做好贯彻执行工作，现将有关事项通知如下。
一、认真组织学习
各区级质控中心和挂靠单位要组织中心全体委员和工作人员认真学习办法，准确把握质控中心设置、职责、运行管理、考核评估和退出等规定，确保各项要求落实到位。
二、对照开展自查
（一）逐项对照。各区级质控中心对照办法第八条规定的职责，逐项梳理本中心制度建设、专家委员会组成、质控指标和年度工作计划等情况，填写自查表（附件2）。
（二）按时报送。自查表经挂靠单位审核后，于2025年12月31日前报区质控办。
三、严格规范发文
各区级质控中心严格按照挂靠单位相关规范要求及流程发文，并抄送区质控办，不得违规刻制印章，不得以质控中心名义印发红头文件。
四、做好考核准备
区卫生健康委将按照办法规定于年度末组织考核评估，考核结果作为质控中心调整和挂靠单位评价的重要依据。"""
DATA = {
    "title": "关于执行《九龙坡区医疗质量控制中心\n管理办法（修订）》的通知",
    "addressees": "区内各医疗卫生机构，各区级医疗质量控制中心",
    "body": BODY,
    "attachments": ["九龙坡区医疗质量控制中心管理办法（修订）", "区级医疗质量控制中心工作情况自查表"],
    "cc": ["重庆市卫生健康委员会医政医管处"],
    "public": True,
}
DATED = date(2025, 11, 25)


def seed_documents() -> IssuedDocument | None:
    """Issue the demo notice once (idempotent); None when the demo world is not there."""
    from accounts.models import User
    from directory.models import HealthCommission

    from . import services
    from .types import commission_issuer

    existing = (
        IssuedDocument.objects.filter(issuer_code=ISSUER_CODE, title=TITLE).order_by("-version").first()
    )
    if existing:
        if existing.status != IssuedDocument.Status.READY:
            services.document_render(document_id=existing.pk)
        return existing
    commission = HealthCommission.objects.filter(jurisdiction__code="500107").first()
    user = User.objects.filter(username="jlp_commission").first()
    if commission is None or user is None:
        return None
    with pghistory.context(actor="seed_documents"):
        # 1–15 were numbered on paper; the platform continues the register.
        services.number_sequence_continue(issuer_code=ISSUER_CODE, year=DATED.year, last=15)
        return services.document_issue(
            doc_type="notice",
            acting_user=user,
            issuer=commission_issuer(commission),
            data=DATA,
            on=DATED,
            render_sync=True,
        )
