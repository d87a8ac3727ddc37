"""Where the centres pages are mounted (centres/platform.py mounts this at the site's root): the
workflow under /centres/ (namespace ``centres``, centres/urls.py) and the public notices, read and
objected to without login, under /notices/."""

from django.urls import include, path

from .views import selection

urlpatterns = [
    path("centres/", include("centres.urls")),
    path("notices/", selection.public_notices, name="public_notices"),
    path("notices/<int:pk>/", selection.public_notice, name="public_notice"),
]
