"""Two commission staff publish the same year at once: exactly one wins, one results document and
one consequence per failing centre (core.workflow.transition's conditional update)."""

import threading

import pytest
from django.db import connection

from appraisal import services
from appraisal.models import AssessmentYear, Consequence
from core.errors import WrongState
from documents.models import IssuedDocument

from .factories import CentreFactory, graded


@pytest.mark.django_db(transaction=True)
def test_publishing_twice_at_once_has_one_winner(world, u, settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path
    centre = CentreFactory(specialty__name="心血管内科")
    a = graded(centre, 2026, "fail", status="confirmed")
    year = AssessmentYear.objects.get(pk=a.year_id)
    outcomes, barrier = [], threading.Barrier(2)

    def publish():
        try:
            barrier.wait()
            services.year_publish(
                year=AssessmentYear.objects.get(pk=year.pk), acting_user=u("jlp_commission")
            )
            outcomes.append("ok")
        except WrongState:
            outcomes.append("refused")
        finally:
            connection.close()

    threads = [threading.Thread(target=publish) for _ in range(2)]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    assert sorted(outcomes) == ["ok", "refused"]
    assert Consequence.objects.filter(centre=centre).count() == 1
    assert IssuedDocument.objects.filter(doc_type="appraisal_results").count() == 1
