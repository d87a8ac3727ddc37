from django.urls import path

from . import views

app_name = "workdays"
urlpatterns = [
    path("", views.calculator, name="calculator"),
    path("import-notice/", views.import_notice, name="import_notice"),
]
