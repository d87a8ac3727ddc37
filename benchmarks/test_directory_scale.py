"""Province-size directory: list pages stay fast and their query count stays flat.
Run with `make bench` (not part of `make test`). Targets: a scoped list page of a province with
5,000 institutions and 50,000 people renders in under 0.5 s with at most 12 queries."""

import time

import pytest
from django.urls import reverse

from directory.demo import demo_uscc
from directory.models import HealthCommission, Institution, Jurisdiction, Person
from directory.validators import id_check_char

INSTITUTIONS, PEOPLE_PER_INSTITUTION = 5000, 10
TARGET_SECONDS = 0.5


@pytest.fixture
def province(world):
    henan = Jurisdiction.objects.get(code="410100")
    commission = HealthCommission.objects.get(jurisdiction=henan)
    Institution.objects.bulk_create(
        Institution(name=f"郑州市第{i}医疗机构", uscc=demo_uscc("410100", 10_000 + i), kind="general", grade="2a",
                    jurisdiction=henan, supervising_commission=commission) for i in range(INSTITUTIONS))
    employers = list(Institution.objects.filter(jurisdiction=henan).values_list("pk", flat=True))
    Person.objects.bulk_create(
        Person(name=f"专家{n}", sex="M", birth_date="1975-01-01", employer_id=employers[n % len(employers)],
               id_number=_id_number(n))
        for n in range(INSTITUTIONS * PEOPLE_PER_INSTITUTION))


def _id_number(n: int) -> str:
    first17 = f"4101001975{n:07d}"  # unique per row; bulk_create skips the date check of full_clean
    return first17 + id_check_char(first17)


@pytest.mark.parametrize("url_name", ["directory:institution_list", "directory:person_list"])
def test_scoped_list_at_province_size(province, client_of, django_assert_max_num_queries, url_name):
    client = client_of("hn_commission")
    client.get(reverse(url_name))  # warm caches
    with django_assert_max_num_queries(12):
        started = time.perf_counter()
        response = client.get(reverse(url_name), {"page": 40})
        elapsed = time.perf_counter() - started
    assert response.status_code == 200
    print(f"{url_name}: {elapsed * 1000:.0f} ms")
    assert elapsed < TARGET_SECONDS
