from django.urls import path

from . import views

app_name = "experts"

# The 公示 of library appointments is public: anyone may read it and object without logging in
# (重庆全科 二、(二)3.; docs/experts.md). Every other page needs a login.
PUBLIC_ROUTES = {"experts:public_notices", "experts:public_notice"}

urlpatterns = [
    path("", views.committee_list, name="committee_list"),
    path("centres/<int:centre_pk>/committees/create/", views.committee_create, name="committee_create"),
    path("committees/<int:pk>/", views.committee_detail, name="committee_detail"),
    path("committees/<int:pk>/seats/add/", views.seat_add, name="seat_add"),
    path("committees/<int:pk>/import/", views.roster_import, name="roster_import"),
    path("committees/<int:pk>/submit/", views.roster_submit, name="roster_submit"),
    path("committees/<int:pk>/approve/", views.roster_approve, name="roster_approve"),
    path("committees/<int:pk>/return/", views.roster_return, name="roster_return"),
    path("committees/<int:pk>/letters/", views.letters_request, name="letters_request"),
    path("committees/<int:pk>/meetings/add/", views.meeting_add, name="meeting_add"),
    path("seats/<int:pk>/letter/", views.appointment_letter, name="appointment_letter"),
    path("seats/<int:pk>/delete/", views.seat_delete, name="seat_delete"),
    path("seats/<int:pk>/<slug:action>/", views.seat_action, name="seat_action"),
    path("me/hours/", views.my_hours, name="my_hours"),
    path("me/hours/<int:pk>/edit/", views.duty_edit, name="duty_edit"),
    path("me/", views.mine, name="mine"),
    path("duty/", views.duty_queue, name="duty_queue"),
    path("duty/<int:pk>/<slug:action>/", views.duty_decide, name="duty_decide"),
    path("hours/", views.hours_overview, name="hours_overview"),
    path("hours/deadlines/<int:library_pk>/", views.hours_deadlines, name="hours_deadlines"),
    path("activities/", views.activity_list, name="activity_list"),
    path("activities/<int:pk>/", views.activity_detail, name="activity_detail"),
    path("s/<str:token>/", views.sign_in, name="sign_in"),
    path("library/", views.library, name="library"),
    path("library/apply/", views.apply, name="apply"),
    path("library/applications/<int:pk>/", views.application_detail, name="application_detail"),
    path("library/experts/<int:pk>/", views.expert_detail, name="expert_detail"),
    path("library/<int:library_pk>/gradings/open/", views.grading_open, name="grading_open"),
    path("library/gradings/<int:pk>/", views.grading_detail, name="grading_detail"),
    path("notices/", views.public_notices, name="public_notices"),
    path("notices/<int:pk>/", views.public_notice, name="public_notice"),
    path("recusals/", views.recusals, name="recusals"),
]

# The public notice of expert appointments: no login, anyone may read and object (like /notices/).
PUBLIC_ROUTES = {"experts:public_notices", "experts:public_notice"}
