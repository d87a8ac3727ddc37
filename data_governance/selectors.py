"""Every read of data governance, scoped to the user (core/scoping.py)."""

from __future__ import annotations

from django.db.models import Count, Prefetch

from .models import (
    AccessLog,
    DataResource,
    ExportTrace,
    Grant,
    PublicationReview,
    ThirdPartyTransfer,
    UseRequest,
)


def resource_list(*, user):
    return DataResource.objects.for_user(user).select_related("jurisdiction__commission", "steward", "centre")


def request_list(*, user):
    return (
        UseRequest.objects.for_user(user)
        .select_related("centre", "applicant")
        .annotate(resource_count=Count("resources", distinct=True), user_count=Count("users", distinct=True))
    )


def request_detail_qs(*, user):
    return (
        UseRequest.objects.for_user(user)
        .select_related(
            "centre__jurisdiction", "centre__host", "centre__leader", "applicant", "endorsed_by", "decided_by"
        )
        .prefetch_related("users", "resources")
    )


def grant_list(*, user):
    return (
        Grant.objects.for_user(user)
        .select_related("centre", "request", "granted_by")
        .prefetch_related("users", "resources")
    )


def access_log(*, user):
    return AccessLog.objects.for_user(user).select_related("user", "resource", "grant")


def export_traces(*, user):
    return ExportTrace.objects.for_user(user).select_related("user", "resource", "grant")


def publication_list(*, user):
    return PublicationReview.objects.for_user(user).select_related("centre", "submitted_by")


def publication_detail_qs(*, user):
    from .models import PublicationCheck, ScanHit

    return (
        PublicationReview.objects.for_user(user)
        .select_related(
            "centre__jurisdiction",
            "centre__leader",
            "centre__host",
            "grant",
            "submitted_by",
            "committee_decided_by",
            "decided_by",
        )
        .prefetch_related(
            Prefetch("checks", PublicationCheck.objects.select_related("confirmed_by")),
            Prefetch("hits", ScanHit.objects.select_related("resolved_by")),
        )
    )


def transfer_list(*, user):
    return ThirdPartyTransfer.objects.for_user(user).select_related("centre", "requested_by", "decided_by")
