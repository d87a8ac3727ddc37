"""Ids in writes are scoped, not just the URL's object (issue 15; ASVS 5.0 V8.2.3): every id a
serializer or form accepts — a person, an institution, a reviewer, a document, a resource — is
looked up only among the rows the acting user may see (``for_user``), further narrowed by whatever
the view or the rule set allows (a queryset assigned to the field). An id outside is the same
"does not exist" as a missing one. One field type each for the API and the pages, so no serializer
or form can forget it; ``tests/test_scoped_fields.py`` walks every serializer and form and fails on
a relation field of another type.

API::

    person = ScopedPrimaryKeyRelatedField(Person, label="评审专家")
    # the acting user is the request's (context={"request": request}); without one nothing matches.
    # A view may narrow further, e.g. by the rule set: serializer.fields["person"].queryset = eligible

Pages::

    person = ScopedModelChoiceField(Person, label="评审专家")
    # the form binds the acting user once: bind_user(self, user) in its __init__ (ScopedForm does);
    # until then the field offers and accepts nothing.

Where the rows a user may *pick* are not the rows the user may *see* (a host seats doctors of other
hospitals of the province on its committee), the model's queryset declares a second, named scope
and the field names it: ``ScopedModelChoiceField(Person, scope="seatable_by")`` resolves among
``Person.objects.seatable_by(user)``. The method takes the acting user, like ``for_user``, and
lives next to it, so what a user may pick is declared once per model and read in one place.
"""

from __future__ import annotations

from django import forms
from rest_framework import serializers


def _base_queryset(model_or_queryset, scope: str = "for_user"):
    queryset = (
        model_or_queryset._default_manager.all()
        if hasattr(model_or_queryset, "_default_manager")
        else model_or_queryset
    )
    if not hasattr(queryset, scope):
        raise TypeError(
            f"{queryset.model.__name__}'s queryset has no {scope}() (core.scoping.ScopedQuerySet)"
        )
    return queryset


def _scoped(queryset, scope: str, user):
    if user is None or not user.is_authenticated:
        return queryset.none()
    return getattr(queryset, scope)(user)


def _acting_user(context):
    request = context.get("request")
    return getattr(request, "user", None) or context.get("acting_user")


class ScopedPrimaryKeyRelatedField(serializers.PrimaryKeyRelatedField):
    """A primary key resolved among ``queryset.for_user(acting user)`` (many=True works too)."""

    def __init__(self, model=None, *, scope: str = "for_user", **kwargs):
        queryset = kwargs.pop("queryset", None)
        if not kwargs.get("read_only"):
            kwargs["queryset"] = _base_queryset(queryset if queryset is not None else model, scope)
        self.scope = scope
        super().__init__(**kwargs)

    def get_queryset(self):
        return _scoped(super().get_queryset(), self.scope, _acting_user(self.context))


class _ScopedChoice:
    """The form field's queryset, always seen through ``for_user`` of the bound user."""

    acting_user = None
    scope = "for_user"

    def _get_queryset(self):
        queryset = self._queryset
        return None if queryset is None else _scoped(queryset, self.scope, self.acting_user)

    def _set_queryset(self, queryset):
        forms.ModelChoiceField._set_queryset(
            self, _base_queryset(queryset, self.scope) if queryset is not None else None
        )

    def __deepcopy__(self, memo):
        result = forms.Field.__deepcopy__(self, memo)  # as ModelChoiceField's, keeping the base
        if self._queryset is not None:
            result._queryset = self._queryset.all()
        result.widget.choices = result.choices
        return result

    def bind(self, user) -> None:
        self.acting_user = user
        self.widget.choices = self.choices


class ScopedModelChoiceField(_ScopedChoice, forms.ModelChoiceField):
    queryset = property(_ScopedChoice._get_queryset, _ScopedChoice._set_queryset)

    def __init__(self, queryset, *args, scope: str = "for_user", **kwargs):
        self.scope = scope
        super().__init__(_base_queryset(queryset, scope), *args, **kwargs)


class ScopedModelMultipleChoiceField(_ScopedChoice, forms.ModelMultipleChoiceField):
    queryset = property(_ScopedChoice._get_queryset, _ScopedChoice._set_queryset)

    def __init__(self, queryset, *args, scope: str = "for_user", **kwargs):
        self.scope = scope
        super().__init__(_base_queryset(queryset, scope), *args, **kwargs)


SCOPED_FORM_FIELDS = (ScopedModelChoiceField, ScopedModelMultipleChoiceField)


def bind_user(form, user) -> None:
    """Scope every id field of ``form`` to ``user`` (call once in the form's ``__init__``)."""
    for field in form.fields.values():
        if isinstance(field, SCOPED_FORM_FIELDS):
            field.bind(user)


class ScopedForm(forms.Form):
    """A form taking ``user=``: its id fields are scoped to that user."""

    def __init__(self, *args, user=None, **kwargs):
        super().__init__(*args, **kwargs)
        self.user = user
        bind_user(self, user)


def valid_input(serializer_class, request, **narrow) -> dict:
    """The request's body through ``serializer_class``, its id fields resolved among what the acting
    user may pick; each field named in ``narrow`` (a field name -> a queryset) narrowed further where
    the URL's object limits it (a call's applications, a request's own resources — ``many=True``
    fields too). Invalid input raises DRF's ValidationError (400)."""
    serializer = serializer_class(data=request.data, context={"request": request})
    for name, queryset in narrow.items():
        field = serializer.fields[name]
        getattr(field, "child_relation", field).queryset = queryset
    serializer.is_valid(raise_exception=True)
    return serializer.validated_data
