"""Who gets what on every route: each app declares it in ``<app>/access.py`` beside its urls, and
``tests/test_role_matrix.py`` checks every route of the URLconf (pages, and the API's operations from
the OpenAPI schema) against the declaration. A route with no declaration fails that test, so a
route added tomorrow is covered the day it lands (issue 15; ASVS 5.0 V8; 等保 2.0 访问控制).

A declaration is the route's row of the matrix, one cell per kind of user (``KINDS``)::

    # experts/access.py
    from core.access import Route

    ACCESS = {
        #                       the <pk> names a…   the right user      anon  hosp juris expert audit right
        "experts:committee_detail": Route("experts.Committee", "jlp_commission",
                                          get="login 404 404 404 200 200",
                                          post="login 404 404 404 403 -"),
    }

The kinds are an anonymous visitor, a user of another hospital, a user of another jurisdiction, an
expert, an auditor and the right user. Each cell is the status code expected (``login`` = sent to
the login page on the web, 401 on the API; ``-`` = not checked here). ``get`` is checked with GET;
``post`` with every unsafe method of the route (POST on a page — and PUT, PATCH, DELETE for the
auditor; on the API each method the OpenAPI schema lists). The right user's writes are the app's
own tests (they change the record); the matrix checks everyone else's.

The users are picked from the demo world relative to the right user (``users_for``): the same role
in another jurisdiction; a hospital user of a hospital that is not the right user's; an expert
(another one when the right user is an expert); the auditor of the right user's jurisdiction. A
declaration may name any of them (``users={"expert": "cq_expert2"}``).

The sample object: the first row of ``model`` the right user can see (``where`` narrows it, e.g. to
a state); ``params`` fills the route's other parameters (a dict, or a callable taking the sample).

What the codes mean, in every app: 404 for an object outside the user's scope, indistinguishable
from a missing one; 403 for a forbidden action on an object the user can see (or a page their role
may not use); an auditor's unsafe method is always refused (403, or 405 where the route has no such
method); 200 otherwise. Routes anyone may use without logging in are declared in their urls
module's ``PUBLIC_ROUTES`` (tests/test_access_matrix.py).
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Any

KINDS = ("anonymous", "other_hospital", "other_jurisdiction", "expert", "auditor", "right")

# Where "another jurisdiction" is, for the right user's demo region.
OTHER_REGION = {"jlp": "jn", "jn": "jlp", "cq": "jn", "qp": "jlp", "hn": "jlp"}


def _row(text: str) -> tuple[str, ...]:
    cells = tuple(text.split())
    if len(cells) != len(KINDS):
        raise ValueError(f"an access row has {len(KINDS)} cells ({' '.join(KINDS)}): {text!r}")
    return cells


@dataclass(frozen=True)
class Route:
    model: str | None = None  # the model its <pk> names ("experts.Committee"); None: no id
    right: str = "admin"  # the right user (a demo username)
    get: str = "- - - - - -"
    post: str = "- - - - - -"
    where: dict = field(default_factory=dict)  # narrows the sample
    params: dict | Callable[[Any], dict] = field(default_factory=dict)  # other URL parameters
    users: dict = field(default_factory=dict)  # kind -> username, overriding users_for()
    pk: str = "pk"  # the parameter naming the sample

    def __post_init__(self):
        _row(self.get), _row(self.post)

    def expected(self, group: str) -> dict[str, str]:
        return dict(zip(KINDS, _row(self.get if group == "get" else self.post), strict=True))


def users_for(route: Route) -> dict[str, str]:
    """The six kinds of user for a route, as demo usernames (see the module docstring)."""
    right = route.right
    region, _, suffix = right.partition("_")
    suffix = {"reviewer": "expert", "expert2": "expert", "member": "expert"}.get(suffix, suffix)
    if region not in OTHER_REGION:  # the administrator: strangers from 九龙坡 and 济南
        region, suffix = "jlp", "commission"
        users = {"other_jurisdiction": "jn_commission"}
    else:
        users = {"other_jurisdiction": f"{OTHER_REGION[region]}_{suffix}"}
    users["other_hospital"] = f"{region}_host" if suffix == "scorer" else f"{region}_scorer"
    users["expert"] = f"{OTHER_REGION[region]}_expert" if suffix.startswith("expert") else f"{region}_expert"
    users["auditor"] = f"{region}_auditor"
    users["right"] = right
    users["anonymous"] = ""
    users.update(route.users)
    return users


def declarations() -> dict[str, Route]:
    """Every installed app's ``access.ACCESS``, merged; a route declared twice is an error."""
    from importlib import import_module

    from django.apps import apps
    from django.utils.module_loading import module_has_submodule

    merged: dict[str, Route] = {}
    for config in apps.get_app_configs():
        if module_has_submodule(config.module, "access"):
            for name, route in getattr(import_module(f"{config.name}.access"), "ACCESS", {}).items():
                if name in merged:
                    raise ValueError(f"route {name} is declared twice (in {config.name}.access)")
                merged[name] = route
    return merged


def sample_makers() -> list:
    """Each app's ``access.SAMPLES``: a function making the records the demo lacks, run once by the
    matrix after the demo seed (a route's sample must exist for the right user)."""
    from importlib import import_module

    from django.apps import apps
    from django.utils.module_loading import module_has_submodule

    return [
        import_module(f"{config.name}.access").SAMPLES
        for config in apps.get_app_configs()
        if module_has_submodule(config.module, "access")
        and hasattr(import_module(f"{config.name}.access"), "SAMPLES")
    ]


# The project's own routes (qc_admin/urls.py), declared here as core is their app.
ACCESS = {
    "home": Route(None, "jlp_commission", get="login 200 200 200 200 200", post="login 200 200 200 403 -"),
    "api-root": Route(
        None, "jlp_commission", get="login 200 200 200 200 200", post="login 403 403 403 403 -"
    ),
}
