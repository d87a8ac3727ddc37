from django import forms

from core.fields import ScopedModelChoiceField, bind_user
from core.widgets import DateInput

from .models import HealthCommission, Institution, Jurisdiction, Person
from .services import PERSON_FIELDS, SELF_SERVICE_FIELDS


class InstitutionForm(forms.ModelForm):
    """Its ids are scoped (core.fields): the jurisdictions the user sees, and the commissions the
    user may name as supervising (``supervisors_for``: also those above the user's jurisdiction)."""

    jurisdiction = ScopedModelChoiceField(
        Jurisdiction.objects.all(), label=Institution._meta.get_field("jurisdiction").verbose_name
    )
    supervising_commission = ScopedModelChoiceField(
        HealthCommission.objects.all(),
        scope="supervisors_for",
        label=Institution._meta.get_field("supervising_commission").verbose_name,
    )

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
        bind_user(self, user)

    def clean_uscc(self):
        return self.cleaned_data["uscc"].upper()


class PersonForm(forms.ModelForm):
    """Employer and first practice site: an institution the user sees (core.fields)."""

    employer = ScopedModelChoiceField(
        Institution.objects.all(), required=False, label=Person._meta.get_field("employer").verbose_name
    )
    first_practice_site = ScopedModelChoiceField(
        Institution.objects.all(),
        required=False,
        label=Person._meta.get_field("first_practice_site").verbose_name,
    )

    class Meta:
        model = Person
        fields = list(PERSON_FIELDS)
        widgets = {
            f: DateInput()
            for f in ("birth_date", "title_obtained_on", "first_practice_since", "gp_experience_since")
        }

    def __init__(self, *args, user, **kwargs):
        super().__init__(*args, **kwargs)
        bind_user(self, user)

    def clean_id_number(self):
        return self.cleaned_data["id_number"].upper()


class ProfileForm(forms.ModelForm):
    """What an expert keeps current themselves (重庆全科 四、(一)1.)."""

    class Meta:
        model = Person
        fields = list(SELF_SERVICE_FIELDS)
        widgets = {"title_obtained_on": DateInput()}
