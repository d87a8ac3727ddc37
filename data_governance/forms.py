"""Browser forms: field cleaning only; every rule is in the services."""

from __future__ import annotations

from django import forms
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from centres.models import Centre
from core.fields import ScopedModelChoiceField, ScopedModelMultipleChoiceField, bind_user
from rulesets.models import BODY_KIND_CHOICES

from . import datasets
from .models import Classification, DataResource, PublicationReview, PurposeCategory, nameable_users

DATE = forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d")


def centre_users(centre):
    """Who may be named on a request: the host's staff and the centre's leader."""
    return (
        nameable_users().filter(Q(institution=centre.host_id) | Q(person=centre.leader_id), is_active=True)
        if centre
        else nameable_users().none()
    )


class ResourceForm(forms.Form):
    code = forms.CharField(label=_("编号"), max_length=40)
    name = forms.CharField(label=_("名称"), max_length=200)
    classification = forms.ChoiceField(label=_("分级"), choices=Classification.choices)
    body_kind = forms.ChoiceField(label=_("适用规则集的机构类型"), choices=BODY_KIND_CHOICES)
    source = forms.ChoiceField(label=_("来源"), choices=DataResource.Source.choices)
    dataset = forms.ChoiceField(
        label=_("数据集（平台生成时）"), choices=[("", "—")] + datasets.choices(), required=False
    )
    description = forms.CharField(label=_("说明"), widget=forms.Textarea(attrs={"rows": 2}), required=False)


class FileForm(forms.Form):
    file = forms.FileField(label=_("文件"))


class RequestForm(forms.Form):
    """Every id scoped to ``user`` (issue 15), then narrowed by the view: the centres the user acts
    for, the active catalogue, the chosen centre's people."""

    centre = ScopedModelChoiceField(Centre.objects.all(), label=_("质控中心"))
    purpose_category = forms.ChoiceField(
        label=_("用途类别"),
        choices=PurposeCategory.choices,
        help_text=_(
            "不得用于与质控工作无关的其他研究（九龙坡 第十六条（二），济南 第十五条）；后两类将被拒绝。"
        ),
    )
    purpose = forms.CharField(label=_("具体用途"), widget=forms.Textarea(attrs={"rows": 3}))
    starts_on = forms.DateField(label=_("使用起始日"), widget=DATE)
    ends_on = forms.DateField(label=_("使用截止日"), widget=DATE)
    resources = ScopedModelMultipleChoiceField(
        DataResource.objects.all(), label=_("数据资源"), widget=forms.CheckboxSelectMultiple
    )
    users = ScopedModelMultipleChoiceField(
        nameable_users(),
        scope="nameable_by",
        label=_("使用人员"),
        widget=forms.CheckboxSelectMultiple,
        help_text=_("挂靠单位人员或质控中心负责人"),
    )

    def __init__(self, *args, user, centres, resources, centre=None, **kwargs):
        super().__init__(*args, **kwargs)
        bind_user(self, user)
        self.fields["centre"].queryset = centres
        self.fields["resources"].queryset = resources
        chosen = centre
        if chosen is None and str(self.data.get("centre") or "").isdigit():
            chosen = self.fields["centre"].queryset.filter(pk=self.data.get("centre")).first()
        if chosen is None and centres.count() == 1:
            chosen = centres.first()
            self.initial.setdefault("centre", chosen.pk)
        self.fields["users"].queryset = (
            centre_users(chosen)
            if chosen
            else nameable_users().filter(
                Q(institution__in=centres.values("host")) | Q(person__in=centres.values("leader"))
            )
        )


class DecisionForm(forms.Form):
    outcome = forms.ChoiceField(
        label=_("审批结果"),
        choices=[("approve", _("批准")), ("narrow", _("缩减范围批准")), ("refuse", _("不批准"))],
    )
    qc_judgement = forms.CharField(
        label=_("用途是否属于质控工作的判断"), required=False, widget=forms.Textarea(attrs={"rows": 2})
    )
    reasons = forms.CharField(label=_("理由"), required=False, widget=forms.Textarea(attrs={"rows": 2}))
    # scoped to the deciding user, then narrowed to the request's own (缩减, never widened)
    resources = ScopedModelMultipleChoiceField(
        DataResource.objects.all(),
        scope="nameable_by",
        label=_("缩减后的数据资源"),
        required=False,
        widget=forms.CheckboxSelectMultiple,
    )
    users = ScopedModelMultipleChoiceField(
        nameable_users(),
        scope="nameable_by",
        label=_("缩减后的使用人员"),
        required=False,
        widget=forms.CheckboxSelectMultiple,
    )
    ends_on = forms.DateField(label=_("缩减后的截止日"), required=False, widget=DATE)

    def __init__(self, *args, user, request_obj, refuse_only: bool = False, **kwargs):
        super().__init__(*args, **kwargs)
        bind_user(self, user)
        if refuse_only:  # the chair has not endorsed: approving is not offered (九龙坡 第十六条（五）)
            self.fields["outcome"].choices = [("refuse", _("不批准"))]
            for name in ("qc_judgement", "resources", "users", "ends_on"):
                del self.fields[name]
        if "resources" in self.fields:
            self.fields["resources"].queryset = request_obj.resources.all()
            self.fields["users"].queryset = nameable_users().filter(pk__in=request_obj.users.values("pk"))


