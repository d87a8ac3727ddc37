from django.contrib.auth.decorators import login_required
from django.db import connection
from django.http import JsonResponse
from django.shortcuts import render

from .todos import todos_for


@login_required
def home(request):
    """Each role's home page: what this user has to do."""
    return render(request, "core/home.html", {"todos": todos_for(request.user)})


def healthz(request):
    with connection.cursor() as cur:
        cur.execute("SELECT 1")
    return JsonResponse({"status": "ok"})
