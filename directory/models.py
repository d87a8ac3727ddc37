"""The directory: jurisdictions (a tree), their health commissions and offices, institutions
and people. Every other app scopes its rows through these."""

from __future__ import annotations

from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from audit.tracking import tracked
from core.scoping import ScopedQuerySet

from .validators import mask_id_number, mask_mobile, validate_id_number, validate_mobile, validate_uscc


class JurisdictionQuerySet(ScopedQuerySet):
    scope_path = "path"
    scope_institution = "institutions"
    scope_person = "institutions__staff"


class CommissionQuerySet(ScopedQuerySet):
    scope_path = "jurisdiction__path"
    scope_institution = "supervised"
    scope_person = "supervised__staff"

    def supervisors_for(self, user):
        """The commissions ``user`` may name as an institution's 主管卫生健康行政部门: those it sees,
        and those above its jurisdiction — the nearest commission at or above the institution's
        jurisdiction supervises it, and a district's hospital may be the city's (docs/exports.md)."""
        from accounts.models import JURISDICTION_ROLES

        seen = self.for_user(user)
        if user and user.is_authenticated and user.role in JURISDICTION_ROLES and user.jurisdiction_id:
            return seen | self.filter(jurisdiction__in=user.jurisdiction.ancestors_and_self())
        return seen


class InstitutionQuerySet(ScopedQuerySet):
    scope_path = "jurisdiction__path"
    scope_institution = "pk"
    scope_person = "staff"


class PersonQuerySet(ScopedQuerySet):
    scope_path = "employer__jurisdiction__path"
    scope_institution = "employer"
    scope_person = "pk"


@tracked
class Jurisdiction(models.Model):
    """行政区划 (GB/T 2260): province → city → district. ``path`` is the chain of codes from the
    root ("410000/410100/"), so "this one and everything below" is one indexed prefix query."""

    class Level(models.TextChoices):
        PROVINCE = "province", _("省级")
        CITY = "city", _("市级")
        DISTRICT = "district", _("区县级")

    code = models.CharField(_("行政区划代码"), max_length=6, unique=True)
    name = models.CharField(_("名称"), max_length=50)
    level = models.CharField(_("层级"), max_length=10, choices=Level.choices)
    parent = models.ForeignKey(
        "self", models.PROTECT, null=True, blank=True, related_name="children", verbose_name=_("上级区划")
    )
    path = models.CharField(max_length=100, unique=True, editable=False)

    objects = JurisdictionQuerySet.as_manager()

    class Meta:
        verbose_name = verbose_name_plural = _("行政区划")
        ordering = ["path"]
        indexes = [
            models.Index(fields=["path"], name="jurisdiction_path_prefix", opclasses=["varchar_pattern_ops"])
        ]
        constraints = [
            models.CheckConstraint(
                condition=Q(code__regex=r"^[1-9][0-9]{5}$"), name="jurisdiction_code_six_digits"
            )
        ]

    def __str__(self) -> str:
        return self.name

    def save(self, *args, **kwargs):
        # The path is derived data, kept with the row so subtree queries need no recursion.
        self.path = f"{self.parent.path if self.parent else ''}{self.code}/"
        super().save(*args, **kwargs)

    @property
    def full_name(self) -> str:
        names, node = [], self
        while node:
            names.append(node.name)
            node = node.parent
        return "".join(reversed(names))

    def subtree(self):
        return Jurisdiction.objects.filter(path__startswith=self.path)

    def ancestors_and_self(self):
        codes = [c for c in self.path.split("/") if c]
        return Jurisdiction.objects.filter(code__in=codes).order_by("path")


@tracked
class HealthCommission(models.Model):
    """卫生健康委员会 of one jurisdiction; the issuer of its official documents."""

    jurisdiction = models.OneToOneField(
        Jurisdiction, models.PROTECT, related_name="commission", verbose_name=_("行政区划")
    )
    name = models.CharField(_("全称"), max_length=100, unique=True)
    short_name = models.CharField(_("发文机关代字"), max_length=20, help_text=_("如：九龙坡卫"))

    objects = CommissionQuerySet.as_manager()

    class Meta:
        verbose_name = verbose_name_plural = _("卫生健康委员会")
        ordering = ["jurisdiction__path"]

    def __str__(self) -> str:
        return self.name


@tracked
class Office(models.Model):
    """An office of a commission, e.g. 区质控办 in 医政医管科 (九龙坡 第三条)."""

    commission = models.ForeignKey(
        HealthCommission, models.CASCADE, related_name="offices", verbose_name=_("卫生健康委员会")
    )
    name = models.CharField(_("名称"), max_length=100)
    department = models.CharField(_("所在科室/单位"), max_length=100, blank=True)
    duties = models.TextField(_("职责"), blank=True)

    class Meta:
        verbose_name = verbose_name_plural = _("办公室")
        constraints = [models.UniqueConstraint(fields=["commission", "name"], name="office_unique_name")]

    def __str__(self) -> str:
        return f"{self.commission.name}{self.name}"


