"""One official document (a notice of the province's commission, issued through the service):
the engine's PDF (template, fonts, WeasyPrint through the fonts-only fetcher) against bare
WeasyPrint on the same HTML. Budget: ≤ 1.5×."""

from __future__ import annotations

import statistics

from benchmarks.conftest import PRESET, interleaved

BUDGET = 1.5
NOTICE = {
    "title": "关于开展2026年度质控中心工作考核的通知",
    "addressees": "各市卫生健康委",
    "body": "为加强医疗质量控制中心管理，现就有关事项通知如下。\n"
    "一、考核范围。\n二、考核内容。\n三、时间安排。" * 6,
    "attachments": ["考核评分表"],
    "cc": [],
    "public": False,
}


def test_official_document_against_bare_weasyprint(seeded, recorder):
    from weasyprint import HTML

    from accounts.models import User
    from directory.models import HealthCommission
    from documents import rendering, services
    from documents.types import commission_issuer, get_type

    commission = HealthCommission.objects.get(jurisdiction__code="990000")
    document = services.document_issue(
        doc_type="notice",
        acting_user=User.objects.get(username="scale_province"),
        issuer=commission_issuer(commission),
        data=NOTICE,
    )
    template = get_type(document.doc_type).template
    html, _ = rendering.render_html(template, document.context)

    def engine():
        rendering.render_pdf(template, document.context)

    def bare():
        HTML(string=html).write_pdf()

    engine_t, bare_t = interleaved(engine, bare, n=7, warm=1)
    ratio = statistics.median(engine_t) / statistics.median(bare_t)
    recorder.add(
        "公文",
        f"通知 PDF（{PRESET}）",
        engine_median_s=round(statistics.median(engine_t), 3),
        weasyprint_median_s=round(statistics.median(bare_t), 3),
        ratio=round(ratio, 2),
        budget_met=ratio <= BUDGET,
    )
