"""The forms' words are the product's: a centre select offers 请选择, not Django 6's untranslated
blank choice (“- Select an option -”, missing from its zh_Hans catalogue)."""

from __future__ import annotations

import pytest

from centres.models import Centre
from data_governance.forms import PublicationForm, RequestForm, TransferForm
from data_governance.models import DataResource

pytestmark = pytest.mark.django_db


def test_the_centre_selects_say_please_choose_in_chinese():
    centres, resources = Centre.objects.all(), DataResource.objects.all()
    for form in (
        # no acting user: the selects offer nothing but their blank choice, which is what is read
        RequestForm(user=None, centres=centres, resources=resources),
        PublicationForm(user=None, centres=centres),
        TransferForm(user=None, centres=centres, resources=resources),
    ):
        html = str(form["centre"])
        assert "Select an option" not in html
        assert "请选择" in html
