from django.urls import path

from . import views

app_name = "appraisal"
urlpatterns = [
    path("", views.year_list, name="year_list"),
    path("open/", views.year_open, name="year_open"),
    path("dashboard/", views.dashboard, name="dashboard"),
    path("years/<int:pk>/", views.year_detail, name="year_detail"),
    path("years/<int:pk>/criteria/", views.year_criteria, name="year_criteria"),
    path("years/<int:pk>/<str:step>/", views.year_action, name="year_action"),
    path("invitations/<int:pk>/", views.invitation_detail, name="invitation_detail"),
    path("invitations/<int:pk>/submit/", views.invitation_submit, name="invitation_submit"),
    path("invitations/<int:pk>/score/<int:assessment_pk>/", views.score_form, name="score"),
    path("assessments/<int:pk>/", views.assessment_detail, name="assessment_detail"),
    path("consequences/<int:pk>/", views.consequence_detail, name="consequence_detail"),
    path("centres/<int:pk>/", views.centre_appraisal, name="centre"),
    path("centres/<int:pk>/findings/new/", views.finding_create, name="finding_create"),
    path("duties/", views.duty_centres, name="duty_centres"),
    path("rectifications/", views.rectification_list, name="rectification_list"),
    path("rectifications/<int:pk>/", views.rectification_detail, name="rectification_detail"),
    path("duties/<int:pk>/<int:year>/", views.duty_year, name="duty_year"),
]
