"""The data-governance rules through the services: every refusal names its article where a rule
is broken (九龙坡 第十六条 / 济南 第十四–十五条, read from the rule set)."""

from __future__ import annotations

import datetime as dt
import io
import zipfile

import pytest
from django.core.files.base import ContentFile
from django.db import connection, transaction
from django.utils import timezone

from core.errors import InvalidInput, NotAllowed, RuleRefusal, WrongState
from data_governance import services
from data_governance.models import AccessLog, ExportTrace, Grant, ScanHit
from directory.validators import id_check_char

from .factories import (
    CentreFactory,
    GrantFactory,
    PublicationFactory,
    ResourceFactory,
    TransferFactory,
    UseRequestFactory,
)

pytestmark = pytest.mark.django_db


def letter(request, user):
    from attachments.demo import minimal_pdf

    return services.request_letter_attach(
        request=request, file=ContentFile(minimal_pdf(["signed"]), name="承诺书.pdf"), acting_user=user
    )


def draft(u, **kwargs):
    centre = kwargs.pop("centre", None) or CentreFactory()
    today = timezone.localdate()
    return services.request_save_draft(
        centre=centre,
        acting_user=u("jlp_host"),
        purpose_category=kwargs.pop("category", "indicator_analysis"),
        purpose="季度质控指标分析",
        starts_on=today,
        ends_on=today + dt.timedelta(days=30),
        users=kwargs.pop("users", [u("jlp_host"), u("jlp_expert")]),
        resources=kwargs.pop("resources", None)
        or [ResourceFactory(), ResourceFactory(classification="internal")],
    )


# --- requests ----------------------------------------------------------------------------------


def test_non_qc_purpose_is_refused_at_submission_第十六条二(u):
    request = draft(u, category="other_research")
    letter(request, u("jlp_host"))
    with pytest.raises(RuleRefusal) as refused:
        services.request_submit(request=request, acting_user=u("jlp_host"))
    assert refused.value.code == "dg_non_qc_purpose"
    assert refused.value.violations[0].article == "第十六条（二）"
    assert "不得用于与质控工作无关的其他研究" in str(refused.value)
    request = type(request).objects.get(pk=request.pk)
    assert request.status == "draft"


def test_submission_needs_the_signed_commitment_letter_第十六条二(u):
    request = draft(u)
    with pytest.raises(RuleRefusal) as refused:
        services.request_submit(request=request, acting_user=u("jlp_host"))
    assert refused.value.code == "dg_commitment_letter_missing"
    assert "数据资源使用承诺书" in str(refused.value)


def test_a_named_user_outside_the_centre_is_refused(u):
    with pytest.raises(InvalidInput) as refused:
        draft(u, users=[u("jlp_scorer")])
    assert refused.value.code == "dg_user_not_of_centre"


def test_commission_cannot_approve_before_the_chair_endorses_第十六条五(u):
    request = draft(u)
    letter(request, u("jlp_host"))
    services.request_submit(request=request, acting_user=u("jlp_host"))
    with pytest.raises(RuleRefusal) as refused:
        services.request_decide(
            request=request,
            acting_user=u("jlp_commission"),
            outcome="approve",
            qc_judgement="围绕质控指标分析，属于质控工作",
        )
    assert refused.value.violations[0].article == "第十六条（五）"
    # only the chair (the centre's leader) endorses; the host cannot
    with pytest.raises(NotAllowed):
        services.request_endorse(request=request, acting_user=u("jlp_host"), agree=True)


