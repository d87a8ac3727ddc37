"""The project's URLs plus the attachments API, as qc_admin/urls.py will mount it."""

from django.urls import include, path
from rest_framework.routers import SimpleRouter

from attachments.api import AttachmentViewSet
from qc_admin.urls import urlpatterns as project_urlpatterns

router = SimpleRouter()
router.register("attachments", AttachmentViewSet, basename="attachment")

urlpatterns = [path("api/v1/", include(router.urls)), *project_urlpatterns]
