"""The workflow apps act together through the centres services, with no second path
(centres/signals.py): a dissolved centre takes its committee with it, a reviewer with a declared
interest in an applicant stands aside, and a completed handover ends the old host's data grants."""

import pytest

from centres.models import PanelMember
from centres.services import lifecycle
from centres.services import selection as centre_services
from centres.tests.factories import ApplicationFactory, CallFactory, CentreFactory
from directory.models import Institution, Person
from experts.models import Committee, InterestDeclaration
from experts.tests.factories import CommitteeFactory

pytestmark = pytest.mark.django_db


def test_dissolving_a_centre_dissolves_its_committee_in_the_same_step(world, user_of):
    """九龙坡 第二十五条: the committee goes with the centre — through the centres service."""
    centre = CentreFactory(active=True)
    committee = CommitteeFactory(centre=centre, approved=True)
    lifecycle.centre_dissolve(
        centre=centre, cause="severe_violation", reason="严重违规", acting_user=user_of("jlp_commission")
    )
    assert Committee.objects.get(pk=committee.pk).status == Committee.Status.DISSOLVED


def test_a_reviewer_with_a_declared_interest_in_an_applicant_stands_aside(world, user_of):
    """重庆全科 一、(三)4.: 严格执行回避制度 — a declared interest excludes the expert automatically."""
    call = CallFactory(reviewing=True)
    applicant = Institution.objects.get(name="九龙坡区人民医院")
    ApplicationFactory(call=call, institution=applicant, under_review=True)
    reviewer = Person.objects.get(name="陈静")
    assert reviewer.employer_id != applicant.pk
    InterestDeclaration.objects.create(
        person=reviewer, kind=InterestDeclaration.Kind.RELATIVE, institution=applicant
    )
    member = centre_services.panel_add(call=call, person=reviewer, acting_user=user_of("jlp_commission"))
    member = PanelMember.objects.get(pk=member.pk)
    assert member.recused and "亲属工作单位" in member.recusal_reason


def test_a_reviewer_without_interests_sits_on_the_panel(world, user_of):
    call = CallFactory(reviewing=True)
    ApplicationFactory(
        call=call, institution=Institution.objects.get(name="九龙坡区人民医院"), under_review=True
    )
    member = centre_services.panel_add(
        call=call, person=Person.objects.get(name="陈静"), acting_user=user_of("jlp_commission")
    )
    member = PanelMember.objects.get(pk=member.pk)
    assert not member.recused, member.recusal_reason
