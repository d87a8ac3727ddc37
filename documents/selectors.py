"""Reads of the document register, already scoped to the user."""

from __future__ import annotations

from django.db.models import Q

from .models import IssuedDocument


def document_list(*, user, filters: dict | None = None):
    qs = (IssuedDocument.objects.for_user(user)
          .select_related("jurisdiction", "issued_by", "supersedes")
          .prefetch_related("superseded_by"))
    filters = filters or {}
    if filters.get("doc_type"):
        qs = qs.filter(doc_type=filters["doc_type"])
    if filters.get("year"):
        try:
            qs = qs.filter(year=int(filters["year"]))
        except (TypeError, ValueError):
            return qs.none()
    if filters.get("status"):
        qs = qs.filter(status=filters["status"])
    if filters.get("q"):
        qs = qs.filter(Q(title__icontains=filters["q"]) | Q(number__icontains=filters["q"]))
    return qs


def document_years(*, user) -> list[int]:
    return list(IssuedDocument.objects.for_user(user).order_by("-year").values_list("year", flat=True).distinct())


def document_versions(*, user, document: IssuedDocument):
    """Every version of the document's number the user may see, newest first."""
    return (IssuedDocument.objects.for_user(user)
            .filter(issuer_code=document.issuer_code, year=document.year, sequence=document.sequence)
            .select_related("issued_by").order_by("-version"))
