"""One decorator for every domain model: django-pghistory triggers record each insert, update
and delete in the database itself (bulk updates and raw SQL included), with the request's user
and URL as context (pghistory.middleware.HistoryMiddleware) or the command that ran."""

import pghistory


def tracked(model):
    return pghistory.track(pghistory.InsertEvent(), pghistory.UpdateEvent(), pghistory.DeleteEvent())(model)
