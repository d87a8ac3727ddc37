"""The experts' public notices take objections from anyone, without a login (重庆全科 二、(二)3.
公示). As for the centres' notices (issue 15): limited per source address and per notice with a
clear message, exact duplicates refused, a page of text at most, what was received kept when the
office is flooded, and no objector's name or contact ever shown to the public."""

from datetime import timedelta

import pytest
from django.test import Client

from experts import services
from experts.models import LibraryObjection

from .factories import person
from .test_library import apply, library  # noqa: F401 - the fixture

pytestmark = pytest.mark.django_db


@pytest.fixture
def notice(library, user_of):  # noqa: F811
    candidate = person(
        "候选人戊", "重庆医科大学附属示范医院", title_level="senior", gp=True, gp_since="2005-01-01"
    )
    office = user_of("cq_qc_office")
    application = apply(library, candidate, office, level="city", code="500000")
    services.application_review(application=application, acting_user=office, passed=True)
    services.application_approve(application=application, acting_user=user_of("cq_commission"))
    services.application_publish_notice(
        application=application,
        acting_user=office,
        starts_on=services.today(),
        ends_on=services.today() + timedelta(days=4),
    )
    return application


def post(notice, address, **data):
    return Client(REMOTE_ADDR=address).post(f"/experts/notices/{notice.pk}/", data)


def test_limited_per_address_with_a_clear_message_and_nothing_typed_lost(notice, settings):
    settings.EXPERTS_OBJECTIONS_PER_ADDRESS = 3
    for n in range(3):
        sent = post(notice, "203.0.113.9", name=f"市民{n}", contact="138", content=f"异议{n}")
        assert sent.status_code == 302
    refused = post(notice, "203.0.113.9", name="市民X", contact="138", content="第四条异议")
    text = refused.content.decode()
    assert refused.status_code == 200 and "已达上限" in text and "第四条异议" in text
    assert notice.objections.count() == 3
    assert post(notice, "203.0.113.10", name="市民Y", contact="139", content="另一个来源").status_code == 302


def test_limited_per_notice_and_what_was_received_is_kept(notice, settings):
    settings.EXPERTS_OBJECTIONS_PER_NOTICE = 4
    for n in range(4):
        post(notice, f"198.51.100.{n}", name=f"市民{n}", contact="1", content=f"{n}")
    flooded = post(notice, "198.51.100.99", name="x", contact="1", content="x")
    assert flooded.status_code == 200 and "已达上限" in flooded.content.decode()
    kept = sorted(notice.objections.values_list("content", flat=True))
    assert kept == ["0", "1", "2", "3"]  # every one received, none dropped or overwritten


def test_exact_duplicates_and_a_megabyte_are_refused(notice):
    data = {"name": "市民王某", "contact": "13800000000", "content": "对业绩材料有疑问"}
    assert post(notice, "203.0.113.20", **data).status_code == 302
    again = post(notice, "203.0.113.21", **data)
    assert again.status_code == 200 and "相同的异议已经收到" in again.content.decode()
    huge = post(notice, "203.0.113.22", **dict(data, content="长" * (1024 * 1024 // 3)))  # 1 MB
    assert huge.status_code == 200 and "5000" in huge.content.decode()
    with pytest.raises(Exception) as refused:
        services.objection_lodge(application=notice, name="a", contact="b", content="长" * 5001)
    assert refused.value.code == "experts_objection_too_long"
    assert notice.objections.count() == 1


def test_sources_are_kept_as_a_keyed_hash_only(notice):
    post(notice, "203.0.113.30", name="市民", contact="1", content="x")
    source = LibraryObjection.objects.get(application=notice).source
    assert source and "203.0.113.30" not in source and len(source) == 64


def test_the_public_never_sees_an_objectors_name_or_contact(notice, client):
    services.objection_lodge(application=notice, name="举报人甲", contact="13812345678", content="资历不符")
    for url in ("/experts/notices/", f"/experts/notices/{notice.pk}/"):
        page = client.get(url).content.decode()
        assert "13812345678" not in page and "举报人甲" not in page and "资历不符" not in page
