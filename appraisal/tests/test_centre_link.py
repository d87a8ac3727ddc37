"""The centre's page (centres app) links to its appraisal page only for those appraisal/policies.py
lets in (may_open_centre); the appraisal page refuses the others who can see the centre (403)."""

import pytest
from django.urls import reverse

from directory.models import Institution

from .factories import CentreFactory

pytestmark = pytest.mark.django_db
LINK = 'data-testid="appraisal-link"'


@pytest.fixture
def centre(world, settings, tmp_path):
    """A 九龙坡 centre hosted by 九龙坡区中医院 — jlp_scorer's hospital, so the scorer sees the centre."""
    settings.MEDIA_ROOT = tmp_path
    return CentreFactory(specialty__name="中医内科", host=Institution.objects.get(name="九龙坡区中医院"))


@pytest.mark.parametrize("who", ["jlp_commission", "jlp_qc_office", "jlp_auditor", "cq_commission"])
def test_staff_of_the_jurisdiction_see_the_link_and_open_the_page(client_of, centre, who):
    c = client_of(who)
    page = c.get(reverse("centres:detail", args=[centre.pk]))
    assert page.status_code == 200 and LINK in page.content.decode()
    assert reverse("appraisal:centre", args=[centre.pk]) in page.content.decode()
    assert c.get(reverse("appraisal:centre", args=[centre.pk])).status_code == 200


def test_the_host_sees_the_link_of_its_own_centre(client_of, world, settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path
    own = CentreFactory(specialty__name="心血管内科")  # hosted by 九龙坡区人民医院 (jlp_host)
    c = client_of("jlp_host")
    assert LINK in c.get(reverse("centres:detail", args=[own.pk])).content.decode()
    assert c.get(reverse("appraisal:centre", args=[own.pk])).status_code == 200


def test_a_scorer_of_the_host_sees_the_centre_but_not_the_link(client_of, centre):
    c = client_of("jlp_scorer")
    page = c.get(reverse("centres:detail", args=[centre.pk]))
    assert page.status_code == 200 and LINK not in page.content.decode()
    assert c.get(reverse("appraisal:centre", args=[centre.pk])).status_code == 403


def test_another_jurisdiction_sees_neither(client_of, centre):
    c = client_of("jn_commission")
    assert c.get(reverse("centres:detail", args=[centre.pk])).status_code == 404
    assert c.get(reverse("appraisal:centre", args=[centre.pk])).status_code == 404
