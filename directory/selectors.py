"""Reads of the directory, already scoped to the user."""

from django.db.models import Count

from .models import HealthCommission, Institution, Jurisdiction, Person


def jurisdiction_list(*, user):
    return (
        Jurisdiction.objects.for_user(user)
        .select_related("parent")
        .annotate(institution_count=Count("institutions", distinct=True))
        .order_by("path")
    )


def commission_list(*, user):
    return HealthCommission.objects.for_user(user).select_related("jurisdiction")


def institution_list(*, user, filters: dict | None = None):
    qs = Institution.objects.for_user(user).select_related("jurisdiction", "supervising_commission")
    filters = filters or {}
    if filters.get("q"):
        qs = qs.filter(name__icontains=filters["q"])
    for field in ("kind", "grade", "ownership"):
        if filters.get(field):
            qs = qs.filter(**{field: filters[field]})
    if filters.get("jurisdiction"):
        qs = qs.filter(jurisdiction__path__contains=f"{filters['jurisdiction']}/")
    return qs


def person_list(*, user, filters: dict | None = None):
    qs = Person.objects.for_user(user).select_related("employer", "first_practice_site")
    filters = filters or {}
    if filters.get("q"):
        qs = qs.filter(name__icontains=filters["q"])
    for field in ("title_level", "employment", "employer"):
        if filters.get(field):
            qs = qs.filter(**{field: filters[field]})
    return qs
