"""The centres pages, under /centres/ (namespace ``centres``): selection (centres/views/selection.py)
and a centre's life after establishment (centres/views/lifecycle.py)."""

from django.urls import path

from .views import lifecycle, selection

app_name = "centres"
urlpatterns = [
    path("", selection.centre_list, name="list"),
    path("new/", selection.centre_create, name="create"),
    path("incidents/", selection.incidents, name="incidents"),
    path("calls/", selection.call_list, name="call_list"),
    path("applications/", selection.application_list, name="application_list"),
    path("terms/", lifecycle.term_list, name="term_list"),
    path("leader-changes/", lifecycle.leader_change_list, name="leader_change_list"),
    path("<int:pk>/", selection.centre_detail, name="detail"),
    path("<int:pk>/call/", selection.call_create, name="call_create"),
    path("calls/<int:pk>/", selection.call_detail, name="call_detail"),
    path("calls/<int:pk>/close/", selection.call_close, name="call_close"),
    path("calls/<int:pk>/panel/", selection.panel_add, name="panel_add"),
    path("calls/<int:pk>/select/", selection.call_select, name="call_select"),
    path("calls/<int:pk>/designate/", selection.call_designate, name="call_designate"),
    path("calls/<int:pk>/notice/", selection.notice_publish, name="notice_publish"),
    path("calls/<int:pk>/establish/", selection.centre_establish, name="establish"),
    path("calls/<int:pk>/apply/", selection.application_edit, name="application_edit"),
    path("applications/<int:pk>/", selection.application_detail, name="application_detail"),
    path(
        "applications/<int:pk>/files/<int:attachment_pk>/",
        selection.application_file,
        name="application_file",
    ),
    path("applications/<int:pk>/score/", selection.score, name="score"),
    path("applications/<int:pk>/conflict/", selection.declare_conflict, name="declare_conflict"),
    path("objections/<int:pk>/", selection.objection_handle, name="objection_handle"),
    # a centre's life after establishment
    path("<int:pk>/leader/vacate/", lifecycle.leader_vacate, name="leader_vacate"),
    path("leader-changes/<int:pk>/", lifecycle.leader_change, name="leader_change"),
    path("leader-changes/<int:pk>/nominate/", lifecycle.leader_nominate, name="leader_nominate"),
    path("leader-changes/<int:pk>/approve/", lifecycle.leader_approve, name="leader_approve"),
    path("leader-changes/<int:pk>/reselect/", lifecycle.leader_reselect, name="leader_reselect"),
    path("terms/<int:pk>/decision/", lifecycle.term_decision, name="term_decision"),
    path("<int:pk>/dissolve/", lifecycle.dissolve, name="dissolve"),
    path("<int:pk>/handover/new/", lifecycle.handover_open, name="handover_open"),
    path("handovers/<int:pk>/", lifecycle.handover, name="handover"),
    path("handovers/<int:pk>/item/", lifecycle.handover_item, name="handover_item"),
    path("handovers/<int:pk>/sign/", lifecycle.handover_sign, name="handover_sign"),
    path("settings/handover/", lifecycle.handover_setting, name="handover_setting"),
]
