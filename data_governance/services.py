"""Every write of data governance: keyword-only ``<entity>_<verb>`` functions, one transaction each,
built from the workflow kit (core/workflow.py). Rule parameters come from the rule set in force
for the centre (``data.*`` in rulesets/data/*.yaml) with their articles; no number or article is
written here."""

from __future__ import annotations

import datetime as dt
import uuid

from django.db import transaction
from django.db.models import Q
from django.utils import timezone

from attachments.models import Attachment
from attachments.services import attachment_store
from core.errors import InvalidInput, NotAllowed, RuleRefusal, WrongState
from core.workflow import ruleset_for, timeline_add, today, transition
from deadlines.dates import end_of_day
from deadlines.models import Deadline
from deadlines.services import deadline_meet, deadline_open
from rulesets.engine.violations import Violation, breach

from . import datasets, policies, tracing
from . import error_codes as codes
from .models import (
    QC_PURPOSES,
    AccessLog,
    DataResource,
    ExportTrace,
    Grant,
    PublicationCheck,
    PublicationReview,
    ScanHit,
    Standing,
    ThirdPartyTransfer,
    UseRequest,
)
from .policies import require

LETTER_KIND = "data_governance.commitment_letter"
RESOURCE_FILE_KIND = "data_governance.resource_file"
MANUSCRIPT_KIND = "data_governance.manuscript"

DL_ENDORSE = "data_governance.endorsement"
DL_DECIDE = "data_governance.request_decision"
DL_EXPIRY = "data_governance.grant_expiry"
DL_COMMITTEE = "data_governance.publication_committee"
DL_PUBLICATION = "data_governance.publication_review"
DL_TRANSFER = "data_governance.transfer_decision"

# The platform's own working target for each review step (the regulations set none): the step's
# 待办 is due this many days after it reaches the reviewer. Not a rule: never cited as one.
REVIEW_TARGET_DAYS = 14

# The checklist of a publication: the rule-set parameters, each shown with its article and text.
PUBLICATION_CHECKS = (
    "data.publication_deidentified",
    "data.publication_cite_source",
    "data.publication_centre_first_unit",
)
# The handover items that are data, platform accounts and permissions (handover.items codes).
HANDOVER_DATA_ITEMS = ("qc_data", "information_platform", "qc_network", "admin_rights", "electronic_copies")


# --- rule helpers ------------------------------------------------------------------------------


def _rule(ruleset, key: str):
    """The parameter if the rule set has it and it is switched on, else None."""
    if ruleset.has(key):
        param = ruleset.param(key)
        if param.value not in (None, False):
            return param
    return None


def _article(ruleset, *keys: str) -> str:
    for key in keys:
        if ruleset.has(key):
            return ruleset.param(key).article
    return ""


def chair_endorsement_required(ruleset) -> bool:
    """九龙坡 第十六条（五）: the committee chair is first responsible for data security."""
    param = _rule(ruleset, "data.responsible_person")
    return bool(param and param.value == "committee_chair")


def committee_review_required(ruleset) -> bool:
    return _rule(ruleset, "data.publication_committee_review") is not None


def purpose_violations(request: UseRequest, ruleset) -> list[Violation]:
    """A purpose outside quality-control work is refused (九龙坡 第十六条（二）, 济南 第十五条).
    The request declares a category; the categories that are not QC work refuse at once. The text
    of a QC category is then judged by the commission, whose judgement is recorded."""
    param = _rule(ruleset, "data.use_only_for_qc")
    if param and request.purpose_category not in QC_PURPOSES:
        return [breach(param, f"{param.text}，申请用途为“{request.get_purpose_category_display()}”。")]
    return []


def letter_violations(request: UseRequest, ruleset) -> list[Violation]:
    param = _rule(ruleset, "data.use_request_with_commitment_letter")
    if param and not commitment_letter(request):
        return [breach(param, f"{param.text}：请先上传已签字的数据资源使用承诺书。")]
    return []


def commitment_letter(request: UseRequest) -> Attachment | None:
    return Attachment.objects.alive().of(request).filter(kind=LETTER_KIND).first()


def _due(days: int = REVIEW_TARGET_DAYS) -> dt.datetime:
    return end_of_day(today() + dt.timedelta(days=days))


def _user_of(person):
    from accounts.models import User

    return User.objects.filter(person=person).first() if person else None


# --- resources ---------------------------------------------------------------------------------


@transaction.atomic
def resource_register(
    *,
    jurisdiction,
    body_kind: str,
    code: str,
    name: str,
    classification: str,
    steward,
    acting_user,
    source: str = DataResource.Source.FILES,
    dataset: str = "",
    description: str = "",
    centre=None,
) -> DataResource:
    require(
        policies.may_register_resource(acting_user, jurisdiction),
        "只有本级卫生健康委或质控办可以登记数据资源。",
    )
    code, name = code.strip(), name.strip()
    if not code or not name:
        raise InvalidInput("dg_resource_incomplete", "请填写数据资源的编号和名称。")
    if source == DataResource.Source.DATASET and dataset not in datasets.DATASETS:
        raise InvalidInput(codes.DATASET_UNKNOWN, "请选择平台生成的数据集。")
    if DataResource.objects.filter(jurisdiction=jurisdiction, code=code).exists():
        raise InvalidInput(codes.RESOURCE_CODE_TAKEN, f"编号“{code}”已被本级其他数据资源使用。")
    return DataResource.objects.create(
        jurisdiction=jurisdiction,
        body_kind=body_kind,
        code=code,
        name=name,
        classification=classification,
        steward=steward,
        source=source,
        dataset=dataset if source == DataResource.Source.DATASET else "",
        description=description,
        centre=centre,
        created_by=acting_user,
    )


def resource_file_add(*, resource: DataResource, file, acting_user) -> Attachment:
    """A data file of the resource: Excel or PDF only, the two formats that can carry the marks."""
    require(
        policies.may_register_resource(acting_user, resource.jurisdiction),
        "只有卫生健康委或质控办可以上传数据文件。",
    )
    if resource.source != DataResource.Source.FILES:
        raise InvalidInput(codes.UNSUPPORTED_FILE, "该数据资源由平台生成，不能上传文件。")
    head = file.read(4)
    file.seek(0)
    if not (
        head.startswith(b"%PDF") or (head.startswith(b"PK") and str(file.name).lower().endswith(".xlsx"))
    ):
        raise InvalidInput(
            codes.UNSUPPORTED_FILE, "数据文件只能是 Excel（.xlsx）或 PDF：导出时须加注留痕标记。"
        )
    return attachment_store(
        file=file, kind=RESOURCE_FILE_KIND, subject=resource, acting_user=acting_user, sensitive=True
    )