class EndorseForm(forms.Form):
    agree = forms.TypedChoiceField(
        label=_("主任委员意见"), choices=[("1", _("同意")), ("0", _("不同意"))], coerce=lambda v: v == "1"
    )
    opinion = forms.CharField(label=_("意见"), required=False, widget=forms.Textarea(attrs={"rows": 2}))


class ReasonForm(forms.Form):
    reason = forms.CharField(label=_("理由"), widget=forms.Textarea(attrs={"rows": 2}))


class PublicationForm(forms.Form):
    centre = ScopedModelChoiceField(Centre.objects.all(), label=_("质控中心"))
    kind = forms.ChoiceField(label=_("成果类型"), choices=PublicationReview.Kind.choices)
    title = forms.CharField(label=_("题目"), max_length=300)
    venue = forms.CharField(label=_("拟发表于"), max_length=200, required=False)
    first_unit = forms.CharField(label=_("第一单位"), max_length=200)
    data_source = forms.CharField(label=_("数据来源说明"), widget=forms.Textarea(attrs={"rows": 2}))

    def __init__(self, *args, user, centres, **kwargs):
        super().__init__(*args, **kwargs)
        bind_user(self, user)
        self.fields["centre"].queryset = centres


class CommitteeForm(forms.Form):
    agree = forms.TypedChoiceField(
        label=_("专家委员会审议结果"),
        choices=[("1", _("同意")), ("0", _("不同意"))],
        coerce=lambda v: v == "1",
    )
    meeting = forms.CharField(
        label=_("审议会议"), max_length=200, help_text=_("如：2026年第3次专家委员会会议（12月1日）")
    )
    opinion = forms.CharField(label=_("审议意见"), required=False, widget=forms.Textarea(attrs={"rows": 2}))


class PublicationDecisionForm(forms.Form):
    approve = forms.TypedChoiceField(
        label=_("卫健委审核"), choices=[("1", _("通过")), ("0", _("不通过"))], coerce=lambda v: v == "1"
    )
    reasons = forms.CharField(label=_("审核意见"), required=False, widget=forms.Textarea(attrs={"rows": 2}))

    def __init__(self, *args, refuse_only: bool = False, **kwargs):
        super().__init__(*args, **kwargs)
        if refuse_only:  # the committee has not agreed: passing is not offered
            self.fields["approve"].choices = [("0", _("不通过"))]


class TransferForm(forms.Form):
    centre = ScopedModelChoiceField(Centre.objects.all(), label=_("质控中心"))
    recipient = forms.CharField(label=_("接收方"), max_length=200)
    resources = ScopedModelMultipleChoiceField(
        DataResource.objects.all(),
        label=_("涉及的数据资源"),
        required=False,
        widget=forms.CheckboxSelectMultiple,
    )
    data_description = forms.CharField(label=_("传输的数据"), widget=forms.Textarea(attrs={"rows": 2}))
    purpose = forms.CharField(label=_("目的"), widget=forms.Textarea(attrs={"rows": 2}))
    safeguards = forms.CharField(label=_("安全保障措施"), widget=forms.Textarea(attrs={"rows": 2}))

    def __init__(self, *args, user, centres, resources, **kwargs):
        super().__init__(*args, **kwargs)
        bind_user(self, user)
        self.fields["centre"].queryset = centres
        self.fields["resources"].queryset = resources


class TransferDecisionForm(forms.Form):
    approve = forms.TypedChoiceField(
        label=_("审批结果"), choices=[("1", _("同意")), ("0", _("不同意"))], coerce=lambda v: v == "1"
    )
    reasons = forms.CharField(label=_("理由"), widget=forms.Textarea(attrs={"rows": 2}))


class TraceForm(forms.Form):
    file = forms.FileField(label=_("发现的文件"), required=False)
    sha256 = forms.CharField(label=_("或粘贴 SHA-256"), max_length=64, required=False)
