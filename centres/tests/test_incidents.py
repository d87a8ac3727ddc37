"""The commission puts serious incidents on record; the clean-record condition reads them
(九龙坡 第六条（四）, 济南 第五条（三））."""

import pytest
from django.urls import reverse

from centres.models import QualityIncident
from directory.models import Institution

pytestmark = pytest.mark.django_db
URL = reverse("centres:incidents")


def test_who_may_see_and_record(client, client_of):
    assert client.get(URL).status_code == 302
    assert client_of("jlp_host").get(URL).status_code == 403
    assert client_of("jlp_qc_office").get(URL).status_code == 403
    auditor = client_of("jlp_auditor")
    assert auditor.get(URL).status_code == 200
    assert auditor.post(URL, {"description": "x"}).status_code == 403


def test_commission_records_an_incident_and_others_do_not_see_it(client_of):
    hospital = Institution.objects.get(name="九龙坡区中医院")
    response = client_of("jlp_commission").post(
        URL,
        {
            "institution": hospital.pk,
            "occurred_on": "2026-01-10",
            "department": "心血管内科",
            "description": "发生重大医疗质量安全事件",
        },
    )
    assert response.status_code == 302
    incident = QualityIncident.objects.get(institution=hospital)
    assert incident.recorded_by.username == "jlp_commission"
    assert "发生重大医疗质量安全事件" in client_of("jlp_auditor").get(URL).content.decode()
    assert "发生重大医疗质量安全事件" not in client_of("jn_auditor").get(URL).content.decode()


def test_bad_input_keeps_what_was_typed(client_of):
    hospital = Institution.objects.get(name="九龙坡区中医院")
    response = client_of("jlp_commission").post(
        URL, {"institution": hospital.pk, "occurred_on": "2099-01-10", "description": "未来的事件"}
    )
    page = response.content.decode()
    assert response.status_code == 200 and "发生日期不能晚于今天" in page and "未来的事件" in page
    assert not QualityIncident.objects.exists()


def test_another_jurisdictions_institution_cannot_be_chosen(client_of):
    other = Institution.objects.get(name="济南市中心医院")
    response = client_of("jlp_commission").post(
        URL, {"institution": other.pk, "occurred_on": "2026-01-10", "description": "越权"}
    )
    assert response.status_code == 200 and not QualityIncident.objects.exists()


@pytest.fixture(autouse=True)
def _world(world):
    return world