def test_approval_grants_exactly_the_named_users_and_resources(u):
    request = draft(u)
    letter(request, u("jlp_host"))
    services.request_submit(request=request, acting_user=u("jlp_host"))
    [step] = services.pending_deadlines(request)
    assert (step.kind, step.user) == ("data_governance.endorsement", u("jlp_expert"))  # the chair's 待办
    services.request_endorse(request=request, acting_user=u("jlp_expert"), agree=True, opinion="同意")
    assert [d.kind for d in services.pending_deadlines(request)] == ["data_governance.request_decision"]
    with pytest.raises(InvalidInput) as no_judgement:
        services.request_decide(request=request, acting_user=u("jlp_commission"), outcome="approve")
    assert no_judgement.value.code == "dg_qc_judgement_required"
    services.request_decide(
        request=request,
        acting_user=u("jlp_commission"),
        outcome="approve",
        qc_judgement="用途为本专业质控指标分析，属于质控工作",
    )
    grant = Grant.objects.get(request=request)
    assert set(grant.users.all()) == set(request.users.all())
    assert set(grant.resources.all()) == set(request.resources.all())
    assert grant.ends_on == request.ends_on
    assert services.pending_deadlines(grant)[0].kind == "data_governance.grant_expiry"
    assert services.pending_deadlines(request) == []
    from documents.models import IssuedDocument

    approval = IssuedDocument.objects.get(doc_type="data_use_approval", subject_id=grant.pk)
    assert approval.number.startswith("九龙坡卫")
    assert any(grant.number in p["head"] + p["text"] for p in approval.context["paragraphs"])
    # a second click loses: the request is decided
    with pytest.raises(WrongState):
        services.request_decide(
            request=request, acting_user=u("jlp_commission"), outcome="approve", qc_judgement="再次"
        )


def test_narrowing_must_ask_less_never_more(u):
    request = UseRequestFactory(endorsed=True, users=[u("jlp_host"), u("jlp_expert")])
    other = ResourceFactory()
    with pytest.raises(InvalidInput) as more:
        services.request_decide(
            request=request,
            acting_user=u("jlp_commission"),
            outcome="narrow",
            reasons="x",
            qc_judgement="质控",
            resources=[*request.resources.all(), other],
        )
    assert more.value.code == "dg_narrowing_not_narrower"
    with pytest.raises(InvalidInput):
        services.request_decide(
            request=request,
            acting_user=u("jlp_commission"),
            outcome="narrow",
            reasons="x",
            qc_judgement="质控",
        )  # nothing narrower
    services.request_decide(
        request=request,
        acting_user=u("jlp_commission"),
        outcome="narrow",
        reasons="只需一人、十天",
        qc_judgement="质控",
        users=[u("jlp_host")],
        ends_on=request.starts_on + dt.timedelta(days=10),
    )
    grant = request.grant
    assert list(grant.users.all()) == [u("jlp_host")]
    assert grant.ends_on == request.starts_on + dt.timedelta(days=10)
    request = type(request).objects.get(pk=request.pk)
    assert request.status == "narrowed"


def test_refusal_needs_reasons(u):
    request = UseRequestFactory(submitted=True)
    with pytest.raises(InvalidInput):
        services.request_decide(request=request, acting_user=u("jlp_commission"), outcome="refuse")
    services.request_decide(
        request=request, acting_user=u("jlp_commission"), outcome="refuse", reasons="用途不明确"
    )
    request = type(request).objects.get(pk=request.pk)
    assert request.status == "refused"


def test_jinan_needs_no_chair_endorsement_and_no_letter():
    """济南 第十五条 has no commitment letter and no chair as responsible person: the rule set says so."""
    from rulesets.registry import get_ruleset

    ruleset = get_ruleset("jinan-city-2024")
    assert not services.chair_endorsement_required(ruleset)
    assert services._rule(ruleset, "data.use_request_with_commitment_letter") is None
    assert services._rule(ruleset, "data.use_only_for_qc").article == "第十五条"


# --- access ------------------------------------------------------------------------------------


def test_a_user_outside_the_grant_is_refused(u):
    grant = GrantFactory()
    resource = grant.resources.get()
    assert services.access_authorize(user=u("jlp_host"), resource=resource) == grant
    for outsider in ("jlp_scorer", "jlp_expert", "jlp_auditor"):
        with pytest.raises(NotAllowed) as refused:
            services.resource_view(resource=resource, acting_user=u(outsider))
        assert refused.value.code in ("dg_no_grant", "dg_sensitive_outside_grant")
        assert "第十六条（二）" in refused.value.message


