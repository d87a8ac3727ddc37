from django import forms
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from . import layout


class NoticeForm(forms.Form):
    """通知: what commission staff type; the service numbers and renders it."""

    title = forms.CharField(
        label=gettext_lazy("标题"),
        max_length=200,
        widget=forms.Textarea(attrs={"rows": 2}),
        help_text=gettext_lazy("可用回车在语义完整处分行（梯形或菱形排列），印在公文上即按此分行。"),
        error_messages={"required": gettext_lazy("请填写标题。")},
    )
    addressees = forms.CharField(
        label=gettext_lazy("主送机关"),
        max_length=500,
        required=False,
        help_text=gettext_lazy("如：区内各医疗卫生机构，各区级医疗质量控制中心（末尾冒号自动加上）"),
    )
    body = forms.CharField(
        label=gettext_lazy("正文"),
        widget=forms.Textarea(attrs={"rows": 14}),
        help_text=gettext_lazy("每段一行；以“一、”开头的段为黑体标题，“（一）”为楷体标题。"),
        error_messages={"required": gettext_lazy("请填写正文。")},
    )
    attachments = forms.CharField(
        label=gettext_lazy("附件名称"),
        required=False,
        widget=forms.Textarea(attrs={"rows": 3}),
        help_text=gettext_lazy("每行一个附件名称，不加书名号。"),
    )
    cc = forms.CharField(
        label=gettext_lazy("抄送机关"),
        required=False,
        max_length=500,
        help_text=gettext_lazy("多个机关用逗号分隔。"),
    )
    public = forms.BooleanField(
        label=gettext_lazy("公开发布"),
        required=False,
        help_text=gettext_lazy("勾选后附注印“（此件公开发布）”。"),
    )
    dated = forms.DateField(
        label=gettext_lazy("成文日期"),
        required=False,
        widget=forms.DateInput(attrs={"type": "date"}),
        help_text=gettext_lazy("留空为今天。"),
    )

    def clean_title(self):
        title = self.cleaned_data["title"]
        if any(len(line.strip()) > 40 for line in title.splitlines()):
            raise forms.ValidationError(_("标题每行不超过40个字，请在语义完整处分行。"))
        return title

    def document_data(self) -> dict:
        d = self.cleaned_data
        return {
            "title": d["title"].replace("\r\n", "\n"),
            "addressees": d["addressees"],
            "body": d["body"],
            "attachments": [a.strip() for a in d["attachments"].splitlines() if a.strip()],
            "cc": layout.split_names(d["cc"]),
            "public": d["public"],
        }

    @classmethod
    def initial_from(cls, data: dict) -> dict:
        return {
            "title": data.get("title", ""),
            "addressees": data.get("addressees", ""),
            "body": data.get("body", ""),
            "attachments": "\n".join(data.get("attachments") or []),
            "cc": "，".join(data.get("cc") or []),
            "public": bool(data.get("public")),
        }


class ReissueForm(NoticeForm):
    reason = forms.CharField(
        label=gettext_lazy("重新印发理由"),
        widget=forms.Textarea(attrs={"rows": 3}),
        error_messages={"required": gettext_lazy("请填写重新印发的理由。")},
        help_text=gettext_lazy("将记入发文登记；原版本保留，新版本沿用原文号。"),
    )

    field_order = ["reason"]

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        del self.fields["dated"]  # a re-issue keeps the date and number of the document it corrects
