"""The project's URLs plus the deadlines router, for the API tests until the router line is in
qc_admin/urls.py."""

from django.urls import include, path
from rest_framework.routers import DefaultRouter

from deadlines import api
from qc_admin.urls import urlpatterns as project_urlpatterns

router = DefaultRouter()
router.register("deadlines", api.DeadlineViewSet, basename="deadline")

urlpatterns = [path("api/v1/", include(router.urls)), *project_urlpatterns]
