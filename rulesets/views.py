from django.contrib.auth.decorators import login_required
from django.http import Http404
from django.shortcuts import render
from django.views.decorators.http import require_safe

from .registry import all_rulesets, regulation_text
from .schema import BODY_KINDS, LEVELS
from .selectors import assignment_list

STRICTNESS = {
    "mandatory": ("必须", "red"),
    "in_principle": ("原则上", "orange"),
    "preferred": ("优先", "blue"),
}


@login_required
@require_safe  # a page that is only read: other methods 405
def ruleset_list(request):
    """The regulations the platform enforces, and which applies where in the user's scope.
    Regulations are published documents: every logged-in user may read them."""
    return render(
        request,
        "rulesets/list.html",
        {
            "rulesets": sorted(all_rulesets().values(), key=lambda r: r.code),
            "assignments": assignment_list(user=request.user),
            "body_kinds": BODY_KINDS,
            "levels": LEVELS,
        },
    )


@login_required
@require_safe
def ruleset_detail(request, code):
    ruleset = all_rulesets().get(code)
    if ruleset is None:
        raise Http404("没有该规则集。")
    groups: dict[str, list] = {}
    for key, parameter in ruleset.parameters.items():
        label, colour = STRICTNESS[parameter.strictness]
        groups.setdefault(key.split(".")[0], []).append(
            {"p": parameter, "strictness_label": label, "colour": colour, "value": _display(parameter.value)}
        )
    return render(
        request,
        "rulesets/detail.html",
        {
            "ruleset": ruleset,
            "groups": groups,
            "text": regulation_text(code),
            "body_kind": BODY_KINDS.get(ruleset.body_kind, ruleset.body_kind),
            "level": LEVELS.get(ruleset.level),
        },
    )


def _display(value) -> str:
    if value is None:
        return "（由卫生健康行政部门规定）"
    if isinstance(value, bool):
        return "是" if value else "否"
    if isinstance(value, (list, tuple)):
        return "；".join(getattr(v, "label", None) or str(v) for v in value)
    if hasattr(value, "items"):
        return "，".join(f"{k} {v}" for k, v in value.items())
    return str(value)
