from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.decorators.http import require_safe

from core.concurrency import guard_form
from core.forms import run_service
from core.lists import Column, list_page
from core.scoping import get_scoped_or_404

from . import selectors, services
from .filters import InstitutionFilter, PersonFilter
from .forms import InstitutionForm, PersonForm, ProfileForm
from .models import Institution, Person

PAGE_SIZE = 50


def _require_editor(user):
    if not user.may_edit_directory:
        raise PermissionDenied(_("无权修改名录。"))


def _save_form(request, form, save):
    """Run a service with a valid form's data (core.forms.run_service): its refusal goes back to
    the form and nothing the user typed is lost."""
    if not form.is_valid():
        return None
    return run_service(form, lambda: save(form.cleaned_data))[1]


@login_required
@require_safe
def jurisdiction_list(request):
    return render(
        request,
        "directory/jurisdiction_list.html",
        {"jurisdictions": selectors.jurisdiction_list(user=request.user)},
    )


INSTITUTION_COLUMNS = [
    Column(gettext_lazy("机构名称"), "name"),
    Column(gettext_lazy("类别"), "kind"),
    Column(gettext_lazy("等级"), "grade"),
    Column(gettext_lazy("性质"), "ownership"),
    Column(gettext_lazy("所在区划"), "jurisdiction__path"),
]
PERSON_COLUMNS = [
    Column(gettext_lazy("姓名"), "name"),
    Column(gettext_lazy("性别"), "sex"),
    Column(gettext_lazy("职称"), "title_level"),
    Column(gettext_lazy("专业"), "specialty"),
    Column(gettext_lazy("工作单位"), "employer__name"),
    Column(gettext_lazy("手机号")),
    Column(gettext_lazy("在职状态"), "employment"),
]


@login_required
@require_safe
def institution_list(request):
    listing = list_page(
        request,
        queryset=selectors.institution_list(user=request.user),
        filterset_class=InstitutionFilter,
        columns=INSTITUTION_COLUMNS,
        page_size=PAGE_SIZE,
    )
    return render(request, "directory/institution_list.html", {"list": listing, "page": listing.page})


@login_required
@require_safe
def institution_detail(request, pk):
    institution = get_scoped_or_404(request, Institution.objects.select_related("jurisdiction"), pk=pk)
    staff = selectors.person_list(user=request.user, filters={"employer": institution.pk})[:200]
    return render(request, "directory/institution_detail.html", {"institution": institution, "staff": staff})


@login_required
def institution_edit(request, pk=None):
    _require_editor(request.user)
    institution = get_scoped_or_404(request, Institution.objects, pk=pk) if pk else None
    form = guard_form(
        InstitutionForm(request.POST or None, instance=institution, user=request.user),
        institution,
        InstitutionForm._meta.fields,
    )
    if request.method == "POST":
        if institution:
            saved = _save_form(
                request,
                form,
                lambda d: services.institution_update(
                    institution=Institution.objects.get(pk=pk), acting_user=request.user, **d
                ),
            )
        else:
            saved = _save_form(
                request, form, lambda d: services.institution_create(acting_user=request.user, **d)
            )
        if saved:
            messages.success(request, _("已保存：%(name)s") % {"name": saved.name})
            return redirect("directory:institution_detail", pk=saved.pk)
    return render(
        request,
        "directory/form.html",
        {
            "form": form,
            "title": _("编辑机构：%(name)s") % {"name": institution.name}
            if institution
            else _("登记医疗机构"),
            "back": "directory:institution_list",
        },
    )


@login_required
@require_safe
def person_list(request):
    listing = list_page(
        request,
        queryset=selectors.person_list(user=request.user),
        filterset_class=PersonFilter,
        columns=PERSON_COLUMNS,
        page_size=PAGE_SIZE,
    )
    return render(request, "directory/person_list.html", {"list": listing, "page": listing.page})


@login_required
@require_safe
def person_detail(request, pk):
    person = get_scoped_or_404(
        request, Person.objects.select_related("employer", "first_practice_site"), pk=pk
    )
    return render(request, "directory/person_detail.html", {"person": person})


@login_required
def person_edit(request, pk=None):
    _require_editor(request.user)
    person = get_scoped_or_404(request, Person.objects, pk=pk) if pk else None
    form = guard_form(
        PersonForm(request.POST or None, instance=person, user=request.user), person, PersonForm._meta.fields
    )
    if request.method == "POST":
        if person:
            saved = _save_form(
                request,
                form,
                lambda d: services.person_update(
                    person=Person.objects.get(pk=pk), acting_user=request.user, **d
                ),
            )
        else:
            saved = _save_form(request, form, lambda d: services.person_create(acting_user=request.user, **d))
        if saved:
            messages.success(request, _("已保存：%(name)s") % {"name": saved.name})
            return redirect("directory:person_detail", pk=saved.pk)
    return render(
        request,
        "directory/form.html",
        {
            "form": form,
            "title": _("编辑人员：%(name)s") % {"name": person.name} if person else _("登记人员"),
            "back": "directory:person_list",
        },
    )


@login_required
def profile(request):
    """An expert's own profile; other roles without a person record have nothing to edit here."""
    person = request.user.person
    if person is None:
        raise PermissionDenied(_("当前账号未关联人员档案。"))
    record = Person.objects.get(pk=person.pk)
    form = guard_form(ProfileForm(request.POST or None, instance=record), record, ProfileForm._meta.fields)
    if request.method == "POST":
        saved = _save_form(
            request,
            form,
            lambda d: services.person_update(
                person=Person.objects.get(pk=person.pk), acting_user=request.user, **d
            ),
        )
        if saved:
            messages.success(request, _("个人信息已更新。"))
            return redirect("directory:profile")
    return render(
        request,
        "directory/form.html",
        {"form": form, "title": _("我的专家档案"), "person": person, "back": "home"},
    )
