"""Writes of the document register: one function per business action.

Issuing takes the next number of the issuer code and year inside the transaction that registers
the document (gap-free: a rolled-back issue gives its number back), stores what the template will
render and queues the rendering for after the commit. A ready PDF is never regenerated; a
correction is a re-issue with the same number, the next version and a reason."""

from __future__ import annotations

import logging
from dataclasses import replace
from datetime import date

from django.core.exceptions import ValidationError
from django.core.files.base import ContentFile
from django.db import transaction
from django.utils import timezone

from core.errors import ServiceError, WrongState
from rulesets.engine.violations import Violation

from . import error_codes as codes
from . import layout, rendering
from .models import DocumentNumberSequence, IssuedDocument
from .types import Approval, Issuer, IssueRequest, get_type, refusal

logger = logging.getLogger(__name__)

Status = IssuedDocument.Status


class IssueRefused(ServiceError):
    """The rules refuse the issue; ``violations`` say which, citing the article where a rule set
    is the reason. Who-may-issue refusals (codes ``documents.*``) are a 403; a rule set's refusal
    is a 400 with its violations."""

    def __init__(self, violations: list[Violation]):
        violations = list(violations)
        if all(v.code.startswith("documents.") for v in violations):
            super().__init__(codes.NOT_ALLOWED, "；".join(v.message for v in violations), violations)
        else:
            super().__init__(codes.RULE_VIOLATION, "发文不符合规则集规定。", violations)

    @property
    def status_code(self) -> int:
        return 403 if self.code == codes.NOT_ALLOWED else 400


class DocumentTampered(Exception):
    """The stored PDF no longer matches the hash recorded when it was generated."""


# --- numbers ---------------------------------------------------------------------------------


def format_number(issuer_code: str, year: int, sequence: int) -> str:
    """发文字号 (GB/T 9704 7.2.4): 代字, year in 六角括号, sequence without leading zeros or 第."""
    return f"{issuer_code}〔{year}〕{sequence}号"


@transaction.atomic
def number_allocate(*, issuer_code: str, year: int) -> int:
    """The next sequence number of ``issuer_code`` in ``year``. The sequence row stays locked until
    the caller's transaction ends, so concurrent issues queue here and get consecutive numbers."""
    DocumentNumberSequence.objects.bulk_create(
        [DocumentNumberSequence(issuer_code=issuer_code, year=year, last=0)], ignore_conflicts=True
    )
    sequence = DocumentNumberSequence.objects.select_for_update().get(issuer_code=issuer_code, year=year)
    sequence.last += 1
    sequence.save(update_fields=["last"])
    return sequence.last


@transaction.atomic
def number_sequence_continue(*, issuer_code: str, year: int, last: int) -> DocumentNumberSequence:
    """Continue a paper register: the platform's next number follows ``last``. Numbers only move
    forward — a lower value would hand out a number already on paper."""
    DocumentNumberSequence.objects.bulk_create(
        [DocumentNumberSequence(issuer_code=issuer_code, year=year, last=0)], ignore_conflicts=True
    )
    sequence = DocumentNumberSequence.objects.select_for_update().get(issuer_code=issuer_code, year=year)
    if last < sequence.last:
        raise ValidationError({"last": f"{issuer_code}〔{year}〕已用到{sequence.last}号，不能改小。"})
    if last != sequence.last:
        sequence.last = last
        sequence.save(update_fields=["last"])
    return sequence


# --- rules -----------------------------------------------------------------------------------


def _qc_office_name(jurisdiction) -> str | None:
    from directory.models import Office

    offices = list(Office.objects.filter(commission__jurisdiction=jurisdiction).order_by("pk"))
    for office in offices:
        if "质控" in office.name or "质量控制" in office.name:
            return office.name
    return offices[0].name if offices else None


def centre_rules(request: IssueRequest) -> tuple[list[Violation], list[str]]:
    """What the rule set in force says about a centre writing under its own name: whether the
    commission must approve first (济南 第十七条（一）) and whether the QC office is copied
    (九龙坡 第十五条). Returns the violations and the names to add to 抄送."""
    from accounts.models import Role
    from rulesets.selectors import NoRuleSetInForce, ruleset_in_force

    body_kind = request.body_kind or request.doc_type.body_kind
    if not body_kind:
        return [], []
    try:
        ruleset = ruleset_in_force(request.issuer.jurisdiction, body_kind, on=request.on)
    except NoRuleSetInForce:
        return [], []
    violations, cc = [], []
    key = "duties.documents_need_commission_approval"
    if ruleset.has(key) and ruleset.value(key):
        param = ruleset.param(key)
        approval = request.approval
        approver = approval.approved_by if approval else None
        if approver is None:
            violations.append(
                Violation(
                    param.key,
                    param.article,
                    f"{param.article}：{param.text}，尚无卫生健康委的审核同意记录。",
                    param.strictness,
                )
            )
        elif not (
            approver.is_sysadmin
            or (
                approver.role == Role.COMMISSION
                and approver.jurisdiction_id == request.issuer.jurisdiction.pk
            )
        ):
            violations.append(
                Violation(
                    param.key,
                    param.article,
                    f"{param.article}：{param.text}，审核同意人须为本级卫生健康委工作人员。",
                    param.strictness,
                )
            )
        elif approval.approved_on > request.on:
            violations.append(
                Violation(
                    param.key,
                    param.article,
                    f"{param.article}：须先经审核同意后印发，审核日期晚于成文日期。",
                    param.strictness,
                )
            )
    key = "duties.documents_copied_to_office"
    if ruleset.has(key) and ruleset.value(key):
        office = _qc_office_name(request.issuer.jurisdiction)
        if office:
            cc.append(office)
    return violations, cc


