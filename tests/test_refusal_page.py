"""The product's 403 page says why an action was refused when the code gave a reason (a member
trying to edit the roster they sit on), not only that it was (docs/security.md)."""

import pytest

from directory.models import Person
from experts.tests.factories import CommitteeFactory, SeatFactory, valid_jlp_roster

pytestmark = pytest.mark.django_db


def test_the_403_page_shows_the_reason(world, client_of):
    committee = valid_jlp_roster(CommitteeFactory())
    SeatFactory(committee=committee, person=Person.objects.get(name="张建国"), name="张建国")
    response = client_of("jlp_expert").post(
        f"/experts/committees/{committee.pk}/seats/add/", {"role": "member", "name": "自荐"}
    )
    assert response.status_code == 403
    page = response.content.decode()
    assert "只有挂靠单位或质控办" in page and "此次访问已被记录" in page


def test_an_auditors_write_is_refused_with_the_reason(world, client_of):
    response = client_of("jlp_auditor").post("/centres/", {})
    assert response.status_code == 403
    assert "审计人员只读" in response.content.decode()
