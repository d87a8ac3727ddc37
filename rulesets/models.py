"""Which rule set governs which bodies where, from when; and the values a commission fills in
where the regulation leaves a parameter open."""

from __future__ import annotations

from django.core.exceptions import ValidationError
from django.db import models
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from audit.tracking import tracked
from core.scoping import ScopedQuerySet

from .schema import BODY_KINDS

BODY_KIND_CHOICES = list(BODY_KINDS.items())


class AssignmentQuerySet(ScopedQuerySet):
    scope_path = "jurisdiction__path"
    scope_institution = "jurisdiction__institutions"
    scope_person = "jurisdiction__institutions__staff"


@tracked
class RuleSetAssignment(models.Model):
    """规则集适用: from ``valid_from`` the bodies of ``body_kind`` in ``jurisdiction`` (and the
    jurisdictions below it, unless they have their own) are governed by ``ruleset_code``. A later
    row for the same jurisdiction and kind supersedes an earlier one from its date."""

    jurisdiction = models.ForeignKey(
        "directory.Jurisdiction",
        models.PROTECT,
        related_name="ruleset_assignments",
        verbose_name=gettext_lazy("行政区划"),
    )
    body_kind = models.CharField(gettext_lazy("适用对象"), max_length=30, choices=BODY_KIND_CHOICES)
    ruleset_code = models.CharField(gettext_lazy("规则集"), max_length=50)
    valid_from = models.DateField(gettext_lazy("起始日期"))
    note = models.CharField(gettext_lazy("说明"), max_length=200, blank=True)

    objects = AssignmentQuerySet.as_manager()

    class Meta:
        verbose_name = verbose_name_plural = gettext_lazy("规则集适用")
        ordering = ["jurisdiction__path", "body_kind", "-valid_from"]
        constraints = [
            models.UniqueConstraint(
                fields=["jurisdiction", "body_kind", "valid_from"], name="ruleset_assignment_unique_start"
            )
        ]

    def __str__(self) -> str:
        return (
            f"{self.jurisdiction} {self.get_body_kind_display()} {self.ruleset_code}（{self.valid_from} 起）"
        )

    def clean(self):
        from .registry import all_rulesets

        ruleset = all_rulesets().get(self.ruleset_code)
        if ruleset is None:
            raise ValidationError(
                {"ruleset_code": _("未知的规则集：%(ruleset_code)s") % {"ruleset_code": self.ruleset_code}}
            )
        if ruleset.body_kind != self.body_kind:
            raise ValidationError(
                {
                    "body_kind": _("规则集 %(ruleset_code)s 适用于%(governs)s，不适用于%(body_kind)s。")
                    % {
                        "ruleset_code": self.ruleset_code,
                        "governs": BODY_KINDS[ruleset.body_kind],
                        "body_kind": BODY_KINDS[self.body_kind],
                    }
                }
            )
        if self.valid_from and self.valid_from < ruleset.in_force_from:
            raise ValidationError(
                {
                    "valid_from": _("规则集 %(ruleset_code)s 自 %(in_force_from)s 起施行。")
                    % {"ruleset_code": self.ruleset_code, "in_force_from": ruleset.in_force_from}
                }
            )


@tracked
class RuleSetSetting(models.Model):
    """A parameter the regulation leaves to the commission (``setting: true`` in the data), with
    the value the commission decided, e.g. 九龙坡's handover deadline (第二十四条)."""

    jurisdiction = models.ForeignKey(
        "directory.Jurisdiction",
        models.PROTECT,
        related_name="ruleset_settings",
        verbose_name=gettext_lazy("行政区划"),
    )
    ruleset_code = models.CharField(gettext_lazy("规则集"), max_length=50)
    key = models.CharField(gettext_lazy("参数"), max_length=100)
    value = models.JSONField(gettext_lazy("取值"))
    decided_on = models.DateField(gettext_lazy("决定日期"))
    basis = models.CharField(gettext_lazy("依据文件"), max_length=200, blank=True)

    objects = AssignmentQuerySet.as_manager()

    class Meta:
        verbose_name = verbose_name_plural = gettext_lazy("规则集参数设定")
        constraints = [
            models.UniqueConstraint(
                fields=["jurisdiction", "ruleset_code", "key"], name="ruleset_setting_unique"
            )
        ]

    def __str__(self) -> str:
        return f"{self.jurisdiction} {self.ruleset_code} {self.key} = {self.value}"
