"""Data-governance demo records, made through the app's own services so each shows a real state:
a pending request, an active grant with accesses, an expired grant, a revoked one, a publication
under review with scan hits, and a refused third-party transfer. Idempotent: nothing is made
again once the catalogue's first resource exists."""

from __future__ import annotations

import datetime as dt
import io
import zipfile

from django.core.files.base import ContentFile
from django.db import transaction

from accounts.models import User
from attachments.demo import minimal_pdf
from directory.models import Jurisdiction
from directory.validators import id_check_char

from . import services
from .models import DataResource, Grant, UseRequest

CENTRE = "九龙坡区心血管内科医疗质量控制中心"


def _u(username):
    return User.objects.get(username=username)


def _xlsx() -> bytes:
    from openpyxl import Workbook

    workbook = Workbook()
    sheet = workbook.active
    sheet.title = "2026Q3"
    sheet.append(["医疗机构", "急性心肌梗死患者到院至溶栓时间（分钟）", "PCI 患者术后并发症发生率（%）"])
    for row in (
        ["九龙坡区人民医院", 28, 1.2],
        ["九龙坡区中医院", 35, 1.8],
        ["九龙坡区第二人民医院", 41, 2.1],
    ):
        sheet.append(row)
    out = io.BytesIO()
    workbook.save(out)
    return out.getvalue()


def _docx(paragraphs) -> bytes:
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


def _request(centre, users, resources, *, category="indicator_analysis", purpose, days=30, letter=True):
    from core.workflow import today

    request = services.request_save_draft(
        centre=centre,
        acting_user=_u("jlp_host"),
        purpose_category=category,
        purpose=purpose,
        starts_on=today(),
        ends_on=today() + dt.timedelta(days=days),
        users=users,
        resources=resources,
    )
    if letter:
        services.request_letter_attach(
            request=request,
            acting_user=_u("jlp_host"),
            file=ContentFile(
                minimal_pdf(["Data use commitment letter (signed)"], title="数据资源使用承诺书"),
                name="数据资源使用承诺书（签字）.pdf",
            ),
        )
    return request


def _granted(centre, users, resources, *, purpose, days=30):
    request = _request(centre, users, resources, purpose=purpose, days=days)
    services.request_submit(request=request, acting_user=_u("jlp_host"))
    services.request_endorse(
        request=request, acting_user=_u("jlp_expert"), agree=True, opinion="同意，严格按承诺书使用。"
    )
    services.request_decide(
        request=request,
        acting_user=_u("jlp_commission"),
        outcome="approve",
        qc_judgement="用途为本专业质控指标分析与质控报告，围绕质控工作。",
    )
    return Grant.objects.get(request=request)


