import pytest

from deadlines.demo import seed_deadlines
from deadlines.models import Deadline

pytestmark = pytest.mark.django_db


def test_seed_deadlines_is_idempotent_and_believable(world):
    first = seed_deadlines()
    assert seed_deadlines() == first and Deadline.objects.count() == 2
    setting = Deadline.objects.get(kind="setting.missing")
    assert setting.title == "填报《九龙坡区医疗质量控制中心管理办法》第二十四条交接时限"
    assert (setting.article, setting.ruleset_code, setting.state) == (
        "第二十四条",
        "cq-jiulongpo-2025",
        "open",
    )
    assert Deadline.objects.get(kind="annual_plan").state == "overdue"
