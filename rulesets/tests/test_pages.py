"""The staff page of each rule set: every parameter with value, article, words and strictness,
and the full regulation text alongside."""

import pytest
from django.urls import reverse

pytestmark = pytest.mark.django_db


def test_ruleset_page_shows_parameters_with_articles_and_the_text(client_of, client):
    url = reverse("rulesets:detail", kwargs={"code": "cq-jiulongpo-2025"})
    assert client.get(url).status_code == 302
    page = client_of("jlp_commission").get(url).content.decode()
    assert "committee.max_members" in page and "第十一条（一）" in page and "其委员数原则上不超过20人" in page
    assert "原则上" in page and "九龙坡卫发〔2025〕15号" in page
    assert "第一章" in page  # the regulation's full text


def test_setting_left_to_the_commission_is_shown_as_such(client_of):
    page = client_of("jlp_commission").get(reverse("rulesets:detail", kwargs={"code": "cq-jiulongpo-2025"}))
    assert "由卫生健康行政部门规定" in page.content.decode()


def test_unknown_ruleset_is_404(client_of):
    assert (
        client_of("jlp_commission").get(reverse("rulesets:detail", kwargs={"code": "nope"})).status_code
        == 404
    )


def test_list_shows_assignments_in_scope_only(client_of):
    page = client_of("jlp_commission").get(reverse("rulesets:list")).content.decode()
    assert "重庆市九龙坡区" in page and "山东省济南市" not in page
    assert page.count("<tr>") >= 6  # five regulations are readable by everyone
