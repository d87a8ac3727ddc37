"""One registration point per app: ``<app>/platform.py`` declares what the app adds to the platform,
and ``core`` finds it at start-up (``autodiscover``, called from ``CoreConfig.ready``). An app
never edits another app's registry, the root URLconf or the menu::

    # experts/platform.py
    from core.navigation import NavItem, STAFF
    from core.platform import AppPlatform
    from deadlines.kinds import DeadlineKind

    PLATFORM = AppPlatform(
        app="experts",
        urls="experts.urls", url_prefix="experts/",                 # mounted at /experts/
        api_routes=[("committees", "experts.api.CommitteeViewSet", "committee")],   # /api/v1/committees/
        nav=[NavItem("专家委员会", "experts:committee_list", STAFF, "专家")],
        deadline_kinds=[DeadlineKind("duty_hours.year_end", "年度履职时长", area="专家")],
        attachment_kinds=[AttachmentKind("meeting_minutes", "会议纪要", subject_models=("experts.meeting",))],
        document_types=lambda: documents.TYPES,        # a callable where building them needs the app
        todo_providers=[todos.expert_todos],
        export_specs=lambda: export_specs.SPECS,
        demo=demo.seed_experts,                         # called by manage.py seed_demo after centres
    )

Each list may be given as a callable returning it, evaluated once at start-up after every app's
models are loaded (for declarations that import the app's own modules).
"""

from __future__ import annotations

from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from typing import Any

Declared = Iterable[Any] | Callable[[], Iterable[Any]]


@dataclass(frozen=True)
class AppPlatform:
    app: str
    urls: str = ""  # dotted URLconf module of the app's pages
    url_prefix: str = ""  # where they are mounted ("experts/")
    api_routes: Declared = ()  # (prefix, "dotted.ViewSet", basename) under /api/v1/
    nav: Declared = ()  # core.navigation.NavItem
    document_types: Declared = ()  # documents.types.DocumentType
    deadline_kinds: Declared = ()  # deadlines.kinds.DeadlineKind
    attachment_kinds: Declared = ()  # attachments.kinds.AttachmentKind
    todo_providers: Declared = ()  # callables user -> [core.todos.Todo]
    export_specs: Declared = ()  # exports.registry.ExportSpec
    demo: Callable[..., Any] | None = None  # demo(stdout=…): the app's demo records, idempotent
    extra: dict = field(default_factory=dict)


_platforms: dict[str, AppPlatform] = {}


def _items(declared: Declared) -> list:
    return list(declared() if callable(declared) else declared)


def install(platform: AppPlatform) -> AppPlatform:
    """Register everything ``platform`` declares with the platform's registries."""
    from attachments import kinds as attachment_kinds
    from deadlines import kinds as deadline_kinds
    from documents.types import register as register_document_type
    from exports.registry import register as register_export

    from . import todos

    if platform.app in _platforms:
        return _platforms[platform.app]
    for kind in _items(platform.deadline_kinds):
        deadline_kinds.register(kind)
    for kind in _items(platform.attachment_kinds):
        attachment_kinds.register(kind)
    for doc_type in _items(platform.document_types):
        register_document_type(doc_type)
    for spec in _items(platform.export_specs):
        register_export(spec)
    for provider in _items(platform.todo_providers):
        todos.todo_provider(provider)
    resolved = AppPlatform(
        app=platform.app,
        urls=platform.urls,
        url_prefix=platform.url_prefix,
        api_routes=tuple(_items(platform.api_routes)),
        nav=tuple(_items(platform.nav)),
        demo=platform.demo,
        extra=platform.extra,
    )
    _platforms[platform.app] = resolved
    return resolved


def autodiscover() -> None:
    """Import every installed app's ``platform`` module and install its ``PLATFORM``."""
    from importlib import import_module

    from django.apps import apps
    from django.utils.module_loading import module_has_submodule

    for config in apps.get_app_configs():
        if module_has_submodule(config.module, "platform"):
            declared = getattr(import_module(f"{config.name}.platform"), "PLATFORM", None)
            if declared is not None:
                install(declared)


def platforms() -> list[AppPlatform]:
    return list(_platforms.values())


def api_routes() -> list[tuple[str, Any, str]]:
    """Every app's API routes, the viewset imported: for the root URLconf's router."""
    from django.utils.module_loading import import_string

    return [
        (prefix, import_string(viewset) if isinstance(viewset, str) else viewset, basename)
        for p in platforms()
        for prefix, viewset, basename in p.api_routes
    ]


def url_patterns() -> list:
    """Every app's pages, mounted at its prefix: for the root URLconf."""
    from django.urls import include, path

    return [path(p.url_prefix, include(p.urls)) for p in platforms() if p.urls]


def nav_items() -> list:
    return [item for p in platforms() for item in p.nav]
