"""The kinds of deadline and their lead times. A workflow registers the kinds it opens; the sweep
reads the lead times from here, so a reminder schedule is changed in one place.

A lead time in ``remind_before`` counts whole days against the due *date* (Asia/Shanghai): a
reminder ``timedelta(days=7)`` goes out from 00:00 on the seventh day before the due date, so a
deadline due at 23:59:59 on 10 March is reminded from 3 March 00:00, not at 23:59:59 on 3 March.
A lead time shorter than a day counts back from ``due_at`` itself."""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import timedelta


@dataclass(frozen=True)
class DeadlineKind:
    code: str
    label: str
    remind_before: tuple[timedelta, ...] = field(default=(timedelta(days=7), timedelta(days=1)))
    escalate_after: timedelta = timedelta(0)
    area: str = "期限"

    def __post_init__(self):
        # Longest lead first, so the sweep can take the tightest stage already reached.
        object.__setattr__(self, "remind_before", tuple(sorted(self.remind_before, reverse=True)))
        if any(td <= timedelta(0) for td in self.remind_before) or self.escalate_after < timedelta(0):
            raise ValueError(f"期限类型 {self.code}: 提醒提前量须为正，升级延后量不得为负。")


class UnknownKind(LookupError):
    code = "deadline_kind_unknown"


_kinds: dict[str, DeadlineKind] = {}


def register(kind: DeadlineKind) -> DeadlineKind:
    existing = _kinds.get(kind.code)
    if existing is not None and existing != kind:
        raise ValueError(f"期限类型 {kind.code} 已以不同的设置登记。")
    _kinds[kind.code] = kind
    return kind


def get(code: str) -> DeadlineKind:
    try:
        return _kinds[code]
    except KeyError:
        raise UnknownKind(f"未登记的期限类型：{code}") from None


def all_kinds() -> list[DeadlineKind]:
    return sorted(_kinds.values(), key=lambda k: k.code)


def choices() -> list[tuple[str, str]]:
    return [(k.code, k.label) for k in all_kinds()]


def max_lead() -> timedelta:
    """The longest lead time of any kind (plus the day-rounding of day-based leads)."""
    leads = [td for k in _kinds.values() for td in k.remind_before]
    return max(leads, default=timedelta(0)) + timedelta(days=1)


D = timedelta

# The generic kinds the workflows use. Lead times follow what each obligation needs: a notice of
# five working days is reminded the day before it closes; a four-year term a quarter ahead.
register(DeadlineKind("notice.close", "公示期结束", remind_before=(D(days=1),), area="公示"))
register(DeadlineKind("chair.replacement", "主任委员更换（一个月内）", area="专家委员会"))
register(
    DeadlineKind(
        "handover", "挂靠单位交接", remind_before=(D(days=14), D(days=3), D(days=1)), area="质控中心"
    )
)
register(
    DeadlineKind(
        "annual_plan", "年度工作计划报送", remind_before=(D(days=30), D(days=7), D(days=1)), area="质控中心"
    )
)
register(
    DeadlineKind(
        "rectification", "整改期限", remind_before=(D(days=30), D(days=7), D(days=1)), area="考核评估"
    )
)
register(
    DeadlineKind("term.end", "任期届满", remind_before=(D(days=90), D(days=30), D(days=7)), area="质控中心")
)
register(
    DeadlineKind("grant.expiry", "数据使用授权到期", remind_before=(D(days=7), D(days=1)), area="数据治理")
)
register(
    DeadlineKind(
        "setting.missing", "规章留待卫健委确定的设置", remind_before=(D(days=7), D(days=1)), area="规则"
    )
)
