"""The official documents the centres workflow issues, in the commission's red-header 文件格式:
the call (遴选公告), the public notice (公示) and the decision to establish (设置决定). Each is
registered as a document type (documents/types.py) whose context comes from the record, so a PDF
always says what the record says."""

from __future__ import annotations

from django.utils import timezone

from core.errors import RuleRefusal
from documents import layout
from documents.services import IssueRefused, document_issue
from documents.types import DocumentType, IssueRequest, commission_issuer, commission_staff_only

from . import error_codes as codes


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


# The document types of the workflow, declared in centres/platform.py (core.platform registers them).
TYPES = [
    DocumentType(
        code=code,
        label=label,
        template="documents/pdf/notice.html",
        context_fn=_context,
        issuer_kind="commission",
        may_issue=commission_staff_only,
    )
    for code, label in (
        ("centre_call", "质控中心挂靠单位遴选公告"),
        ("centre_notice", "质控中心挂靠单位公示"),
        ("centre_decision", "质控中心设置决定"),
        ("centre_leader", "质控中心负责人任命"),
        ("centre_dissolution", "解除质控中心挂靠关系决定"),
        ("centre_handover", "质控中心交接确认"),
    )
]


def issue(*, doc_type: str, centre, subject, acting_user, title: str, body: str, addressees: str):
    """Issue a commission document about ``subject``; a refusal becomes a RuleRefusal."""
    try:
        return document_issue(
            doc_type=doc_type,
            acting_user=acting_user,
            issuer=commission_issuer(centre.jurisdiction.commission),
            data={"title": title, "body": body, "addressees": addressees, "public": True},
            subject=subject,
            on=timezone.localdate(),
        )
    except IssueRefused as refused:
        raise RuleRefusal(codes.RULE_VIOLATION, "不能印发该公文。", refused.violations) from None


def call_body(call) -> str:
    centre = call.centre
    deadline = timezone.localtime(call.application_deadline) if call.application_deadline else None
    lines = [
        f"为加强{centre.specialty}医疗质量管理，根据{call_ruleset_title(call)}，现就{centre.name}挂靠单位遴选工作公告如下。",
        "一、申报条件",
        call.conditions or "符合规则集规定的挂靠单位基本条件。",
        "二、申报方式",
        "申报单位通过质控中心管理平台填写挂靠单位申请书，并上传相关附件。",
    ]
    if deadline:
        lines += ["三、申报时间", f"申报截止时间为{layout.date_text(deadline.date())}{deadline:%H:%M}。"]
    return "\n".join(lines)


def call_ruleset_title(call) -> str:
    from rulesets.registry import get_ruleset

    return f"《{get_ruleset(call.ruleset_code).title}》"


def notice_body(notice) -> str:
    return "\n".join(
        [
            notice.body,
            f"公示期为{layout.date_text(notice.starts_on)}起{notice.working_days}个工作日，"
            f"至{layout.date_text(timezone.localtime(notice.closes_at).date())}24时止。",
            "公示期间，对公示内容有异议的，可通过质控中心管理平台公示页面提出。",
        ]
    )


def decision_body(call, term) -> str:
    selected = call.selected_application
    until = f"，周期至{layout.date_text(term.ends_on)}" if term.ends_on else ""
    return "\n".join(
        [
            f"经遴选、评审{'、公示' if hasattr(call, 'notice') else ''}，决定设置{call.centre.name}，"
            f"挂靠{selected.institution}，{selected.proposed_leader}任负责人。",
            f"挂靠周期自{layout.date_text(term.starts_on)}起{until}。",
            "请挂靠单位按照规定做好质控中心建设和管理工作。",
        ]
    )


def leader_body(change) -> str:
    return "\n".join(
        [
            f"{change.centre.host}：",
            f"你单位推荐{change.new_leader}接替{change.old_leader}担任{change.centre.name}负责人的报告收悉。经审核，"
            f"同意{change.new_leader}任{change.centre.name}负责人，任期与本挂靠周期相同。",
        ]
    )


def dissolution_body(dissolution, bans) -> str:
    centre = dissolution.centre
    lines = [
        f"{centre.name}挂靠单位{centre.host}{dissolution.reason}。根据{dissolution.article}，决定即日起解除"
        f"{centre.host}与{centre.name}的挂靠关系。"
    ]
    for ban in bans:
        until = f"至{layout.date_text(ban.ends_on)}" if ban.ends_on else "本轮遴选期间"
        lines.append(f"{ban.institution}{until}不得申请{ban.get_scope_display()}挂靠单位（{ban.article}）。")
    return "\n".join(lines)


def handover_body(handover) -> str:
    done = "、".join(item["label"] for item in handover.items.values() if item.get("done"))
    return "\n".join(
        [
            f"{handover.centre.name}挂靠单位由{handover.from_host}变更为{handover.to_host}。",
            f"经原、新挂靠单位签字确认，{done}已全部交接完毕。",
            "请新挂靠单位做好质控工作的衔接，确保本专业质控工作有序开展。",
        ]
    )
