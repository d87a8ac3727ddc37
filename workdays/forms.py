from django import forms

from core.widgets import DateInput

# A longer period than a year of working days is a typing mistake, not a notice.
MAX_WORKING_DAYS = 250


class NoticePeriodForm(forms.Form):
    start = forms.DateField(label="起始日期", widget=DateInput(), input_formats=["%Y-%m-%d"])
    days = forms.IntegerField(label="工作日数", min_value=1, max_value=MAX_WORKING_DAYS, initial=5)
