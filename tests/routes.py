"""Every route of the URLconf as data, for tests that must cover routes not written yet."""

from __future__ import annotations

import re
from dataclasses import dataclass

from django.urls import URLPattern, URLResolver, get_resolver
from django.urls.resolvers import RegexPattern, RoutePattern

_ROUTE_PARAM = re.compile(r"<(?:(?P<converter>[^>:]+):)?(?P<name>[^>]+)>")
_REGEX_GROUP = re.compile(r"\(\?P<(?P<name>\w+)>(?:[^()]|\([^()]*\))*\)")


@dataclass(frozen=True)
class Route:
    template: str  # "/centres/<pk>/" — each parameter as <name>
    name: str  # namespaced url name, or "" if unnamed
    params: tuple[str, ...]
    callback: object

    def fill(self, **values) -> str:
        url = self.template
        for param in self.params:
            url = url.replace(f"<{param}>", str(values.get(param, values.get("*", "1"))))
        return url


def _pattern_text(pattern) -> tuple[str, list[str]]:
    if isinstance(pattern, RoutePattern):
        text = str(pattern)
        names = [m["name"] for m in _ROUTE_PARAM.finditer(text)]
        return _ROUTE_PARAM.sub(lambda m: f"<{m['name']}>", text), names
    if isinstance(pattern, RegexPattern):
        text = pattern._regex
        names = [m["name"] for m in _REGEX_GROUP.finditer(text)]
        text = _REGEX_GROUP.sub(lambda m: f"<{m['name']}>", text)
        text = text.lstrip("^").rstrip("$").replace("\\.", ".").replace("/?", "/")
        return text, names
    raise TypeError(pattern)


def all_routes(resolver=None, prefix: str = "/", namespace: str = "") -> list[Route]:
    """Each URL pattern once, without DRF's ``.json`` format-suffix twins or the admin site."""
    resolver = resolver or get_resolver()
    routes = []
    for entry in resolver.url_patterns:
        text, names = _pattern_text(entry.pattern)
        if isinstance(entry, URLResolver):
            if text.startswith("admin/"):
                continue  # Django's own admin: its own tests; reachable by the sysadmin only
            ns = f"{namespace}{entry.namespace}:" if entry.namespace else namespace
            for sub in all_routes(entry, prefix + text, ns):
                routes.append(Route(sub.template, sub.name, tuple(names) + sub.params, sub.callback))
        elif isinstance(entry, URLPattern):
            if "format" in names:
                continue
            name = f"{namespace}{entry.name}" if entry.name else ""
            routes.append(Route(prefix + text, name, tuple(names), entry.callback))
    return routes
