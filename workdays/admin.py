"""Administrators enter here what the chinese_calendar package does not know yet: a new year's
schedule (every holiday and make-up day, then the year as covered), or a one-off holiday."""

from django.contrib import admin

from .models import CoveredYear, HolidayOverride


@admin.register(HolidayOverride)
class HolidayOverrideAdmin(admin.ModelAdmin):
    list_display = ["date", "name", "is_working_day", "source"]
    list_filter = ["is_working_day", "name"]
    search_fields = ["name", "source", "note"]
    date_hierarchy = "date"


@admin.register(CoveredYear)
class CoveredYearAdmin(admin.ModelAdmin):
    list_display = ["year", "source"]
    search_fields = ["source"]
