"""文号 under load (issue 15): twenty staff issuing at the same moment, each on its own connection,
some of whose surrounding business actions fail and roll back. The numbers that remain are unique
and gap-free — a rolled-back issue gives its number back (GB/T 9704 7.2.4 发文字号)."""

import threading
from datetime import date

import pytest
from django.db import connection, transaction

from accounts.models import User
from directory.models import HealthCommission
from documents import services
from documents.models import DocumentNumberSequence, IssuedDocument
from documents.tests.conftest import NOTICE_DATA
from documents.types import commission_issuer

THREADS = 20


class Abandoned(Exception):
    """The business action around the issue failed after the number was taken."""


@pytest.mark.django_db(transaction=True)
def test_twenty_concurrent_issues_are_unique_and_gap_free(world, monkeypatch):
    # The PDF is not what is measured here: no render after commit.
    monkeypatch.setattr(services, "_enqueue_render", lambda document, render_sync: None)
    user = User.objects.get(username="jlp_commission")
    issuer = commission_issuer(HealthCommission.objects.get(jurisdiction__code="500107"))
    barrier = threading.Barrier(THREADS)
    kept, given_back, errors = [], [], []

    def issue(i: int) -> None:
        try:
            barrier.wait()
            with transaction.atomic():
                document = services.document_issue(
                    doc_type="notice", acting_user=user, issuer=issuer, data=NOTICE_DATA, on=date(2025, 6, 1)
                )
                if i % 4 == 0:
                    raise Abandoned
            kept.append(document.sequence)
        except Abandoned:
            given_back.append(i)
        except Exception as exc:  # reported by the assertion below
            errors.append(repr(exc))
        finally:
            connection.close()

    threads = [threading.Thread(target=issue, args=(i,)) for i in range(THREADS)]
    for t in threads:
        t.start()
    for t in threads:
        t.join(120)
    assert errors == []
    assert len(given_back) == THREADS // 4
    stored = sorted(
        IssuedDocument.objects.filter(issuer_code=issuer.code, year=2025).values_list("sequence", flat=True)
    )
    assert stored == sorted(kept) == list(range(1, len(kept) + 1))  # unique, consecutive, no gap
    numbers = IssuedDocument.objects.filter(issuer_code=issuer.code, year=2025).values_list(
        "number", flat=True
    )
    assert len(set(numbers)) == len(kept)
    assert DocumentNumberSequence.objects.get(issuer_code=issuer.code, year=2025).last == len(kept)
