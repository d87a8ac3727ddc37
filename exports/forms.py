from django import forms
from django.utils.text import format_lazy
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from .imports import IMPORT_MAX_BYTES


class ImportForm(forms.Form):
    file = forms.FileField(
        label=gettext_lazy("Excel 文件（.xlsx）"),
        help_text=format_lazy(
            gettext_lazy("请使用导入模板填写，文件不超过 {} MB。"), IMPORT_MAX_BYTES // 1024 // 1024
        ),
    )

    def clean_file(self):
        file = self.cleaned_data["file"]
        if not file.name.lower().endswith(".xlsx"):
            raise forms.ValidationError(
                _("请上传 .xlsx 格式的 Excel 文件（可先在 Excel 中“另存为” .xlsx）。"), code="not_xlsx"
            )
        if file.size > IMPORT_MAX_BYTES:
            raise forms.ValidationError(
                _("文件超过 %(mb)s MB，请拆分后分批导入。") % {"mb": IMPORT_MAX_BYTES // 1024 // 1024},
                code="too_large",
            )
        return file
