from django import forms
from django.utils.translation import gettext as _

from core.widgets import DateInput

from .models import HealthCommission, Institution, Jurisdiction, Person
from .services import PERSON_FIELDS, SELF_SERVICE_FIELDS


def _chinese_empty_labels(form):
    for field in form.fields.values():
        if isinstance(field, forms.ModelChoiceField):
            field.empty_label = _("请选择")
        elif isinstance(field, forms.TypedChoiceField) and field.choices and field.choices[0][0] == "":
            field.choices = [("", _("请选择")), *field.choices[1:]]


class InstitutionForm(forms.ModelForm):
    class Meta:
        model = Institution
        fields = [
            "name",
            "uscc",
            "kind",
            "grade",
            "ownership",
            "jurisdiction",
            "supervising_commission",
            "opened_on",
        ]
        widgets = {"opened_on": DateInput()}

    def __init__(self, *args, user, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["jurisdiction"].queryset = Jurisdiction.objects.for_user(user)
        self.fields["supervising_commission"].queryset = HealthCommission.objects.for_user(user)
        _chinese_empty_labels(self)

    def clean_uscc(self):
        return self.cleaned_data["uscc"].upper()


class PersonForm(forms.ModelForm):
    class Meta:
        model = Person
        fields = list(PERSON_FIELDS)
        widgets = {
            f: DateInput()
            for f in ("birth_date", "title_obtained_on", "first_practice_since", "gp_experience_since")
        }

    def __init__(self, *args, user, **kwargs):
        super().__init__(*args, **kwargs)
        scoped = Institution.objects.for_user(user)
        self.fields["employer"].queryset = scoped
        self.fields["first_practice_site"].queryset = scoped
        _chinese_empty_labels(self)

    def clean_id_number(self):
        return self.cleaned_data["id_number"].upper()


class ProfileForm(forms.ModelForm):
    """What an expert keeps current themselves (重庆全科 四、(一)1.)."""

    class Meta:
        model = Person
        fields = list(SELF_SERVICE_FIELDS)
        widgets = {"title_obtained_on": DateInput()}
