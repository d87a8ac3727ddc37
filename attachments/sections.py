"""A record's attachments section — its files and, for whoever may add to it, the upload form
(with what a refused upload had typed) — for one record or a page of records of one model in two
queries (``{% attachments_section %}``, ``{% attachments_section_of %}``)."""

from __future__ import annotations

from django.contrib.contenttypes.models import ContentType
from django.urls import reverse

from . import selectors
from .forms import AttachmentUploadForm
from .views import STASH_KEY, stash_key


def section_contexts(request, subjects, kind_choices=None, title="附件") -> dict[int, dict]:
    subjects = list(subjects)
    if not subjects:
        return {}
    user = request.user
    content_type = ContentType.objects.get_for_model(subjects[0])
    writable = selectors.attachable(user=user, subjects=subjects)
    listed: dict[int, list] = {s.pk: [] for s in subjects}
    for a in selectors.attachment_list(user=user).filter(
        subject_type=content_type, subject_id__in=list(listed)
    ):
        listed[a.subject_id].append(a)
    stash = request.session.get(STASH_KEY, {}) if writable else {}
    sections = {}
    for subject in subjects:
        form = None
        if subject.pk in writable:
            # field ids unique per record: a page may hold the sections of several records
            form_kwargs = {
                "subject": subject,
                "kind_choices": kind_choices,
                "auto_id": f"id_attachment_{content_type.pk}_{subject.pk}_%s",
            }
            stashed = stash.pop(stash_key(content_type.pk, subject.pk), None)
            if stashed is not None:
                request.session.modified = True
                form = AttachmentUploadForm.from_stash(stashed, **form_kwargs)
            else:
                form = AttachmentUploadForm(**form_kwargs)
        sections[subject.pk] = {
            "title": title,
            "attachments": listed[subject.pk],
            "may_upload": subject.pk in writable,
            "form": form,
            "upload_url": reverse("attachments:upload", args=[content_type.pk, subject.pk]),
            "anchor": f"attachments-{content_type.pk}-{subject.pk}",
            "next": request.get_full_path(),
            "request": request,
        }
    return sections
