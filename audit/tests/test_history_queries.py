"""The change history of a record costs a fixed number of queries however long it is."""

import pytest
from django.urls import reverse

from directory.models import Institution, Person

pytestmark = pytest.mark.django_db


def _queries_for_history(client, person, django_assert_max_num_queries, url_name):
    kwargs = {"app_label": "directory", "model_name": "person", "pk": person.pk}
    url = (
        reverse(url_name, kwargs=kwargs)
        if url_name == "audit:history"
        else f"/api/v1/history/directory/person/{person.pk}/"
    )
    with django_assert_max_num_queries(1000) as captured:
        assert client.get(url).status_code == 200
    return len(captured.captured_queries)


@pytest.mark.parametrize("url_name", ["audit:history", "api-history"])
def test_history_query_count_does_not_grow_with_events(
    world, client_of, api_of, django_assert_max_num_queries, url_name
):
    """Sixty employer changes used to add one query per shown foreign-key value (issue 14)."""
    person = Person.objects.filter(employer__isnull=False).first()
    institutions = list(Institution.objects.exclude(pk=person.employer_id)[:6])
    client = client_of("admin") if url_name == "audit:history" else api_of("admin")
    few = _queries_for_history(client, person, django_assert_max_num_queries, url_name)
    for n in range(60):
        person.employer = institutions[n % len(institutions)]
        person.first_practice_site = institutions[(n + 1) % len(institutions)]
        person.save()
    many = _queries_for_history(client, person, django_assert_max_num_queries, url_name)
    assert many <= few + 1, (few, many)  # +1 at most: the second related model now appears


def test_history_still_names_foreign_keys(world, client_of):
    person = Person.objects.filter(employer__isnull=False).first()
    before = person.employer
    after = Institution.objects.exclude(pk=before.pk).first()
    person.employer = after
    person.save()
    page = (
        client_of("admin")
        .get(
            reverse(
                "audit:history", kwargs={"app_label": "directory", "model_name": "person", "pk": person.pk}
            )
        )
        .content.decode()
    )
    assert before.name in page and after.name in page
