from django.contrib import admin

from .models import HealthCommission, Institution, Jurisdiction, Office, Person


@admin.register(Jurisdiction)
class JurisdictionAdmin(admin.ModelAdmin):
    list_display = ("code", "name", "level", "parent")
    search_fields = ("code", "name")
    list_filter = ("level",)


class OfficeInline(admin.TabularInline):
    model = Office
    extra = 0


@admin.register(HealthCommission)
class HealthCommissionAdmin(admin.ModelAdmin):
    list_display = ("name", "short_name", "jurisdiction")
    search_fields = ("name",)
    inlines = [OfficeInline]


@admin.register(Institution)
class InstitutionAdmin(admin.ModelAdmin):
    list_display = ("name", "kind", "grade", "ownership", "jurisdiction")
    list_filter = ("kind", "grade", "ownership")
    search_fields = ("name", "uscc")
    list_select_related = ("jurisdiction",)


@admin.register(Person)
class PersonAdmin(admin.ModelAdmin):
    list_display = ("name", "title", "title_level", "employer", "employment")
    list_filter = ("title_level", "employment")
    search_fields = ("name",)
    list_select_related = ("employer",)
