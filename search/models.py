"""The search index: one row per searchable record (centre, institution, person, call, document)
with what a user types to find it — its name, the pinyin initials of the name, and its number
(文号, or an institution's 统一社会信用代码). Derived data, rebuilt by ``manage.py search_reindex``
and kept current by signals (search/index.py); it holds no scope: every search is scoped by the
record's own ``for_user()`` at query time (search/query.py)."""

from django.contrib.postgres.indexes import GinIndex, OpClass
from django.db import models
from django.db.models.functions import Upper
from django.utils.translation import gettext_lazy as _


class SearchEntry(models.Model):
    class Kind(models.TextChoices):
        CENTRE = "centre", _("质控中心")
        INSTITUTION = "institution", _("医疗机构")
        PERSON = "person", _("人员")
        CALL = "call", _("遴选公告")
        DOCUMENT = "document", _("公文")

    kind = models.CharField(_("类别"), max_length=20, choices=Kind.choices)
    object_id = models.BigIntegerField(_("记录编号"))
    title = models.CharField(_("名称"), max_length=300)
    subtitle = models.CharField(_("说明"), max_length=300, blank=True)
    number = models.CharField(_("文号或代码"), max_length=100, blank=True)
    initials = models.CharField(_("拼音首字母"), max_length=300, blank=True)

    class Meta:
        verbose_name = verbose_name_plural = _("搜索索引")
        constraints = [models.UniqueConstraint(fields=["kind", "object_id"], name="search_entry_unique")]
        indexes = [
            GinIndex(OpClass(Upper("title"), name="gin_trgm_ops"), name="search_title_trgm"),
            GinIndex(OpClass(Upper("number"), name="gin_trgm_ops"), name="search_number_trgm"),
            GinIndex(OpClass("initials", name="gin_trgm_ops"), name="search_initials_trgm"),
            models.Index(OpClass("initials", name="varchar_pattern_ops"), name="search_initials_prefix"),
            # a query of one or two characters matches the start of a name (trigrams need three)
            models.Index(OpClass(Upper("title"), name="text_pattern_ops"), name="search_title_prefix"),
        ]

    def __str__(self):
        return f"{self.get_kind_display()}：{self.title}"
