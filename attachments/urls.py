from django.urls import path

from . import views

app_name = "attachments"
urlpatterns = [
    path("upload/<int:content_type_id>/<int:object_id>/", views.upload, name="upload"),
    path("<int:pk>/download/", views.download, name="download"),
    path("<int:pk>/delete/", views.delete, name="delete"),
]
