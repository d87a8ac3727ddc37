"""Calendar arithmetic on whole years, one definition for the engine and the workflows."""

from __future__ import annotations

from datetime import date


def add_years(day: date, years: int) -> date:
    """The same calendar day ``years`` later (or earlier, if negative); 29 Feb → 28 Feb."""
    try:
        return day.replace(year=day.year + years)
    except ValueError:
        return day.replace(year=day.year + years, day=28)


def years_before(day: date, years: int) -> date:
    """The same calendar day ``years`` earlier (29 Feb → 28 Feb)."""
    return add_years(day, -years)


# A year a page may be asked for in its query string (?year=…): the product's records start in the
# 2000s; anything else — not a number, negative, past what a date can hold — is this year.
ASKABLE_YEARS = range(2000, 2101)


def year_asked(request, default: int) -> int:
    """The page's ``?year=``, or ``default`` when it is missing or no year a record can have."""
    try:
        year = int(request.GET.get("year") or default)
    except ValueError:
        return default
    return year if year in ASKABLE_YEARS else default