def resource_file_withdraw(*, resource: DataResource, attachment: Attachment, acting_user, reason: str):
    """Withdraw a data file (the commission or its office, with a reason): it leaves the resource,
    the file and the record stay (attachments). The generic attachment views refuse these files."""
    from attachments.services import attachment_delete

    require(
        policies.may_register_resource(acting_user, resource.jurisdiction),
        "只有卫生健康委或质控办可以撤下数据文件。",
    )
    if not resource_files(resource).filter(pk=attachment.pk).exists():
        raise InvalidInput(codes.NO_DATA, "该文件不是此数据资源的在用文件。")
    if not (reason or "").strip():
        raise InvalidInput(codes.REASON_REQUIRED, "请填写撤下理由。")
    return attachment_delete(attachment=attachment, acting_user=acting_user, reason=reason)


# --- use requests ------------------------------------------------------------------------------


def _check_request_fields(centre, *, starts_on, ends_on, users, resources, is_new: bool) -> None:
    if not starts_on or not ends_on or ends_on < starts_on:
        raise InvalidInput(codes.PERIOD_INVALID, "使用截止日不能早于起始日。")
    if is_new and starts_on < today():
        raise InvalidInput(codes.PERIOD_INVALID, "使用起始日不能早于今天。")
    if not users:
        raise InvalidInput(codes.NO_USERS, "请至少指定一名使用人员。")
    if not resources:
        raise InvalidInput(codes.NO_RESOURCES, "请至少选择一项数据资源。")
    outsiders = [
        u
        for u in users
        if not (
            (centre.host_id and u.institution_id == centre.host_id)
            or (centre.leader_id and u.person_id == centre.leader_id)
        )
    ]
    if outsiders:
        raise InvalidInput(
            codes.USER_NOT_OF_CENTRE,
            "使用人员须为挂靠单位人员或质控中心负责人：" + "、".join(str(u) for u in outsiders) + " 不符合。",
        )
    foreign = [
        r for r in resources if not (r.active and centre.jurisdiction.path.startswith(r.jurisdiction.path))
    ]
    if foreign:
        raise InvalidInput(
            codes.RESOURCE_NOT_OWNED,
            "只能申请本级或上级卫生健康委在册的数据资源：" + "、".join(str(r) for r in foreign) + " 不符合。",
        )


@transaction.atomic
def request_save_draft(
    *,
    centre,
    acting_user,
    purpose_category: str,
    purpose: str,
    starts_on,
    ends_on,
    users,
    resources,
    request: UseRequest | None = None,
) -> UseRequest:
    users, resources = list(users), list(resources)
    if request is None:
        require(
            policies.may_request(acting_user, centre),
            "只有质控中心挂靠单位人员或负责人可以申请使用数据资源。",
        )
    else:
        request = UseRequest.objects.select_for_update().get(pk=request.pk)
        centre = request.centre
        require(policies.of_centre(acting_user, centre), "只有质控中心挂靠单位人员或负责人可以修改申请。")
        if request.status != UseRequest.Status.DRAFT:
            raise WrongState(codes.NOT_DRAFT, "只有草稿状态的申请可以修改。")
    if not (purpose or "").strip():
        raise InvalidInput("dg_purpose_required", "请写明具体用途。")
    _check_request_fields(
        centre, starts_on=starts_on, ends_on=ends_on, users=users, resources=resources, is_new=True
    )
    fields = {
        "purpose_category": purpose_category,
        "purpose": purpose.strip(),
        "starts_on": starts_on,
        "ends_on": ends_on,
    }
    if request is None:
        request = UseRequest.objects.create(centre=centre, applicant=acting_user, **fields)
        timeline_add(request, kind="created", title="填写数据使用申请", actor=acting_user)
    else:
        for key, value in fields.items():
            setattr(request, key, value)
        request.save(update_fields=[*fields, "updated_at"])
    request.users.set(users)
    request.resources.set(resources)
    return request


def request_letter_attach(*, request: UseRequest, file, acting_user) -> Attachment:
    require(
        policies.of_centre(acting_user, request.centre), "只有质控中心挂靠单位人员或负责人可以上传承诺书。"
    )
    if request.status != UseRequest.Status.DRAFT:
        raise WrongState(codes.NOT_DRAFT, "申请已提交，承诺书不能再更换。")
    return attachment_store(
        file=file, kind=LETTER_KIND, subject=request, acting_user=acting_user, sensitive=True
    )


@transaction.atomic
def request_submit(*, request: UseRequest, acting_user) -> UseRequest:
    require(policies.of_centre(acting_user, request.centre), "只有质控中心挂靠单位人员或负责人可以提交申请。")
    if request.status != UseRequest.Status.DRAFT:
        raise WrongState(codes.NOT_DRAFT, "只有草稿状态的申请可以提交。")
    ruleset = ruleset_for(request)
    violations = purpose_violations(request, ruleset)
    if violations:
        raise RuleRefusal(codes.NON_QC_PURPOSE, "", violations)
    violations = letter_violations(request, ruleset)
    if violations:
        raise RuleRefusal(codes.LETTER_MISSING, "", violations)
    _check_request_fields(
        request.centre,
        starts_on=request.starts_on,
        ends_on=request.ends_on,
        users=list(request.users.all()),
        resources=list(request.resources.all()),
        is_new=True,
    )
    transition(
        request, "submit", message="只有草稿状态的申请可以提交。", extra={"submitted_at": timezone.now()}
    )
    article = _article(ruleset, "data.use_request_with_commitment_letter", "data.access_strictly_controlled")
    timeline_add(
        request, kind="submitted", title="提交数据使用申请（附承诺书）", actor=acting_user, article=article
    )
    centre = request.centre
    if chair_endorsement_required(ruleset):
        deadline_open(
            kind=DL_ENDORSE,
            title=f"数据使用申请 #{request.pk} 待主任委员审核",
            subject=request,
            due_at=_due(),
            jurisdiction=centre.jurisdiction,
            person=centre.leader,
            user=_user_of(centre.leader),
            article=_article(ruleset, "data.responsible_person"),
            ruleset_code=ruleset.code,
            acting_user=acting_user,
        )
    else:
        _open_decision_deadline(request, ruleset, acting_user)
    return request


def _open_decision_deadline(request, ruleset, acting_user):
    deadline_open(
        kind=DL_DECIDE,
        title=f"数据使用申请 #{request.pk} 待卫健委审批",
        subject=request,
        due_at=_due(),
        jurisdiction=request.centre.jurisdiction,
        article=_article(ruleset, "data.access_strictly_controlled"),
        ruleset_code=ruleset.code,
        acting_user=acting_user,
    )


