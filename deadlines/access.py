"""Who gets what on each of this app's routes: core/access.py explains the columns
(anonymous, another hospital, another jurisdiction, an expert, an auditor, the right user) and
tests/test_role_matrix.py checks every route against its row."""

from core.access import Route


def SAMPLES():  # noqa: N802 — a message in the right user's inbox (the demo's go to others)
    from django.contrib.auth import get_user_model

    from deadlines.models import InboxMessage

    InboxMessage.objects.create(user=get_user_model().objects.get(username="jlp_commission"), title="提醒")


ACCESS = {
    "deadlines:mine": Route(
        None, "jlp_commission", get="login 200 200 200 200 200", post="login 200 200 200 403 -"
    ),
    "deadlines:list": Route(
        None, "jlp_commission", get="login 403 200 403 200 200", post="login 403 200 403 403 -"
    ),
    "deadlines:detail": Route(
        "deadlines.Deadline",
        "jlp_commission",
        get="login 404 404 404 200 200",
        post="login 404 404 404 403 -",
    ),
    "deadlines:waive": Route(
        "deadlines.Deadline",
        "jlp_commission",
        get="login 405 405 405 405 405",
        post="login 404 404 404 403 -",
    ),
    "deadlines:inbox": Route(
        None, "jlp_commission", get="login 200 200 200 200 200", post="login 200 200 200 403 -"
    ),
    "deadlines:inbox_read_all": Route(
        None, "jlp_commission", get="login 405 405 405 405 405", post="login 302 302 302 302 -"
    ),
    "deadlines:inbox_read": Route(
        "deadlines.InboxMessage",
        "jlp_commission",
        get="login 405 405 405 405 405",
        post="login 404 404 404 404 -",
    ),
    "deadlines:feed_reset": Route(
        None, "jlp_commission", get="login 405 405 405 405 405", post="login 302 302 302 302 -"
    ),
    "deadline-list": Route(None, "jlp_commission", get="login 200 200 200 200 200", post="- - - - - -"),
    "deadline-detail": Route(
        "deadlines.Deadline", "jlp_commission", get="login 404 404 404 200 200", post="- - - - - -"
    ),
    "deadline-waive": Route(
        "deadlines.Deadline", "jlp_commission", get="- - - - - -", post="login 404 404 404 403 -"
    ),
}
