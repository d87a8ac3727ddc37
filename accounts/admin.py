from django.contrib import admin
from django.contrib.auth.admin import UserAdmin

from .models import User


@admin.register(User)
class QcUserAdmin(UserAdmin):
    list_display = (
        "username",
        "display_name",
        "role",
        "jurisdiction",
        "institution",
        "is_active",
        "last_login",
    )
    list_filter = ("role", "is_active")
    search_fields = ("username", "display_name")
    autocomplete_fields = ("jurisdiction", "institution", "person")
    fieldsets = UserAdmin.fieldsets + (
        ("角色与范围", {"fields": ("role", "display_name", "jurisdiction", "institution", "person")}),
    )
    add_fieldsets = UserAdmin.add_fieldsets + (
        ("角色与范围", {"fields": ("role", "jurisdiction", "institution", "person")}),
    )
