"""The blank choice of every select is Chinese (Django 6.1's default "- Select an option -" has no
Chinese in Django's catalogue) and English in the English UI."""

from django import forms
from django.utils import translation

from directory.models import Institution


class _Form(forms.Form):
    institution = forms.ModelChoiceField(queryset=Institution.objects.none())
    kind = forms.ChoiceField(choices=[("a", "A")])


def test_a_select_offers_a_chinese_blank_choice():
    with translation.override("zh-hans"):
        html = str(_Form()["institution"])
    assert "请选择" in html and "Select an option" not in html


def test_the_english_ui_has_it_in_english():
    with translation.override("en"):
        html = str(_Form()["institution"])
    assert "- Select -" in html
