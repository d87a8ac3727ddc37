"""factory_boy factories for the experts app, with a trait per state, on top of the demo world
(directory/demo.py: jurisdictions, institutions, people, logins)."""

from __future__ import annotations

from datetime import date, timedelta
from decimal import Decimal
from itertools import count

import factory
from django.utils import timezone

from centres.models import Centre, HostingTerm, Specialty
from directory.demo import demo_id_number
from directory.models import Institution, Jurisdiction, Person
from experts.models import Activity, Committee, CommitteeMember, DutyLog, Expert, Grading, Library, SignInCode

_n = count(300)


def person(
    name: str,
    employer: str,
    *,
    title_level="associate_senior",
    birth="1975-01-01",
    title_since="2015-12-01",
    gp=False,
    gp_since=None,
    employment="in_service",
) -> Person:
    institution = Institution.objects.get(name=employer)
    return Person.objects.create(
        name=name,
        sex="M",
        birth_date=date.fromisoformat(birth),
        id_number=demo_id_number(institution.jurisdiction.code, birth, next(_n) % 900),
        title="职称",
        title_level=title_level,
        title_obtained_on=date.fromisoformat(title_since),
        employer=institution,
        first_practice_site=institution,
        first_practice_since=date(2010, 1, 1),
        employment=employment,
        gp_registered=gp,
        gp_experience_since=date.fromisoformat(gp_since) if gp_since else None,
    )


class CentreFactory(factory.django.DjangoModelFactory):
    """An active centre with its hosting term (九龙坡 by default)."""

    class Meta:
        model = Centre
        skip_postgeneration_save = True

    class Params:
        code = "500107"
        host_name = "九龙坡区人民医院"

    jurisdiction = factory.LazyAttribute(lambda o: Jurisdiction.objects.get(code=o.code))
    body_kind = "district_centre"
    specialty = factory.LazyFunction(lambda: Specialty.objects.create(name=f"专业{next(_n)}"))
    name = factory.Sequence(lambda i: f"测试质控中心{i}")
    status = "active"
    host = factory.LazyAttribute(lambda o: Institution.objects.get(name=o.host_name))
    leader = factory.LazyAttribute(lambda o: Person.objects.filter(employer=o.host).first())

    @factory.post_generation
    def term(obj, create, extracted, **kwargs):
        if create:
            HostingTerm.objects.create(
                centre=obj,
                host=obj.host,
                leader=obj.leader,
                starts_on=date(2026, 1, 1),
                ends_on=date(2029, 12, 31),
            )


class CommitteeFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Committee

    class Params:
        submitted = factory.Trait(status="submitted")
        approved = factory.Trait(
            status="approved", term_starts_on=date(2026, 1, 1), term_ends_on=date(2029, 12, 31)
        )

    centre = factory.SubFactory(CentreFactory)
    kind = "committee"
    name = factory.LazyAttribute(lambda o: f"{o.centre.name}专家委员会")
    status = "draft"


class SeatFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = CommitteeMember

    committee = factory.SubFactory(CommitteeFactory)
    role = "member"
    name = factory.Sequence(lambda i: f"委员{i}")
    employer = "九龙坡区中医院"
    title = "副主任医师"
    title_level = "associate_senior"
    title_obtained_on = date(2015, 1, 1)
    birth_date = date(1975, 1, 1)


def valid_jlp_roster(committee, *, host_people=1):
    """A roster that meets 九龙坡 第十一条: a host chair, two vice-chairs (one from outside), members."""
    SeatFactory(
        committee=committee,
        role="chair",
        name="主委",
        employer="九龙坡区人民医院",
        from_host=True,
        title_level="senior",
        birth_date=date(1970, 1, 1),
    )
    SeatFactory(committee=committee, role="vice_chair", name="副主委甲")
    SeatFactory(committee=committee, role="vice_chair", name="副主委乙")
    for i in range(3):
        SeatFactory(committee=committee, name=f"委员{i}号")
    return committee


class LibraryFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Library
        django_get_or_create = ("name",)

    jurisdiction = factory.LazyFunction(lambda: Jurisdiction.objects.get(code="500000"))
    name = "重庆市全科医疗质控专家库"
    issuer_name = "重庆市全科医疗质量控制中心"
    issuer_code = "渝全科质控"
    host = factory.LazyFunction(lambda: Institution.objects.get(name="重庆医科大学附属示范医院"))


class ExpertFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Expert

    class Params:
        exited = factory.Trait(
            status="exited",
            exit_kind="dismissal",
            exit_reason="违规",
            exit_on=factory.LazyFunction(lambda: timezone.localdate() - timedelta(days=1)),
        )

    library = factory.SubFactory(LibraryFactory)
    jurisdiction = factory.LazyAttribute(lambda o: o.library.jurisdiction)
    person = factory.LazyFunction(
        lambda: person(f"专家{next(_n)}", "渝北区人民医院", gp=True, gp_since="2005-01-01")
    )
    level = "city"
    status = "active"
    appointed_on = date(2025, 1, 1)
    ends_on = date(2028, 12, 31)


class ActivityFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Activity
        skip_postgeneration_save = True

    centre = factory.SubFactory(CentreFactory)
    jurisdiction = factory.LazyAttribute(
        lambda o: o.centre.jurisdiction if o.centre else o.library.jurisdiction
    )
    library = None
    kind = "training"
    title = "质控培训"
    starts_at = factory.LazyFunction(lambda: timezone.now() - timedelta(hours=1))
    ends_at = factory.LazyFunction(lambda: timezone.now() + timedelta(hours=2))
    hours = Decimal(3)
    created_by = factory.LazyFunction(
        lambda: __import__("accounts.models", fromlist=["User"]).User.objects.get(username="jlp_host")
    )

    @factory.post_generation
    def code(obj, create, extracted, **kwargs):
        if create:
            SignInCode.objects.create(activity=obj, expires_at=obj.ends_at)


class DutyLogFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = DutyLog

    class Params:
        confirmed = factory.Trait(status="confirmed")

    person = factory.LazyFunction(lambda: Person.objects.get(name="张建国"))
    centre = factory.SubFactory(CentreFactory)
    jurisdiction = factory.LazyAttribute(lambda o: o.centre.jurisdiction)
    worked_on = factory.LazyFunction(lambda: timezone.localdate() - timedelta(days=1))
    kind = "review"
    hours = Decimal(2)
    description = "审核质控数据"


class GradingFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Grading

    library = factory.SubFactory(LibraryFactory)
    year = 2026
