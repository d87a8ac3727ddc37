"""Who gets what on each of this app's routes: core/access.py explains the columns
(anonymous, another hospital, another jurisdiction, an expert, an auditor, the right user) and
tests/test_role_matrix.py checks every route against its row."""

from core.access import Route

ACCESS = {
    "directory:jurisdiction_list": Route(
        None, "jlp_commission", get="login 200 200 200 200 200", post="login 405 405 405 403 -"
    ),
    "directory:institution_list": Route(
        None, "jlp_commission", get="login 200 200 200 200 200", post="login 405 405 405 403 -"
    ),
    "directory:institution_create": Route(
        None, "jlp_commission", get="login 403 200 403 403 200", post="login 403 200 403 403 -"
    ),
    "directory:institution_detail": Route(
        "directory.Institution",
        "jlp_commission",
        get="login 404 404 200 200 200",
        post="login 405 405 405 403 -",
    ),
    "directory:institution_edit": Route(
        "directory.Institution",
        "jlp_commission",
        get="login 403 404 403 403 200",
        post="login 403 404 403 403 -",
    ),
    "directory:person_list": Route(
        None, "jlp_commission", get="login 200 200 200 200 200", post="login 405 405 405 403 -"
    ),
    "directory:person_create": Route(
        None, "jlp_commission", get="login 403 200 403 403 200", post="login 403 200 403 403 -"
    ),
    "directory:person_detail": Route(
        "directory.Person", "jlp_commission", get="login 404 404 200 200 200", post="login 405 405 405 403 -"
    ),
    "directory:person_edit": Route(
        "directory.Person", "jlp_commission", get="login 403 404 403 403 200", post="login 403 404 403 403 -"
    ),
    "directory:profile": Route(
        None, "jlp_commission", get="login 403 403 200 403 403", post="login 403 403 200 403 -"
    ),
    "jurisdiction-list": Route(None, "jlp_commission", get="login 200 200 200 200 200", post="- - - - - -"),
    "jurisdiction-detail": Route(
        "directory.Jurisdiction", "jlp_commission", get="login 200 404 200 200 200", post="- - - - - -"
    ),
    "commission-list": Route(None, "jlp_commission", get="login 200 200 200 200 200", post="- - - - - -"),
    "commission-detail": Route(
        "directory.HealthCommission", "jlp_commission", get="login 200 404 200 200 200", post="- - - - - -"
    ),
    "institution-list": Route(
        None, "jlp_commission", get="login 200 200 200 200 200", post="login 403 400 403 403 -"
    ),
    "institution-detail": Route(
        "directory.Institution",
        "jlp_commission",
        get="login 404 404 200 200 200",
        post="login 404 404 403 403 -",
    ),
    "person-list": Route(
        None, "jlp_commission", get="login 200 200 200 200 200", post="login 403 400 400 403 -"
    ),
    "person-me": Route(None, "jlp_commission", get="login 404 404 200 404 404", post="- - - - - -"),
    "person-detail": Route(
        "directory.Person",
        "jlp_commission",
        get="login 404 404 404 200 200",
        post="login 404 404 404 403 -",
        users={"expert": "cq_expert2"},  # the demo's 九龙坡 expert is this very person
    ),
}
