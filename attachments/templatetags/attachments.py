"""``{% load attachments %}{% attachments_section subject "practice_licence,other" %}``: the list of
a record's attachments and, for those who may add to it, the upload form.

A page listing many records reads their sections at once in its view —
``sections = attachments.sections.section_contexts(request, records, "appraisal.evidence", "证明材料")``
(two queries whatever the number of records) — and draws each with
``{% attachments_section_of sections record %}``."""

from django import template

from attachments.sections import section_contexts

register = template.Library()


@register.inclusion_tag("attachments/_section.html", takes_context=True)
def attachments_section(context, subject, kind_choices=None, title="附件"):
    return section_contexts(context["request"], [subject], kind_choices, title)[subject.pk]


@register.inclusion_tag("attachments/_section.html")
def attachments_section_of(sections, subject):
    return sections[subject.pk]