def check_issue(*, acting_user, request: IssueRequest) -> tuple[list[Violation], list[str]]:
    """Every reason the issue is refused, and the 抄送 names the rules add."""
    if acting_user.is_read_only:
        return [refusal("documents.read_only", "审计人员不能发文。")], []
    violations = list(request.doc_type.may_issue(acting_user, request.subject, request) or [])
    if request.issuer.kind != request.doc_type.issuer_kind:
        violations.append(
            refusal("documents.wrong_issuer", f"{request.doc_type.label}不能以该机关名义印发。")
        )
    extra_cc: list[str] = []
    if request.doc_type.issuer_kind == "centre":
        rule_violations, extra_cc = centre_rules(request)
        violations += rule_violations
    return violations, extra_cc


# --- issue, render, re-issue -----------------------------------------------------------------


def _build_context(request: IssueRequest, *, number: str, version: int) -> dict:
    content = request.doc_type.context_fn(request)
    dated = layout.date_text(request.on)
    letter = request.doc_type.issuer_kind == "centre"
    return {
        **content,
        "input": request.data,
        "doc_type": request.doc_type.code,
        "number": number,
        "version": version,
        "issuer": request.issuer.as_context(),
        "date_text": dated,
        "mark": layout.issuer_mark(request.issuer.mark or request.issuer.name, letter=letter),
        "signature": layout.signature(request.issuer.name, dated),
    }


def _enqueue_render(document: IssuedDocument, *, render_sync: bool) -> None:
    if render_sync:
        document_render(document_id=document.pk)
        document.refresh_from_db()
        return
    from core import outbox

    from .tasks import render_document

    outbox.enqueue(render_document, document.pk, subject=document)  # survives a broker that is down


@transaction.atomic
def document_issue(
    *,
    doc_type: str,
    acting_user,
    issuer: Issuer,
    data: dict,
    on: date | None = None,
    subject=None,
    institution=None,
    approval: Approval | None = None,
    body_kind: str | None = None,
    addressed_people=(),
    render_sync: bool = False,
) -> IssuedDocument:
    """Register and number a document, then render it (after the commit, in the documents queue;
    at once with ``render_sync``). Raises ``IssueRefused`` with the violations."""
    on = on or timezone.localdate()
    kind = get_type(doc_type)
    request = IssueRequest(
        doc_type=kind,
        issuer=issuer,
        data=dict(data),
        on=on,
        subject=subject,
        approval=approval,
        body_kind=body_kind,
    )
    violations, extra_cc = check_issue(acting_user=acting_user, request=request)
    if violations:
        raise IssueRefused(violations)
    if extra_cc:
        # Where the rule set says so the office is copied, whatever the author typed.
        typed = list(data.get("cc") or [])
        extra = tuple(name for name in extra_cc if name not in typed)
        request = replace(request, extra_cc=extra)

    sequence = number_allocate(issuer_code=issuer.code, year=on.year)
    number = format_number(issuer.code, on.year, sequence)
    context = _build_context(request, number=number, version=1)
    document = IssuedDocument(
        doc_type=kind.code,
        issuer_kind=issuer.kind,
        issuer_name=issuer.name,
        issuer_code=issuer.code,
        year=on.year,
        sequence=sequence,
        number=number,
        title=context["title"][:200],
        addressees=context.get("addressees", "")[:500],
        cc=context.get("cc", "")[:500],
        dated=on,
        context=context,
        subject=subject,
        jurisdiction=issuer.jurisdiction,
        institution=institution or issuer.institution,
        issued_by=acting_user,
        approved_by=approval.approved_by if approval else None,
        approved_on=approval.approved_on if approval else None,
    )
    document.full_clean(exclude=["pdf", "subject_type", "subject_id"])
    document.save()
    if addressed_people:
        document.addressed_people.set(addressed_people)
    _enqueue_render(document, render_sync=render_sync)
    return document


def _claim(document_id: int) -> bool:
    """pending/failed → rendering, or a redelivered task picking up its own claim."""
    return bool(
        IssuedDocument.objects.filter(
            pk=document_id, status__in=[Status.PENDING, Status.FAILED, Status.RENDERING]
        ).update(status=Status.RENDERING, error="")
    )


