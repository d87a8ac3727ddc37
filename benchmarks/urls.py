"""The project's URLs plus the benchmarks' baseline: an authenticated view that makes one indexed
query. Every figure of ``make bench`` is a ratio to this view, measured in the same run."""

from django.contrib.auth.decorators import login_required
from django.http import JsonResponse
from django.urls import path

from directory.models import Jurisdiction
from qc_admin.urls import urlpatterns as project_urlpatterns


@login_required
def baseline(request):
    code = Jurisdiction.objects.filter(pk=request.user.jurisdiction_id).values_list("code", flat=True).first()
    return JsonResponse({"user": request.user.username, "jurisdiction": code})


urlpatterns = [path("bench/baseline/", baseline, name="bench-baseline"), *project_urlpatterns]