def test_a_grant_that_ended_yesterday_denies_today_without_any_job(u, at):
    """Expiry is read at the moment of access (no task has run in between)."""
    at("2026-12-01 10:00")
    grant = GrantFactory(starts_on=dt.date(2026, 12, 1), ends_on=dt.date(2026, 12, 10))
    resource = grant.resources.get()
    at("2026-12-10 23:59")
    services.resource_view(resource=resource, acting_user=u("jlp_host"))
    at("2026-12-11 00:01")
    with pytest.raises(NotAllowed) as refused:
        services.resource_view(resource=resource, acting_user=u("jlp_host"))
    assert refused.value.code == "dg_grant_expired"
    assert "2026-12-10" in refused.value.message
    with pytest.raises(NotAllowed):
        services.resource_export(resource=resource, acting_user=u("jlp_host"))
    assert AccessLog.objects.filter(grant=grant).count() == 1


def test_revocation_takes_effect_on_the_next_request(u):
    grant = GrantFactory()
    resource = grant.resources.get()
    services.resource_view(resource=resource, acting_user=u("jlp_host"))
    with pytest.raises(InvalidInput):
        services.grant_revoke(grant=grant, acting_user=u("jlp_commission"), reason=" ")
    services.grant_revoke(grant=grant, acting_user=u("jlp_commission"), reason="违反承诺书第三条")
    with pytest.raises(NotAllowed) as refused:
        services.resource_view(resource=resource, acting_user=u("jlp_host"))
    assert refused.value.code == "dg_grant_revoked"


def test_a_sensitive_resource_is_not_exported_outside_a_grant_and_the_refusal_says_why(u):
    sensitive = ResourceFactory(classification="sensitive")
    internal = ResourceFactory(classification="internal")
    with pytest.raises(NotAllowed) as refused:
        services.resource_export(resource=sensitive, acting_user=u("jlp_commission"))
    assert refused.value.code == "dg_sensitive_outside_grant"
    assert "敏感" in refused.value.message and "授权" in refused.value.message
    # the owner's staff export internal data outside a grant, traced all the same
    _name, data, _, trace = services.resource_export(resource=internal, acting_user=u("jlp_commission"))
    assert trace.grant is None and trace.sha256 == services.tracing.sha256(data)


def test_every_access_is_logged_with_who_what_how_much_and_from_where(u):
    grant = GrantFactory()
    resource = grant.resources.get()
    services.resource_view(resource=resource, acting_user=u("jlp_host"), ip="10.1.2.3", user_agent="Firefox")
    entry = AccessLog.objects.get(grant=grant)
    assert (entry.user, entry.resource, entry.action, entry.ip, entry.user_agent) == (
        u("jlp_host"),
        resource,
        "view",
        "10.1.2.3",
        "Firefox",
    )
    assert entry.amount == len(services.resource_rows(resource)[1])


def test_the_access_log_is_append_only_in_the_database(u):
    grant = GrantFactory()
    services.resource_view(resource=grant.resources.get(), acting_user=u("jlp_host"))
    entry = AccessLog.objects.get(grant=grant)
    for attempt in (
        lambda: AccessLog.objects.filter(pk=entry.pk).update(amount=0),
        lambda: AccessLog.objects.filter(pk=entry.pk).delete(),
    ):
        with pytest.raises(Exception, match="(?i)cannot|protect"), transaction.atomic():
            attempt()
    with pytest.raises(Exception, match="(?i)cannot|protect"), transaction.atomic(), connection.cursor() as c:
        c.execute("UPDATE data_governance_accesslog SET ip = '1.1.1.1'")


