"""Writes of the directory: one function per business action, one transaction each.
Who/when/before/after is recorded by the pghistory triggers with the request's context."""

from __future__ import annotations

from django.db import transaction

from core.errors import NotAllowed

from . import error_codes as codes
from .models import Institution, Person

INSTITUTION_FIELDS = (
    "name",
    "uscc",
    "kind",
    "grade",
    "ownership",
    "jurisdiction",
    "supervising_commission",
    "opened_on",
)
PERSON_FIELDS = (
    "name",
    "sex",
    "birth_date",
    "id_number",
    "mobile",
    "email",
    "title",
    "title_level",
    "title_obtained_on",
    "specialty",
    "employer",
    "employment",
    "first_practice_site",
    "first_practice_since",
    "gp_registered",
    "gp_experience_since",
)
# What an expert may change in their own profile (四、(一)1.: keep the registry current).
SELF_SERVICE_FIELDS = ("mobile", "email", "title", "title_level", "title_obtained_on", "specialty")


def _check_jurisdiction(user, jurisdiction) -> None:
    if not (user.is_sysadmin or jurisdiction.path.startswith(user.jurisdiction.path)):
        raise NotAllowed(codes.OUTSIDE_JURISDICTION, "只能在本辖区内登记机构。")


@transaction.atomic
def institution_create(*, acting_user, **data) -> Institution:
    _check_jurisdiction(acting_user, data["jurisdiction"])
    institution = Institution(**{k: data.get(k) for k in INSTITUTION_FIELDS if k in data})
    institution.full_clean()
    institution.save()
    return institution


@transaction.atomic
def institution_update(*, institution: Institution, acting_user, **data) -> Institution:
    if "jurisdiction" in data:
        _check_jurisdiction(acting_user, data["jurisdiction"])
    changed = [k for k in INSTITUTION_FIELDS if k in data and getattr(institution, k) != data[k]]
    for k in changed:
        setattr(institution, k, data[k])
    if changed:
        institution.full_clean()
        institution.save(update_fields=changed)
    return institution


@transaction.atomic
def person_create(*, acting_user, **data) -> Person:
    person = Person(**{k: data[k] for k in PERSON_FIELDS if k in data})
    person.full_clean()
    person.save()
    return person


@transaction.atomic
def person_update(*, person: Person, acting_user, **data) -> Person:
    allowed = PERSON_FIELDS if acting_user.may_edit_directory else SELF_SERVICE_FIELDS
    refused = set(data) - set(allowed)
    if refused:
        raise NotAllowed(codes.FIELDS_NOT_EDITABLE, f"无权修改：{'、'.join(sorted(refused))}")
    changed = [k for k in allowed if k in data and getattr(person, k) != data[k]]
    for k in changed:
        setattr(person, k, data[k])
    if changed:
        person.full_clean()
        person.save(update_fields=changed)
    return person
