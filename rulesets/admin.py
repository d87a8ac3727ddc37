from django.contrib import admin

from .models import RuleSetAssignment, RuleSetSetting


@admin.register(RuleSetAssignment)
class RuleSetAssignmentAdmin(admin.ModelAdmin):
    """Administrators assign rule sets by jurisdiction, kind of body and date; every change is kept
    by the audit trail (audit/tracking.py)."""

    list_display = ("jurisdiction", "body_kind", "ruleset_code", "valid_from", "note")
    list_filter = ("body_kind", "ruleset_code")
    search_fields = ("jurisdiction__name", "ruleset_code")


@admin.register(RuleSetSetting)
class RuleSetSettingAdmin(admin.ModelAdmin):
    list_display = ("jurisdiction", "ruleset_code", "key", "value", "decided_on", "basis")
    list_filter = ("ruleset_code",)
