"""The data-governance app's one registration point (core/platform.py)."""

from datetime import timedelta

from accounts.models import Role
from attachments.kinds import AttachmentKind
from core.navigation import ALL, STAFF, NavItem
from core.platform import AppPlatform
from deadlines.kinds import DeadlineKind

from .models import RESOURCE_FILES_SERVED_BY


def _document_types():
    from . import documents

    return documents.TYPES


def _export_specs():
    from . import export_specs

    return export_specs.SPECS


def _demo(**kwargs):
    from .demo import seed_data_governance

    return seed_data_governance(**kwargs)


def _todos(user):
    from .todos import data_governance_todos

    return data_governance_todos(user)


SECTION = "数据治理"
CENTRE_SIDE = frozenset({Role.HOST_SUBMITTER, Role.EXPERT})

PLATFORM = AppPlatform(
    app="data_governance",
    urls="data_governance.urls",
    url_prefix="data/",
    api_routes=[
        ("data-resources", "data_governance.api.ResourceViewSet", "data-resource"),
        ("data-use-requests", "data_governance.api.UseRequestViewSet", "data-use-request"),
        ("data-grants", "data_governance.api.GrantViewSet", "data-grant"),
        ("data-access-log", "data_governance.api.AccessLogViewSet", "data-access-log"),
        ("data-export-traces", "data_governance.api.ExportTraceViewSet", "data-export-trace"),
        ("data-publications", "data_governance.api.PublicationViewSet", "data-publication"),
        ("data-transfers", "data_governance.api.TransferViewSet", "data-transfer"),
    ],
    nav=[
        NavItem("数据资源", "data_governance:resource_list", ALL - {Role.INSTITUTION_SCORER}, SECTION),
        NavItem("数据使用申请", "data_governance:request_list", STAFF | CENTRE_SIDE, SECTION),
        NavItem("数据使用授权", "data_governance:grant_list", STAFF | CENTRE_SIDE, SECTION),
        NavItem("成果发布审核", "data_governance:publication_list", STAFF | CENTRE_SIDE, SECTION),
        NavItem("向第三方提供", "data_governance:transfer_list", STAFF | CENTRE_SIDE, SECTION),
        NavItem(
            "交接中的数据事项", "data_governance:handovers", STAFF | frozenset({Role.HOST_SUBMITTER}), SECTION
        ),
        NavItem("访问日志", "data_governance:access_log", STAFF | CENTRE_SIDE, SECTION),
        NavItem("导出溯源", "data_governance:trace", STAFF, SECTION),
    ],
    deadline_kinds=[
        DeadlineKind("data_governance.endorsement", "数据使用申请：主任委员审核", area=SECTION),
        DeadlineKind("data_governance.request_decision", "数据使用申请：卫健委审批", area=SECTION),
        DeadlineKind(
            "data_governance.grant_expiry",
            "数据使用授权到期",
            remind_before=(timedelta(days=14), timedelta(days=3)),
            area=SECTION,
        ),
        DeadlineKind("data_governance.publication_committee", "成果发布：专家委员会审议", area=SECTION),
        DeadlineKind("data_governance.publication_review", "成果发布：卫健委审核", area=SECTION),
        DeadlineKind("data_governance.transfer_decision", "向第三方提供数据：卫健委审批", area=SECTION),
    ],
    attachment_kinds=[
        AttachmentKind(
            "data_governance.commitment_letter",
            "数据资源使用承诺书（签字版）",
            sensitive=True,
            subject_models=("data_governance.userequest",),
        ),
        AttachmentKind(
            "data_governance.resource_file",
            "数据资源文件",
            sensitive=True,
            subject_models=("data_governance.dataresource",),
            served_by=RESOURCE_FILES_SERVED_BY,
        ),
        AttachmentKind(
            "data_governance.manuscript", "成果文稿", subject_models=("data_governance.publicationreview",)
        ),
    ],
    document_types=_document_types,
    todo_providers=[_todos],
    export_specs=_export_specs,
    demo=_demo,
)