@transaction.atomic
def request_endorse(*, request: UseRequest, acting_user, agree: bool, opinion: str = "") -> UseRequest:
    """The chair's endorsement (九龙坡 第十六条（五）); a refusal gives its reasons."""
    require(
        policies.may_endorse(acting_user, request), "只有质控中心主任委员（数据安全第一责任人）可以审核。"
    )
    ruleset = ruleset_for(request)
    if not chair_endorsement_required(ruleset):
        raise WrongState(
            codes.NO_ENDORSEMENT_STEP, "适用的规则集没有主任委员审核这一步，申请由卫生健康委直接审批。"
        )
    article = _article(ruleset, "data.responsible_person")
    opinion = (opinion or "").strip()
    now = timezone.now()
    if agree:
        transition(
            request,
            "endorse",
            message="该申请不在待主任委员审核状态。",
            extra={"endorsed_by": acting_user, "endorsed_at": now, "endorsement_opinion": opinion},
        )
        timeline_add(request, kind="endorsed", title="主任委员同意", actor=acting_user, article=article)
        _open_decision_deadline(request, ruleset, acting_user)
    else:
        if not opinion:
            raise InvalidInput(codes.REASON_REQUIRED, "不同意时请填写理由。")
        if request.status != UseRequest.Status.SUBMITTED:
            raise WrongState("wrong_state", "该申请不在待主任委员审核状态。")
        transition(
            request,
            "refuse",
            message="该申请不在待主任委员审核状态。",
            extra={
                "endorsed_by": acting_user,
                "endorsed_at": now,
                "endorsement_opinion": opinion,
                "decision_reasons": opinion,
            },
        )
        timeline_add(
            request,
            kind="chair_refused",
            title=f"主任委员不同意：{opinion}",
            actor=acting_user,
            article=article,
        )
    deadline_meet(subject=request, kind=DL_ENDORSE, acting_user=acting_user)
    return request


GRANT_NUMBER_LOCK = 0x44470000  # "DG" — the advisory lock serialising grant numbers of a year


def next_grant_number(year: int) -> str:
    """SJSQ-2026-0001…: gap-free per year. A transaction-scoped advisory lock makes two approvals
    at the same moment take numbers one after the other (a row lock cannot hold the first of a year)."""
    from django.db import connection

    with connection.cursor() as cursor:
        cursor.execute("SELECT pg_advisory_xact_lock(%s)", [GRANT_NUMBER_LOCK + year])
    prefix = f"SJSQ-{year}-"
    last = (
        Grant.objects.filter(number__startswith=prefix)
        .order_by("-number")
        .values_list("number", flat=True)
        .first()
    )
    return f"{prefix}{int(last.rsplit('-', 1)[1]) + 1 if last else 1:04d}"


@transaction.atomic
def request_decide(
    *,
    request: UseRequest,
    acting_user,
    outcome: str,
    reasons: str = "",
    qc_judgement: str = "",
    resources=None,
    users=None,
    ends_on: dt.date | None = None,
) -> UseRequest:
    """The commission approves, narrows (fewer resources, users or days) or refuses, with reasons.
    An approval creates the grant and issues the approval letter."""
    require(policies.may_decide_request(acting_user, request), "只有本级卫生健康委可以审批数据使用申请。")
    request = UseRequest.objects.select_for_update().get(pk=request.pk)
    ruleset = ruleset_for(request)
    reasons, qc_judgement = (reasons or "").strip(), (qc_judgement or "").strip()
    if outcome not in ("approve", "narrow", "refuse"):
        raise InvalidInput("dg_unknown_outcome", "请选择批准、缩减范围批准或不批准。")
    if request.status not in (UseRequest.Status.SUBMITTED, UseRequest.Status.ENDORSED):
        raise WrongState("wrong_state", "该申请不在待审批状态。")
    if outcome == "refuse":
        if not reasons:
            raise InvalidInput(codes.REASON_REQUIRED, "不批准时请填写理由。")
        transition(
            request,
            "refuse",
            extra={
                "decided_by": acting_user,
                "decided_at": timezone.now(),
                "decision_reasons": reasons,
                "qc_purpose_judgement": qc_judgement,
            },
        )
        timeline_add(request, kind="refused", title=f"卫健委不批准：{reasons}", actor=acting_user)
        deadline_meet(subject=request, kind=DL_DECIDE, acting_user=acting_user)
        deadline_meet(subject=request, kind=DL_ENDORSE, acting_user=acting_user)
        return request
    if chair_endorsement_required(ruleset) and request.status != UseRequest.Status.ENDORSED:
        param = ruleset.param("data.responsible_person")
        raise RuleRefusal(
            codes.ENDORSEMENT_REQUIRED,
            "",
            [breach(param, f"{param.text}，申请须先经主任委员审核同意，卫健委方可批准。")],
        )
    violations = purpose_violations(request, ruleset)
    if violations:
        raise RuleRefusal(codes.NON_QC_PURPOSE, "", violations)
    violations = letter_violations(request, ruleset)  # still there (an attachment can be withdrawn)
    if violations:
        raise RuleRefusal(codes.LETTER_MISSING, "", violations)
    if not qc_judgement:
        raise InvalidInput(
            codes.JUDGEMENT_REQUIRED,
            "请写明对申请用途是否围绕质控工作的判断（" + _article(ruleset, "data.use_only_for_qc") + "）。",
        )
    if request.ends_on < today():
        raise InvalidInput(
            codes.PERIOD_INVALID,
            f"申请的使用期限已于 {request.ends_on:%Y-%m-%d} 结束，不能再批准；请质控中心重新申请。",
        )
    asked_resources, asked_users = set(request.resources.all()), set(request.users.all())
    granted_resources, granted_users, granted_end = asked_resources, asked_users, request.ends_on
    if outcome == "narrow":
        granted_resources = set(resources) if resources is not None else asked_resources
        granted_users = set(users) if users is not None else asked_users
        granted_end = ends_on or request.ends_on
        if not reasons:
            raise InvalidInput(codes.REASON_REQUIRED, "缩减范围时请说明理由。")
        if not granted_resources or not granted_users:
            raise InvalidInput(codes.NARROWING_NOT_NARROWER, "缩减后仍须至少保留一项数据资源和一名使用人员。")
        first_day = max(request.starts_on, today())
        if granted_end < first_day:
            raise InvalidInput(
                codes.NARROWING_NOT_NARROWER,
                f"缩减后的截止日不能早于授权的起始日 {first_day:%Y-%m-%d}。",
            )
        if (
            not granted_resources <= asked_resources
            or not granted_users <= asked_users
            or granted_end > request.ends_on
        ):
            raise InvalidInput(
                codes.NARROWING_NOT_NARROWER, "缩减范围只能减少数据资源、使用人员或天数，不能超出申请。"
            )
        if (granted_resources, granted_users, granted_end) == (asked_resources, asked_users, request.ends_on):
            raise InvalidInput(
                codes.NARROWING_NOT_NARROWER, "缩减范围批准须至少减少一项数据资源、一名人员或若干天。"
            )
    transition(
        request,
        outcome,
        extra={
            "decided_by": acting_user,
            "decided_at": timezone.now(),
            "decision_reasons": reasons,
            "qc_purpose_judgement": qc_judgement,
        },
    )
    grant = Grant.objects.create(
        number=next_grant_number(today().year),
        request=request,
        centre=request.centre,
        starts_on=max(request.starts_on, today()),
        ends_on=granted_end,
        granted_by=acting_user,
    )
    grant.users.set(granted_users)
    grant.resources.set(granted_resources)
    article = _article(ruleset, "data.access_strictly_controlled")
    document = _issue_approval_letter(request, grant, acting_user)
    timeline_add(
        request,
        kind=outcome,
        title=(
            "卫健委批准" if outcome == "approve" else f"卫健委缩减范围批准：{reasons.rstrip('。.，,；; ')}"
        )
        + f"，授权编号 {grant.number}，至 {grant.ends_on:%Y-%m-%d}",
        actor=acting_user,
        article=article,
        document=document,
    )
    deadline_meet(subject=request, kind=DL_DECIDE, acting_user=acting_user)
    deadline_open(
        kind=DL_EXPIRY,
        title=f"数据使用授权 {grant.number} 到期（使用完毕请确认）",
        subject=grant,
        due_at=end_of_day(grant.ends_on),
        jurisdiction=request.centre.jurisdiction,
        institution=request.centre.host,
        article=article,
        ruleset_code=ruleset.code,
        acting_user=acting_user,
    )
    return request