def test_the_app_offers_no_path_to_change_the_log():
    """No service, view or API writes the log except by appending."""
    import inspect

    from data_governance import api, views
    from data_governance import services as svc

    for module in (svc, api, views):
        source = inspect.getsource(module)
        assert "AccessLog.objects.filter" not in source and ".delete()" not in source.replace(
            "review.hits.all().delete()", ""
        )


# --- traceable exports -------------------------------------------------------------------------


def test_excel_export_carries_the_marks_on_the_cover_and_every_sheet(u):
    from openpyxl import load_workbook

    grant = GrantFactory()
    _name, data, _, trace = services.resource_export(
        resource=grant.resources.get(), acting_user=u("jlp_host")
    )
    workbook = load_workbook(io.BytesIO(data))
    assert workbook.sheetnames[0] == "封面"
    cover = "\n".join(str(c.value) for row in workbook["封面"].iter_rows() for c in row if c.value)
    assert grant.number in cover and trace.code in cover and "jlp_host" in cover
    for sheet in workbook.worksheets:
        assert grant.number in sheet.oddHeader.center.text and trace.code in sheet.oddFooter.left.text
    assert ExportTrace.objects.get(sha256=services.tracing.sha256(data)).grant == grant


def test_pdf_export_has_a_visible_watermark_on_every_page(u):
    from pypdf import PdfReader

    grant = GrantFactory()
    _, data, content_type, trace = services.resource_export(
        resource=grant.resources.get(), acting_user=u("jlp_host"), fmt="pdf"
    )
    assert content_type == "application/pdf"
    reader = PdfReader(io.BytesIO(data))
    for page in reader.pages:
        assert trace.code in page.extract_text()
    assert trace.code in reader.metadata["/Keywords"]


def test_a_leaked_copy_leads_back_to_the_grant_and_the_person(u):
    grant = GrantFactory()
    _, data, _, _trace = services.resource_export(resource=grant.resources.get(), acting_user=u("jlp_host"))
    sha, found = services.trace_lookup(user=u("jlp_auditor"), data=data)
    assert [(t.user.username, t.grant.number) for t in found] == [("jlp_host", grant.number)]
    assert list(services.trace_lookup(user=u("jn_auditor"), sha256=sha)[1]) == []  # another jurisdiction
    with pytest.raises(InvalidInput):
        services.trace_lookup(user=u("jlp_auditor"), sha256="not-a-hash")


# --- auditors change nothing -------------------------------------------------------------------


def test_an_auditor_cannot_change_anything(u):
    auditor = u("jlp_auditor")
    request = UseRequestFactory(endorsed=True)
    grant = GrantFactory()
    review = PublicationFactory(committee_agreed=True)
    transfer = TransferFactory()
    attempts = [
        lambda: services.request_decide(request=request, acting_user=auditor, outcome="refuse", reasons="x"),
        lambda: services.grant_revoke(grant=grant, acting_user=auditor, reason="x"),
        lambda: services.publication_check_confirm(
            review=review, code="data.publication_cite_source", acting_user=auditor
        ),
        lambda: services.publication_decide(review=review, acting_user=auditor, approve=False, reasons="x"),
        lambda: services.transfer_decide(transfer=transfer, acting_user=auditor, approve=False, reasons="x"),
        lambda: services.resource_register(
            jurisdiction=grant.centre.jurisdiction,
            body_kind="district_centre",
            code="A1",
            name="x",
            classification="public",
            steward=auditor,
            acting_user=auditor,
        ),
    ]
    for attempt in attempts:
        with pytest.raises(NotAllowed):
            attempt()


# --- publication review ------------------------------------------------------------------------


def valid_id() -> str:
    first17 = "50010719800101123"
    return first17 + id_check_char(first17)


def docx(paragraphs: list[str]) -> bytes:
    body = "".join(f"<w:p><w:r><w:t>{p}</w:t></w:r></w:p>" for p in paragraphs)
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w") as z:
        z.writestr(
            "[Content_Types].xml",
            '<?xml version="1.0"?><Types xmlns="http://schemas.openxmlformats.org/'
            'package/2006/content-types"><Default Extension="xml" ContentType="application/xml"/></Types>',
        )
        z.writestr(
            "word/document.xml",
            '<?xml version="1.0"?><w:document xmlns:w="http://schemas.openxmlformats.org/'
            f'wordprocessingml/2006/main"><w:body>{body}</w:body></w:document>',
        )
    return out.getvalue()


