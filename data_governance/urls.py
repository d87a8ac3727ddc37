from django.urls import path

from . import views

app_name = "data_governance"
urlpatterns = [
    path("resources/", views.resource_list, name="resource_list"),
    path("resources/<int:pk>/", views.resource_detail, name="resource_detail"),
    path("resources/<int:pk>/export/", views.resource_export, name="resource_export"),
    path("requests/", views.request_list, name="request_list"),
    path("requests/new/", views.request_form, name="request_new"),
    path("requests/<int:pk>/", views.request_detail, name="request_detail"),
    path("requests/<int:pk>/edit/", views.request_form, name="request_edit"),
    path(
        "requests/<int:pk>/commitment-letter.pdf",
        views.request_letter_template,
        name="request_letter_template",
    ),
    path("grants/", views.grant_list, name="grant_list"),
    path("grants/<int:pk>/", views.grant_detail, name="grant_detail"),
    path("access-log/", views.access_log, name="access_log"),
    path("trace/", views.trace, name="trace"),
    path("publications/", views.publication_list, name="publication_list"),
    path("publications/<int:pk>/", views.publication_detail, name="publication_detail"),
    path("transfers/", views.transfer_list, name="transfer_list"),
    path("transfers/<int:pk>/", views.transfer_detail, name="transfer_detail"),
    path("handovers/", views.handovers, name="handovers"),
]
