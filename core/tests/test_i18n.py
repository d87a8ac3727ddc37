"""Chinese first, English second, through Django's i18n."""

import pytest
from django.urls import reverse

pytestmark = pytest.mark.django_db


def test_chinese_by_default(client_of):
    page = client_of("jlp_commission").get(reverse("home")).content.decode()
    assert '<html lang="zh-hans">' in page and "待办事项" in page and "医疗机构" in page


def test_user_switches_to_english_and_back(client_of):
    client = client_of("jlp_commission")
    client.post(reverse("set_language"), {"language": "en", "next": "/"})
    page = client.get(reverse("home")).content.decode()
    assert '<html lang="en">' in page and "To do" in page and "Institutions" in page
    client.post(reverse("set_language"), {"language": "zh-hans", "next": "/"})
    assert "待办事项" in client.get(reverse("home")).content.decode()
