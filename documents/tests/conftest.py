import pytest

from directory.models import HealthCommission
from documents import services
from documents.types import commission_issuer

NOTICE_DATA = {
    "title": "关于开展2025年度医疗质量控制工作检查的通知",
    "addressees": "区内各医疗卫生机构",
    "body": "为加强医疗质量管理，现就有关事项通知如下。\n一、检查范围\n"
    "（一）各区级质控中心。检查全部区级质控中心。\n各单位请于12月20日前完成自查。",
    "attachments": ["检查安排表"],
    "cc": ["重庆市卫生健康委员会医政医管处"],
    "public": True,
}


@pytest.fixture
def jlp_commission(world):
    return HealthCommission.objects.get(jurisdiction__code="500107")


@pytest.fixture
def issue_notice(user_of, jlp_commission):
    """Issue a 九龙坡 notice as jlp_commission; rendered at once when render=True (otherwise it
    stays pending: the test transaction never commits, so the queued task never runs)."""

    def issue(render=False, data=None, user="jlp_commission", **kw):
        return services.document_issue(
            doc_type="notice",
            acting_user=user_of(user),
            issuer=commission_issuer(jlp_commission),
            data=data or NOTICE_DATA,
            render_sync=render,
            **kw,
        )

    return issue
