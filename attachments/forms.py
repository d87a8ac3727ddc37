"""The reusable upload field and the upload form of ``attachments/_section.html``."""

from __future__ import annotations

from django import forms
from django.utils.translation import gettext_lazy as _

from . import kinds
from .validation import ACCEPT, ACCEPTED_LABEL, human_size, validate_upload


class AttachmentField(forms.FileField):
    """A file input that accepts only what ``attachments.validation`` accepts; its errors name the
    file and stand beside the field. ``cleaned_data`` holds the uploaded file, to pass to
    ``attachment_store``. Drop it into any workflow form."""

    def __init__(self, **kwargs):
        from django.conf import settings

        kwargs.setdefault("label", "文件")
        limit = human_size(settings.ATTACHMENT_MAX_BYTES)
        kwargs.setdefault("help_text", f"只接受 {ACCEPTED_LABEL}文件，不超过 {limit}。")
        kwargs.setdefault("widget", forms.ClearableFileInput(attrs={"accept": ACCEPT}))
        super().__init__(**kwargs)

    def clean(self, data, initial=None):
        file = super().clean(data, initial)
        if file:
            validate_upload(file)
        return file


class AttachmentUploadForm(forms.Form):
    kind = forms.ChoiceField(label=_("附件类别"))
    file = AttachmentField()
    sensitive = forms.BooleanField(
        label=_("敏感文件"), required=False, help_text=_("勾选后，每次下载都记入安全审计。")
    )

    def __init__(self, *args, subject, kind_choices=None, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["kind"].choices = kinds.choices_for(subject, kind_choices)
        if len(self.fields["kind"].choices) == 1:
            self.fields["kind"].initial = self.fields["kind"].choices[0][0]
        self.fields["file"].error_messages["required"] = "请选择要上传的文件。"

    # The upload view redirects back to the page it came from; what the user chose and the errors
    # travel in the session so the section can show them again (a file input cannot be refilled).
    def stash(self) -> dict:
        return {
            "data": {k: v for k, v in self.data.items() if k in ("kind", "sensitive")},
            "errors": {field: [str(m) for m in messages] for field, messages in self.errors.items()},
        }

    @classmethod
    def from_stash(cls, stash: dict, **kwargs) -> AttachmentUploadForm:
        form = cls(data=stash["data"], files={}, **kwargs)
        form.full_clean()
        form._errors = forms.utils.ErrorDict()
        for field, messages in stash["errors"].items():
            form.add_error(None if field == "__all__" else field, messages)
        return form


class AttachmentDeleteForm(forms.Form):
    reason = forms.CharField(label=_("删除原因"), max_length=500)
