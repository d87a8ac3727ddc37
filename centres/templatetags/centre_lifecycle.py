"""``{% load centre_lifecycle %}{% lifecycle_panel centre as panel %}``: what the centre page's
lifecycle panel shows this user — the steps they may take now (leader change, end-of-term decision,
dissolution, handover) and the open and past records — so that centres/views/selection.py need not know."""

from django import template
from django.urls import NoReverseMatch, reverse
from django.utils.translation import gettext as _

from centres.models import Centre, Handover, HostingTerm
from centres.policies import is_commission
from centres.services import lifecycle

register = template.Library()


def _url(name, *args):
    try:
        return reverse(f"centres:{name}", args=args)
    except NoReverseMatch:  # the lifecycle URLs are not included in this URLconf
        return None


@register.simple_tag(takes_context=True)
def lifecycle_panel(context, centre: Centre) -> dict:
    user = context["request"].user
    commission = is_commission(user, centre.jurisdiction)
    changes = list(
        centre.leader_changes.select_related("old_leader", "new_leader").order_by("-vacated_on", "-pk")
    )
    handovers = list(centre.handovers.select_related("from_host", "to_host").order_by("-pk"))
    term = centre.terms.filter(status=HostingTerm.Status.ACTIVE).first()
    actions = []

    def offer(label, name, *args, testid, primary=False):
        url = _url(name, *args)
        if url:
            actions.append({"label": label, "url": url, "testid": testid, "primary": primary})

    open_change = any(c.status in lifecycle.OPEN_CHANGE for c in changes)
    if centre.status == Centre.Status.ACTIVE and not open_change and lifecycle.may_vacate(user, centre):
        offer(_("登记负责人离任"), "leader_vacate", centre.pk, testid="action-vacate")
    if commission and term is not None and term.ends_on and not hasattr(term, "decision"):
        offer(_("周期届满决定"), "term_decision", term.pk, testid="action-term-decision")
    if (
        commission
        and centre.status in (Centre.Status.ACTIVE, Centre.Status.RESELECTING)
        and not any(h.status == Handover.Status.OPEN for h in handovers)
    ):
        offer(_("启动交接"), "handover_open", centre.pk, testid="action-handover")
    if commission and centre.status != Centre.Status.DISSOLVED:
        offer(_("解除挂靠"), "dissolve", centre.pk, testid="action-dissolve")
    return {
        "actions": actions,
        "changes": [{"row": c, "url": _url("leader_change", c.pk)} for c in changes],
        "handovers": [{"row": h, "url": _url("handover", h.pk)} for h in handovers],
        "dissolution": getattr(centre, "dissolution", None)
        if centre.status == Centre.Status.DISSOLVED
        else None,
        "bans": list(centre.bans.select_related("institution")) if commission else [],
        "open_change": open_change,
        "shown": bool(actions or changes or handovers or centre.status == Centre.Status.DISSOLVED),
    }
