"""The home page's 待办 list. Each app registers a provider that returns what a user has to do;
the home page shows them together, soonest first."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

from django.utils.translation import gettext_lazy

_providers = []


@dataclass(frozen=True)
class Todo:
    title: str
    url: str
    due: date | None = None
    article: str = ""
    area: str = ""
    action: str = gettext_lazy("去办理")  # the button of the row: what the user does there


def todo_provider(fn):
    _providers.append(fn)
    return fn


def todos_for(user) -> list[Todo]:
    items = [todo for provider in _providers for todo in provider(user)]
    return sorted(items, key=lambda t: (t.due is None, t.due or date.max, t.title))
