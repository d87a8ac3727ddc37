"""The appraisal's official documents (GB/T 9704 via the documents app): the grading results, the
rectification notice, the yellow and red cards, and the 4-year decision. Each is the commission's
red-header document; its body is written from the record, so the PDF says what the record says."""

from __future__ import annotations

from django.utils import timezone

from core.errors import RuleRefusal
from documents import layout
from documents.services import IssueRefused, document_issue
from documents.types import DocumentType, IssueRequest, commission_issuer, commission_staff_only

RESULTS = "appraisal_results"
RECTIFICATION = "appraisal_rectification"
YELLOW_CARD = "appraisal_yellow_card"
RED_CARD = "appraisal_red_card"
DISQUALIFICATION = "appraisal_disqualification"
TERM_DECISION = "appraisal_term_decision"

LABELS = {
    RESULTS: "质控中心年度考核结果",
    RECTIFICATION: "质控中心责令整改通知",
    YELLOW_CARD: "质控中心黄牌警告",
    RED_CARD: "质控中心红牌处罚决定",
    DISQUALIFICATION: "取消质控中心挂靠资格决定",
    TERM_DECISION: "质控中心周期届满决定",
}
BY_CONSEQUENCE = {
    "rectification": RECTIFICATION,
    "yellow_card": YELLOW_CARD,
    "red_card": RED_CARD,
    "disqualification": DISQUALIFICATION,
}


def _context(request: IssueRequest) -> dict:
    data = request.data
    return {
        "title": data["title"],
        "title_lines": layout.title_lines(data["title"]),
        "addressees": data.get("addressees", ""),
        "paragraphs": layout.paragraphs(data["body"]),
        "attachments": data.get("attachments", []),
        "cc": layout.join_names(list(data.get("cc") or []) + list(request.extra_cc)),
        "public": data.get("public", True),
        "note": "此件公开发布" if data.get("public", True) else "",
    }


def types() -> list[DocumentType]:
    return [
        DocumentType(
            code=code,
            label=label,
            template="documents/pdf/notice.html",
            context_fn=_context,
            issuer_kind="commission",
            may_issue=commission_staff_only,
        )
        for code, label in LABELS.items()
    ]


def issue(*, doc_type: str, jurisdiction, subject, acting_user, title: str, body: str, addressees: str):
    """Issue a commission document about ``subject``; a refusal becomes a RuleRefusal."""
    try:
        return document_issue(
            doc_type=doc_type,
            acting_user=acting_user,
            issuer=commission_issuer(jurisdiction.commission),
            data={"title": title, "body": body, "addressees": addressees, "public": True},
            subject=subject,
            on=timezone.localdate(),
        )
    except IssueRefused as refused:
        raise RuleRefusal("document_refused", "不能印发该公文。", refused.violations) from None


def results_body(year, assessments) -> str:
    lines = [
        (
            f"根据{year.ruleset_title}，{year.jurisdiction.name}组织开展了{year.year}年度质控中心考核。"
            "经评分、拟定等次并审定，现将考核结果通报如下。"
        )
    ]
    for n, a in enumerate(assessments, 1):
        score = f"（加权得分{a.weighted_score}）" if a.weighted_score is not None else ""
        lines.append(f"{n}. {a.centre.name}：{a.get_grade_display()}{score}。")
    lines.append("考核不合格的质控中心，按规定另行下达处理通知。")
    return "\n".join(lines)


def consequence_body(consequence) -> str:
    centre = consequence.centre
    lines = [
        (
            f"经{consequence.assessment.year.year}年度考核，{centre.name}考核结果为"
            f"{consequence.assessment.get_grade_display()}。"
        ),
        consequence.text,
    ]
    if consequence.kind == "rectification" and consequence.due_on:
        lines.append(
            f"请挂靠单位{centre.host}于{consequence.due_on:%Y年%m月%d日}前完成整改，并通过质控中心管理平台"
            "报送整改报告，由区质控办审核。"
        )
    if consequence.kind in ("red_card", "disqualification"):
        lines.append("解除挂靠关系及禁入事项另行发文。")
    return "\n".join(lines)


def term_decision_body(term, decision, proposal_text: str, grades: dict) -> str:
    graded = "、".join(f"{y}年度{g}" for y, g in grades.items()) or "无"
    return "\n".join(
        [
            f"{term.centre.name}第{term.number}挂靠周期（挂靠单位：{term.host}）届满。",
            f"周期内年度考核结果：{graded}。",
            f"规则引擎建议：{proposal_text}",
            f"经研究，决定：{decision.get_outcome_display()}。理由：{decision.reasons}",
        ]
    )
