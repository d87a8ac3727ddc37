from django import forms

from .imports import IMPORT_MAX_BYTES


class ImportForm(forms.Form):
    file = forms.FileField(label="Excel 文件（.xlsx）",
                           help_text=f"请使用导入模板填写，文件不超过 {IMPORT_MAX_BYTES // 1024 // 1024} MB。")

    def clean_file(self):
        file = self.cleaned_data["file"]
        if not file.name.lower().endswith(".xlsx"):
            raise forms.ValidationError("请上传 .xlsx 格式的 Excel 文件（可先在 Excel 中“另存为” .xlsx）。",
                                        code="not_xlsx")
        if file.size > IMPORT_MAX_BYTES:
            raise forms.ValidationError(f"文件超过 {IMPORT_MAX_BYTES // 1024 // 1024} MB，请拆分后分批导入。",
                                        code="too_large")
        return file
