"""The project's URLs plus the centres router, for the API tests until the router lines
(centres/api/) are in qc_admin/urls.py."""

from django.urls import include, path
from rest_framework.routers import DefaultRouter

from centres.api import selection as api
from qc_admin.urls import urlpatterns as project_urlpatterns

router = DefaultRouter()
router.register("centres", api.CentreViewSet, basename="centre")
router.register("selection-calls", api.CallViewSet, basename="selection-call")
router.register("centre-applications", api.ApplicationViewSet, basename="centre-application")
router.register("panel-members", api.PanelMemberViewSet, basename="panel-member")
router.register("review-scores", api.ScoreViewSet, basename="review-score")
router.register("public-notices", api.PublicNoticeViewSet, basename="public-notice")
router.register("objections", api.ObjectionViewSet, basename="objection")

urlpatterns = [path("api/v1/", include(router.urls)), *project_urlpatterns]
