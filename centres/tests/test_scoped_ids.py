"""Issue 15: ids in writes are scoped (core/fields.py). Every id a centres form or serializer accepts
— a person, an institution, an application, a jurisdiction, a rule-set assignment — is looked up
among the acting user's rows (``for_user``), narrowed further where the rule set says more (the
host's own staff, the centre's own jurisdiction). An id from another city or province is refused
exactly like a missing one, through the page and through the API, and nothing changes."""

import re
from datetime import date

import pytest
from django.urls import reverse

from centres.models import Application, Handover, LeaderChange, PanelMember, QualityIncident
from centres.services import lifecycle
from centres.services import selection as services
from centres.tests.test_selection import open_call
from directory.models import Institution, Jurisdiction, Person
from rulesets.models import RuleSetAssignment

pytestmark = pytest.mark.django_db

API = "/api/v1"
MISSING = 10**9


def page_refusal(client, url, data, form_key, field):
    """POST the page; it answers 200 with the form and the field's error (nothing typed is lost)."""
    response = client.post(url, data)
    assert response.status_code == 200, response.status_code
    errors = response.context[form_key].errors
    assert field in errors, errors
    return errors[field]


def api_refusal(client, url, data, field):
    """POST the API; a 400 naming the field (its message quotes the id sent: left out here)."""
    response = client.post(url, data, format="json")
    assert response.status_code == 400, (response.status_code, response.content.decode()[:300])
    body = response.json()
    [violation] = [v for v in body["violations"] if v.get("field") == field]
    return body["code"], violation["code"], re.sub(r"\d+", "…", violation["message"])


@pytest.fixture
def vacancy(jlp_centre, u, at):
    from centres.tests.test_lifecycle import jlp_active

    jlp_active(jlp_centre, u, at)
    at("2026-04-01 09:00")
    return lifecycle.leader_vacate(
        centre=jlp_centre, reason="调离", vacated_on=date(2026, 4, 1), acting_user=u("jlp_commission")
    )


# --- 9. the host nominates a new leader: its own staff only (九龙坡 第十一条（三）) ------------------------


@pytest.mark.parametrize("stranger", ["韩冬", "马国栋", "陈静"])  # 河南; 济南; 九龙坡, another hospital
def test_a_host_nominates_no_one_but_its_own_staff(vacancy, stranger, client_of, api_of):
    """Issue 15's probe: the host made a 河南 doctor its centre's leader through the API."""
    stranger = Person.objects.get(name=stranger).pk
    page = reverse("centres:leader_nominate", args=[vacancy.pk])
    api = f"{API}/leader-changes/{vacancy.pk}/nominate/"
    host_page, host_api = client_of("jlp_host"), api_of("jlp_host")

    assert page_refusal(host_page, page, {"person": stranger}, "nominate_form", "person") == page_refusal(
        host_page, page, {"person": MISSING}, "nominate_form", "person"
    )
    assert api_refusal(host_api, api, {"person": stranger}, "person") == api_refusal(
        host_api, api, {"person": MISSING}, "person"
    )
    vacancy.refresh_from_db()
    assert vacancy.status == LeaderChange.Status.VACANT and vacancy.new_leader_id is None
    # the form offers the host's own staff, and no one else
    offered = {
        int(str(pk))
        for pk, _ in host_page.get(reverse("centres:leader_change", args=[vacancy.pk]))
        .context["nominate_form"]
        .fields["person"]
        .choices
        if pk
    }
    assert offered == set(
        Person.objects.filter(employer__name="九龙坡区人民医院").values_list("pk", flat=True)
    )


# --- 5. the expert panel (九龙坡 第七条（二）) ------------------------------------------------------------


