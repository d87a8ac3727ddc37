"""The experts app's official documents (GB/T 9704 via the documents app): the appointment notice
of an approved roster (聘任通知), the removal decision (调整决定), the library appointment (聘任文件,
issued by the city centre under its own name) and the dismissal notice (解聘通报)."""

from __future__ import annotations

from core.errors import RuleRefusal
from core.workflow import today
from documents import layout
from documents.services import IssueRefused, document_issue
from documents.types import (
    DocumentType,
    IssueRequest,
    centre_issuer,
    commission_issuer,
    commission_staff_only,
    refusal,
)


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


def library_office_only(user, subject, request: IssueRequest):
    """The city centre's office (or the commission) of the library's jurisdiction."""
    from . import policies

    if policies.acts_for_office(user, request.issuer.jurisdiction):
        return []
    return [refusal("experts.library_office_only", f"只有{request.issuer.name}可以发文。")]


TYPES = [
    DocumentType(
        code="experts_roster_notice",
        label="专家委员会聘任通知",
        template="documents/pdf/notice.html",
        context_fn=_context,
        issuer_kind="commission",
        may_issue=commission_staff_only,
    ),
    DocumentType(
        code="experts_removal",
        label="专家委员会委员调整决定",
        template="documents/pdf/notice.html",
        context_fn=_context,
        issuer_kind="commission",
        may_issue=commission_staff_only,
    ),
    DocumentType(
        code="experts_library_appointment",
        label="质控专家聘任文件",
        template="documents/pdf/notice.html",
        context_fn=_context,
        issuer_kind="centre",
        may_issue=library_office_only,
    ),
    DocumentType(
        code="experts_dismissal",
        label="质控专家解聘通报",
        template="documents/pdf/notice.html",
        context_fn=_context,
        issuer_kind="centre",
        may_issue=library_office_only,
    ),
]


def _issue(*, doc_type, issuer, acting_user, subject, title, body, addressees, people=()):
    try:
        return document_issue(
            doc_type=doc_type,
            acting_user=acting_user,
            issuer=issuer,
            data={"title": title, "body": body, "addressees": addressees, "public": True},
            subject=subject,
            on=today(),
            addressed_people=people,
        )
    except IssueRefused as refused:
        raise RuleRefusal("document_refused", "不能印发该公文。", refused.violations) from None


def roster_lines(committee) -> list[str]:
    from .services import active_seats

    return [
        f"{seat.get_role_display()}：{seat.name}"
        f"（{seat.employer or '—'}{'，' + seat.title if seat.title else ''}）"
        for seat in active_seats(committee)
    ]


def issue_roster_notice(*, committee, acting_user):
    centre = committee.centre
    term = ""
    if committee.term_ends_on or centre.terms.filter(status="active", ends_on__isnull=False).exists():
        t = centre.terms.filter(status="active").first()
        term = f"任期与挂靠单位挂靠周期相同，至{t.ends_on:%Y年%m月%d日}。" if t and t.ends_on else ""
    body = "\n".join(
        [
            f"经{centre.host}推荐、审核，同意{committee.name}组成人员名单如下：",
            *roster_lines(committee),
            term or "任期与挂靠单位挂靠周期相同。",
            "请各委员按照规定认真履行职责，积极参加质控工作。",
        ]
    )
    people = [s.person for s in committee.members.filter(person__isnull=False)]
    return _issue(
        doc_type="experts_roster_notice",
        issuer=commission_issuer(centre.jurisdiction.commission),
        acting_user=acting_user,
        subject=committee,
        title=f"关于{committee.name}组成人员的通知",
        body=body,
        addressees=f"{centre.host}，各有关单位",
        people=people,
    )


def issue_removal_decision(*, seat, reason, article, acting_user):
    committee = seat.committee
    centre = committee.centre
    body = "\n".join(
        [
            f"{seat.name}（{seat.employer or '—'}）{reason}。" + (f"根据{article}，" if article else ""),
            f"决定将{seat.name}调出{committee.name}，即日起不再担任{seat.get_role_display()}。",
        ]
    )
    return _issue(
        doc_type="experts_removal",
        issuer=commission_issuer(centre.jurisdiction.commission),
        acting_user=acting_user,
        subject=committee,
        title=f"关于调整{committee.name}委员的决定",
        body=body,
        addressees=f"{centre.host}",
        people=[seat.person] if seat.person_id else [],
    )


def _library_issuer(library):
    return centre_issuer(
        name=library.issuer_name,
        code=library.issuer_code,
        jurisdiction=library.jurisdiction,
        institution=library.host,
    )


def issue_library_appointment(*, application, starts, ends, article, acting_user):
    library = application.library
    person = application.person
    source = "本人申报" if application.source == "self" else application.recommender + "推荐"
    body = "\n".join(
        [
            (
                f"经{source}、逐级审核、市卫生健康委批准并公示，"
                f"聘任{person.name}（{person.employer or '—'}）为"
                f"{library.name}{application.get_level_display()}。"
            ),
            f"聘期自{starts:%Y年%m月%d日}至{ends:%Y年%m月%d日}（{article}）。",
        ]
    )
    return _issue(
        doc_type="experts_library_appointment",
        issuer=_library_issuer(library),
        acting_user=acting_user,
        subject=application,
        title=f"关于聘任{person.name}为{library.name}专家的通知",
        body=body,
        addressees="各区域、区县全科医疗质量控制中心",
        people=[person],
    )


def issue_dismissal_notice(*, expert, reason, basis, acting_user):
    """``basis``: the rule set's title and article (experts.exit_reasons), never written here."""
    library = expert.library
    body = (
        f"{expert.person.name}{reason}。经查证属实，根据{basis}，即日起解聘{expert.person.name}的"
        f"{library.name}{expert.get_level_display()}资格，特此通报。"
    )
    return _issue(
        doc_type="experts_dismissal",
        issuer=_library_issuer(library),
        acting_user=acting_user,
        subject=expert,
        title=f"关于解聘{expert.person.name}的通报",
        body=body,
        addressees="各区域、区县全科医疗质量控制中心",
        people=[expert.person],
    )
