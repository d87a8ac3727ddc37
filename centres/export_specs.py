"""The centres' lists in Excel (docs/exports.md), declared through centres/platform.py: centres,
calls, applications with their review totals, and hosting terms. Each reads through the same scoped
querysets as the pages and the API; the engine never sees a row the user could not open."""

from __future__ import annotations

from decimal import Decimal

from django.db.models import OuterRef, Prefetch, Subquery

from accounts.models import Role
from core.lists import filtered, labels_of
from exports.registry import Column, ExportSpec

from . import selectors
from .filters import ApplicationFilter, CallFilter, CentreFilter, TermFilter
from .models import HostingTerm, ReviewScore

# Review scores go to those who oversee the selection or audit it, never to applicants or to
# other reviewers (the ranking is the office's working view, centres/api/selection.py).
SCORE_ROLES = {Role.COMMISSION, Role.QC_OFFICE, Role.AUDITOR, Role.SYSADMIN}


def _active_term(field: str):
    return Subquery(
        HostingTerm.objects.filter(centre=OuterRef("pk"), status=HostingTerm.Status.ACTIVE).values(field)[:1]
    )


def centre_rows(*, user):
    return selectors.centre_list(user=user).annotate(
        term_starts_on=_active_term("starts_on"), term_ends_on=_active_term("ends_on")
    )


CENTRES = ExportSpec(
    code="centres",
    title="质控中心名录",
    queryset=filtered(CentreFilter, centre_rows),
    columns=[
        Column("中心名称", "name", width=36),
        Column("行政区划", "jurisdiction.name", width=14),
        Column("类型", "get_body_kind_display", width=14),
        Column("专业", "specialty.name", width=14),
        Column("工作方向", "specialty.work_direction", width=14),
        Column("状态", "get_status_display", width=10),
        Column("挂靠单位", "host.name", width=30),
        Column("负责人", "leader.name", width=10),
        Column("本周期起始日", "term_starts_on", kind="date", width=14),
        Column("本周期届满日", "term_ends_on", kind="date", width=14),
        Column("设置时间", "created_at", kind="datetime", width=18),
    ],
    filter_labels=labels_of(CentreFilter),
)


def call_rows(*, user):
    qs = selectors.call_list(user=user).select_related(
        "selected_application__institution", "selected_application__proposed_leader"
    )
    return qs.order_by("-published_at", "-pk")  # the aggregate drops Meta.ordering


CALLS = ExportSpec(
    code="centre_calls",
    title="挂靠单位遴选公告",
    queryset=filtered(CallFilter, call_rows),
    columns=[
        Column("标题", "title", width=40),
        Column("质控中心", "centre.name", width=36),
        Column("行政区划", "centre.jurisdiction.name", width=14),
        Column("方式", "get_method_display", width=10),
        Column("状态", "get_status_display", width=12),
        Column("发布时间", "published_at", kind="datetime", width=18),
        Column("申报截止时间", "application_deadline", kind="datetime", width=18),
        Column("申请数", "application_count", kind="int", width=8),
        Column("择优确定挂靠单位", "selected_application.institution.name", width=30),
        Column("择优确定负责人", "selected_application.proposed_leader.name", width=12),
        Column("适用规则集", "ruleset_code", width=22),
    ],
    filter_labels=labels_of(CallFilter),
)


def score_total(application) -> Decimal | None:
    """As centres.services.selection.ranking: over the criteria, the sum of the non-recused reviewers'
    averages. None where the user may not see scores or nobody has scored."""
    rows = getattr(application, "counted_scores", None)
    if not rows:
        return None
    by_criterion: dict[str, list[Decimal]] = {}
    for row in rows:
        by_criterion.setdefault(row.criterion, []).append(row.score)
    total = sum((sum(scores) / len(scores) for scores in by_criterion.values()), Decimal(0))
    return total.quantize(Decimal("0.01"))


def application_rows(*, user):
    qs = selectors.application_list(user=user).select_related("call__centre__jurisdiction")
    if user.is_sysadmin or user.role in SCORE_ROLES:
        # one more query per chunk of rows, not one per row
        qs = qs.prefetch_related(
            Prefetch(
                "scores",
                to_attr="counted_scores",
                queryset=ReviewScore.objects.filter(panel_member__recused=False),
            )
        )
    return qs


APPLICATIONS = ExportSpec(
    code="centre_applications",
    title="挂靠单位申请及评审得分",
    queryset=filtered(ApplicationFilter, application_rows),
    columns=[
        Column("遴选公告", "call.title", width=40),
        Column("质控中心", "call.centre.name", width=36),
        Column("行政区划", "call.centre.jurisdiction.name", width=14),
        Column("申请单位", "institution.name", width=30),
        Column("单位等级", "institution.get_grade_display", width=10),
        Column("拟任负责人", "proposed_leader.name", width=12),
        Column("状态", "get_status_display", width=10),
        Column("版本", "version", kind="int", width=6),
        Column("提交时间", "submitted_at", kind="datetime", width=18),
        Column("评审总分", score_total, kind="decimal", width=10),
    ],
    filter_labels=labels_of(ApplicationFilter),
)


def term_rows(*, user):
    return selectors.term_list(user=user).order_by("centre__jurisdiction__path", "centre__name", "-starts_on")


TERMS = ExportSpec(
    code="centre_terms",
    title="质控中心挂靠周期",
    queryset=filtered(TermFilter, term_rows),
    columns=[
        Column("质控中心", "centre.name", width=36),
        Column("行政区划", "centre.jurisdiction.name", width=14),
        Column("第几周期", "number", kind="int", width=8),
        Column("挂靠单位", "host.name", width=30),
        Column("负责人", "leader.name", width=10),
        Column("起始日", "starts_on", kind="date", width=12),
        Column("届满日", "ends_on", kind="date", width=12),
        Column("状态", "get_status_display", width=10),
    ],
    filter_labels=labels_of(TermFilter),
)

# declared to the platform by centres/platform.py
SPECS = [CENTRES, CALLS, APPLICATIONS, TERMS]
