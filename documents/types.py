"""The registry of document types: who may issue what is a rule, not a template choice.

A workflow app adds a kind of document by registering a ``DocumentType`` (usually in its
``AppConfig.ready``)::

    register(DocumentType(
        code="centre_appointment", label="质控中心设置通知", template="documents/pdf/notice.html",
        context_fn=appointment_context, issuer_kind="commission", may_issue=commission_staff_only))

``context_fn(request)`` turns what the user entered (``request.data``) and the record the document
concerns (``request.subject``) into the template's context — plain JSON, stored with the register
row so the PDF can be explained later. ``may_issue(user, subject, request)`` returns the
violations that refuse the issue (``[]``/``None`` when allowed). For centre documents the service
also applies the rule set in force (approval by the commission, copy to the QC office), so a
workflow cannot forget them.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date
from typing import Any, Callable, Literal

from rulesets.engine.violations import Violation

IssuerKind = Literal["commission", "centre"]


@dataclass(frozen=True)
class Issuer:
    """发文机关 as printed: full name, 发文机关代字 and the words of the issuer mark."""

    kind: IssuerKind
    name: str  # 重庆市九龙坡区卫生健康委员会
    code: str  # 九龙坡卫发 — the prefix of the 文号
    jurisdiction: Any  # directory.Jurisdiction the register row is scoped to
    mark: str = ""  # 版头: "…文件" for commission documents, the centre's name for letters
    printer: str = ""  # 印发机关 in the 版记
    institution: Any = None  # host institution of a centre

    def as_context(self) -> dict:
        return {
            "kind": self.kind,
            "name": self.name,
            "code": self.code,
            "mark": self.mark,
            "printer": self.printer,
        }


def commission_issuer(commission, *, suffix: str = "发") -> Issuer:
    """A health commission as issuer of red-header documents: 九龙坡卫 + 发 → 九龙坡卫发."""
    return Issuer(
        kind="commission",
        name=commission.name,
        code=f"{commission.short_name}{suffix}",
        jurisdiction=commission.jurisdiction,
        mark=f"{commission.name}文件",
        printer=f"{commission.name}办公室",
    )


def centre_issuer(*, name: str, code: str, jurisdiction, institution) -> Issuer:
    """A quality-control centre writing under its own name (信函格式; never a red-header 文件)."""
    return Issuer(
        kind="centre",
        name=name,
        code=code,
        jurisdiction=jurisdiction,
        mark=name,
        printer=name,
        institution=institution,
    )


@dataclass(frozen=True)
class Approval:
    """The commission's consent to a centre document (济南 第十七条（一）)."""

    approved_by: Any  # accounts.User, commission staff of the issuer's jurisdiction
    approved_on: date


@dataclass(frozen=True)
class IssueRequest:
    """Everything a context function and a permission rule may look at."""

    doc_type: "DocumentType"
    issuer: Issuer
    data: dict
    on: date
    subject: Any = None
    approval: Approval | None = None
    body_kind: str | None = None  # kind of body whose rule set governs a centre document
    extra_cc: tuple[str, ...] = field(default=())


@dataclass(frozen=True)
class DocumentType:
    code: str
    label: str
    template: str
    context_fn: Callable[[IssueRequest], dict]
    issuer_kind: IssuerKind
    may_issue: Callable[[Any, Any, IssueRequest], list[Violation] | None]
    body_kind: str | None = None  # centre documents: the rule-set body kind (district_centre, city_centre, …)


_REGISTRY: dict[str, DocumentType] = {}


class UnknownDocumentType(KeyError):
    pass


def register(doc_type: DocumentType) -> DocumentType:
    existing = _REGISTRY.get(doc_type.code)
    if existing is not None and existing != doc_type:
        raise ValueError(f"文种 {doc_type.code} 已注册")
    if doc_type.issuer_kind not in ("commission", "centre"):
        raise ValueError(f"未知的发文机关类别：{doc_type.issuer_kind}")
    _REGISTRY[doc_type.code] = doc_type
    return doc_type


def get_type(code: str) -> DocumentType:
    try:
        return _REGISTRY[code]
    except KeyError:
        raise UnknownDocumentType(code) from None


def all_types() -> list[DocumentType]:
    return list(_REGISTRY.values())


def label_of(code: str) -> str:
    return _REGISTRY[code].label if code in _REGISTRY else code


# --- permission rules shared by document types ---------------------------------------------


def refusal(code: str, message: str, article: str = "") -> Violation:
    return Violation(
        code=code,
        article=article,
        message=f"{article}：{message}" if article else message,
        strictness="mandatory",
    )


def commission_staff_only(user, subject, request: IssueRequest) -> list[Violation]:
    """Red-header documents carry the commission's authority: only its own staff (or a system
    administrator) issue them, and only under the commission of their own jurisdiction."""
    from accounts.models import Role

    if user.is_sysadmin:
        return []
    if user.role != Role.COMMISSION:
        return [refusal("documents.commission_only", "只有卫生健康行政部门工作人员可以印发本机关公文。")]
    if user.jurisdiction_id != request.issuer.jurisdiction.pk:
        return [refusal("documents.other_issuer", f"不能以{request.issuer.name}的名义发文。")]
    return []


def host_staff_only(user, subject, request: IssueRequest) -> list[Violation]:
    """A centre writes through its host institution (九龙坡 第十五条: 按照挂靠单位相关规范要求及流程发文)."""
    from accounts.models import Role

    if user.is_sysadmin:
        return []
    institution = request.issuer.institution
    if user.role != Role.HOST_SUBMITTER or institution is None or user.institution_id != institution.pk:
        return [
            refusal("documents.host_only", f"只有挂靠单位的工作人员可以以{request.issuer.name}的名义发文。")
        ]
    return []
