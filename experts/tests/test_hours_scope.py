"""履职时长总览, its API and its export show each user the hours that are theirs: the QC office of a
jurisdiction is the secretary of its own centres and library, so the 重庆 library's office does not
see a 九龙坡 committee member's hours (九龙坡 has its own office); the commission above oversees."""

import pytest

from experts import export_specs
from experts.models import Activity, DutyLog

pytestmark = pytest.mark.django_db


@pytest.fixture
def demo(world):
    from centres.demo import seed_centres
    from experts.demo import seed_experts

    seed_centres()
    seed_experts()
    year = DutyLog.objects.get(person__name="张建国", centre__isnull=False, status="confirmed").worked_on.year
    return year


def names_on_the_page(client, year) -> str:
    return client.get(f"/experts/hours/?year={year}").content.decode()


def test_the_city_library_office_sees_its_library_not_a_districts_committee(demo, client_of, api_of, user_of):
    year = demo
    page = names_on_the_page(client_of("cq_qc_office"), year)
    assert "周晓燕" in page and "郑海燕" in page  # the library's experts, of any district
    assert "张建国" not in page  # 九龙坡's cardiology committee: 九龙坡's office
    api = api_of("cq_qc_office").get(f"/api/v1/duty-logs/?status=&year={year}").json()
    listed = {row["person_name"] for row in api["results"]}
    assert "周晓燕" in listed and "张建国" not in listed
    exported = {row["name"] for row in export_specs.hours_rows(user_of("cq_qc_office"), {"year": year})}
    assert "周晓燕" in exported and "张建国" not in exported
    assert (
        not Activity.objects.for_user(user_of("cq_qc_office")).exclude(jurisdiction__code="500000").exists()
    )


def test_the_districts_own_office_and_the_commission_above_see_the_committee_member(demo, client_of):
    year = demo
    assert "张建国" in names_on_the_page(client_of("jlp_qc_office"), year)
    assert "张建国" in names_on_the_page(client_of("cq_commission"), year)  # oversight
    assert "张建国" not in names_on_the_page(client_of("jn_commission"), year)
