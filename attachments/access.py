"""Who gets what on each of this app's routes: core/access.py explains the columns
(anonymous, another hospital, another jurisdiction, an expert, an auditor, the right user) and
tests/test_role_matrix.py checks every route against its row."""

from core.access import Route


def _content_type_id(instance):
    from django.contrib.contenttypes.models import ContentType

    return ContentType.objects.get_for_model(instance).pk


ACCESS = {
    "attachments:upload": Route(
        "directory.Institution",
        "jlp_commission",
        get="login 405 405 405 405 405",
        post="login 404 404 403 403 -",
        params=lambda i: {"content_type_id": _content_type_id(i), "object_id": i.pk},
    ),
    "attachments:download": Route(
        "attachments.Attachment",
        "jlp_commission",
        get="login 404 404 404 200 200",
        post="login 405 405 405 403 -",
    ),
    "attachments:delete": Route(
        "attachments.Attachment",
        "jlp_commission",
        get="login 405 405 405 405 405",
        post="login 404 404 404 403 -",
    ),
    "attachment-list": Route(
        None, "jlp_commission", get="login 200 200 200 200 200", post="login 400 400 400 403 -"
    ),
    "attachment-detail": Route(
        "attachments.Attachment", "jlp_commission", get="login 404 404 404 200 200", post="- - - - - -"
    ),
    "attachment-delete": Route(
        "attachments.Attachment", "jlp_commission", get="- - - - - -", post="login 404 404 404 403 -"
    ),
    "attachment-download": Route(
        "attachments.Attachment", "jlp_commission", get="login 404 404 404 200 200", post="- - - - - -"
    ),
}
