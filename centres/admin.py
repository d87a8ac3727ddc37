from django.contrib import admin

from .models import Ban, Centre, QualityIncident, Specialty


@admin.register(Specialty)
class SpecialtyAdmin(admin.ModelAdmin):
    list_display = ("name", "work_direction", "category")
    search_fields = ("name",)


@admin.register(Centre)
class CentreAdmin(admin.ModelAdmin):
    """Read in the admin; every change goes through the workflow's services and pages."""

    list_display = ("name", "jurisdiction", "body_kind", "status", "host", "leader")
    list_filter = ("status", "body_kind")
    search_fields = ("name",)

    def has_change_permission(self, request, obj=None):
        return False

    def has_add_permission(self, request):
        return False


class ReadOnlyAdmin(admin.ModelAdmin):
    """Read in the admin; every change goes through the services and their pages, which check the
    rules, record who did it and keep the timeline (issue 8, defect 9)."""

    def has_add_permission(self, request):
        return False

    def has_change_permission(self, request, obj=None):
        return False

    def has_delete_permission(self, request, obj=None):
        return False


@admin.register(QualityIncident)
class QualityIncidentAdmin(ReadOnlyAdmin):
    """Serious incidents on record (九龙坡 第六条（四）, 济南 第五条（三））: recorded on the
    严重事件登记 page (centres:incidents) through centres.services.selection.incident_record."""

    list_display = ("institution", "occurred_on", "department", "recorded_by")
    search_fields = ("institution__name",)


@admin.register(Ban)
class BanAdmin(ReadOnlyAdmin):
    """Bans follow from a dissolution (centres.services.lifecycle.centre_dissolve), never typed in here."""

    list_display = ("institution", "scope", "cause", "specialty", "starts_on", "ends_on", "article")
    list_filter = ("scope", "cause")
