"""Reads of the document register, already scoped to the user."""

from __future__ import annotations

from django.db.models import Max, Min, Prefetch, Q

from .models import IssuedDocument


def document_list(*, user, filters: dict | None = None):
    """The register, newest first. The wide ``context`` column (everything the PDF was made
    from) is left in the table: a list never shows it, and dragging it through the sort made the
    register grow with the documents' size as well as their number."""
    qs = (
        IssuedDocument.objects.for_user(user)
        .select_related("jurisdiction", "issued_by")
        .defer("context")
        .prefetch_related(Prefetch("superseded_by", queryset=IssuedDocument.objects.only("pk", "supersedes")))
    )
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
    """The years to filter by: from the latest to the earliest in the user's scope (two index
    look-ups, not a DISTINCT over the whole register)."""
    span = IssuedDocument.objects.for_user(user).aggregate(first=Min("year"), last=Max("year"))
    if span["first"] is None:
        return []
    return list(range(span["last"], span["first"] - 1, -1))


def document_versions(*, user, document: IssuedDocument):
    """Every version of the document's number the user may see, newest first."""
    return (
        IssuedDocument.objects.for_user(user)
        .filter(issuer_code=document.issuer_code, year=document.year, sequence=document.sequence)
        .select_related("issued_by")
        .order_by("-version")
    )