def test_the_panel_takes_no_reviewer_from_another_jurisdiction(jlp_centre, u, client_of, api_of):
    call = open_call(jlp_centre, u("jlp_commission"))
    stranger = Person.objects.get(name="马国栋").pk  # 济南
    office_page, office_api = client_of("jlp_qc_office"), api_of("jlp_qc_office")
    page = reverse("centres:panel_add", args=[call.pk])

    assert page_refusal(office_page, page, {"person": stranger}, "panel_form", "person") == page_refusal(
        office_page, page, {"person": MISSING}, "panel_form", "person"
    )
    api = f"{API}/panel-members/"
    assert api_refusal(office_api, api, {"call": call.pk, "person": stranger}, "person") == api_refusal(
        office_api, api, {"call": call.pk, "person": MISSING}, "person"
    )
    assert not PanelMember.objects.filter(call=call).exists()
    # one of the district's own is taken
    own = Person.objects.get(name="陈静").pk
    assert office_api.post(api, {"call": call.pk, "person": own}, format="json").status_code == 201


# --- 6. a designation (九龙坡 第五条) ----------------------------------------------------------------


@pytest.mark.parametrize(
    "field, outside",
    [("institution", "济南市中心医院"), ("leader", "马国栋")],
)
def test_a_designation_names_no_host_or_leader_of_another_jurisdiction(
    jlp_centre, u, field, outside, client_of, api_of
):
    call = services.call_publish(
        centre=jlp_centre,
        title="指定挂靠单位",
        method="designation",
        designation_reason="区内唯一具备条件的单位",
        acting_user=u("jlp_commission"),
    )
    model = Institution if field == "institution" else Person
    outside_pk = model.objects.get(name=outside).pk
    base = {
        "institution": u("jlp_host").institution_id,
        "leader": Person.objects.get(name="张建国").pk,
        "reasons": "区内唯一具备条件的单位",
    }
    commission_page, commission_api = client_of("jlp_commission"), api_of("jlp_commission")
    page = reverse("centres:call_designate", args=[call.pk])
    assert page_refusal(
        commission_page, page, {**base, field: outside_pk}, "designation_form", field
    ) == page_refusal(commission_page, page, {**base, field: MISSING}, "designation_form", field)
    api = f"{API}/selection-calls/{call.pk}/designate/"
    assert api_refusal(commission_api, api, {**base, field: outside_pk}, field) == api_refusal(
        commission_api, api, {**base, field: MISSING}, field
    )
    call.refresh_from_db()
    assert call.status == "draft" and call.selected_application_id is None
    assert not Application.objects.filter(call=call).exists()


# --- 3. the host's application: its proposed leader is its own employee ---------------------------


@pytest.mark.parametrize("stranger", ["马国栋", "陈静"])  # 济南; 九龙坡, another hospital
def test_an_application_proposes_no_leader_from_outside_the_host(jlp_centre, u, stranger, client_of, api_of):
    call = open_call(jlp_centre, u("jlp_commission"))
    stranger = Person.objects.get(name=stranger).pk
    host_page, host_api = client_of("jlp_host"), api_of("jlp_host")
    page = reverse("centres:application_edit", args=[call.pk])
    assert page_refusal(host_page, page, {"proposed_leader": stranger}, "form", "proposed_leader") == (
        page_refusal(host_page, page, {"proposed_leader": MISSING}, "form", "proposed_leader")
    )
    api = f"{API}/centre-applications/"
    assert api_refusal(host_api, api, {"call": call.pk, "proposed_leader": stranger}, "proposed_leader") == (
        api_refusal(host_api, api, {"call": call.pk, "proposed_leader": MISSING}, "proposed_leader")
    )
    assert not Application.objects.filter(call=call).exists()


# --- 12. handover: to an institution of the centre's jurisdiction (九龙坡 第二十四条) ----------------------


@pytest.mark.parametrize("field", ["from_host", "to_host"])
def test_a_handover_names_no_host_of_another_jurisdiction(vacancy, field, client_of):
    centre = vacancy.centre
    outside = Institution.objects.get(name="河南省示范人民医院").pk
    other = Institution.objects.get(name="九龙坡区中医院").pk
    base = {"from_host": centre.host_id, "to_host": other}
    page = reverse("centres:handover_open", args=[centre.pk])
    client = client_of("jlp_commission")
    assert page_refusal(client, page, {**base, field: outside}, "form", field) == page_refusal(
        client, page, {**base, field: MISSING}, "form", field
    )
    assert not Handover.objects.filter(centre=centre).exists()