def test_the_scan_finds_id_numbers_with_a_valid_check_digit_mobiles_and_directory_names():
    from data_governance.scan import scan_segments

    bad = valid_id()[:17] + ("0" if valid_id()[17] != "0" else "1")
    hits = scan_segments(
        [
            ("第1段", f"患者身份证{valid_id()}，电话13812345678。"),
            ("第2段", f"编号{bad}"),
            ("第3段", "张建国主任指导"),
        ],
        ["张建国"],
    )
    assert [(h.kind, h.location) for h in hits] == [
        ("id_number", "第1段"),
        ("mobile", "第1段"),
        ("name", "第3段"),
    ]
    assert valid_id() not in hits[0].text and "13812345678" not in hits[1].context


def test_no_context_window_shows_a_number_cut_in_half():
    """The context of each hit is cut from the masked text: a mobile at the window's edge is never
    shown as a run of real digits."""
    import re

    from data_governance.scan import scan_segments

    text = f"典型病例：患者身份证号 {valid_id()}，联系电话 13983001234。"
    for hit in scan_segments([("第3段", text)], []):
        assert not re.search(r"[0-9]{5,}", hit.context.replace(valid_id()[:6], "")), hit.context


def test_the_scan_reads_xlsx_cells_and_pdf_pages():
    from openpyxl import Workbook

    from attachments.demo import minimal_pdf
    from data_governance.scan import scan_file

    wb = Workbook()
    wb.active["C4"] = "13900001111"
    out = io.BytesIO()
    wb.save(out)
    assert [h.location for h in scan_file("a.xlsx", out.getvalue(), [])] == ["工作表“Sheet”单元格C4"]
    assert [h.location for h in scan_file("a.pdf", minimal_pdf(["call 13900001111"]), [])] == ["第1页"]


def test_publication_cannot_skip_the_committee_第十六条四(u):
    review = PublicationFactory(submitted=True)
    with pytest.raises(RuleRefusal) as refused:
        services.publication_decide(review=review, acting_user=u("jlp_commission"), approve=True)
    assert refused.value.code == "dg_committee_required"
    assert refused.value.violations[0].article == "第十六条（四）"


