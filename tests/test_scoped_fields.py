"""Issue 15: ids in writes are scoped through one shared field type (core/fields.py). Walks every
serializer and form class of the project and fails on a writable relation field that is not the
scoped type, so a serializer or form written tomorrow cannot forget it; and shows the fields scope
what they accept to the acting user."""

from __future__ import annotations

import importlib
import inspect
import pkgutil

import pytest
from django import forms
from django.apps import apps
from django.conf import settings
from django.utils.module_loading import module_has_submodule
from rest_framework import serializers
from rest_framework.test import APIRequestFactory

from core.fields import (
    SCOPED_FORM_FIELDS,
    ScopedModelChoiceField,
    ScopedPrimaryKeyRelatedField,
    bind_user,
)

PROJECT_MODULES = ("serializers", "api", "forms", "views", "lifecycle_views")


def _project_classes(base):
    found = {}
    for config in apps.get_app_configs():
        if not config.path.startswith(str(settings.BASE_DIR)) or "site-packages" in config.path:
            continue  # third-party apps
        for name in PROJECT_MODULES:
            if not module_has_submodule(config.module, name):
                continue
            package = importlib.import_module(f"{config.name}.{name}")
            modules = [package] + [  # a package (centres/forms/…): its modules too
                importlib.import_module(f"{package.__name__}.{info.name}")
                for info in pkgutil.iter_modules(getattr(package, "__path__", []))
            ]
            for module in modules:
                for _, cls in inspect.getmembers(module, inspect.isclass):
                    if issubclass(cls, base) and cls.__module__.split(".")[0] == config.name:
                        found[f"{cls.__module__}.{cls.__qualname__}"] = cls
    return found


def _serializer_fields(cls):
    try:
        instance = cls()
    except Exception:  # noqa: BLE001 — a serializer that needs arguments: its declared fields
        return dict(cls._declared_fields)
    return dict(instance.fields)


def unscoped_serializer_fields() -> list[str]:
    bad = []
    for label, cls in sorted(_project_classes(serializers.BaseSerializer).items()):
        if not hasattr(cls, "_declared_fields"):
            continue
        for name, field in _serializer_fields(cls).items():
            if field.read_only:
                continue
            relation = field.child_relation if isinstance(field, serializers.ManyRelatedField) else field
            if isinstance(relation, serializers.RelatedField) and not isinstance(
                relation, ScopedPrimaryKeyRelatedField
            ):
                bad.append(f"{label}.{name}")
    return bad


def unscoped_form_fields() -> list[str]:
    bad = []
    for label, cls in sorted(_project_classes(forms.BaseForm).items()):
        for name, field in getattr(cls, "base_fields", {}).items():
            if isinstance(field, forms.ModelChoiceField) and not isinstance(field, SCOPED_FORM_FIELDS):
                bad.append(f"{label}.{name}")
    return bad


def test_every_relation_field_of_every_serializer_and_form_is_the_scoped_type():
    found = unscoped_serializer_fields() + unscoped_form_fields()
    assert found == [], "use core.fields' scoped field types (or read_only=True for an output field)"


def test_the_walk_finds_the_project_serializers_and_forms():
    assert len(_project_classes(serializers.BaseSerializer)) > 50
    assert len(_project_classes(forms.BaseForm)) > 20


# --- the field types themselves -----------------------------------------------------------------


@pytest.mark.django_db
def test_an_id_outside_the_acting_users_scope_is_refused_like_a_missing_one(world, user_of):
    from directory.models import Person

    class PersonInput(serializers.Serializer):
        person = ScopedPrimaryKeyRelatedField(Person)

    other = Person.objects.get(name="马国栋")  # 济南
    own = Person.objects.get(name="张建国")  # 九龙坡
    request = APIRequestFactory().post("/")
    request.user = user_of("jlp_commission")
    ok = PersonInput(data={"person": own.pk}, context={"request": request})
    assert ok.is_valid() and ok.validated_data["person"] == own
    outside = PersonInput(data={"person": other.pk}, context={"request": request})
    missing = PersonInput(data={"person": 10**9}, context={"request": request})
    assert not outside.is_valid() and not missing.is_valid()
    assert outside.errors["person"][0].code == missing.errors["person"][0].code == "does_not_exist"
    assert not PersonInput(data={"person": own.pk}).is_valid()  # no acting user: nothing matches


@pytest.mark.django_db
def test_a_form_id_field_offers_and_accepts_only_the_users_rows(world, user_of):
    from directory.models import Person

    class PersonForm(forms.Form):
        person = ScopedModelChoiceField(Person.objects.all())

        def __init__(self, *args, user, **kwargs):
            super().__init__(*args, **kwargs)
            bind_user(self, user)

    user = user_of("jlp_commission")
    other = Person.objects.get(name="马国栋")
    own = Person.objects.get(name="张建国")
    form = PersonForm(user=user)
    offered = {pk for pk, _ in form.fields["person"].choices if pk}
    assert own.pk in {int(str(pk)) for pk in offered} and other.pk not in {int(str(pk)) for pk in offered}
    assert PersonForm({"person": own.pk}, user=user).is_valid()
    assert not PersonForm({"person": other.pk}, user=user).is_valid()
    # a view narrowing further (the rule set) still cannot widen past the user's scope
    narrowed = PersonForm({"person": other.pk}, user=user)
    narrowed.fields["person"].queryset = Person.objects.filter(pk__in=[own.pk, other.pk])
    assert not narrowed.is_valid()
