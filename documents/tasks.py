"""Celery tasks of the documents queue (CELERY_TASK_ROUTES): WeasyPrint runs on its own workers.
Thin: the service claims the document, renders it once and stores the PDF with its hash; a
redelivered task (acks_late) finds the document ready and does nothing."""

import pghistory
from celery import shared_task

from . import services


@shared_task(name="documents.tasks.render_document", acks_late=True)
def render_document(document_id: int) -> str:
    with pghistory.context(actor="documents.render_document"):
        return services.document_render(document_id=document_id).status
