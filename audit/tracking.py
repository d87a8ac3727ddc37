"""One decorator for every domain model: django-pghistory triggers record each insert, update
and delete in the database itself (bulk updates and raw SQL included), with the request's user
and URL as context (pghistory.middleware.HistoryMiddleware) or the command that ran."""

import pghistory


def tracked(model):
    """The event rows are append-only: a pgtrigger protection trigger makes PostgreSQL refuse UPDATE
    and DELETE on them, whatever role or code path tries (docs/security.md)."""
    return pghistory.track(
        pghistory.InsertEvent(), pghistory.UpdateEvent(), pghistory.DeleteEvent(), append_only=True
    )(model)
