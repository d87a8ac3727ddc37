from django.urls import path

from . import views

app_name = "exports"
urlpatterns = [
    path("", views.job_list, name="job_list"),
    path("start/<slug:code>/", views.export_start, name="start"),
    path("jobs/<int:pk>/", views.job_detail, name="job_detail"),
    path("jobs/<int:pk>/progress/", views.job_progress, name="job_progress"),
    path("jobs/<int:pk>/download/", views.job_download, name="job_download"),
    path("import/institutions/", views.institution_import, name="institution_import"),
    path(
        "import/institutions/template/", views.institution_import_template, name="institution_import_template"
    ),
]