def _issue_approval_letter(request, grant, acting_user):
    from documents.services import IssueRefused, document_issue
    from documents.types import commission_issuer

    from .documents import approval_body

    try:
        return document_issue(
            doc_type="data_use_approval",
            acting_user=acting_user,
            issuer=commission_issuer(request.centre.jurisdiction.commission),
            data={
                "title": f"关于同意{request.centre.name}使用数据资源的批复",
                "body": approval_body(request, grant),
                "addressees": str(request.centre.host or request.centre),
                "public": False,
            },
            subject=grant,
            on=today(),
            institution=request.centre.host,
        )
    except IssueRefused as refused:
        raise RuleRefusal("document_refused", "不能印发批复。", refused.violations) from None


@transaction.atomic
def request_withdraw(*, request: UseRequest, acting_user) -> UseRequest:
    require(policies.of_centre(acting_user, request.centre), "只有质控中心挂靠单位人员或负责人可以撤回申请。")
    submitted = request.status == UseRequest.Status.SUBMITTED
    if submitted and not policies.may_withdraw_request(acting_user, request):
        raise WrongState(
            "wrong_state", "主任委员不同意该申请时，请在审核意见中选择“不同意”并写明理由，而不是撤回申请。"
        )
    transition(request, "withdraw", message="已有审核结果的申请不能撤回。")
    timeline_add(request, kind="withdrawn", title="撤回申请", actor=acting_user)
    deadline_meet(subject=request, kind=DL_ENDORSE, acting_user=acting_user)
    deadline_meet(subject=request, kind=DL_DECIDE, acting_user=acting_user)
    return request


# --- grants ------------------------------------------------------------------------------------


@transaction.atomic
def grant_revoke(*, grant: Grant, acting_user, reason: str) -> Grant:
    """Revocation takes effect on the next request: access is checked against the status each time."""
    require(policies.may_revoke(acting_user, grant), "只有本级卫生健康委可以撤销数据使用授权。")
    reason = (reason or "").strip()
    if not reason:
        raise InvalidInput(codes.REASON_REQUIRED, "请填写撤销理由。")
    return _revoke(grant, acting_user, reason)


def _revoke(grant: Grant, acting_user, reason: str) -> Grant:
    transition(
        grant,
        "revoke",
        message="该授权已撤销。",
        extra={"revoked_by": acting_user, "revoked_at": timezone.now(), "revoke_reason": reason},
    )
    timeline_add(grant.request, kind="revoked", title=f"撤销授权 {grant.number}：{reason}", actor=acting_user)
    deadline_meet(subject=grant, kind=DL_EXPIRY, acting_user=acting_user)
    return grant


@transaction.atomic
def grant_close_out(*, grant: Grant, acting_user) -> Grant:
    """The centre confirms its use is over (copies destroyed): closes the expiry reminder."""
    require(
        policies.of_centre(acting_user, grant.centre), "只有质控中心挂靠单位人员或负责人可以确认使用完毕。"
    )
    if not any(d.kind == DL_EXPIRY for d in pending_deadlines(grant)):
        raise WrongState(codes.ALREADY_CLOSED, f"授权 {grant.number} 已确认使用完毕或已撤销。")
    deadline_meet(subject=grant, kind=DL_EXPIRY, acting_user=acting_user)
    timeline_add(
        grant.request, kind="closed_out", title=f"确认授权 {grant.number} 使用完毕", actor=acting_user
    )
    return grant


def access_refusal(
    user, resource: DataResource, *, on: dt.date, export: bool = False
) -> tuple[Grant | None, str, str]:
    """(the grant that allows ``user`` to use ``resource`` on ``on``, or None) and, when refused,
    the error code and message. Read at the moment of access: no job has to have run."""
    grants = list(Grant.objects.filter(users=user, resources=resource).order_by("-ends_on"))
    for grant in grants:
        if grant.is_current(on):
            return grant, "", ""
    if policies.acts_for_office(user, resource.jurisdiction) and not (export and resource.grant_only):
        return None, "", ""  # the owner's own staff: they view all of it, export all but sensitive data
    if (
        resource.classification == "public"
        and DataResource.objects.for_user(user).filter(pk=resource.pk).exists()
    ):
        return None, "", ""
    if grants:
        grant = grants[0]
        standing = grant.standing(on)
        if standing == Standing.REVOKED:
            return (
                None,
                codes.GRANT_REVOKED,
                f"授权 {grant.number} 已于 {timezone.localtime(grant.revoked_at):%Y-%m-%d %H:%M} 撤销，"
                "不能再使用该数据资源。",
            )
        if standing == Standing.EXPIRED:
            return (
                None,
                codes.GRANT_EXPIRED,
                f"授权 {grant.number} 已于 {grant.ends_on:%Y-%m-%d} 到期，不能再使用该数据资源。",
            )
        return None, codes.GRANT_NOT_STARTED, f"授权 {grant.number} 自 {grant.starts_on:%Y-%m-%d} 起生效。"
    if export and resource.grant_only:
        return (
            None,
            codes.SENSITIVE_OUTSIDE_GRANT,
            (
                f"“{resource}”分级为“{resource.get_classification_display()}”，只能由授权名单内的人员在授权有效期内导出；"
                "您没有覆盖该数据资源的有效授权。"
            ),
        )
    return None, codes.NO_GRANT, f"您不在覆盖“{resource}”的有效数据使用授权名单内，请先提交数据使用申请。"


