"""``{% duty_evidence r %}``: a duty record's 证明材料 section, read with the page's other records
(views._evidence_sections) and drawn by the attachments app's own template."""

from django import template

register = template.Library()


@register.inclusion_tag("attachments/_section.html", takes_context=True)
def duty_evidence(context, record):
    return context["evidence"][record.pk]