@tracked
class Institution(models.Model):
    """医疗机构."""

    class Kind(models.TextChoices):
        GENERAL = "general", _("综合医院")
        TCM = "tcm", _("中医医院")
        INTEGRATED = "integrated", _("中西医结合医院")
        SPECIALTY = "specialty", _("专科医院")
        MATERNAL_CHILD = "maternal_child", _("妇幼保健院")
        COMMUNITY = "community", _("社区卫生服务中心")
        TOWNSHIP = "township", _("乡镇卫生院")
        OTHER = "other", _("其他医疗卫生机构")

    class Grade(models.TextChoices):
        # Codes shared with the rule-set data (rulesets/data/*.yaml: host.min_grade).
        G3A = "3a", _("三级甲等")
        G3B = "3b", _("三级乙等")
        G3C = "3c", _("三级丙等")
        G3 = "3", _("三级")
        G2A = "2a", _("二级甲等")
        G2B = "2b", _("二级乙等")
        G2C = "2c", _("二级丙等")
        G2 = "2", _("二级")
        G1A = "1a", _("一级甲等")
        G1B = "1b", _("一级乙等")
        G1C = "1c", _("一级丙等")
        G1 = "1", _("一级")
        UNGRADED = "ungraded", _("未定级")

    class Ownership(models.TextChoices):
        PUBLIC = "public", _("公立")
        PRIVATE = "private", _("民营")

    name = models.CharField(_("机构名称"), max_length=100)
    uscc = models.CharField(_("统一社会信用代码"), max_length=18, unique=True, validators=[validate_uscc])
    kind = models.CharField(_("机构类别"), max_length=20, choices=Kind.choices)
    grade = models.CharField(_("等级"), max_length=10, choices=Grade.choices, default=Grade.UNGRADED)
    ownership = models.CharField(
        _("经营性质"), max_length=10, choices=Ownership.choices, default=Ownership.PUBLIC
    )
    jurisdiction = models.ForeignKey(
        Jurisdiction, models.PROTECT, related_name="institutions", verbose_name=_("所在区划")
    )
    supervising_commission = models.ForeignKey(
        HealthCommission, models.PROTECT, related_name="supervised", verbose_name=_("主管卫生健康行政部门")
    )
    opened_on = models.DateField(_("开业日期"), null=True, blank=True)

    objects = InstitutionQuerySet.as_manager()

    class Meta:
        verbose_name = verbose_name_plural = _("医疗机构")
        ordering = ["jurisdiction__path", "name"]
        constraints = [
            models.UniqueConstraint(fields=["jurisdiction", "name"], name="institution_unique_name")
        ]

    def __str__(self) -> str:
        return self.name


@tracked
class Person(models.Model):
    """A person known to the platform: expert, leader, staff member. May or may not log in."""

    class Sex(models.TextChoices):
        MALE = "M", _("男")
        FEMALE = "F", _("女")

    class TitleLevel(models.TextChoices):
        SENIOR = "senior", _("正高级")
        ASSOCIATE_SENIOR = "associate_senior", _("副高级")
        INTERMEDIATE = "intermediate", _("中级")
        JUNIOR = "junior", _("初级")
        NONE = "none", _("无")

    class Employment(models.TextChoices):
        IN_SERVICE = "in_service", _("在职")
        RETIRED = "retired", _("退休")

    name = models.CharField(_("姓名"), max_length=50)
    sex = models.CharField(_("性别"), max_length=1, choices=Sex.choices)
    birth_date = models.DateField(_("出生日期"))
    id_number = models.CharField(_("身份证号"), max_length=18, unique=True, validators=[validate_id_number])
    mobile = models.CharField(_("手机号"), max_length=11, blank=True, validators=[validate_mobile])
    email = models.EmailField(_("电子邮箱"), blank=True)
    title = models.CharField(_("职称"), max_length=50, blank=True)
    title_level = models.CharField(
        _("职称级别"), max_length=20, choices=TitleLevel.choices, default=TitleLevel.NONE
    )
    title_obtained_on = models.DateField(_("取得职称时间"), null=True, blank=True)
    specialty = models.CharField(_("专业"), max_length=50, blank=True)
    employer = models.ForeignKey(
        Institution, models.PROTECT, related_name="staff", null=True, blank=True, verbose_name=_("工作单位")
    )
    employment = models.CharField(
        _("在职状态"), max_length=12, choices=Employment.choices, default=Employment.IN_SERVICE
    )
    first_practice_site = models.ForeignKey(
        Institution,
        models.PROTECT,
        null=True,
        blank=True,
        related_name="first_practitioners",
        verbose_name=_("第一执业地点"),
    )
    first_practice_since = models.DateField(_("第一执业地点起始时间"), null=True, blank=True)
    gp_registered = models.BooleanField(_("注册或加注全科"), default=False)
    gp_experience_since = models.DateField(_("从事全科/公卫/医疗管理工作起始时间"), null=True, blank=True)

    objects = PersonQuerySet.as_manager()

    class Meta:
        verbose_name = verbose_name_plural = _("人员")
        ordering = ["name"]
        indexes = [
            models.Index(fields=["employer", "name"]),
            models.Index(fields=["name", "id"], name="person_name_order"),
            # The commission's 待办 "人员的职称信息不完整": only the incomplete ones are indexed.
            models.Index(
                fields=["employer"],
                name="person_incomplete_title",
                condition=Q(title_level="none") | Q(title_obtained_on__isnull=True),
            ),
        ]

    def __str__(self) -> str:
        return self.name

    @property
    def masked_id_number(self) -> str:
        return mask_id_number(self.id_number)

    @property
    def masked_mobile(self) -> str:
        return mask_mobile(self.mobile)

    def age_on(self, day) -> int:
        return (
            day.year
            - self.birth_date.year
            - ((day.month, day.day) < (self.birth_date.month, self.birth_date.day))
        )
