"""The centres pages stay at a fixed number of queries however many centres there are."""

import pytest
from django.urls import reverse

from centres.demo import seed_centres
from centres.models import Centre

pytestmark = pytest.mark.django_db


def test_centre_list_query_count_is_flat(world, client_of, django_assert_max_num_queries, at):
    at("2026-11-23 10:00")
    seed_centres()
    client = client_of("admin")
    with django_assert_max_num_queries(12) as small:
        assert client.get(reverse("centres:list")).status_code == 200
    for n in range(30):
        Centre.objects.create(
            jurisdiction=Centre.objects.first().jurisdiction,
            body_kind="district_centre",
            specialty=Centre.objects.first().specialty.__class__.objects.create(name=f"专业{n}"),
            name=f"测试中心{n}",
        )
    with django_assert_max_num_queries(len(small.captured_queries)):
        assert client.get(reverse("centres:list")).status_code == 200


def test_centre_and_call_pages_are_bounded(world, client_of, django_assert_max_num_queries, at):
    at("2026-11-23 10:00")
    seed_centres()
    centre = Centre.objects.get(name="九龙坡区心血管内科医疗质量控制中心")
    client = client_of("jlp_commission")
    with django_assert_max_num_queries(40):
        assert client.get(reverse("centres:detail", args=[centre.pk])).status_code == 200
    with django_assert_max_num_queries(40):
        assert client.get(reverse("centres:call_detail", args=[centre.calls.get().pk])).status_code == 200


def test_the_reviewers_application_page_is_bounded(world, client_of, django_assert_max_num_queries, at):
    """The reviewer's page (files, criteria, scores) in a fixed number of queries."""
    at("2026-11-23 10:00")
    seed_centres()
    from centres.models import Application

    application = Application.objects.get(call__centre__name="济南市医院感染管理质量控制中心")
    client = client_of("jn_expert")  # 马国栋 sits on the panel (recused: he works for the applicant)
    with django_assert_max_num_queries(40):
        assert client.get(reverse("centres:application_detail", args=[application.pk])).status_code == 200
    with django_assert_max_num_queries(40):
        assert (
            client_of("jn_commission")
            .get(reverse("centres:application_detail", args=[application.pk]))
            .status_code
            == 200
        )
