from django.urls import path

from . import views

app_name = "centres"
urlpatterns = [
    path("", views.centre_list, name="list"),
    path("new/", views.centre_create, name="create"),
    path("incidents/", views.incidents, name="incidents"),
    path("<int:pk>/", views.centre_detail, name="detail"),
    path("<int:pk>/call/", views.call_create, name="call_create"),
    path("calls/<int:pk>/", views.call_detail, name="call_detail"),
    path("calls/<int:pk>/close/", views.call_close, name="call_close"),
    path("calls/<int:pk>/panel/", views.panel_add, name="panel_add"),
    path("calls/<int:pk>/select/", views.call_select, name="call_select"),
    path("calls/<int:pk>/designate/", views.call_designate, name="call_designate"),
    path("calls/<int:pk>/notice/", views.notice_publish, name="notice_publish"),
    path("calls/<int:pk>/establish/", views.centre_establish, name="establish"),
    path("calls/<int:pk>/apply/", views.application_edit, name="application_edit"),
    path("applications/<int:pk>/", views.application_detail, name="application_detail"),
    path("applications/<int:pk>/files/<int:attachment_pk>/", views.application_file, name="application_file"),
    path("applications/<int:pk>/score/", views.score, name="score"),
    path("applications/<int:pk>/conflict/", views.declare_conflict, name="declare_conflict"),
    path("objections/<int:pk>/", views.objection_handle, name="objection_handle"),
]

from . import lifecycle_urls  # noqa: E402 — leader changes, term decisions, dissolution, handover

urlpatterns += lifecycle_urls.urlpatterns
