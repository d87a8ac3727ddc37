"""Who gets what on each of this app's routes: core/access.py explains the columns
(anonymous, another hospital, another jurisdiction, an expert, an auditor, the right user) and
tests/test_role_matrix.py checks every route against its row."""

from core.access import Route


def SAMPLES():  # noqa: N802 — an export job of the right user
    from django.contrib.auth import get_user_model

    from exports.registry import get_spec
    from exports.services import export_job_create

    user = get_user_model().objects.get(username="jlp_commission")
    export_job_create(user=user, spec=get_spec("institutions"), raw_filters={})


ACCESS = {
    "exports:job_list": Route(
        None, "jlp_commission", get="login 200 200 200 200 200", post="login 200 200 200 403 -"
    ),
    "exports:start": Route(
        None,
        "jlp_commission",
        get="login 405 405 405 405 405",
        post="login 302 302 302 302 -",
        params={"code": "institutions"},
    ),
    "exports:job_detail": Route(
        "exports.ExportJob", "jlp_commission", get="login 404 404 404 404 200", post="login 404 404 404 403 -"
    ),
    "exports:job_progress": Route(
        "exports.ExportJob", "jlp_commission", get="login 404 404 404 404 200", post="login 404 404 404 403 -"
    ),
    "exports:job_download": Route(
        "exports.ExportJob", "jlp_commission", get="login 404 404 404 404 200", post="login 404 404 404 403 -"
    ),
    "exports:institution_import": Route(
        None, "jlp_commission", get="login 403 200 403 403 200", post="login 403 200 403 403 -"
    ),
    "exports:institution_import_template": Route(
        None, "jlp_commission", get="login 403 200 403 403 200", post="login 403 200 403 403 -"
    ),
}
