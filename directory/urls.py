from django.urls import path

from . import views

app_name = "directory"
urlpatterns = [
    path("jurisdictions/", views.jurisdiction_list, name="jurisdiction_list"),
    path("institutions/", views.institution_list, name="institution_list"),
    path("institutions/new/", views.institution_edit, name="institution_create"),
    path("institutions/<int:pk>/", views.institution_detail, name="institution_detail"),
    path("institutions/<int:pk>/edit/", views.institution_edit, name="institution_edit"),
    path("people/", views.person_list, name="person_list"),
    path("people/new/", views.person_edit, name="person_create"),
    path("people/<int:pk>/", views.person_detail, name="person_detail"),
    path("people/<int:pk>/edit/", views.person_edit, name="person_edit"),
    path("profile/", views.profile, name="profile"),
]
