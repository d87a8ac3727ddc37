from django.urls import path

from . import views

app_name = "rulesets"
urlpatterns = [
    path("", views.ruleset_list, name="list"),
    path("<slug:code>/", views.ruleset_detail, name="detail"),
]
