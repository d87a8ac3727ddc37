from django import forms
from django.utils.translation import gettext_lazy as _

from core.widgets import DateInput

# A longer period than a year of working days is a typing mistake, not a notice.
MAX_WORKING_DAYS = 250


class NoticePeriodForm(forms.Form):
    start = forms.DateField(label=_("起始日期"), widget=DateInput(), input_formats=["%Y-%m-%d"])
    days = forms.IntegerField(label=_("工作日数"), min_value=1, max_value=MAX_WORKING_DAYS, initial=5)


MAX_NOTICE_CHARS = 20000  # the notices run to about 1,000 characters


class NoticeImportForm(forms.Form):
    year = forms.IntegerField(
        label=_("年度"),
        min_value=1949,
        max_value=2100,
        help_text=_("通知所安排的年度，即“关于YYYY年部分节假日安排”中的 YYYY"),
    )
    text = forms.CharField(
        label=_("通知全文"),
        max_length=MAX_NOTICE_CHARS,
        widget=forms.Textarea(attrs={"rows": 18, "class": "notice-text"}),
        help_text=_("从中国政府网复制《国务院办公厅关于YYYY年部分节假日安排的通知》全文粘贴于此"),
    )
