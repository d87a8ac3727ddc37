"""Users and their role. A user acts in one role over one scope: a jurisdiction (and the ones
below it), one institution, or themselves as an expert."""

from __future__ import annotations

from django.contrib.auth.models import AbstractUser, UserManager
from django.core.exceptions import ValidationError
from django.db import models
from django.db.models import Q
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from audit.tracking import tracked


class Role(models.TextChoices):
    COMMISSION = "commission", gettext_lazy("卫健委工作人员")
    QC_OFFICE = "qc_office", gettext_lazy("质控办工作人员")
    DISTRICT_REVIEWER = "district_reviewer", gettext_lazy("区县卫健局审核人")
    HOST_SUBMITTER = "host_submitter", gettext_lazy("挂靠单位填报人")
    EXPERT = "expert", gettext_lazy("专家")
    INSTITUTION_SCORER = "institution_scorer", gettext_lazy("医疗机构评分人")
    AUDITOR = "auditor", gettext_lazy("审计人员")
    SYSADMIN = "sysadmin", gettext_lazy("系统管理员")


JURISDICTION_ROLES = {Role.COMMISSION, Role.QC_OFFICE, Role.DISTRICT_REVIEWER, Role.AUDITOR}
INSTITUTION_ROLES = {Role.HOST_SUBMITTER, Role.INSTITUTION_SCORER}
# Roles that may see identity-card numbers and mobiles unmasked (appointments need them).
IDENTITY_ROLES = {Role.COMMISSION, Role.QC_OFFICE, Role.SYSADMIN}
# Roles that may change directory records within their scope.
DIRECTORY_EDITOR_ROLES = {Role.COMMISSION, Role.QC_OFFICE, Role.SYSADMIN}


@tracked
class User(AbstractUser):
    role = models.CharField(gettext_lazy("角色"), max_length=20, choices=Role.choices)
    jurisdiction = models.ForeignKey(
        "directory.Jurisdiction",
        models.PROTECT,
        null=True,
        blank=True,
        related_name="users",
        verbose_name=gettext_lazy("所属行政区划"),
    )
    institution = models.ForeignKey(
        "directory.Institution",
        models.PROTECT,
        null=True,
        blank=True,
        related_name="users",
        verbose_name=gettext_lazy("所属机构"),
    )
    person = models.OneToOneField(
        "directory.Person",
        models.PROTECT,
        null=True,
        blank=True,
        related_name="user",
        verbose_name=gettext_lazy("对应人员"),
    )
    display_name = models.CharField(gettext_lazy("显示名称"), max_length=50, blank=True)

    objects = UserManager()

    class Meta:
        verbose_name = verbose_name_plural = gettext_lazy("用户")
        constraints = [
            # A scoped role without its scope would see nothing or, worse, be special-cased.
            models.CheckConstraint(
                condition=~Q(role__in=sorted(r.value for r in JURISDICTION_ROLES))
                | Q(jurisdiction__isnull=False),
                name="user_jurisdiction_role_has_jurisdiction",
            ),
            models.CheckConstraint(
                condition=~Q(role__in=sorted(r.value for r in INSTITUTION_ROLES))
                | Q(institution__isnull=False),
                name="user_institution_role_has_institution",
            ),
            models.CheckConstraint(
                condition=~Q(role=Role.EXPERT) | Q(person__isnull=False), name="user_expert_has_person"
            ),
        ]

    def __str__(self) -> str:
        return self.display_name or self.username

    def clean(self):
        super().clean()
        if self.role in JURISDICTION_ROLES and not self.jurisdiction_id:
            raise ValidationError({"jurisdiction": _("该角色必须指定所属行政区划。")})
        if self.role in INSTITUTION_ROLES and not self.institution_id:
            raise ValidationError({"institution": _("该角色必须指定所属机构。")})
        if self.role == Role.EXPERT and not self.person_id:
            raise ValidationError({"person": _("专家账号必须关联人员档案。")})

    @property
    def is_sysadmin(self) -> bool:
        return self.is_superuser or self.role == Role.SYSADMIN

    @property
    def is_read_only(self) -> bool:
        return self.role == Role.AUDITOR

    @property
    def may_see_identity(self) -> bool:
        return self.is_superuser or self.role in IDENTITY_ROLES

    @property
    def may_edit_directory(self) -> bool:
        return self.is_superuser or self.role in DIRECTORY_EDITOR_ROLES

    @property
    def scope_label(self) -> str:
        if self.role in INSTITUTION_ROLES and self.institution_id:
            return self.institution.name
        if self.jurisdiction_id:
            return self.jurisdiction.full_name
        if self.person_id:
            return self.person.name
        return _("全部")


class LoginFailure(models.Model):
    """Failed logins per username, for the lockout (等保 2.0 登录失败处理)."""

    username = models.CharField(max_length=150, db_index=True)
    at = models.DateTimeField(auto_now_add=True)
    ip = models.GenericIPAddressField(null=True)

    class Meta:
        indexes = [models.Index(fields=["username", "at"])]
