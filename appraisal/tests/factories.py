"""Factories: a running centre of a jurisdiction in one line, with its hosting term (a state the
centres app's own services reach through a whole selection; here made directly, for the tests)."""

from __future__ import annotations

from datetime import date, timedelta

import factory

from centres.models import Centre, HostingTerm, Specialty
from directory.models import Institution, Jurisdiction, Person

JURISDICTION = {
    "district_centre": "500107",
    "city_centre": "370100",
    "qc_group": "310118",
    "provincial_centre": "410000",
}
HOST = {
    "district_centre": "九龙坡区人民医院",
    "city_centre": "济南市中心医院",
    "qc_group": "青浦区中心医院",
    "provincial_centre": "河南省示范人民医院",
}
LEADER = {
    "district_centre": "张建国",
    "city_centre": "马国栋",
    "qc_group": "徐明",
    "provincial_centre": "韩冬",
}


class SpecialtyFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Specialty
        django_get_or_create = ("name", "work_direction")

    name = factory.Sequence(lambda n: f"测试专业{n}")
    work_direction = ""


class CentreFactory(factory.django.DjangoModelFactory):
    """An active centre; ``body_kind`` picks the demo jurisdiction, host and leader of that rule set."""

    class Meta:
        model = Centre
        skip_postgeneration_save = True

    body_kind = "district_centre"
    jurisdiction = factory.LazyAttribute(lambda o: Jurisdiction.objects.get(code=JURISDICTION[o.body_kind]))
    specialty = factory.SubFactory(SpecialtyFactory)
    name = factory.LazyAttribute(lambda o: f"{o.jurisdiction.name}{o.specialty.name}质量控制中心")
    status = "active"
    host = factory.LazyAttribute(lambda o: Institution.objects.get(name=HOST[o.body_kind]))
    leader = factory.LazyAttribute(lambda o: Person.objects.get(name=LEADER[o.body_kind]))

    @factory.post_generation
    def term(obj, create, extracted, start=date(2022, 1, 1), years=4, **kwargs):
        """``CentreFactory(term__start=date(2022, 1, 1), term__years=4)``: its active hosting term."""
        if not create or obj.status != "active":
            return
        ends = date(start.year + years, start.month, start.day) - timedelta(days=1) if years else None
        HostingTerm.objects.create(
            centre=obj, host=obj.host, leader=obj.leader, number=1, starts_on=start, ends_on=ends
        )


def graded(centre, year: int, grade: str, *, status="published", by=None):
    """A confirmed grade of ``centre`` for ``year`` (the year's assessment already decided)."""
    from accounts.models import User
    from appraisal.models import AssessmentYear, CentreAssessment
    from core.workflow import ruleset_for

    by = by or User.objects.get(username="admin")
    y, _ = AssessmentYear.objects.get_or_create(
        jurisdiction=centre.jurisdiction,
        body_kind=centre.body_kind,
        year=year,
        defaults={"ruleset_code": ruleset_for(centre).code, "status": status, "created_by": by},
    )
    return CentreAssessment.objects.create(
        year=y,
        centre=centre,
        host=centre.host,
        status="confirmed",
        proposed_grade=grade,
        grade=grade,
        confirmed_by=by,
    )
