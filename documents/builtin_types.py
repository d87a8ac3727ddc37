"""The document types this app registers itself:

- ``notice`` 通知: a commission's work notice in 文件格式 (red header), issued from the browser by
  the commission's own staff;
- ``centre_letter`` 质控中心工作函: a centre writing under its own name in 信函格式, through its
  host institution — subject to the rule set's approval and copy rules (documents.services).

Workflow apps register their own types the same way (docs/documents.md)."""

from __future__ import annotations

from . import layout
from .types import DocumentType, IssueRequest, commission_staff_only, host_staff_only, register


def letter_context(request: IssueRequest) -> dict:
    """通知/工作函 content: title, addressees, paragraphs, attachments, cc and the 附注."""
    data = request.data
    public = bool(data.get("public"))
    return {
        "title": "".join(layout.title_lines(data["title"])),
        "title_lines": layout.title_lines(data["title"]),
        "addressees": (data.get("addressees") or "").strip().rstrip("：:"),
        "paragraphs": layout.paragraphs(data.get("body", "")),
        "attachments": [a for a in (data.get("attachments") or []) if a.strip()],
        "cc": layout.join_names(list(data.get("cc") or []) + list(request.extra_cc)),
        "public": public,
        # 附注 (GB/T 9704 7.3.6): how the document may be published.
        "note": "此件公开发布" if public else (data.get("note") or "").strip().strip("（）()"),
    }


NOTICE = register(
    DocumentType(
        code="notice",
        label="通知",
        template="documents/pdf/notice.html",
        context_fn=letter_context,
        issuer_kind="commission",
        may_issue=commission_staff_only,
    )
)

CENTRE_LETTER = register(
    DocumentType(
        code="centre_letter",
        label="质控中心工作函",
        template="documents/pdf/centre_letter.html",
        context_fn=letter_context,
        issuer_kind="centre",
        may_issue=host_staff_only,
    )
)
