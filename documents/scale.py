"""The document register's part of the province-scale data set (core/scale.py): 50,000
registered documents over eight years (metadata and the generation context; no PDF is
rendered), numbered per issuer and year, with the number sequences brought up to date."""

from __future__ import annotations

import datetime as dt
import hashlib

from core import scale

from .models import DocumentNumberSequence, IssuedDocument

ORDER = 50


def seed(ctx: scale.ScaleContext) -> None:
    rng = ctx.rng_for("documents")
    n = ctx.size("documents")
    admin = ctx.users["scale_admin"]
    commissions = list(ctx.commissions.values())
    weights = [
        40 if c.jurisdiction_id == ctx.province.pk else 10 if c.jurisdiction.level == "city" else 3
        for c in commissions
    ]
    last: dict[tuple[str, int], int] = {}
    body = "根据《医疗质量控制中心管理规定》，现将有关事项通知如下。" * 20

    def rows():
        for i in range(n):
            c = rng.choices(commissions, weights=weights)[0]
            dated = dt.date(2019, 1, 1) + dt.timedelta(days=rng.randrange(365 * 8))
            key = (c.short_name, dated.year)
            last[key] = seq = last.get(key, 0) + 1
            number = f"{c.short_name}〔{dated.year}〕{seq}号"
            yield IssuedDocument(
                doc_type=rng.choice(["notice", "notice", "appointment", "decision"]),
                issuer_kind="commission",
                issuer_name=c.name,
                issuer_code=c.short_name,
                year=dated.year,
                sequence=seq,
                number=number,
                title=f"关于质控中心工作的通知（{i + 1}）",
                addressees="各区县卫生健康委",
                dated=dated,
                context={"input": {"title": number, "body": body, "attachments": []}},
                jurisdiction_id=c.jurisdiction_id,
                issued_by=admin,
                status="ready",
                sha256=hashlib.sha256(number.encode()).hexdigest(),
                version=1,
            )

    with ctx.without_triggers():  # no history event per seeded row, no FK checks
        ctx.bulk(IssuedDocument, rows(), total=n, label="发文登记", batch=2000)
    DocumentNumberSequence.objects.bulk_create(
        [DocumentNumberSequence(issuer_code=code, year=year, last=seq) for (code, year), seq in last.items()],
        ignore_conflicts=True,
    )
