"""Reads of the calendar tables. They are the same for every user: the State Council's schedule
is national, so nothing here is scoped."""

from .models import CoveredYear, HolidayOverride


def holiday_override_list():
    return HolidayOverride.objects.order_by("-date")


def covered_year_list():
    return CoveredYear.objects.order_by("-year")
