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


@admin.register(QualityIncident)
class QualityIncidentAdmin(admin.ModelAdmin):
    """Serious incidents on record: the clean-record condition of host eligibility looks back over
    them (九龙坡 第六条（四）, 济南 第五条（三）)."""

    list_display = ("institution", "occurred_on", "department", "recorded_by")
    search_fields = ("institution__name",)
    autocomplete_fields = ("institution",)

    def save_model(self, request, obj, form, change):
        if not change:
            obj.recorded_by = request.user
        super().save_model(request, obj, form, change)

    def get_exclude(self, request, obj=None):
        return ("recorded_by",)


@admin.register(Ban)
class BanAdmin(admin.ModelAdmin):
    list_display = ("institution", "scope", "cause", "specialty", "starts_on", "ends_on", "article")
    list_filter = ("scope", "cause")
