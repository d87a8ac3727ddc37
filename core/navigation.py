"""The left navigation per role: an item appears only for roles that can use it (the views
check again: hiding a link is never the protection)."""

from __future__ import annotations

from dataclasses import dataclass

from django.utils.translation import gettext_noop as _

from accounts.models import Role

ALL = frozenset(Role)
STAFF = frozenset({Role.COMMISSION, Role.QC_OFFICE, Role.DISTRICT_REVIEWER, Role.AUDITOR, Role.SYSADMIN})


@dataclass(frozen=True)
class NavItem:
    label: str
    url_name: str
    roles: frozenset
    section: str


NAV = [
    NavItem(_("工作台"), "home", ALL, _("工作台")),
    NavItem(_("行政区划"), "directory:jurisdiction_list", STAFF, _("机构与人员")),
    NavItem(_("医疗机构"), "directory:institution_list", ALL - {Role.EXPERT}, _("机构与人员")),
    NavItem(_("人员"), "directory:person_list", ALL - {Role.EXPERT}, _("机构与人员")),
    NavItem(_("我的专家档案"), "directory:profile", frozenset({Role.EXPERT}), _("机构与人员")),
    NavItem(_("发文登记"), "documents:list", STAFF, _("公文")),
    NavItem(_("我的期限"), "deadlines:mine", ALL, _("期限")),
    NavItem(_("辖区期限"), "deadlines:list", STAFF, _("期限")),
    NavItem(_("消息"), "deadlines:inbox", ALL, _("期限")),
    NavItem(_("规则集"), "rulesets:list", ALL, _("规则")),
    NavItem(_("安全审计"), "audit:security_events", frozenset({Role.AUDITOR, Role.SYSADMIN}), _("审计")),
    NavItem(_("登录锁定"), "lockouts", frozenset({Role.AUDITOR, Role.SYSADMIN}), _("审计")),
    NavItem(_("两步验证"), "otp_users", frozenset({Role.SYSADMIN}), _("审计")),
    NavItem(_("工作日计算"), "workdays:calculator", ALL, _("工具")),
    NavItem(_("我的导出"), "exports:job_list", ALL, _("工具")),
    NavItem(
        _("接口文档"), "api-docs", frozenset({Role.SYSADMIN, Role.COMMISSION, Role.QC_OFFICE}), _("系统")
    ),
]


# Where a section stands in the menu; an app's new section (core.platform) goes after the
# workflows already there.
SECTION_ORDER = [_("工作台"), _("质控中心")]


def nav_for(user) -> list[tuple[str, list[NavItem]]]:
    from core.platform import nav_items

    role = Role.SYSADMIN if user.is_superuser else user.role
    sections: dict[str, list[NavItem]] = {}
    for item in NAV + nav_items():
        if role in item.roles:
            sections.setdefault(item.section, []).append(item)
    static = {item.section for item in NAV}
    order = {
        name: i
        for i, name in enumerate(
            dict.fromkeys(
                [
                    *SECTION_ORDER,
                    *(i.section for i in nav_items() if i.section not in static),
                    *(i.section for i in NAV),
                ]
            )
        )
    }
    return sorted(sections.items(), key=lambda kv: order[kv[0]])
