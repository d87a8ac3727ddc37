"""Who gets what on each of this app's routes: core/access.py explains the columns
(anonymous, another hospital, another jurisdiction, an expert, an auditor, the right user) and
tests/test_role_matrix.py checks every route against its row."""

from core.access import Route

ACCESS = {
    "lockouts": Route(
        None, "jlp_commission", get="login 403 403 403 200 403", post="login 403 403 403 403 -"
    ),
    "api-me": Route(None, "jlp_commission", get="login 200 200 200 200 200", post="- - - - - -"),
    "otp_verify": Route(
        None, "jlp_commission", get="login 302 302 302 302 302", post="login 302 302 302 302 -"
    ),
    "otp_setup": Route(
        None, "jlp_commission", get="login 200 200 200 200 200", post="login 200 200 200 200 -"
    ),
    "otp_users": Route(None, "admin", get="login 403 403 403 403 200", post="login 403 403 403 403 -"),
}
