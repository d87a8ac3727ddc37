"""Issue 15 (bad input): the forms' cleaning, driven by Hypothesis. Whatever text a user types into
an identifier field or a form, cleaning ends in valid data or a field error — never an exception."""

import pytest
from django.core.exceptions import ValidationError
from hypothesis import HealthCheck, example, given, settings
from hypothesis import strategies as st

from accounts.models import User
from directory.forms import InstitutionForm, PersonForm
from directory.validators import (
    id_check_char,
    uscc_check_char,
    validate_id_number,
    validate_mobile,
    validate_uscc,
)

# digits of every script ("³", "٣", "１"), letters, controls, right-to-left marks
strange_text = st.text(alphabet=st.characters(codec="utf-8"), max_size=40) | st.text(
    alphabet="0123456789³²¹٣١１Xx\u202e\u200f\x00\t ", min_size=10, max_size=20
)


def _refuses_or_accepts(validator, value):
    try:
        validator(value)
    except ValidationError:
        return False
    return True


@given(strange_text)
@example("³" * 17 + "X")  # superscript digits: str.isdigit() says yes, int() says no
@example("1" + "٣" * 10)  # Arabic-Indic digits: int() takes them, the column would store them
@settings(max_examples=300)
def test_identifier_validators_never_crash(value):
    for validator in (validate_id_number, validate_mobile, validate_uscc):
        if _refuses_or_accepts(validator, value):
            assert value.isascii(), (validator.__name__, value)  # what passes is stored as typed: ASCII only


@given(st.text(alphabet="0123456789", min_size=17, max_size=17))
def test_every_id_number_with_its_check_character_is_accepted(first17):
    """GB 11643-1999: 17 digits and the check character computed from them."""
    validate_id_number(first17 + id_check_char(first17))


@given(st.text(alphabet="0123456789ABCDEFGHJKLMNPQRTUWXY", min_size=17, max_size=17))
def test_every_uscc_with_its_check_character_is_accepted(first17):
    """GB 32100-2015: 17 characters and the check character computed from them."""
    validate_uscc(first17 + uscc_check_char(first17))


@pytest.mark.django_db
@given(
    data=st.dictionaries(
        st.sampled_from(
            [
                "name",
                "id_number",
                "mobile",
                "birth_date",
                "gender",
                "employer",
                "uscc",
                "grade",
                "kind",
                "opened_on",
                "jurisdiction",
                "title_obtained_on",
            ]
        ),
        strange_text,
        max_size=8,
    )
)
@settings(
    max_examples=60,
    suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow],
    deadline=None,
)
def test_directory_forms_clean_any_input_without_an_exception(world, data):
    user = User.objects.get(username="jlp_commission")
    for form_class in (PersonForm, InstitutionForm):
        form = form_class(data=data, user=user)
        if not form.is_valid():
            assert form.errors  # a field error the page shows, input kept