def document_render(*, document_id: int) -> IssuedDocument:
    """Generate the PDF once. Not one transaction: rendering takes seconds and must not hold locks;
    the result is written under a row lock and only if no PDF exists yet."""
    if not _claim(document_id):
        return IssuedDocument.objects.get(pk=document_id)  # ready: never regenerated
    document = IssuedDocument.objects.get(pk=document_id)
    try:
        pdf = rendering.render_pdf(get_type(document.doc_type).template, document.context)
    except Exception as exc:  # noqa: BLE001 — any failure is shown on the register page
        logger.exception("rendering document %s failed", document_id)
        IssuedDocument.objects.filter(pk=document_id, status=Status.RENDERING).update(
            status=Status.FAILED, error=f"{type(exc).__name__}: {exc}"[:2000]
        )
        return IssuedDocument.objects.get(pk=document_id)
    with transaction.atomic():
        document = IssuedDocument.objects.select_for_update().get(pk=document_id)
        if document.status != Status.RENDERING or document.pdf:
            return document  # another worker finished first
        name = f"{document.year}-{document.pk}-v{document.version}.pdf"
        document.pdf.save(name, ContentFile(pdf), save=False)
        document.sha256 = rendering.sha256_of(pdf)
        document.status = Status.READY
        document.rendered_at = timezone.now()
        document.save(update_fields=["pdf", "sha256", "status", "rendered_at"])
    return document


@transaction.atomic
def document_retry(*, document: IssuedDocument, acting_user) -> IssuedDocument:
    """Queue a failed rendering again (there is no PDF yet, so nothing is regenerated)."""
    if document.status != Status.FAILED:
        raise WrongState(codes.NOT_FAILED, "只有生成失败的公文可以重新生成。")
    if IssuedDocument.objects.filter(pk=document.pk, status=Status.FAILED).update(status=Status.PENDING) != 1:
        raise WrongState(codes.CHANGED, "状态已变化，请刷新页面。")
    document.refresh_from_db()
    _enqueue_render(document, render_sync=False)
    return document


def issuer_of(document: IssuedDocument) -> Issuer:
    stored = document.context.get("issuer", {})
    return Issuer(
        kind=document.issuer_kind,
        name=document.issuer_name,
        code=document.issuer_code,
        jurisdiction=document.jurisdiction,
        mark=stored.get("mark", ""),
        printer=stored.get("printer", ""),
        institution=document.institution if document.issuer_kind == "centre" else None,
    )


@transaction.atomic
def document_reissue(
    *, document: IssuedDocument, acting_user, reason: str, data: dict | None = None, render_sync: bool = False
) -> IssuedDocument:
    """A corrected version: same number, next version, superseding ``document``, with the reason.
    The old version and its PDF stay in the register."""
    reason = (reason or "").strip()
    if not reason:
        raise ValidationError({"reason": "请填写重新印发的理由。"})
    # Lock the version being replaced so two re-issues cannot both supersede it.
    current = IssuedDocument.objects.select_for_update().get(pk=document.pk)
    if IssuedDocument.objects.filter(supersedes=current).exists():
        raise WrongState(codes.SUPERSEDED, "该版本已被新版本替代，请在最新版本上重新印发。")
    kind = get_type(current.doc_type)
    approval = (
        Approval(approved_by=current.approved_by, approved_on=current.approved_on)
        if current.approved_by_id
        else None
    )
    request = IssueRequest(
        doc_type=kind,
        issuer=issuer_of(current),
        data=dict(data or current.context["input"]),
        on=current.dated,
        subject=current.subject,
        approval=approval,
    )
    violations, extra_cc = check_issue(acting_user=acting_user, request=request)
    if violations:
        raise IssueRefused(violations)
    typed = list(request.data.get("cc") or [])
    request = replace(request, extra_cc=tuple(n for n in extra_cc if n not in typed))
    context = _build_context(request, number=current.number, version=current.version + 1)
    new = IssuedDocument(
        doc_type=current.doc_type,
        issuer_kind=current.issuer_kind,
        issuer_name=current.issuer_name,
        issuer_code=current.issuer_code,
        year=current.year,
        sequence=current.sequence,
        number=current.number,
        title=context["title"][:200],
        addressees=context.get("addressees", "")[:500],
        cc=context.get("cc", "")[:500],
        dated=current.dated,
        context=context,
        subject_type=current.subject_type,
        subject_id=current.subject_id,
        jurisdiction=current.jurisdiction,
        institution=current.institution,
        issued_by=acting_user,
        approved_by=current.approved_by,
        approved_on=current.approved_on,
        version=current.version + 1,
        supersedes=current,
        reissue_reason=reason,
    )
    new.full_clean(exclude=["pdf", "subject_type", "subject_id"])
    new.save()
    new.addressed_people.set(current.addressed_people.all())
    _enqueue_render(new, render_sync=render_sync)
    return new


def document_verified_bytes(*, document: IssuedDocument) -> bytes:
    """The stored PDF, after checking it is byte for byte what was generated."""
    if document.status != Status.READY or not document.pdf:
        raise FileNotFoundError("PDF尚未生成。")
    with document.pdf.open("rb") as f:
        data = f.read()
    if rendering.sha256_of(data) != document.sha256:
        logger.error(
            "document %s (%s v%s): stored PDF does not match its SHA-256",
            document.pk,
            document.number,
            document.version,
        )
        raise DocumentTampered(document.pk)
    return data
