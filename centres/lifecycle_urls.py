"""The pages of a centre's life after establishment, in the ``centres`` namespace: centres/urls.py
appends these (``urlpatterns += lifecycle_urls.urlpatterns``), so they live under /centres/."""

from django.urls import path

from . import lifecycle_views as views

urlpatterns = [
    path("<int:pk>/leader/vacate/", views.leader_vacate, name="leader_vacate"),
    path("leader-changes/<int:pk>/", views.leader_change, name="leader_change"),
    path("leader-changes/<int:pk>/nominate/", views.leader_nominate, name="leader_nominate"),
    path("leader-changes/<int:pk>/approve/", views.leader_approve, name="leader_approve"),
    path("leader-changes/<int:pk>/reselect/", views.leader_reselect, name="leader_reselect"),
    path("terms/<int:pk>/decision/", views.term_decision, name="term_decision"),
    path("<int:pk>/dissolve/", views.dissolve, name="dissolve"),
    path("<int:pk>/handover/new/", views.handover_open, name="handover_open"),
    path("handovers/<int:pk>/", views.handover, name="handover"),
    path("handovers/<int:pk>/item/", views.handover_item, name="handover_item"),
    path("handovers/<int:pk>/sign/", views.handover_sign, name="handover_sign"),
    path("settings/handover/", views.handover_setting, name="handover_setting"),
]
