"""The session engine: Django's database sessions, without a write on every request.

等保 2.0 asks that idle sessions end (``SESSION_COOKIE_AGE``, 30 minutes): the expiry counts from
the last request, which is why ``SESSION_SAVE_EVERY_REQUEST`` is on. Saving on every request,
though, is an ``UPDATE django_session`` per page view. This store skips the save when the data
did not change and the new expiry would move the stored one by less than
``SESSION_REFRESH_SECONDS`` (60 s by default). The stored expiry then lags the exact one by less
than that interval: a session idle for ``SESSION_COOKIE_AGE`` seconds is always over (it may end
up to a minute sooner, never later)."""

from __future__ import annotations

import datetime as dt

from django.conf import settings
from django.contrib.sessions.backends.db import SessionStore as DBSessionStore


def refresh_interval() -> dt.timedelta:
    return dt.timedelta(seconds=getattr(settings, "SESSION_REFRESH_SECONDS", 60))


class SessionStore(DBSessionStore):
    _stored_expiry: dt.datetime | None = None

    def _get_session_from_db(self):
        session = super()._get_session_from_db()
        self._stored_expiry = session.expire_date if session is not None else None
        return session

    def save(self, must_create=False):
        if (
            not must_create
            and not self.modified
            and self.session_key
            and self._stored_expiry is not None
            and self.get_expiry_date() - self._stored_expiry < refresh_interval()
        ):
            return
        super().save(must_create=must_create)
        self._stored_expiry = self.get_expiry_date()
