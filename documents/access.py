"""Who gets what on each of this app's routes: core/access.py explains the columns
(anonymous, another hospital, another jurisdiction, an expert, an auditor, the right user) and
tests/test_role_matrix.py checks every route against its row."""

from core.access import Route

ACCESS = {
    "documents:list": Route(
        None, "jlp_commission", get="login 200 200 200 200 200", post="login 200 200 200 403 -"
    ),
    "documents:notice_issue": Route(
        None, "jlp_commission", get="login 403 200 403 403 200", post="login 403 200 403 403 -"
    ),
    "documents:detail": Route(
        "documents.IssuedDocument",
        "jlp_commission",
        get="login 404 404 404 200 200",
        post="login 404 404 404 403 -",
    ),
    "documents:status": Route(
        "documents.IssuedDocument",
        "jlp_commission",
        get="login 404 404 404 200 200",
        post="login 404 404 404 403 -",
    ),
    "documents:download": Route(
        "documents.IssuedDocument",
        "jlp_commission",
        get="login 404 404 404 200 200",
        post="login 404 404 404 403 -",
    ),
    "documents:reissue": Route(
        "documents.IssuedDocument",
        "jlp_commission",
        get="login 404 404 404 403 200",
        post="login 404 404 404 403 -",
    ),
    "documents:retry": Route(
        "documents.IssuedDocument",
        "jlp_commission",
        get="login 405 405 405 405 405",
        post="login 404 404 404 403 -",
    ),
    "document-list": Route(None, "jlp_commission", get="login 200 200 200 200 200", post="- - - - - -"),
    "document-notice": Route(None, "jlp_commission", get="- - - - - -", post="login 403 400 403 403 -"),
    "document-detail": Route(
        "documents.IssuedDocument", "jlp_commission", get="login 404 404 404 200 200", post="- - - - - -"
    ),
    "document-reissue": Route(
        "documents.IssuedDocument", "jlp_commission", get="- - - - - -", post="login 404 404 404 403 -"
    ),
}
