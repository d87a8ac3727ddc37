"""factory_boy factories for the centres workflow, with a trait per state, so a test reaches a state
in one line instead of replaying the chain of services:

    CentreFactory(active=True)                 # a running centre with its host, leader and term
    ApplicationFactory(submitted=True)          # an application locked for review
    CallFactory(reviewing=True)                 # applications closed, experts scoring
    NoticeFactory()                             # a public notice open for objections

They build rows directly (the services are tested on their own): use them to set the scene, then
call the service under test. They need the demo world (the ``world`` fixture): the defaults are
九龙坡's centre, commission and hospitals.
"""

from __future__ import annotations

from datetime import timedelta

import factory
from django.utils import timezone

from accounts.models import User
from centres.models import (
    Application,
    Centre,
    Handover,
    HostingTerm,
    LeaderChange,
    Objection,
    PanelMember,
    PublicNotice,
    ReviewScore,
    SelectionCall,
    Specialty,
)
from core.dates import add_years
from directory.models import Institution, Jurisdiction, Person


def _jurisdiction(name="九龙坡区"):
    return Jurisdiction.objects.get(name=name)


def _host():
    return Institution.objects.get(name="九龙坡区人民医院")


def _staff_of(institution):
    return Person.objects.filter(employer=institution).order_by("pk").first()


def _days_from_now(days: int):
    return timezone.now() + timedelta(days=days)


def _commission_user():
    return User.objects.get(username="jlp_commission")


class SpecialtyFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Specialty

    name = factory.Sequence(lambda n: f"测试专业{n}")


class CentreFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Centre
        skip_postgeneration_save = True

    jurisdiction = factory.LazyFunction(_jurisdiction)
    body_kind = "district_centre"
    specialty = factory.SubFactory(SpecialtyFactory)
    name = factory.LazyAttribute(lambda o: f"{o.jurisdiction.name}{o.specialty.name}质控中心")
    status = Centre.Status.PREPARING

    class Params:
        active = factory.Trait(
            status=Centre.Status.ACTIVE,
            host=factory.LazyFunction(_host),
            leader=factory.LazyAttribute(lambda o: _staff_of(o.host)),
            term=factory.RelatedFactory("centres.tests.factories.TermFactory", factory_related_name="centre"),
        )
        dissolved = factory.Trait(status=Centre.Status.DISSOLVED)


class TermFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = HostingTerm

    centre = factory.SubFactory(CentreFactory)
    host = factory.LazyAttribute(lambda o: o.centre.host or _host())
    leader = factory.LazyAttribute(lambda o: o.centre.leader or _staff_of(o.host))
    starts_on = factory.LazyFunction(lambda: timezone.localdate() - timedelta(days=365))
    ends_on = factory.LazyAttribute(lambda o: add_years(o.starts_on, 4) - timedelta(days=1))
    status = HostingTerm.Status.ACTIVE


class CallFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = SelectionCall

    centre = factory.SubFactory(CentreFactory)
    title = factory.LazyAttribute(lambda o: f"{o.centre.name}挂靠单位遴选公告")
    method = SelectionCall.Method.SELECTION
    ruleset_code = "cq-jiulongpo-2025"
    created_by = factory.LazyFunction(_commission_user)
    status = SelectionCall.Status.OPEN
    published_at = factory.LazyFunction(timezone.now)
    application_deadline = factory.LazyFunction(lambda: timezone.now() + timedelta(days=30))

    class Params:
        draft = factory.Trait(status=SelectionCall.Status.DRAFT, published_at=None)
        reviewing = factory.Trait(
            status=SelectionCall.Status.REVIEWING,
            application_deadline=factory.LazyFunction(lambda: _days_from_now(-1)),
        )
        in_notice = factory.Trait(
            status=SelectionCall.Status.NOTICE,
            application_deadline=factory.LazyFunction(lambda: _days_from_now(-20)),
        )


class ApplicationFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Application

    call = factory.SubFactory(CallFactory)
    institution = factory.LazyFunction(_host)
    proposed_leader = factory.LazyAttribute(lambda o: _staff_of(o.institution))
    created_by = factory.LazyAttribute(
        lambda o: User.objects.filter(institution=o.institution).first() or _commission_user()
    )
    sections = factory.LazyFunction(lambda: {"basic": "本院基本情况", "plan": "工作设想"})
    status = Application.Status.DRAFT

    class Params:
        submitted = factory.Trait(
            status=Application.Status.SUBMITTED, submitted_at=factory.LazyFunction(timezone.now)
        )
        under_review = factory.Trait(
            status=Application.Status.PRELIM_PASSED, submitted_at=factory.LazyFunction(timezone.now)
        )


class PanelMemberFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = PanelMember

    call = factory.SubFactory(CallFactory, reviewing=True)
    person = factory.LazyFunction(lambda: Person.objects.get(name="陈静"))


class ScoreFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = ReviewScore

    panel_member = factory.SubFactory(PanelMemberFactory)
    application = factory.SubFactory(
        ApplicationFactory, under_review=True, call=factory.SelfAttribute("..panel_member.call")
    )
    criterion = factory.Sequence(lambda n: f"评分项{n}")
    score = 80


class NoticeFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = PublicNotice

    call = factory.SubFactory(CallFactory, in_notice=True)
    title = factory.LazyAttribute(lambda o: f"{o.call.centre.name}挂靠单位公示")
    body = "拟确定挂靠单位，现予公示。"
    starts_on = factory.LazyFunction(timezone.localdate)
    working_days = 5
    ends_on = factory.LazyAttribute(lambda o: o.starts_on + timedelta(days=7))
    closes_at = factory.LazyFunction(lambda: timezone.now() + timedelta(days=7))
    published_by = factory.LazyFunction(_commission_user)


class ObjectionFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Objection

    notice = factory.SubFactory(NoticeFactory)
    name = factory.Sequence(lambda n: f"群众{n}")
    contact = "13800000000"
    content = "对拟确定单位的资质有异议。"


class LeaderChangeFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = LeaderChange

    centre = factory.SubFactory(CentreFactory, active=True)
    term = factory.LazyAttribute(lambda o: o.centre.terms.get())
    old_leader = factory.LazyAttribute(lambda o: o.term.leader)
    reason = "工作调动"
    vacated_on = factory.LazyFunction(timezone.localdate)
    due_at = factory.LazyFunction(lambda: timezone.now() + timedelta(days=30))


class HandoverFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Handover

    centre = factory.SubFactory(CentreFactory, active=True)
    from_host = factory.LazyAttribute(lambda o: o.centre.host)
    to_host = factory.LazyFunction(lambda: Institution.objects.get(name="九龙坡区中医院"))
    due_at = factory.LazyFunction(lambda: timezone.now() + timedelta(days=30))
