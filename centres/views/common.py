"""What the centres pages share: running a service from a form, and the confirmation of an
irreversible step."""

from __future__ import annotations

from django.shortcuts import render
from django.utils.translation import gettext_lazy

from core.forms import run_service
from rulesets.selectors import NoRuleSetInForce
from workdays.calendar import CalendarNotCovered


def attempt(request, form, action) -> bool:
    """Run a service (core.forms.run_service); a refusal goes back to the form with its article,
    nothing typed is lost. A missing rule set or calendar year is a refusal here too."""
    return run_service(form, action, also=(NoRuleSetInForce, CalendarNotCovered))[0]


def confirm_page(
    request,
    *,
    title: str,
    consequences: list[str],
    form=None,
    danger: bool = False,
    confirm_label: str = gettext_lazy("确认"),
    back: str = "",
    centre=None,
):
    """The confirmation of an irreversible step: what will happen (who is told, which document is
    issued, what can no longer be undone), the step's own fields to check once more, and a button
    that posts them again with ``confirmed=1``."""
    return render(
        request,
        "centres/confirm.html",
        {
            "title": title,
            "consequences": consequences,
            "form": form,
            "danger": danger,
            "confirm_label": confirm_label,
            "back": back,
            "action": request.path,
            "centre": centre,
        },
    )


def confirmed(request) -> bool:
    return request.POST.get("confirmed") == "1"
