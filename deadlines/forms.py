from django import forms


class WaiveForm(forms.Form):
    reason = forms.CharField(
        label="豁免理由", max_length=2000, widget=forms.Textarea(attrs={"rows": 3}),
        help_text="将记录在期限上，并进入审计记录。", error_messages={"required": "请填写豁免理由。"})

    def clean_reason(self):
        reason = self.cleaned_data["reason"].strip()
        if not reason:
            raise forms.ValidationError("请填写豁免理由。", code="waive_reason_required")
        return reason
