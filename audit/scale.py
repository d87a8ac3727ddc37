"""The security audit's part of the province-scale data set (core/scale.py): two million
等保 security events (logins, logouts, refusals, exports) over eight years, loaded with COPY.
(The change history — pghistory events — grows by itself: every row the other parts insert is
recorded by its trigger.)"""

from __future__ import annotations

import datetime as dt

from django.utils import timezone

from core import scale

from .models import SecurityEvent

ORDER = 90


def seed(ctx: scale.ScaleContext) -> None:
    rng = ctx.rng_for("audit")
    n = ctx.size("audit_rows")
    users = list(ctx.users.values())
    now = timezone.now()
    start = now - dt.timedelta(days=365 * 8)
    span = (now - start).total_seconds()
    kinds = ["login", "logout", "login_failed", "refused", "export", "download"]
    weights = [45, 40, 8, 3, 3, 1]

    def rows():
        for i in range(n):
            u = rng.choice(users)
            at = start + dt.timedelta(seconds=span * i / n)
            kind = rng.choices(kinds, weights=weights)[0]
            yield (
                kind,
                at.isoformat(),
                u.pk,
                u.username,
                f"10.{i % 250}.{(i // 250) % 250}.{i % 7 + 1}",
                "/accounts/login/" if kind.startswith("login") else "/",
                "{}",
            )

    ctx.copy(
        SecurityEvent._meta.db_table,
        ["kind", "at", "user_id", "username", "ip", "path", "detail"],
        rows(),
        total=n,
        label="安全审计",
    )
