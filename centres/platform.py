"""The centres app's one registration point (core.platform, docs/new-workflow-app.md §7): its pages
(/centres/ and the public /notices/), its API routes, its menu entries, its official documents, the
application deadline, the attachment kinds its rule sets require of an application, the 待办 of its
users, its Excel lists and its demo."""

from __future__ import annotations

from datetime import timedelta

from django.utils.translation import gettext_noop as _

from accounts.models import Role
from core.navigation import ALL, NavItem
from core.platform import AppPlatform


def _attachment_kinds():
    """The attachments a rule set asks of an application (九龙坡 第七条（三）, 济南 第七条), with the
    regulation's own labels: kinds of centres.application."""
    from attachments.kinds import AttachmentKind
    from rulesets.registry import all_rulesets

    out = {}
    for ruleset in all_rulesets().values():
        for key in ("application.required_attachments", "application.optional_attachments"):
            for item in ruleset.value(key) if ruleset.has(key) else ():
                out.setdefault(
                    item.code, AttachmentKind(item.code, item.label, subject_models=("centres.application",))
                )
    return list(out.values())


def _deadline_kinds():
    from deadlines.kinds import DeadlineKind

    return [
        DeadlineKind("application.close", "申报截止", remind_before=(timedelta(days=3),), area="质控中心")
    ]


def _document_types():
    from . import documents

    return documents.TYPES


def _export_specs():
    from . import export_specs

    return export_specs.SPECS


def _demo(stdout=None):
    from .demo import seed_centres

    return seed_centres(stdout=stdout)


def _todo_providers():
    from . import todos

    return [todos.centre_todos, todos.lifecycle_todos]


API = "centres.api"

PLATFORM = AppPlatform(
    app="centres",
    urls="centres.site_urls",  # /centres/… (namespace centres) and the public /notices/
    url_prefix="",
    api_routes=[
        ("centres", f"{API}.selection.CentreViewSet", "centre"),
        ("selection-calls", f"{API}.selection.CallViewSet", "selection-call"),
        ("centre-applications", f"{API}.selection.ApplicationViewSet", "centre-application"),
        ("panel-members", f"{API}.selection.PanelMemberViewSet", "panel-member"),
        ("review-scores", f"{API}.selection.ScoreViewSet", "review-score"),
        ("public-notices", f"{API}.selection.PublicNoticeViewSet", "public-notice"),
        ("objections", f"{API}.selection.ObjectionViewSet", "objection"),
        ("leader-changes", f"{API}.lifecycle.LeaderChangeViewSet", "leader-change"),
        ("handovers", f"{API}.lifecycle.HandoverViewSet", "handover"),
    ],
    nav=[
        NavItem(_("质控中心"), "centres:list", ALL - {Role.EXPERT}, _("质控中心")),
        NavItem(_("公示"), "public_notices", ALL, _("质控中心")),
    ],
    document_types=_document_types,
    deadline_kinds=_deadline_kinds,
    attachment_kinds=_attachment_kinds,
    todo_providers=_todo_providers,
    export_specs=_export_specs,
    demo=_demo,  # the first workflow demo (INSTALLED_APPS order): the others build on its centres
)