def _strict_article(resource: DataResource, key: str = "data.access_strictly_controlled") -> str:
    from rulesets.selectors import NoRuleSetInForce, ruleset_in_force

    try:
        ruleset = ruleset_in_force(resource.jurisdiction, resource.body_kind, on=today())
    except NoRuleSetInForce:
        return ""
    return _article(ruleset, key)


def with_access_article(resource: DataResource, message: str) -> str:
    """An access refusal as the user reads it, on the page and in the API: the reason, then the
    article that controls access (九龙坡 第十六条（二）, 济南 第十五条)."""
    if not message:
        return ""
    article = _strict_article(resource)
    return message + (f"（{article}：应当严格控制数据资源获取和使用权限）" if article else "")


def access_authorize(*, user, resource: DataResource, export: bool = False) -> Grant | None:
    grant, code, message = access_refusal(user, resource, on=today(), export=export)
    if code:
        from audit.models import SecurityEvent
        from audit.services import security_event_record

        # Recorded outside the caller's transaction: the refusal rolls the access back, not this.
        security_event_record(
            kind=SecurityEvent.Kind.REFUSED,
            user=user,
            model="data_governance.dataresource",
            lookup={"pk": str(resource.pk), "code": code},
        )
        raise NotAllowed(code, with_access_article(resource, message))
    return grant


def _log(
    *, user, resource, grant, action, amount=0, unit="行", ip=None, user_agent="", detail=""
) -> AccessLog:
    return AccessLog.objects.create(
        user=user,
        resource=resource,
        grant=grant,
        action=action,
        amount=amount,
        unit=unit,
        ip=ip,
        user_agent=(user_agent or "")[:300],
        detail=detail[:300],
    )


def resource_rows(resource: DataResource):
    if resource.source == DataResource.Source.DATASET:
        return datasets.DATASETS[resource.dataset].rows(resource)
    return None, None


def resource_files(resource: DataResource):
    return Attachment.objects.alive().of(resource).filter(kind=RESOURCE_FILE_KIND).order_by("-uploaded_at")


def resource_view(*, resource: DataResource, acting_user, ip=None, user_agent: str = ""):
    """Open a resource's data on the page: authorized, then logged (who, what, when, how much, from where)."""
    grant = access_authorize(user=acting_user, resource=resource)
    headers, rows = resource_rows(resource)
    amount = len(rows) if rows is not None else resource_files(resource).count()
    _log(
        user=acting_user,
        resource=resource,
        grant=grant,
        action=AccessLog.Action.VIEW,
        amount=amount,
        unit="行" if rows is not None else "个文件",
        ip=ip,
        user_agent=user_agent,
    )
    return grant, headers, rows


def resource_export(
    *,
    resource: DataResource,
    acting_user,
    fmt: str = "xlsx",
    attachment: Attachment | None = None,
    ip=None,
    user_agent: str = "",
) -> tuple[str, bytes, str, ExportTrace]:
    """Hand out the resource's data as a traceable file: (filename, bytes, content type, trace)."""
    grant = access_authorize(user=acting_user, resource=resource, export=True)
    now = timezone.now()
    code = f"DG{timezone.localtime(now):%Y%m%d}-{uuid.uuid4().hex[:8].upper()}"
    who = f"{acting_user.display_name or acting_user.get_username()}（{acting_user.get_username()}）"
    mark = tracing.Mark(
        who=who,
        grant=grant.number if grant else "无（卫健委本级）",
        at=f"{timezone.localtime(now):%Y-%m-%d %H:%M}",
        code=code,
        resource=str(resource),
    )
    # the file's notice is the third-party clause: no transfer, publication or disclosure without
    # the commission's consent (九龙坡 第十六条（三）, 济南 第十五条)
    article = _strict_article(resource, "data.third_party_requires_consent")
    if resource.source == DataResource.Source.DATASET:
        headers, rows = resource_rows(resource)
        amount, unit = len(rows), "行"
        if fmt == "pdf":
            data = tracing.watermark_pdf(tracing.pdf_from_rows(str(resource), headers, rows), mark)
        else:
            fmt, data = "xlsx", tracing.traced_xlsx(mark=mark, headers=headers, rows=rows, article=article)
    else:
        files = resource_files(resource)
        attachment = files.filter(pk=attachment.pk).first() if attachment else files.first()
        if attachment is None:
            raise InvalidInput(codes.NO_DATA, "该数据资源尚无可导出的文件。")
        with attachment.file.open("rb") as handle:
            source = handle.read()
        if source.startswith(b"%PDF"):
            fmt, data = "pdf", tracing.watermark_pdf(source, mark)
        elif attachment.original_name.lower().endswith(".xlsx"):
            fmt, data = "xlsx", tracing.traced_xlsx(mark=mark, source=source, article=article)
        else:
            raise InvalidInput(codes.UNSUPPORTED_FILE, "只有 Excel（.xlsx）和 PDF 文件可以加注留痕后导出。")
        amount, unit = len(data), "字节"
    filename = f"{resource.code}-{code}.{fmt}"
    with transaction.atomic():
        access = _log(
            user=acting_user,
            resource=resource,
            grant=grant,
            action=AccessLog.Action.EXPORT,
            amount=amount,
            unit=unit,
            ip=ip,
            user_agent=user_agent,
            detail=f"留痕{code}",
        )
        trace = ExportTrace.objects.create(
            code=code,
            sha256=tracing.sha256(data),
            user=acting_user,
            resource=resource,
            grant=grant,
            access=access,
            format=fmt,
            filename=filename,
            size=len(data),
            mark=mark.line[:300],
        )
    content_type = (
        "application/pdf"
        if fmt == "pdf"
        else "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
    )
    return filename, data, content_type, trace


