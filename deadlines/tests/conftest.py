import datetime as dt

import pytest

from deadlines import services
from deadlines.dates import SHANGHAI
from directory.models import Institution, Jurisdiction


def at(text: str) -> dt.datetime:
    """'2026-03-10 23:59:59' in Shanghai."""
    return dt.datetime.fromisoformat(text).replace(tzinfo=SHANGHAI)


@pytest.fixture
def open_deadline(world):
    """Open a deadline in 九龙坡区 about 九龙坡区人民医院 (or the institution named)."""

    def make(
        *,
        kind="chair.replacement",
        due="2026-03-10 23:59:59",
        institution="九龙坡区人民医院",
        responsible=True,
        title=None,
        **kwargs,
    ):
        hospital = Institution.objects.get(name=institution)
        kwargs.setdefault("subject", hospital)
        return services.deadline_open(
            kind=kind,
            title=title or f"{hospital.name}：更换主任委员",
            due_at=at(due) if isinstance(due, str) else due,
            jurisdiction=hospital.jurisdiction,
            institution=hospital if responsible else None,
            article="第十二条",
            ruleset_code="cq-jiulongpo-2025",
            **kwargs,
        )

    return make


@pytest.fixture
def jlp(world):
    return Jurisdiction.objects.get(code="500107")
