"""The security audit as an Excel export for auditors and the system administrator (等保 2.0
8.1.4.3 安全审计 c: 审计记录应受到保护并可导出分析): the page's filters, the page's scope."""

from core.lists import filtered, labels_of
from exports.registry import Column, ExportSpec

from .filters import SecurityEventFilter
from .models import SecurityEvent
from .selectors import security_event_list

SECURITY_EVENTS = ExportSpec(
    code="security_events",
    title="安全审计记录",
    queryset=filtered(SecurityEventFilter, security_event_list),
    columns=[
        Column("时间", "at", kind="datetime", width=20),
        Column("事件", "get_kind_display", width=14),
        Column("用户名", "username", width=18),
        Column("IP地址", "ip", width=16),
        Column("地址", "path", width=40),
        Column("详情", lambda e: ", ".join(f"{k}={v}" for k, v in (e.detail or {}).items()), width=50),
    ],
    filter_labels=labels_of(SecurityEventFilter, kind=SecurityEvent.Kind.choices),
)

SPECS = [SECURITY_EVENTS]
