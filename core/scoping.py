"""Row scoping: who sees which rows. Every selector and API ``get_queryset`` goes through
``for_user()``; a row outside the user's scope is indistinguishable from a missing one (404)."""

from __future__ import annotations

from django.core.exceptions import ValidationError
from django.db import models
from django.http import Http404

from .signals import access_refused


class ScopedQuerySet(models.QuerySet):
    """A model's queryset declares how its rows reach the three kinds of scope:

    - ``scope_path``: lookup to a jurisdiction's ``path`` (commission, office, district bureau,
      auditor see their jurisdiction and everything below it);
    - ``scope_institution``: lookup to an institution (hospital users see their own);
    - ``scope_person``: lookup to a person (an expert sees their own).
    A kind of scope a model does not declare sees none of its rows.
    """

    scope_path: str | None = None
    scope_institution: str | None = None
    scope_person: str | None = None

    def for_user(self, user):
        from accounts.models import INSTITUTION_ROLES, JURISDICTION_ROLES, Role

        if not user or not user.is_authenticated:
            return self.none()
        if user.is_sysadmin:
            return self
        if user.role in JURISDICTION_ROLES and self.scope_path and user.jurisdiction_id:
            return self.filter(**{f"{self.scope_path}__startswith": user.jurisdiction.path})
        if user.role in INSTITUTION_ROLES and self.scope_institution and user.institution_id:
            return self.filter(**{self.scope_institution: user.institution_id}).distinct()
        if user.role == Role.EXPERT and self.scope_person and user.person_id:
            return self.filter(**{self.scope_person: user.person_id}).distinct()
        return self.none()


def get_scoped_or_404(request, queryset: ScopedQuerySet, **lookup):
    """The row if ``request.user`` may see it; 404 otherwise, recording the refusal when the row
    exists but is someone else's (等保 2.0: 越权访问应被记录). A malformed id ("abc", "³", an integer
    beyond the column's range) is a missing row: 404, never a 500."""
    try:
        return queryset.for_user(request.user).get(**lookup)
    except (ValueError, TypeError, ValidationError, OverflowError):
        raise Http404("记录不存在或无权访问。") from None
    except queryset.model.DoesNotExist:
        if queryset.model._default_manager.filter(**lookup).exists():
            access_refused.send(
                sender=queryset.model,
                request=request,
                model=queryset.model._meta.label,
                lookup={k: str(v) for k, v in lookup.items()},
            )
        raise Http404("记录不存在或无权访问。")
