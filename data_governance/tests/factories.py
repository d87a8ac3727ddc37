"""factory_boy factories with a trait per state: ``UseRequestFactory(endorsed=True)``,
``GrantFactory(ends_on=…)``. They reach a state in one line; the services are tested on their own."""

from __future__ import annotations

import datetime as dt

import factory
from django.utils import timezone

from accounts.models import User
from centres.models import Centre, Specialty
from directory.models import Institution, Jurisdiction, Person

from ..models import DataResource, Grant, PublicationCheck, PublicationReview, ThirdPartyTransfer, UseRequest


def jlp():
    return Jurisdiction.objects.get(code="500107")


class CentreFactory(factory.django.DjangoModelFactory):
    """An active 九龙坡 district centre hosted by 九龙坡区人民医院 (jlp_host), led by 张建国 (jlp_expert)."""

    class Meta:
        model = Centre

    jurisdiction = factory.LazyFunction(jlp)
    body_kind = "district_centre"
    specialty = factory.Sequence(lambda n: Specialty.objects.get_or_create(name=f"数据治理测试专业{n}")[0])
    name = factory.Sequence(lambda n: f"九龙坡区测试{n}医疗质量控制中心")
    status = "active"
    host = factory.LazyFunction(lambda: Institution.objects.get(name="九龙坡区人民医院"))
    leader = factory.LazyFunction(lambda: Person.objects.get(name="张建国"))


class ResourceFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = DataResource

    jurisdiction = factory.LazyFunction(jlp)
    body_kind = "district_centre"
    code = factory.Sequence(lambda n: f"T-{n:04d}")
    name = factory.Sequence(lambda n: f"测试数据资源{n}")
    classification = "sensitive"
    steward = factory.LazyFunction(lambda: User.objects.get(username="jlp_commission"))
    created_by = factory.LazyFunction(lambda: User.objects.get(username="jlp_commission"))
    source = "dataset"
    dataset = "centres.register"


def _today():
    return timezone.localdate()


class UseRequestFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = UseRequest
        skip_postgeneration_save = True

    centre = factory.SubFactory(CentreFactory)
    applicant = factory.LazyFunction(lambda: User.objects.get(username="jlp_host"))
    purpose_category = "indicator_analysis"
    purpose = "分析本专业季度质控指标，形成质控报告"
    starts_on = factory.LazyFunction(_today)
    ends_on = factory.LazyFunction(lambda: _today() + dt.timedelta(days=30))
    status = "draft"

    class Params:
        submitted = factory.Trait(status="submitted", submitted_at=factory.LazyFunction(timezone.now))
        endorsed = factory.Trait(
            status="endorsed",
            submitted_at=factory.LazyFunction(timezone.now),
            endorsed_by=factory.LazyFunction(lambda: User.objects.get(username="jlp_expert")),
            endorsed_at=factory.LazyFunction(timezone.now),
        )

    @factory.post_generation
    def users(self, create, extracted, **kwargs):
        self.users.set(extracted if extracted is not None else [User.objects.get(username="jlp_host")])

    @factory.post_generation
    def resources(self, create, extracted, **kwargs):
        self.resources.set(extracted if extracted is not None else [ResourceFactory()])

    @factory.post_generation
    def letter(self, create, extracted, **kwargs):
        """A submitted request carries its signed commitment letter (九龙坡 第十六条（二））."""
        if self.status == "draft" or extracted is False:
            return
        from django.core.files.base import ContentFile

        from attachments.demo import minimal_pdf
        from attachments.services import attachment_store

        # uploaded while it was a draft (a submitted request locks its files); FSM-protected field
        status, self.__dict__["status"] = self.status, "draft"
        try:
            attachment_store(
                file=ContentFile(minimal_pdf(["signed"]), name="承诺书.pdf"),
                kind="data_governance.commitment_letter",
                subject=self,
                acting_user=User.objects.get(username="jlp_host"),
            )
        finally:
            self.__dict__["status"] = status


class GrantFactory(factory.django.DjangoModelFactory):
    """A grant as an approval leaves it: jlp_host on one sensitive resource for 30 days."""

    class Meta:
        model = Grant
        skip_postgeneration_save = True

    number = factory.Sequence(lambda n: f"SJSQ-TEST-{n:04d}")
    request = factory.SubFactory(UseRequestFactory, status="approved")
    centre = factory.SelfAttribute("request.centre")
    starts_on = factory.LazyFunction(_today)
    ends_on = factory.LazyFunction(lambda: _today() + dt.timedelta(days=30))
    granted_by = factory.LazyFunction(lambda: User.objects.get(username="jlp_commission"))

    @factory.post_generation
    def users(self, create, extracted, **kwargs):
        self.users.set(extracted if extracted is not None else self.request.users.all())

    @factory.post_generation
    def resources(self, create, extracted, **kwargs):
        self.resources.set(extracted if extracted is not None else self.request.resources.all())


class PublicationFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = PublicationReview
        skip_postgeneration_save = True

    centre = factory.SubFactory(CentreFactory)
    kind = "paper"
    title = factory.Sequence(lambda n: f"九龙坡区质控指标分析{n}")
    first_unit = factory.SelfAttribute("centre.name")
    data_source = "九龙坡区卫生健康委质控数据"
    submitted_by = factory.LazyFunction(lambda: User.objects.get(username="jlp_host"))
    status = "draft"

    class Params:
        submitted = factory.Trait(status="submitted")
        committee_agreed = factory.Trait(status="committee_agreed")

    @factory.post_generation
    def checks(self, create, extracted, **kwargs):
        for code, label in (
            ("data.publication_deidentified", "进行脱敏处理"),
            ("data.publication_cite_source", "注明数据来源"),
        ):
            PublicationCheck.objects.create(review=self, code=code, label=label, article="第十六条（四）")


class TransferFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = ThirdPartyTransfer

    centre = factory.SubFactory(CentreFactory)
    recipient = "某医药咨询公司"
    data_description = "全区心血管病例汇总"
    purpose = "市场分析"
    safeguards = "加密传输"
    requested_by = factory.LazyFunction(lambda: User.objects.get(username="jlp_host"))