def test_a_paper_goes_through_scan_committee_checks_and_commission(u):
    centre = CentreFactory()
    review = services.publication_create(
        centre=centre,
        acting_user=u("jlp_host"),
        kind="paper",
        title="心血管质控指标分析",
        first_unit=centre.name,
        data_source="区卫健委质控数据",
    )
    assert {c.code for c in review.checks.all()} == set(services.PUBLICATION_CHECKS)
    labels = {c.label for c in review.checks.all()}
    assert "使用质控中心作为第一单位" in labels  # an item of its own, not the clause's “并使用…”
    services.publication_manuscript_upload(
        review=review,
        acting_user=u("jlp_host"),
        file=ContentFile(
            docx(["本文数据来源于九龙坡区卫健委。", f"病例：{valid_id()}", "通讯作者：张建国"]),
            name="稿.docx",
        ),
    )
    assert {(h.kind, h.location) for h in review.hits.all()} == {("id_number", "第2段"), ("name", "第3段")}
    services.publication_submit(review=review, acting_user=u("jlp_host"))
    services.publication_committee_decide(
        review=review, acting_user=u("jlp_expert"), agree=True, meeting="2026年第3次专家委员会会议"
    )
    with pytest.raises(RuleRefusal) as pending:
        services.publication_decide(review=review, acting_user=u("jlp_commission"), approve=True)
    assert pending.value.code == "dg_checks_pending"
    for check in review.checks.all():
        services.publication_check_confirm(review=review, code=check.code, acting_user=u("jlp_expert"))
    with pytest.raises(InvalidInput) as open_hits:
        services.publication_decide(review=review, acting_user=u("jlp_commission"), approve=True)
    assert open_hits.value.code == "dg_scan_hits_open"
    assert "第十六条（四）" in str(open_hits.value)  # de-identification is the rule the scan serves
    id_hit, name_hit = review.hits.get(kind="id_number"), review.hits.get(kind="name")
    with pytest.raises(InvalidInput):  # clearing needs a reason
        services.publication_hit_resolve(hit=name_hit, resolution="cleared", acting_user=u("jlp_commission"))
    services.publication_hit_resolve(
        hit=name_hit, resolution="cleared", note="通讯作者署名", acting_user=u("jlp_commission")
    )
    services.publication_hit_resolve(hit=id_hit, resolution="confirmed", acting_user=u("jlp_commission"))
    with pytest.raises(InvalidInput) as confirmed:
        services.publication_decide(review=review, acting_user=u("jlp_commission"), approve=True)
    assert confirmed.value.code == "dg_scan_hits_confirmed"
    assert "第十六条（四）" in str(confirmed.value)
    # the centre fixes the manuscript: a new scan replaces the hits
    services.publication_manuscript_upload(
        review=review,
        acting_user=u("jlp_host"),
        file=ContentFile(docx(["数据来源：区卫健委。", "病例：已脱敏"]), name="稿2.docx"),
    )
    assert not review.hits.exists()
    # the committee agreed to the earlier text: the new one goes back to it, and is checked again
    review = type(review).objects.get(pk=review.pk)
    assert review.status == "submitted" and not review.checks.filter(confirmed=True).exists()
    services.publication_committee_decide(
        review=review, acting_user=u("jlp_expert"), agree=True, meeting="2026年第4次专家委员会会议"
    )
    for check in review.checks.all():
        services.publication_check_confirm(review=review, code=check.code, acting_user=u("jlp_expert"))
    services.publication_decide(review=review, acting_user=u("jlp_commission"), approve=True)
    review = type(review).objects.get(pk=review.pk)
    assert review.status == "approved"
    assert all(c.confirmed_by == u("jlp_expert") for c in review.checks.all())


def test_a_scan_hit_is_resolved_once(u):
    review = PublicationFactory(submitted=True)
    hit = ScanHit.objects.create(review=review, kind="mobile", text="138****5678", location="第1页")
    services.publication_hit_resolve(hit=hit, resolution="confirmed", acting_user=u("jlp_commission"))
    with pytest.raises(WrongState):
        services.publication_hit_resolve(
            hit=hit, resolution="cleared", note="x", acting_user=u("jlp_commission")
        )


# --- third parties -----------------------------------------------------------------------------


def test_a_transfer_needs_every_field_and_the_commissions_decision_第十六条三(u):
    centre = CentreFactory()
    with pytest.raises(InvalidInput) as incomplete:
        services.transfer_request(
            centre=centre,
            acting_user=u("jlp_host"),
            recipient="某公司",
            data_description="x",
            purpose="x",
            safeguards="",
        )
    assert "安全保障措施" in incomplete.value.message
    transfer = services.transfer_request(
        centre=centre,
        acting_user=u("jlp_host"),
        recipient="某公司",
        data_description="汇总表",
        purpose="市场分析",
        safeguards="加密",
    )
    with pytest.raises(NotAllowed):
        services.transfer_decide(transfer=transfer, acting_user=u("jlp_host"), approve=True, reasons="x")
    services.transfer_decide(
        transfer=transfer,
        acting_user=u("jlp_commission"),
        approve=False,
        reasons="用于营利性的市场分析，不符合第十六条（三）",
    )
    transfer = type(transfer).objects.get(pk=transfer.pk)
    assert transfer.status == "refused"
    with pytest.raises(WrongState):
        services.transfer_decide(
            transfer=transfer, acting_user=u("jlp_commission"), approve=True, reasons="x"
        )


