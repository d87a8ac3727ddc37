"""The official documents of data governance:

- the approval letter (关于同意…使用数据资源的批复), a numbered commission document issued
  through the documents service when a request is approved or narrowed;
- the commitment letter (数据资源使用承诺书), a pre-filled form the centre downloads, signs and
  uploads before submitting (九龙坡 第十六条（二）). It carries no number: it is the centre's
  undertaking, not a document the commission issues."""

from __future__ import annotations

from documents import layout
from documents.rendering import render_pdf
from documents.types import DocumentType, IssueRequest, commission_staff_only


def _context(request: IssueRequest) -> dict:
    data = request.data
    return {
        "title": data["title"],
        "title_lines": layout.title_lines(data["title"]),
        "addressees": data.get("addressees", ""),
        "paragraphs": layout.paragraphs(data["body"]),
        "attachments": [],
        "cc": layout.join_names(list(data.get("cc") or []) + list(request.extra_cc)),
        "public": False,
        "note": "",
    }


TYPES = [
    DocumentType(
        code="data_use_approval",
        label="数据资源使用批复",
        template="documents/pdf/notice.html",
        context_fn=_context,
        issuer_kind="commission",
        may_issue=commission_staff_only,
    )
]


def approval_body(request, grant) -> str:
    resources = "、".join(f"“{r.name}”" for r in grant.resources.order_by("code"))
    users = "、".join(str(u) for u in grant.users.order_by("username"))
    lines = [
        f"你单位关于{request.centre.name}使用数据资源的申请收悉。经审核，"
        + ("同意" if request.status == "approved" else "缩减范围后同意")
        + "。现批复如下：",
        f"1.授权编号{grant.number}。",
        f"2.可使用的数据资源：{resources}。",
        f"3.使用人员：{users}。",
        f"4.使用期限：{grant.starts_on:%Y年%m月%d日}至{grant.ends_on:%Y年%m月%d日}。",
        f"5.用途：{request.purpose}。",
    ]
    if request.decision_reasons:
        lines.append(f"6.审核意见：{request.decision_reasons}。")
    lines.append(
        "请严格在授权范围内使用数据资源，不得用于与质控工作无关的其他研究，未经同意不得向第三方传输、公开、披露。"
        "使用期满或授权撤销后，请及时销毁副本。"
    )
    return "\n".join(lines)


def commitment_letter_pdf(request) -> bytes:
    """数据资源使用承诺书, filled with the request's details, in the GB/T 9704 body layout."""
    from django.utils import timezone

    from core.workflow import ruleset_for

    from .services import chair_endorsement_required

    centre = request.centre
    chair = chair_endorsement_required(ruleset_for(request))
    resources = "；".join(
        f"{r.code} {r.name}（{r.get_classification_display()}）" for r in request.resources.order_by("code")
    )
    users = "、".join(f"{u.display_name or u.username}" for u in request.users.order_by("username"))
    commission = centre.jurisdiction.commission.name if hasattr(centre.jurisdiction, "commission") else ""
    body = "\n".join(
        [
            (
                f"本单位（{centre.host or ''}）作为{centre.name}的挂靠单位，"
                f"因“{request.get_purpose_category_display()}”"
                f"工作需要，申请使用{commission}所有的下列数据资源：{resources}。"
            ),
            (
                f"具体用途：{request.purpose}。使用期限：{request.starts_on:%Y年%m月%d日}至{request.ends_on:%Y年%m月%d日}。"
                f"使用人员：{users}。"
            ),
            "本单位及全体使用人员郑重承诺：",
            (
                "1.仅在批准的范围和期限内、仅由批准的人员使用上述数据资源，围绕质控工作开展分析研究，不用于与质控工作无关的其他研究，"
                "不利用数据资源进行营利性或违反法律法规的活动。"
            ),
            (
                "2.使用符合国家网络和数据安全规定的信息系统存储、分析数据，落实数据安全管理制度"
                + ("，质控中心专家委员会主任委员为数据安全管理第一责任人。" if chair else "。")
            ),
            "3.未经卫生健康委同意，不向任何第三方传输、公开、披露数据资源。",
            (
                "4.使用数据资源发布研究报告、论文、著作等成果的，事前经专家委员会审议同意，发布前报卫生健康委审核，"
                "进行脱敏处理、注明数据来源，并使用质控中心作为第一单位。"
            ),
            "5.使用期满或授权撤销后，及时销毁数据副本。",
            "如有违反，愿承担相应责任。",
            "承诺单位（盖章）：",
            *(["主任委员（签字）："] if chair else []),
            "使用人员（签字）：",
        ]
    )
    title = "数据资源使用承诺书"
    context = {
        "title": title,
        "title_lines": layout.title_lines(title),
        "addressees": commission,
        "paragraphs": layout.paragraphs(body),
        "attachments": [],
        "issuer": {"name": str(centre.host or centre.name)},
        "date_text": "　　年　　月　　日",
        "signature": layout.signature(str(centre.host or centre.name), "　　年　　月　　日"),
        "note": f"申请编号 {request.pk}，生成于 {timezone.localtime():%Y-%m-%d %H:%M}",
        "number": "",
    }
    return render_pdf("data_governance/pdf/commitment_letter.html", context)
