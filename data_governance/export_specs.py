"""The Excel lists of data governance: requests, grants and the access log (exports.registry)."""

from __future__ import annotations

from core.lists import filtered, labels_of
from exports.registry import Column, ExportSpec

from . import selectors
from .filters import AccessLogFilter, GrantFilter, RequestFilter


def _names(items) -> str:
    return "、".join(str(i) for i in items)


SPECS = [
    ExportSpec(
        code="data_use_requests",
        title="数据使用申请",
        queryset=lambda user, filters: filtered(RequestFilter, selectors.request_list)(
            user, filters
        ).prefetch_related("users", "resources"),
        columns=[
            Column("编号", "pk", kind="int", width=8),
            Column("质控中心", "centre.name", width=30),
            Column("用途类别", "get_purpose_category_display", width=18),
            Column("具体用途", "purpose", width=40),
            Column("起始日", "starts_on", kind="date"),
            Column("截止日", "ends_on", kind="date"),
            Column("数据资源", lambda r: _names(r.resources.all()), width=40),
            Column("使用人员", lambda r: _names(r.users.all()), width=30),
            Column("状态", "get_status_display", width=18),
            Column("审批理由", "decision_reasons", width=30),
            Column("用途判断", "qc_purpose_judgement", width=30),
            Column("提交时间", "submitted_at", kind="datetime"),
            Column("审批时间", "decided_at", kind="datetime"),
        ],
        filter_labels=labels_of(RequestFilter),
    ),
    ExportSpec(
        code="data_grants",
        title="数据使用授权",
        queryset=filtered(GrantFilter, selectors.grant_list),
        columns=[
            Column("授权编号", "number", width=18),
            Column("质控中心", "centre.name", width=30),
            Column("数据资源", lambda g: _names(g.resources.all()), width=40),
            Column("授权人员", lambda g: _names(g.users.all()), width=30),
            Column("起始日", "starts_on", kind="date"),
            Column("截止日", "ends_on", kind="date"),
            Column("状态", "get_status_display"),
            Column("撤销时间", "revoked_at", kind="datetime"),
            Column("撤销理由", "revoke_reason", width=30),
        ],
        filter_labels=labels_of(GrantFilter),
    ),
    ExportSpec(
        code="data_access_log",
        title="数据访问日志",
        queryset=filtered(AccessLogFilter, selectors.access_log),
        columns=[
            Column("时间", "at", kind="datetime"),
            Column("访问人", "user", width=20),
            Column("账号", "user.username", width=16),
            Column("数据资源", "resource", width=30),
            Column("授权编号", "grant.number", width=18),
            Column("方式", "get_action_display"),
            Column("数量", "amount", kind="int"),
            Column("单位", "unit", width=8),
            Column("来源地址", "ip"),
            Column("客户端", "user_agent", width=30),
            Column("说明", "detail", width=24),
        ],
        filter_labels=labels_of(AccessLogFilter),
    ),
]