def test_the_handover_api_refuses_a_new_host_of_another_jurisdiction_like_a_missing_one(vacancy, api_of):
    centre = vacancy.centre
    api = f"{API}/centres/{centre.pk}/handover/"
    outside = Institution.objects.get(name="济南市中心医院").pk
    client = api_of("jlp_commission")
    assert api_refusal(client, api, {"to_host": outside}, "to_host") == api_refusal(
        client, api, {"to_host": MISSING}, "to_host"
    )
    assert not Handover.objects.filter(centre=centre).exists()


# --- the commission's pages with an id of their own -------------------------------------------------


def test_an_incident_is_recorded_only_for_an_institution_in_scope(world, client_of):
    outside = Institution.objects.get(name="济南市中心医院").pk
    data = {"occurred_on": "2026-02-01", "description": "术中输血差错"}
    client = client_of("jlp_commission")
    page = reverse("centres:incidents")
    assert page_refusal(client, page, {**data, "institution": outside}, "form", "institution") == (
        page_refusal(client, page, {**data, "institution": MISSING}, "form", "institution")
    )
    assert not QualityIncident.objects.exists()


def test_a_centre_is_set_up_only_in_the_users_own_jurisdiction(world, client_of):
    """centres.policies: a commission sets up centres of its own jurisdiction (九龙坡 第四条)."""
    data = {"body_kind": "district_centre", "specialty": "心血管内科", "name": "某质控中心"}
    client = client_of("jlp_commission")
    page = reverse("centres:create")
    for outside in ("370100", "500000"):  # 济南; 重庆市, above the user
        pk = Jurisdiction.objects.get(code=outside).pk
        assert page_refusal(client, page, {**data, "jurisdiction": pk}, "form", "jurisdiction") == (
            page_refusal(client, page, {**data, "jurisdiction": MISSING}, "form", "jurisdiction")
        )
    from centres.models import Centre

    assert not Centre.objects.filter(name="某质控中心").exists()


def test_the_handover_deadline_is_set_only_for_the_users_own_assignment(world, client_of):
    """九龙坡 第二十四条 leaves the handover period to the commission — its own, not 济南's."""
    from rulesets.models import RuleSetSetting

    outside = RuleSetAssignment.objects.filter(jurisdiction__path__startswith="370000/").first()
    data = {"months": 2, "basis": "区卫健委通知"}
    client = client_of("jlp_commission")
    page = reverse("centres:handover_setting")
    assert page_refusal(client, page, {**data, "assignment": outside.pk}, "form", "assignment") == (
        page_refusal(client, page, {**data, "assignment": MISSING}, "form", "assignment")
    )
    assert not RuleSetSetting.objects.filter(basis="区卫健委通知").exists()


# --- 6. selection on merit: an application to this call (九龙坡 第七条（四）) ---------------------------


def test_the_selection_takes_no_application_of_another_jurisdiction(jlp_centre, u, at, client_of, api_of):
    from centres.tests.test_lifecycle import jn_call, jn_centre

    call = open_call(jlp_centre, u("jlp_commission"))
    jinan_call = jn_call(jn_centre(u, at), u)
    outside = Application.objects.create(
        call=jinan_call,
        institution=u("jn_host").institution,
        proposed_leader=Person.objects.get(name="黄丽华"),
        status=Application.Status.PRELIM_PASSED,
        created_by=u("jn_host"),
    ).pk
    data = {"reasons": "综合实力最强", "justification": ""}
    commission_page, commission_api = client_of("jlp_commission"), api_of("jlp_commission")
    page = reverse("centres:call_select", args=[call.pk])
    assert page_refusal(
        commission_page, page, {**data, "application": outside}, "select_form", "application"
    ) == page_refusal(commission_page, page, {**data, "application": MISSING}, "select_form", "application")
    api = f"{API}/selection-calls/{call.pk}/select/"
    assert api_refusal(commission_api, api, {**data, "application": outside}, "application") == (
        api_refusal(commission_api, api, {**data, "application": MISSING}, "application")
    )
    call.refresh_from_db()
    assert call.status == "open" and call.selected_application_id is None
    assert Application.objects.get(pk=outside).status == Application.Status.PRELIM_PASSED