def trace_lookup(*, user, sha256: str = "", data: bytes | None = None):
    """The exports whose file has this hash (or these bytes), within what ``user`` may see."""
    if data is not None:
        sha256 = tracing.sha256(data)
    sha256 = (sha256 or "").strip().lower()
    if len(sha256) != 64 or any(c not in "0123456789abcdef" for c in sha256):
        raise InvalidInput("dg_bad_hash", "请上传文件，或粘贴 64 位十六进制的 SHA-256 值。")
    return sha256, ExportTrace.objects.for_user(user).filter(sha256=sha256).select_related(
        "user", "grant", "resource", "grant__centre"
    )


# --- publication review ------------------------------------------------------------------------


@transaction.atomic
def publication_create(
    *,
    centre,
    acting_user,
    kind: str,
    title: str,
    first_unit: str,
    data_source: str,
    venue: str = "",
    grant: Grant | None = None,
) -> PublicationReview:
    require(
        policies.may_request(acting_user, centre), "只有质控中心挂靠单位人员或负责人可以提交成果发布审核。"
    )
    if not title.strip() or not first_unit.strip() or not data_source.strip():
        raise InvalidInput("dg_publication_incomplete", "请填写题目、第一单位和数据来源。")
    if grant is not None and grant.centre_id != centre.pk:
        raise InvalidInput("dg_grant_other_centre", "所用数据的授权须为本质控中心的授权。")
    review = PublicationReview.objects.create(
        centre=centre,
        kind=kind,
        title=title.strip(),
        venue=venue.strip(),
        first_unit=first_unit.strip(),
        data_source=data_source.strip(),
        grant=grant,
        submitted_by=acting_user,
    )
    ruleset = ruleset_for(review)
    for key in PUBLICATION_CHECKS:
        param = _rule(ruleset, key)
        if param:
            # the regulation's words, as an item of its own: “并使用质控中心作为第一单位” reads
            # “使用质控中心作为第一单位” on the checklist (the article is kept beside it)
            label = param.text.removeprefix("并")
            PublicationCheck.objects.create(review=review, code=key, label=label, article=param.article)
    timeline_add(review, kind="created", title="填写成果发布审核", actor=acting_user)
    return review


def manuscript(review: PublicationReview) -> Attachment | None:
    return Attachment.objects.alive().of(review).filter(kind=MANUSCRIPT_KIND).order_by("-uploaded_at").first()


def _directory_names(review) -> list[str]:
    from directory.models import Person

    return list(Person.objects.values_list("name", flat=True))


@transaction.atomic
def publication_manuscript_upload(*, review: PublicationReview, file, acting_user) -> PublicationReview:
    """A new version of the manuscript, scanned at once; the previous scan's hits are replaced."""
    require(
        policies.may_submit_publication(acting_user, review), "只有质控中心挂靠单位人员或负责人可以上传文稿。"
    )
    if review.status in (PublicationReview.Status.APPROVED, PublicationReview.Status.REFUSED):
        raise WrongState("wrong_state", "审核已结束，文稿不能再更换。")
    attachment = attachment_store(file=file, kind=MANUSCRIPT_KIND, subject=review, acting_user=acting_user)
    publication_scan(review=review, acting_user=acting_user, attachment=attachment)
    # A new text is checked again: no item confirmed for an earlier version stands for this one.
    reset = 0
    for check in review.checks.filter(confirmed=True):
        check.confirmed, check.confirmed_by, check.confirmed_at = False, None, None
        check.save(update_fields=["confirmed", "confirmed_by", "confirmed_at"])
        reset += 1
    if reset:
        timeline_add(review, kind="checks_reset", title="文稿已更换，检查事项须重新确认", actor=acting_user)
    if review.status == PublicationReview.Status.COMMITTEE_AGREED:
        # The committee agreed to another text (第十六条（四）): it deliberates again.
        ruleset = ruleset_for(review)
        transition(review, "resubmit", message="该成果的审核状态已变化，请刷新后重试。")
        deadline_meet(subject=review, kind=DL_PUBLICATION, acting_user=acting_user)
        centre = review.centre
        deadline_open(
            kind=DL_COMMITTEE,
            title=f"成果“{review.title}”文稿已更换，待专家委员会重新审议",
            subject=review,
            due_at=_due(),
            jurisdiction=centre.jurisdiction,
            person=centre.leader,
            user=_user_of(centre.leader),
            article=_article(ruleset, "data.publication_committee_review"),
            ruleset_code=ruleset.code,
            acting_user=acting_user,
        )
        timeline_add(
            review,
            kind="resubmitted",
            title="专家委员会同意后更换了文稿，须重新经专家委员会审议",
            actor=acting_user,
            article=_article(ruleset, "data.publication_committee_review"),
        )
    return review


def publication_scan(*, review: PublicationReview, acting_user, attachment: Attachment | None = None):
    from .scan import UnreadableManuscript, scan_file

    attachment = attachment or manuscript(review)
    if attachment is None:
        raise InvalidInput(codes.MANUSCRIPT_MISSING, "请先上传文稿。")
    with attachment.file.open("rb") as handle:
        data = handle.read()
    try:
        hits = scan_file(attachment.original_name, data, _directory_names(review))
    except UnreadableManuscript as unreadable:
        raise InvalidInput(codes.MANUSCRIPT_MISSING, str(unreadable)) from None
    review.hits.all().delete()
    ScanHit.objects.bulk_create(
        [
            ScanHit(
                review=review,
                kind=h.kind,
                text=h.text[:100],
                location=h.location[:200],
                context=h.context[:300],
            )
            for h in hits
        ]
    )
    review.scanned_at, review.scanned_sha256 = timezone.now(), attachment.sha256
    PublicationReview.objects.filter(pk=review.pk).update(
        scanned_at=review.scanned_at, scanned_sha256=review.scanned_sha256
    )
    timeline_add(review, kind="scanned", title=f"个人信息扫描：{len(hits)} 处待核", actor=acting_user)
    return hits


@transaction.atomic
def publication_submit(*, review: PublicationReview, acting_user) -> PublicationReview:
    require(
        policies.may_submit_publication(acting_user, review), "只有质控中心挂靠单位人员或负责人可以提交。"
    )
    current = manuscript(review)
    if current is None:
        raise InvalidInput(codes.MANUSCRIPT_MISSING, "请先上传文稿。")
    if review.scanned_sha256 != current.sha256:
        raise InvalidInput(codes.NOT_SCANNED, "当前文稿尚未完成个人信息扫描。")
    transition(review, "submit", message="只有草稿可以提交。", extra={"submitted_at": timezone.now()})
    ruleset = ruleset_for(review)
    if committee_review_required(ruleset):
        centre = review.centre
        deadline_open(
            kind=DL_COMMITTEE,
            title=f"成果“{review.title}”待专家委员会审议",
            subject=review,
            due_at=_due(),
            jurisdiction=centre.jurisdiction,
            person=centre.leader,
            user=_user_of(centre.leader),
            article=_article(ruleset, "data.publication_committee_review"),
            ruleset_code=ruleset.code,
            acting_user=acting_user,
        )
    else:
        _open_publication_deadline(review, ruleset, acting_user)
    timeline_add(review, kind="submitted", title="提交成果发布审核", actor=acting_user)
    return review


