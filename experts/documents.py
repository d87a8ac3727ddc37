"""The experts app's official documents (GB/T 9704 via the documents app): the appointment notice
of an approved roster (聘任通知), each member's appointment letter (聘书, 信函格式 under the centre's
name with the commission's consent), the removal decision (调整决定), the library appointment
(聘任文件, issued by the city centre under its own name) and the dismissal notice (解聘通报)."""

from __future__ import annotations

from django.utils import timezone

from core.errors import RuleRefusal
from core.workflow import today
from documents import layout
from documents.services import IssueRefused, document_issue
from documents.types import (
    Approval,
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


def letter_issuer_only(user, subject, request: IssueRequest):
    """A member's letter is issued by whoever may ask for the roster's letters: the commission of
    the centre's jurisdiction (which approved the roster), its QC office, or the host's staff."""
    from . import policies

    seat = subject
    if seat is not None and policies.may_request_letters(user, seat.committee):
        return []
    return [refusal("experts.letter_issuer_only", "只有卫生健康委、质控办或挂靠单位可以颁发聘书。")]


TYPES = [
    DocumentType(
        code="experts_appointment_letter",
        label="专家委员会委员聘书",
        template="documents/pdf/centre_letter.html",
        context_fn=_context,
        issuer_kind="centre",
        may_issue=letter_issuer_only,
    ),
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


def letter_issuer(committee):
    """The centre writing under its own name (信函格式). A centre has no 发文代字 of its own in the
    directory; its letters are numbered under 〈区划〉〈专业〉质控聘 (九龙坡心血管内科质控聘〔2026〕3号)."""
    centre = committee.centre
    commission = centre.jurisdiction.commission
    place = commission.short_name.removesuffix("卫") if commission and commission.short_name else ""
    code = f"{place}{centre.specialty.name}质控聘"[:30]
    return centre_issuer(
        name=centre.name, code=code, jurisdiction=centre.jurisdiction, institution=centre.host
    )


def letter_text(seat, basis: str) -> tuple[str, str]:
    """(addressee, body) of a member's letter."""
    committee = seat.committee
    who = f"{seat.employer}{'，' + seat.title if seat.title else ''}"
    named = f"{seat.name}同志{'（' + who + '）' if who else ''}"
    lines = [f"兹聘请{named}为{committee.name}{seat.get_role_display()}。"]
    if committee.term_starts_on and committee.term_ends_on:
        lines.append(
            f"聘期自{layout.date_text(committee.term_starts_on)}至{layout.date_text(committee.term_ends_on)}，"
            "与挂靠单位挂靠周期相同。"
        )
    else:
        lines.append("聘期与挂靠单位挂靠周期相同。")
    commission = committee.centre.jurisdiction.commission
    notice = committee.notice.number if committee.notice_id else ""
    approved = f"经{commission.name}批准{'（' + notice + '）' if notice else ''}"
    lines.append(f"{'根据' + basis + '，' if basis else ''}{approved}，颁发此聘书。")
    return f"{seat.name}同志", "\n".join(lines)


def issue_letter(*, seat, basis: str, acting_user):
    """The member's 聘书, registered and numbered. The commission's approval of the roster is its
    consent (九龙坡 第十九条（六）) and the approval a centre document needs (济南 第十七条（一））."""
    committee = seat.committee
    decided = committee.decided_at
    approval = (
        Approval(approved_by=committee.decided_by, approved_on=timezone.localdate(decided))
        if committee.decided_by_id and decided
        else None
    )
    addressee, body = letter_text(seat, basis)
    try:
        return document_issue(
            doc_type="experts_appointment_letter",
            acting_user=acting_user,
            issuer=letter_issuer(committee),
            data={"title": "聘书", "body": body, "addressees": addressee, "public": False},
            subject=seat,
            on=today(),
            approval=approval,
            body_kind=committee.centre.body_kind,
            addressed_people=[seat.person] if seat.person_id else [],
        )
    except IssueRefused as refused:
        raise RuleRefusal("document_refused", "不能颁发聘书。", refused.violations) from None