@transaction.atomic
def seed_data_governance(stdout=None) -> None:
    say = stdout.write if stdout else (lambda message: None)
    from centres.selectors import centre_list

    if DataResource.objects.filter(code="JLP-SJ-001").exists():
        return
    commission = _u("jlp_commission")
    centre = centre_list(user=commission).filter(name=CENTRE, status="active").first()
    if centre is None:
        say("跳过数据治理示例：没有运行中的九龙坡区心血管内科质控中心。")
        return
    jlp = Jurisdiction.objects.get(code="500107")
    reg = {
        "jurisdiction": jlp,
        "body_kind": "district_centre",
        "steward": _u("jlp_qc_office"),
        "acting_user": commission,
    }
    indicators = services.resource_register(
        code="JLP-SJ-001",
        name="心血管内科质控指标季度数据",
        classification="sensitive",
        description="各医疗机构上报的季度质控指标",
        **reg,
    )
    services.resource_file_add(
        resource=indicators,
        acting_user=commission,
        file=ContentFile(_xlsx(), name="心血管质控指标2026Q3.xlsx"),
    )
    cases = services.resource_register(
        code="JLP-SJ-002",
        name="胸痛单病种上报数据（含患者信息）",
        classification="personal",
        description="单病种上报的病例数据",
        **reg,
    )
    services.resource_file_add(
        resource=cases,
        acting_user=commission,
        file=ContentFile(
            minimal_pdf(["Single-disease case reports (DEMO)"], title="单病种上报"), name="胸痛单病种上报.pdf"
        ),
    )
    register = services.resource_register(
        code="JLP-SJ-003",
        name="质控中心名册",
        classification="internal",
        source="dataset",
        dataset="centres.register",
        **reg,
    )
    services.resource_register(
        code="JLP-SJ-004",
        name="年度质控评价结果（公开版）",
        classification="public",
        source="dataset",
        dataset="centres.register",
        **reg,
    )
    host, chair = _u("jlp_host"), _u("jlp_expert")

    # An active grant with accesses: a view and a traced export by the host, from the hospital's network.
    active = _granted(
        centre,
        [host, chair],
        [indicators, register],
        purpose="分析2026年第三季度心血管质控指标，撰写季度质控报告",
    )
    services.resource_view(resource=register, acting_user=host, ip="10.20.1.15", user_agent="演示浏览器")
    services.resource_export(resource=indicators, acting_user=host, ip="10.20.1.15", user_agent="演示浏览器")
    services.resource_export(
        resource=register, acting_user=chair, fmt="pdf", ip="10.20.3.8", user_agent="演示浏览器"
    )

    # An expired grant: approved like any other, then dated to last quarter for the demo (the
    # services never accept a past start, so the dates are moved afterwards).
    expired = _granted(centre, [host], [register], purpose="2026年第二季度质控指标对比分析", days=10)
    services.resource_view(resource=register, acting_user=host, ip="10.20.1.15", user_agent="演示浏览器")
    start = expired.starts_on - dt.timedelta(days=90)
    Grant.objects.filter(pk=expired.pk).update(starts_on=start, ends_on=start + dt.timedelta(days=30))
    UseRequest.objects.filter(pk=expired.request_id).update(
        starts_on=start, ends_on=start + dt.timedelta(days=30)
    )
    services.grant_close_out(grant=Grant.objects.get(pk=expired.pk), acting_user=host)

    # A revoked grant.
    revoked = _granted(centre, [host], [cases], purpose="胸痛中心单病种质控分析")
    services.grant_revoke(
        grant=revoked,
        acting_user=commission,
        reason="核查发现数据副本存放于未经安全评估的个人电脑，违反承诺书第二条。",
    )

    # A pending request, waiting for the chair.
    pending = _request(
        centre,
        [host],
        [cases],
        category="improvement",
        purpose="胸痛患者救治流程持续改进，需要单病种病例明细",
    )
    services.request_submit(request=pending, acting_user=host)

    # A publication under review with scan hits (an identity number, a mobile and a name).
    first17 = "50010719700315202"
    review = services.publication_create(
        centre=centre,
        acting_user=host,
        kind="paper",
        title="九龙坡区急性心肌梗死救治质控指标分析（2026年）",
        first_unit=CENTRE,
        data_source="九龙坡区卫生健康委员会质控数据（授权 " + active.number + "）",
        venue="中国医院管理",
        grant=active,
    )
    services.publication_manuscript_upload(
        review=review,
        acting_user=host,
        file=ContentFile(
            _docx(
                [
                    "九龙坡区急性心肌梗死救治质控指标分析",
                    "作者：张建国（九龙坡区心血管内科医疗质量控制中心）",
                    f"典型病例：患者身份证号 {first17}{id_check_char(first17)}，联系电话 13983001234。",
                    "结论：到院至溶栓时间中位数为 31 分钟。",
                ]
            ),
            name="急性心肌梗死质控指标分析.docx",
        ),
    )
    services.publication_submit(review=review, acting_user=host)

    # A refused transfer to a third party.
    transfer = services.transfer_request(
        centre=centre,
        acting_user=host,
        recipient="重庆某医药信息咨询有限公司",
        data_description="全区心血管介入手术量及耗材使用汇总",
        purpose="企业市场分析",
        safeguards="签订保密协议，加密传输",
        resources=[indicators],
    )
    services.transfer_decide(
        transfer=transfer,
        acting_user=commission,
        approve=False,
        reasons="用于企业营利性市场分析，与质控工作无关，不同意提供（第十六条（二）、（三））。",
    )
    say(
        "数据治理示例就绪：4 项数据资源，3 项授权（有效、已到期、已撤销），"
        "1 项待审申请，1 项成果审核，1 项被拒的第三方提供。"
    )