def _open_publication_deadline(review, ruleset, acting_user):
    deadline_open(
        kind=DL_PUBLICATION,
        title=f"成果“{review.title}”待卫健委审核",
        subject=review,
        due_at=_due(),
        jurisdiction=review.centre.jurisdiction,
        article=_article(ruleset, "data.publication_commission_review", "data.publication_cite_source"),
        ruleset_code=ruleset.code,
        acting_user=acting_user,
    )


@transaction.atomic
def publication_committee_decide(
    *, review: PublicationReview, acting_user, agree: bool, meeting: str, opinion: str = ""
) -> PublicationReview:
    """事前经专家委员会审议同意 (九龙坡 第十六条（四）): the chair records the committee's decision."""
    require(policies.may_record_committee(acting_user, review), "只有主任委员可以记录专家委员会的审议结果。")
    meeting, opinion = (meeting or "").strip(), (opinion or "").strip()
    if not meeting:
        raise InvalidInput("dg_meeting_required", "请填写审议会议（时间、会议名称）。")
    if not agree and not opinion:
        raise InvalidInput(codes.REASON_REQUIRED, "不同意时请填写审议意见。")
    ruleset = ruleset_for(review)
    article = _article(ruleset, "data.publication_committee_review")
    extra = {
        "committee_decided_by": acting_user,
        "committee_decided_at": timezone.now(),
        "committee_meeting": meeting,
        "committee_opinion": opinion,
    }
    if agree:
        transition(review, "committee_agree", message="该成果不在待专家委员会审议状态。", extra=extra)
        _open_publication_deadline(review, ruleset, acting_user)
    else:
        if review.status != PublicationReview.Status.SUBMITTED:
            raise WrongState("wrong_state", "该成果不在待专家委员会审议状态。")
        transition(review, "refuse", extra={**extra, "decision_reasons": opinion})
    timeline_add(
        review,
        kind="committee",
        title=f"专家委员会{'同意' if agree else '不同意'}（{meeting}）",
        actor=acting_user,
        article=article,
    )
    deadline_meet(subject=review, kind=DL_COMMITTEE, acting_user=acting_user)
    return review


@transaction.atomic
def publication_check_confirm(
    *, review: PublicationReview, code: str, acting_user, note: str = ""
) -> PublicationCheck:
    require(policies.may_confirm_check(acting_user, review), "只有主任委员或卫健委、质控办可以确认检查事项。")
    if review.status in (PublicationReview.Status.APPROVED, PublicationReview.Status.REFUSED):
        raise WrongState("wrong_state", "审核已结束。")
    check = PublicationCheck.objects.select_for_update(of=("self",)).filter(review=review, code=code).first()
    if check is None:
        raise InvalidInput(codes.UNKNOWN_CHECK, "没有该检查事项。")
    if check.confirmed:
        raise WrongState("dg_already_confirmed", f"“{check.label}”已由{check.confirmed_by}确认。")
    check.confirmed, check.confirmed_by, check.confirmed_at, check.note = (
        True,
        acting_user,
        timezone.now(),
        note.strip(),
    )
    check.save()
    timeline_add(review, kind="check", title=f"确认：{check.label}", actor=acting_user, article=check.article)
    return check


@transaction.atomic
def publication_hit_resolve(*, hit: ScanHit, resolution: str, acting_user, note: str = "") -> ScanHit:
    review = hit.review
    require(policies.may_confirm_check(acting_user, review), "只有主任委员或卫健委、质控办可以处理扫描结果。")
    if review.status in (PublicationReview.Status.APPROVED, PublicationReview.Status.REFUSED):
        raise WrongState("wrong_state", "审核已结束。")
    if resolution not in (ScanHit.Resolution.CONFIRMED, ScanHit.Resolution.CLEARED):
        raise InvalidInput("dg_bad_resolution", "请选择“确认为个人信息”或“排除”。")
    if resolution == ScanHit.Resolution.CLEARED and not (note or "").strip():
        raise InvalidInput(codes.REASON_REQUIRED, "排除时请说明理由（如：为公开发表的作者署名）。")
    changed = ScanHit.objects.filter(pk=hit.pk, resolution=ScanHit.Resolution.OPEN).update(
        resolution=resolution,
        resolved_by=acting_user,
        resolved_at=timezone.now(),
        note=(note or "").strip()[:300],
    )
    if not changed:
        raise WrongState("dg_hit_resolved", "该命中已被处理。")
    hit.refresh_from_db()
    return hit


@transaction.atomic
def publication_decide(
    *, review: PublicationReview, acting_user, approve: bool, reasons: str = ""
) -> PublicationReview:
    """发布成果前应当经卫健委审核 (九龙坡 第十六条（四）); never before the committee where it is required."""
    require(policies.may_decide_publication(acting_user, review), "只有本级卫生健康委可以审核成果发布。")
    review = PublicationReview.objects.select_for_update().get(pk=review.pk)
    ruleset = ruleset_for(review)
    reasons = (reasons or "").strip()
    if review.status not in (PublicationReview.Status.SUBMITTED, PublicationReview.Status.COMMITTEE_AGREED):
        raise WrongState("wrong_state", "该成果不在待审核状态。")
    if committee_review_required(ruleset) and review.status != PublicationReview.Status.COMMITTEE_AGREED:
        param = ruleset.param("data.publication_committee_review")
        raise RuleRefusal(
            codes.COMMITTEE_REQUIRED, "", [breach(param, f"成果发布{param.text}，请先由专家委员会审议。")]
        )
    extra = {"decided_by": acting_user, "decided_at": timezone.now(), "decision_reasons": reasons}
    if not approve:
        if not reasons:
            raise InvalidInput(codes.REASON_REQUIRED, "不通过时请填写理由。")
        transition(review, "refuse", extra=extra)
    else:
        pending = [c for c in review.checks.all() if not c.confirmed]
        if pending:
            raise RuleRefusal(
                codes.CHECKS_PENDING,
                "",
                [
                    Violation(c.code, c.article, f"{c.article}：“{c.label}”尚未确认。", "mandatory")
                    for c in pending
                ],
            )
        current = manuscript(review)
        if current is None or current.sha256 != review.scanned_sha256:
            raise InvalidInput(
                codes.NOT_SCANNED, "当前文稿不是经过个人信息扫描的版本，请通过本页重新上传文稿。"
            )
        # de-identification is the rule the scan serves (九龙坡 第十六条（四）): its refusals cite it
        deidentified = _article(ruleset, "data.publication_deidentified")
        cite = f"{deidentified}：成果发布应当进行脱敏处理。" if deidentified else ""
        if review.hits.filter(resolution=ScanHit.Resolution.OPEN).exists():
            raise InvalidInput(codes.HITS_OPEN, f"{cite}个人信息扫描尚有待处理的命中，请逐条确认或排除。")
        if review.hits.filter(resolution=ScanHit.Resolution.CONFIRMED).exists():
            raise InvalidInput(
                codes.HITS_CONFIRMED, f"{cite}文稿中有已确认的个人信息，请脱敏后重新上传文稿再审核。"
            )
        transition(review, "approve", extra=extra)
    timeline_add(
        review,
        kind="decided",
        title=f"卫健委审核{'通过' if approve else '不通过'}" + (f"：{reasons}" if reasons else ""),
        actor=acting_user,
        article=_article(ruleset, "data.publication_commission_review", "data.publication_cite_source"),
    )
    deadline_meet(subject=review, kind=DL_PUBLICATION, acting_user=acting_user)
    return review


