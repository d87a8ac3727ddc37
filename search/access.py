"""Who gets what on each of this app's routes: core/access.py explains the columns
(anonymous, another hospital, another jurisdiction, an expert, an auditor, the right user) and
tests/test_role_matrix.py checks every route against its row."""

from core.access import Route

ACCESS = {
    "search:results": Route(
        None, "jlp_commission", get="login 200 200 200 200 200", post="login 200 200 200 403 -"
    ),
    "search:suggest": Route(
        None, "jlp_commission", get="login 200 200 200 200 200", post="login 200 200 200 403 -"
    ),
}