def test_docs_diagrams_match_the_code():
    """docs/data-governance.md draws every declared edge of the four state machines, and no other."""
    import re
    from pathlib import Path

    from django.conf import settings as django_settings

    from data_governance.models import PublicationReview, ThirdPartyTransfer, UseRequest

    text = Path(django_settings.BASE_DIR, "docs", "data-governance.md").read_text()
    blocks = dict(re.findall(r"### (\w+)\n\n```mermaid\n(.*?)```", text, re.DOTALL))
    for model in (UseRequest, Grant, PublicationReview, ThirdPartyTransfer):
        field = model._meta.get_field("status")
        declared = {f"{t.source} --> {t.target} : {t.name}" for t in field.get_all_transitions(model)}
        drawn = {line.strip() for line in blocks[model.__name__].splitlines() if " : " in line}
        assert drawn == declared, model.__name__
        assert f"[*] --> {field.default}" in blocks[model.__name__]


def test_the_hospital_is_reminded_before_the_grant_ends(u, at):
    """A task only reminds (deadlines' sweep); access never waits for it."""
    from deadlines.models import InboxMessage
    from deadlines.services import deadlines_sweep

    at("2026-12-01 10:00")
    request = UseRequestFactory(endorsed=True, starts_on=dt.date(2026, 12, 1), ends_on=dt.date(2026, 12, 20))
    services.request_decide(
        request=request, acting_user=u("jlp_commission"), outcome="approve", qc_judgement="质控"
    )
    grant = Grant.objects.get(request=request)
    at("2026-12-17 09:00")
    deadlines_sweep()
    inbox = InboxMessage.objects.filter(user=u("jlp_host"), title__contains=grant.number)
    assert inbox.exists()


def test_a_resource_file_is_exported_with_its_own_sheets_marked_and_a_pdf_watermarked(u):
    from openpyxl import Workbook, load_workbook
    from pypdf import PdfReader

    from attachments.demo import minimal_pdf

    resource = ResourceFactory(source="files", dataset="")
    book = Workbook()
    book.active.title = "指标"
    book.active.append(["机构", "指标"])
    out = io.BytesIO()
    book.save(out)
    services.resource_file_add(
        resource=resource, acting_user=u("jlp_commission"), file=ContentFile(out.getvalue(), name="指标.xlsx")
    )
    grant = GrantFactory(resources=[resource])
    _name, data, _, trace = services.resource_export(resource=resource, acting_user=u("jlp_host"))
    workbook = load_workbook(io.BytesIO(data))
    assert workbook.sheetnames == ["封面", "指标"]
    assert grant.number in workbook["指标"].oddHeader.center.text
    assert workbook["指标"]["A1"].value == "机构"
    services.resource_file_add(
        resource=resource,
        acting_user=u("jlp_commission"),
        file=ContentFile(minimal_pdf(["page"]), name="报告.pdf"),
    )
    pdf = services.resource_files(resource).filter(original_name="报告.pdf").get()
    _name, data, content_type, trace = services.resource_export(
        resource=resource, acting_user=u("jlp_host"), attachment=pdf
    )
    assert content_type == "application/pdf"
    assert trace.code in PdfReader(io.BytesIO(data)).pages[0].extract_text()
    assert AccessLog.objects.filter(grant=grant, action="export").count() == 2


def test_the_owner_views_but_does_not_export_sensitive_data_outside_a_grant(u):
    resource = ResourceFactory(classification="personal")
    grant, _, _ = services.resource_view(resource=resource, acting_user=u("jlp_commission"))
    assert grant is None and AccessLog.objects.filter(resource=resource, grant=None, action="view").exists()
    with pytest.raises(NotAllowed):
        services.resource_export(resource=resource, acting_user=u("jlp_commission"))


