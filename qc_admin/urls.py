from django.contrib import admin
from django.urls import include, path
from drf_spectacular.views import SpectacularAPIView, SpectacularSwaggerSplitView

from accounts.api import MeView, TokenView
from attachments import api as attachments_api
from audit.api import HistoryView
from core import platform
from core import views as core_views
from core.api.routers import Router
from deadlines import api as deadlines_api
from directory import api as directory_api
from documents import api as documents_api

router = Router()
router.register("jurisdictions", directory_api.JurisdictionViewSet, basename="jurisdiction")
router.register("commissions", directory_api.CommissionViewSet, basename="commission")
router.register("institutions", directory_api.InstitutionViewSet, basename="institution")
router.register("people", directory_api.PersonViewSet, basename="person")
router.register("attachments", attachments_api.AttachmentViewSet, basename="attachment")
router.register("deadlines", deadlines_api.DeadlineViewSet, basename="deadline")
router.register("documents", documents_api.IssuedDocumentViewSet, basename="document")
for _prefix, _viewset, _basename in platform.api_routes():  # each app's platform.py
    router.register(_prefix, _viewset, basename=_basename)

api_v1 = [
    path("", include(router.urls)),
    path("me/", MeView.as_view(), name="api-me"),
    path("auth/token/", TokenView.as_view(), name="api-token"),
    path("history/<str:app_label>/<str:model_name>/<int:pk>/", HistoryView.as_view(), name="api-history"),
]

urlpatterns = [
    path("", core_views.home, name="home"),
    path("healthz/", core_views.healthz, name="healthz"),
    # Pages that do not link the icon (the admin, a PDF) make the browser ask for /favicon.ico.
    path("favicon.ico", core_views.favicon),
    path("accounts/", include("accounts.urls")),
    path("i18n/", include("django.conf.urls.i18n")),
    path("directory/", include("directory.urls")),
    path("audit/", include("audit.urls")),
    path("rulesets/", include("rulesets.urls")),
    path("documents/", include("documents.urls")),
    path("exports/", include("exports.urls")),
    path("deadlines/", include("deadlines.urls")),
    path("attachments/", include("attachments.urls")),
    path("calendar/", include("workdays.urls")),
    path("search/", include("search.urls")),
    *platform.url_patterns(),
    path("admin/", admin.site.urls),
    path("api/v1/", include(api_v1)),
    path("api/schema/", SpectacularAPIView.as_view(), name="api-schema"),
    # The split view serves its start-up script as a file: no inline script under the CSP.
    path("api/docs/", SpectacularSwaggerSplitView.as_view(url_name="api-schema"), name="api-docs"),
]

# Routes anyone may reach without logging in; every other route sends an anonymous user to the
# login page (401 on the API) — tests/test_access_matrix.py fails for a route that does neither.
PUBLIC_ROUTES = {
    "healthz",
    "/favicon.ico",
    "set_language",
    "public_notices",
    "public_notice",
    "public-notice-list",
    "public-notice-detail",
    "public-notice-objection",
    "api-token",
    "api-schema",
    "api-docs",
}
