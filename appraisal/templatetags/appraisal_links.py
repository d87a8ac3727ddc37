"""Links into the appraisal from other apps' pages, shown only to whom appraisal/policies.py lets in."""

from django import template

from .. import policies

register = template.Library()


@register.inclusion_tag("appraisal/_centre_link_tag.html", takes_context=True)
def appraisal_centre_link(context, centre):
    """The centre page's button to its appraisal page (grades, consequences, the 4-year decision)."""
    request = context.get("request")
    user = getattr(request, "user", None)
    return {"centre": centre, "show": bool(user) and policies.may_open_centre(user, centre)}
