from django.urls import path

from . import views

app_name = "audit"
urlpatterns = [
    path("history/<str:app_label>/<str:model_name>/<int:pk>/", views.history, name="history"),
    path("security-events/", views.security_events, name="security_events"),
]
