"""Who gets what on each of this app's routes: core/access.py explains the columns
(anonymous, another hospital, another jurisdiction, an expert, an auditor, the right user) and
tests/test_role_matrix.py checks every route against its row."""

from core.access import Route

ACCESS = {
    "audit:history": Route(
        "directory.Institution",
        "jlp_commission",
        get="login 404 404 200 200 200",
        post="login 405 405 405 403 -",
        params={"app_label": "directory", "model_name": "institution"},
    ),
    "audit:security_events": Route(
        None, "jlp_commission", get="login 403 403 403 200 403", post="login 403 403 403 403 -"
    ),
    "api-history": Route(
        "directory.Institution",
        "jlp_commission",
        get="login 404 404 200 200 200",
        post="- - - - - -",
        params={"app_label": "directory", "model_name": "institution"},
    ),
}