# --- third parties -----------------------------------------------------------------------------


@transaction.atomic
def transfer_request(
    *, centre, acting_user, recipient: str, data_description: str, purpose: str, safeguards: str, resources=()
) -> ThirdPartyTransfer:
    require(
        policies.may_request_transfer(acting_user, centre),
        "只有质控中心挂靠单位人员或负责人可以申请向第三方提供数据。",
    )
    fields = {
        "recipient": recipient,
        "data_description": data_description,
        "purpose": purpose,
        "safeguards": safeguards,
    }
    missing = [
        str(ThirdPartyTransfer._meta.get_field(k).verbose_name)
        for k, v in fields.items()
        if not (v or "").strip()
    ]
    if missing:
        raise InvalidInput(codes.TRANSFER_INCOMPLETE, "请填写：" + "、".join(missing) + "。")
    transfer = ThirdPartyTransfer.objects.create(
        centre=centre, requested_by=acting_user, **{k: v.strip() for k, v in fields.items()}
    )
    transfer.resources.set(resources)
    ruleset = ruleset_for(transfer)
    article = _article(ruleset, "data.third_party_requires_consent")
    timeline_add(
        transfer,
        kind="requested",
        title=f"申请向{transfer.recipient}提供数据",
        actor=acting_user,
        article=article,
    )
    deadline_open(
        kind=DL_TRANSFER,
        title=f"向{transfer.recipient}提供数据待卫健委审批",
        subject=transfer,
        due_at=_due(),
        jurisdiction=centre.jurisdiction,
        article=article,
        ruleset_code=ruleset.code,
        acting_user=acting_user,
    )
    return transfer


@transaction.atomic
def transfer_decide(
    *, transfer: ThirdPartyTransfer, acting_user, approve: bool, reasons: str = ""
) -> ThirdPartyTransfer:
    """未经卫健委同意不得向第三方传输、公开、披露 (九龙坡 第十六条（三）, 济南 第十五条)."""
    require(
        policies.may_decide_transfer(acting_user, transfer), "只有本级卫生健康委可以审批向第三方提供数据。"
    )
    reasons = (reasons or "").strip()
    if not reasons:
        raise InvalidInput(codes.REASON_REQUIRED, "请填写审批理由。")
    transition(
        transfer,
        "approve" if approve else "refuse",
        message="该申请已审批。",
        extra={"decided_by": acting_user, "decided_at": timezone.now(), "decision_reasons": reasons},
    )
    ruleset = ruleset_for(transfer)
    timeline_add(
        transfer,
        kind="decided",
        title=f"卫健委{'同意' if approve else '不同意'}：{reasons}",
        actor=acting_user,
        article=_article(ruleset, "data.third_party_requires_consent"),
    )
    deadline_meet(subject=transfer, kind=DL_TRANSFER, acting_user=acting_user)
    return transfer


# --- handover ----------------------------------------------------------------------------------


def handover_data_items(handover) -> list[dict]:
    """The handover's data, platform-account and permission items (rule set handover.items), with
    the grants still held by the old host's people."""
    held = list(old_host_grants(handover))
    return [
        {"code": code, **item, "grants": held}
        for code, item in handover.items.items()
        if code in HANDOVER_DATA_ITEMS
    ]


def old_host_grants(handover):
    return (
        Grant.objects.filter(centre=handover.centre, status=Grant.Status.ACTIVE, ends_on__gte=today())
        .filter(Q(users__institution=handover.from_host))
        .distinct()
    )


def handover_item_tick(*, handover, code: str, acting_user, note: str = ""):
    """Tick a data item of the centres handover checklist, through the centres' own service."""
    from centres.services.lifecycle import handover_item_update

    require(
        policies.is_staff_of(acting_user, handover.from_host)
        or policies.is_staff_of(acting_user, handover.to_host),
        "只有原、新挂靠单位可以勾选交接事项。",
    )
    if code not in HANDOVER_DATA_ITEMS or code not in handover.items:
        raise InvalidInput(codes.NO_HANDOVER_ITEM, "该事项不是交接清单中的数据、账号或权限事项。")
    grants = ", ".join(g.number for g in old_host_grants(handover))
    note = (note or "").strip() or (
        f"原挂靠单位人员的数据授权（{grants}）将于交接完成时终止" if grants else "已在数据治理中核对"
    )
    return handover_item_update(handover=handover, code=code, done=True, note=note, acting_user=acting_user)


@transaction.atomic
def grants_end_for_handover(*, handover, acting_user) -> list[Grant]:
    """At the handover's completion the grants naming the old host's people end (revoked, with the
    handover as reason). Centres calls this when the third signature completes the handover."""
    if handover.status != "signed":
        raise WrongState("dg_handover_open", "交接尚未完成。")
    ended = []
    for grant in Grant.objects.filter(
        centre=handover.centre, status=Grant.Status.ACTIVE, users__institution=handover.from_host
    ).distinct():
        ended.append(
            _revoke(
                grant,
                acting_user,
                f"挂靠单位交接完成（{handover.from_host} → {handover.to_host}），原挂靠单位人员的授权终止",
            )
        )
    return ended


def pending_deadlines(subject) -> list[Deadline]:
    from django.contrib.contenttypes.models import ContentType

    return list(
        Deadline.objects.pending().filter(
            content_type=ContentType.objects.get_for_model(subject), object_id=subject.pk
        )
    )