def test_under_jinan_a_request_goes_to_the_commission_without_chair_or_letter_第十五条(u):
    """济南 第十五条 requires neither the commitment letter nor the chair's endorsement; a non-QC
    purpose is refused under 第十五条."""
    from directory.models import Institution, Jurisdiction, Person

    jinan = Jurisdiction.objects.get(code="370100")
    centre = CentreFactory(
        jurisdiction=jinan,
        body_kind="city_centre",
        host=Institution.objects.get(name="济南市中心医院"),
        leader=Person.objects.get(name="马国栋"),
    )
    resource = ResourceFactory(
        jurisdiction=jinan, body_kind="city_centre", steward=u("jn_commission"), created_by=u("jn_commission")
    )
    today = timezone.localdate()
    kwargs = {
        "centre": centre,
        "acting_user": u("jn_host"),
        "purpose": "质控指标分析",
        "starts_on": today,
        "ends_on": today + dt.timedelta(days=5),
        "users": [u("jn_host")],
        "resources": [resource],
    }
    bad = services.request_save_draft(purpose_category="other_research", **kwargs)
    with pytest.raises(RuleRefusal) as refused:
        services.request_submit(request=bad, acting_user=u("jn_host"))
    assert refused.value.violations[0].article == "第十五条"
    request = services.request_save_draft(purpose_category="indicator_analysis", **kwargs)
    services.request_submit(request=request, acting_user=u("jn_host"))
    services.request_decide(
        request=request, acting_user=u("jn_commission"), outcome="approve", qc_judgement="质控"
    )
    assert Grant.objects.filter(request=request).exists()


def test_a_manuscript_swapped_outside_the_scan_cannot_be_approved(u):
    """A file attached through the generic attachments path is not scanned: approval refuses it."""
    from attachments.services import attachment_store

    centre = CentreFactory()
    review = services.publication_create(
        centre=centre,
        acting_user=u("jlp_host"),
        kind="report",
        title="报告",
        first_unit=centre.name,
        data_source="区卫健委",
    )
    services.publication_manuscript_upload(
        review=review, acting_user=u("jlp_host"), file=ContentFile(docx(["无个人信息"]), name="a.docx")
    )
    services.publication_submit(review=review, acting_user=u("jlp_host"))
    services.publication_committee_decide(
        review=review, acting_user=u("jlp_expert"), agree=True, meeting="会议"
    )
    for check in review.checks.all():
        services.publication_check_confirm(review=review, code=check.code, acting_user=u("jlp_expert"))
    attachment_store(
        file=ContentFile(docx([f"身份证 {valid_id()}"]), name="b.docx"),
        kind=services.MANUSCRIPT_KIND,
        subject=review,
        acting_user=u("jlp_host"),
    )
    with pytest.raises(InvalidInput) as refused:
        services.publication_decide(review=review, acting_user=u("jlp_commission"), approve=True)
    assert refused.value.code == "dg_not_scanned"


def test_a_letter_withdrawn_after_submission_stops_the_approval_第十六条二(u):
    """No path withdraws the letter of a submitted request (UseRequest.attachments_locked); should a
    row be changed underneath (a database repair), the approval still checks it is there."""
    from django.core.exceptions import PermissionDenied

    from attachments.models import Attachment
    from attachments.services import attachment_delete

    request = draft(u)
    attachment = letter(request, u("jlp_host"))
    services.request_submit(request=request, acting_user=u("jlp_host"))
    services.request_endorse(request=request, acting_user=u("jlp_expert"), agree=True)
    with pytest.raises(PermissionDenied):
        attachment_delete(attachment=attachment, acting_user=u("jlp_host"), reason="误传")
    Attachment.objects.filter(pk=attachment.pk).update(
        deleted_at=timezone.now(), deleted_by=u("admin"), deletion_reason="数据库修复"
    )
    with pytest.raises(RuleRefusal) as refused:
        services.request_decide(
            request=request, acting_user=u("jlp_commission"), outcome="approve", qc_judgement="质控"
        )
    assert refused.value.code == "dg_commitment_letter_missing"
