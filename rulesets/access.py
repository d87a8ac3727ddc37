"""Who gets what on each of this app's routes: core/access.py explains the columns
(anonymous, another hospital, another jurisdiction, an expert, an auditor, the right user) and
tests/test_role_matrix.py checks every route against its row."""

from core.access import Route

ACCESS = {
    "rulesets:list": Route(
        None, "jlp_commission", get="login 200 200 200 200 200", post="login 405 405 405 403 -"
    ),
    "rulesets:detail": Route(
        None,
        "jlp_commission",
        get="login 200 200 200 200 200",
        post="login 405 405 405 403 -",
        params={"code": "cq-jiulongpo-2025"},
    ),
}
