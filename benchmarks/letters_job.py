"""The committed side of the letters benchmark (benchmarks/test_letters.py), in a process of its own
so that a real Celery worker sees what it issues (the benchmark's own database work is rolled back):

    python -m benchmarks.letters_job issue N TAG   # N appointment letters through the service
    python -m benchmarks.letters_job status TAG    # how many are rendered (ready / failed / waiting)
    python -m benchmarks.letters_job cleanup TAG   # delete them, their PDFs and their outbox rows

Each letter is issued by the province's commission through ``documents.services.document_issue``,
exactly as the product does: numbered, registered, and handed to the ``documents`` queue through
the outbox once its transaction commits. Prints one line of JSON."""

from __future__ import annotations

import json
import os
import sys
import time


def _setup():
    os.environ["DJANGO_SETTINGS_MODULE"] = os.environ.get("LETTERS_SETTINGS", "qc_admin.settings.dev")
    import django

    django.setup()


def _title(tag: str) -> str:
    return f"【性能测试 {tag}】"


def issue(n: int, tag: str) -> dict:
    from django.db.models import Q

    from accounts.models import User
    from directory.models import HealthCommission, Person
    from documents import services
    from documents.types import commission_issuer, get_type

    try:
        get_type("experts_roster_notice")
        doc_type = "experts_roster_notice"
    except Exception:  # noqa: BLE001 — the experts app not installed: a plain notice
        doc_type = "notice"
    user = User.objects.get(username="scale_province")
    commission = HealthCommission.objects.get(jurisdiction=user.jurisdiction)
    issuer = commission_issuer(commission)
    names = list(
        Person.objects.filter(Q(id_number__startswith="990"))
        .order_by("pk")
        .values_list("name", flat=True)[:n]
    )
    started = time.perf_counter()
    ids = []
    for i in range(n):
        name = names[i % len(names)] if names else f"专家{i + 1}"
        document = services.document_issue(
            doc_type=doc_type,
            acting_user=user,
            issuer=issuer,
            data={
                "title": f"{_title(tag)}关于聘任{name}为专家委员会委员的通知",
                "addressees": "各有关单位",
                "body": f"经研究，决定聘任{name}同志为示范省质控中心专家委员会委员，任期四年。\n"
                "请按照有关规定认真履行职责，积极参加质控工作。" * 3,
                "attachments": [],
                "cc": [],
                "public": True,
            },
        )
        ids.append(document.pk)
    return {"issued": len(ids), "doc_type": doc_type, "seconds": round(time.perf_counter() - started, 2)}


def _ours(tag: str):
    from documents.models import IssuedDocument

    return IssuedDocument.objects.filter(title__startswith=_title(tag))


def status(tag: str) -> dict:
    from django.db.models import Count

    counts = dict(_ours(tag).values_list("status").annotate(n=Count("pk")).order_by())
    return {"counts": counts, "total": sum(counts.values())}


def cleanup(tag: str) -> dict:
    import pgtrigger
    from django.db import transaction

    from core.models import OutboxMessage
    from documents.models import DocumentNumberSequence

    documents = list(_ours(tag))
    for d in documents:
        if d.pdf:
            d.pdf.delete(save=False)
    labels = [f"{d._meta.label_lower}:{d.pk}" for d in documents]
    with transaction.atomic(), pgtrigger.ignore():
        OutboxMessage.objects.filter(subject__in=labels).delete()
        deleted, _ = _ours(tag).delete()
        # give the issuer its numbers back: the benchmark's letters were never real
        for d in sorted(documents, key=lambda d: -d.sequence):
            DocumentNumberSequence.objects.filter(
                issuer_code=d.issuer_code, year=d.year, last=d.sequence
            ).update(last=d.sequence - 1)
    return {"deleted": deleted}


if __name__ == "__main__":
    _setup()
    mode = sys.argv[1]
    if mode == "issue":
        out = issue(int(sys.argv[2]), sys.argv[3])
    elif mode == "status":
        out = status(sys.argv[2])
    else:
        out = cleanup(sys.argv[2])
    print(json.dumps(out, ensure_ascii=False))
