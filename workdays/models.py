"""China's official working-day calendar, as far as the chinese_calendar package does not know it:
holidays and make-up working days that administrators enter from the State Council's notice, and
the years they have entered completely. workdays/calendar.py reads both."""

from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.utils.translation import gettext_lazy as _

from audit.tracking import tracked


@tracked
class HolidayOverride(models.Model):
    """节假日调整公告: one day whose status differs from, or is missing in, the package — a day off
    (a statutory holiday, or a one-off holiday the State Council declares) or a 调休 make-up working
    day on a weekend. It wins over the package for its date."""

    date = models.DateField(_("日期"), unique=True)
    is_working_day = models.BooleanField(_("是否上班"), help_text=_("调休上班的日子勾选；放假的日子不勾选。"))
    name = models.CharField(_("节日名称"), max_length=50, help_text=_("如：国庆节"))
    source = models.CharField(
        _("依据"),
        max_length=200,
        help_text=_(
            "公告名称及文号，如：国务院办公厅关于2027年部分节假日安排的通知（国办发明电〔2026〕x号）"
        ),
    )
    note = models.TextField(_("备注"), blank=True)

    class Meta:
        verbose_name = verbose_name_plural = _("节假日调整公告")
        ordering = ["-date"]

    def __str__(self) -> str:
        return f"{self.date:%Y-%m-%d} {self.name}（{'调休上班' if self.is_working_day else '放假'}）"


@tracked
class CoveredYear(models.Model):
    """已录入年度: every holiday and make-up working day of this year has been entered as a
    HolidayOverride, so the calendar may compute within it although the package does not know it."""

    year = models.PositiveSmallIntegerField(
        _("年度"), unique=True, validators=[MinValueValidator(1949), MaxValueValidator(2100)]
    )
    source = models.CharField(_("依据"), max_length=200, help_text=_("该年度节假日安排的公告名称及文号"))

    class Meta:
        verbose_name = verbose_name_plural = _("已录入节假日的年度")
        ordering = ["-year"]

    def __str__(self) -> str:
        return f"{self.year} 年"
