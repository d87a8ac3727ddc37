"""``{% load attachments %}{% attachments_section subject "practice_licence,other" %}``: the list of
a record's attachments and, for those who may add to it, the upload form."""

from django import template
from django.contrib.contenttypes.models import ContentType
from django.urls import reverse

from attachments import selectors
from attachments.forms import AttachmentUploadForm
from attachments.views import STASH_KEY, stash_key

register = template.Library()


@register.inclusion_tag("attachments/_section.html", takes_context=True)
def attachments_section(context, subject, kind_choices=None, title="附件"):
    request = context["request"]
    user = request.user
    content_type = ContentType.objects.get_for_model(subject)
    may_upload = selectors.may_attach(user=user, subject=subject)
    form = None
    # Field ids unique per record: a page may hold the sections of several records.
    form_kwargs = {
        "subject": subject,
        "kind_choices": kind_choices,
        "auto_id": f"id_attachment_{content_type.pk}_{subject.pk}_%s",
    }
    if may_upload:
        stash = request.session.get(STASH_KEY, {}).pop(stash_key(content_type.pk, subject.pk), None)
        if stash is not None:
            request.session.modified = True
            form = AttachmentUploadForm.from_stash(stash, **form_kwargs)
        else:
            form = AttachmentUploadForm(**form_kwargs)
    return {
        "title": title,
        "attachments": list(selectors.attachment_list(user=user, subject=subject)),
        "may_upload": may_upload,
        "form": form,
        "upload_url": reverse("attachments:upload", args=[content_type.pk, subject.pk]),
        "anchor": f"attachments-{content_type.pk}-{subject.pk}",
        "next": request.get_full_path(),
        "request": request,
    }
