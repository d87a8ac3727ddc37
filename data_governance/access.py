"""Who gets what on each of this app's routes: core/access.py explains the columns
(anonymous, another hospital, another jurisdiction, an expert, an auditor, the right user) and
tests/test_role_matrix.py checks every route against its row."""

from core.access import Route

ACCESS = {
    "data_governance:resource_list": Route(
        None, "jlp_commission", get="login 200 200 200 200 200", post="login 403 200 403 403 -"
    ),
    "data_governance:resource_detail": Route(
        "data_governance.DataResource",
        "jlp_commission",
        get="login 200 404 200 200 200",
        post="login 403 404 403 403 -",
    ),
    "data_governance:resource_export": Route(
        "data_governance.DataResource",
        "jlp_host",
        get="login 405 405 405 405 405",
        post="login 302 404 200 403 -",
    ),
    "data_governance:request_list": Route(
        None, "jlp_commission", get="login 200 200 200 200 200", post="login 200 200 200 403 -"
    ),
    "data_governance:request_new": Route(
        None, "jlp_commission", get="login 403 403 200 403 403", post="login 403 403 200 403 -"
    ),
    "data_governance:request_detail": Route(
        "data_governance.UseRequest",
        "jlp_commission",
        get="login 404 404 200 200 200",
        post="login 404 404 200 403 -",
    ),
    "data_governance:request_edit": Route(
        "data_governance.UseRequest",
        "jlp_host",
        get="login 404 404 302 403 302",
        post="login 404 404 302 403 -",
    ),
    "data_governance:request_letter_template": Route(
        "data_governance.UseRequest",
        "jlp_host",
        get="login 404 404 200 200 200",
        post="login 404 404 200 403 -",
    ),
    "data_governance:grant_list": Route(
        None, "jlp_commission", get="login 200 200 200 200 200", post="login 200 200 200 403 -"
    ),
    "data_governance:grant_detail": Route(
        "data_governance.Grant",
        "jlp_commission",
        get="login 404 404 200 200 200",
        post="login 404 404 200 403 -",
    ),
    # as /api/v1/data-access-log/: everyone reads within their scope (a host its centres' grants')
    "data_governance:access_log": Route(
        None, "jlp_commission", get="login 200 200 200 200 200", post="login 200 200 200 403 -"
    ),
    "data_governance:trace": Route(
        None, "jlp_commission", get="login 403 200 403 200 200", post="login 403 200 403 200 -"
    ),
    "data_governance:publication_list": Route(
        None, "jlp_commission", get="login 200 200 200 200 200", post="login 403 403 200 403 -"
    ),
    "data_governance:publication_detail": Route(
        "data_governance.PublicationReview",
        "jlp_commission",
        get="login 404 404 200 200 200",
        post="login 404 404 200 403 -",
    ),
    "data_governance:transfer_list": Route(
        None, "jlp_commission", get="login 200 200 200 200 200", post="login 403 403 200 403 -"
    ),
    "data_governance:transfer_detail": Route(
        "data_governance.ThirdPartyTransfer",
        "jlp_commission",
        get="login 404 404 200 200 200",
        post="login 404 404 200 403 -",
    ),
    "data_governance:handovers": Route(
        None, "jlp_commission", get="login 200 200 200 200 200", post="login 404 404 404 403 -"
    ),
    "data-resource-list": Route(
        None, "jlp_commission", get="login 200 200 200 200 200", post="login 403 400 400 403 -"
    ),
    "data-resource-detail": Route(
        "data_governance.DataResource", "jlp_commission", get="login 200 404 200 200 200", post="- - - - - -"
    ),
    "data-resource-export": Route(
        "data_governance.DataResource", "jlp_commission", get="- - - - - -", post="login 403 404 200 403 -"
    ),
    "data-use-request-list": Route(
        None, "jlp_commission", get="login 200 200 200 200 200", post="login 403 400 400 403 -"
    ),
    "data-use-request-detail": Route(
        "data_governance.UseRequest", "jlp_commission", get="login 404 404 200 200 200", post="- - - - - -"
    ),
    "data-use-request-decide": Route(
        "data_governance.UseRequest", "jlp_commission", get="- - - - - -", post="login 404 404 400 403 -"
    ),
    "data-use-request-endorse": Route(
        "data_governance.UseRequest", "jlp_commission", get="- - - - - -", post="login 404 400 400 403 -"
    ),
    "data-use-request-letter": Route(
        "data_governance.UseRequest", "jlp_commission", get="- - - - - -", post="login 404 415 415 403 -"
    ),
    "data-use-request-submit": Route(
        "data_governance.UseRequest", "jlp_commission", get="- - - - - -", post="login 404 404 409 403 -"
    ),
    "data-use-request-withdraw": Route(
        "data_governance.UseRequest", "jlp_commission", get="- - - - - -", post="login 404 404 409 403 -"
    ),
    "data-grant-list": Route(None, "jlp_commission", get="login 200 200 200 200 200", post="- - - - - -"),
    "data-grant-detail": Route(
        "data_governance.Grant", "jlp_commission", get="login 404 404 200 200 200", post="- - - - - -"
    ),
    "data-grant-revoke": Route(
        "data_governance.Grant", "jlp_commission", get="- - - - - -", post="login 404 400 403 403 -"
    ),
    "data-access-log-list": Route(
        None, "jlp_commission", get="login 200 200 200 200 200", post="- - - - - -"
    ),
    "data-access-log-detail": Route(
        "data_governance.AccessLog", "jlp_commission", get="login 404 404 404 200 200", post="- - - - - -"
    ),
    "data-export-trace-list": Route(
        None, "jlp_commission", get="login 200 200 200 200 200", post="- - - - - -"
    ),
    "data-export-trace-lookup": Route(
        None, "jlp_commission", get="- - - - - -", post="login 400 400 400 400 -"
    ),
    "data-export-trace-detail": Route(
        "data_governance.ExportTrace", "jlp_commission", get="login 404 404 404 200 200", post="- - - - - -"
    ),
    "data-publication-list": Route(
        None, "jlp_commission", get="login 200 200 200 200 200", post="login 403 400 400 403 -"
    ),
    "data-publication-detail": Route(
        "data_governance.PublicationReview",
        "jlp_commission",
        get="login 404 404 200 200 200",
        post="- - - - - -",
    ),
    "data-publication-committee": Route(
        "data_governance.PublicationReview",
        "jlp_commission",
        get="- - - - - -",
        post="login 404 400 400 403 -",
    ),
    "data-publication-confirm-check": Route(
        "data_governance.PublicationReview",
        "jlp_commission",
        get="- - - - - -",
        post="login 404 404 400 403 -",
    ),
    "data-publication-decide": Route(
        "data_governance.PublicationReview",
        "jlp_commission",
        get="- - - - - -",
        post="login 404 400 400 403 -",
    ),
    "data-publication-manuscript": Route(
        "data_governance.PublicationReview",
        "jlp_commission",
        get="- - - - - -",
        post="login 404 415 415 403 -",
    ),
    "data-publication-resolve-hit": Route(
        "data_governance.PublicationReview",
        "jlp_commission",
        get="- - - - - -",
        post="login 404 404 400 403 -",
    ),
    "data-publication-submit": Route(
        "data_governance.PublicationReview",
        "jlp_commission",
        get="- - - - - -",
        post="login 404 404 409 403 -",
    ),
    "data-transfer-list": Route(
        None, "jlp_commission", get="login 200 200 200 200 200", post="login 403 400 400 403 -"
    ),
    "data-transfer-detail": Route(
        "data_governance.ThirdPartyTransfer",
        "jlp_commission",
        get="login 404 404 200 200 200",
        post="- - - - - -",
    ),
    "data-transfer-decide": Route(
        "data_governance.ThirdPartyTransfer",
        "jlp_commission",
        get="- - - - - -",
        post="login 404 400 400 403 -",
    ),
}
