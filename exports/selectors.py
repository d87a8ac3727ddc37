"""Reads of exports, already scoped to the user."""

from .models import ExportJob


def export_job_list(*, user):
    return ExportJob.objects.for_user(user).select_related("user")
