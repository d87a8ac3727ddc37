from django import forms
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy


class WaiveForm(forms.Form):
    reason = forms.CharField(
        label=gettext_lazy("豁免理由"),
        max_length=2000,
        widget=forms.Textarea(attrs={"rows": 3}),
        help_text=gettext_lazy("将记录在期限上，并进入审计记录。"),
        error_messages={"required": gettext_lazy("请填写豁免理由。")},
    )

    def clean_reason(self):
        reason = self.cleaned_data["reason"].strip()
        if not reason:
            raise forms.ValidationError(_("请填写豁免理由。"), code="waive_reason_required")
        return reason
