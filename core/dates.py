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
