"""What the centres app adds to the platform (core.platform): its official documents, the
application deadline, the attachment kinds its rule sets require of an application, and the 待办 of
its users. Its pages and API routes are still mounted in qc_admin/urls.py and its menu entry is in
core/navigation.py; its exports are found by exports' autodiscovery (centres/export_specs.py); its
demo is called by demo's seed_demo."""

from __future__ import annotations

from datetime import timedelta

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


def _todo_providers():
    from . import todos

    return [todos.centre_todos, todos.lifecycle_todos]


PLATFORM = AppPlatform(
    app="centres",
    document_types=_document_types,
    deadline_kinds=_deadline_kinds,
    attachment_kinds=_attachment_kinds,
    todo_providers=_todo_providers,
)
