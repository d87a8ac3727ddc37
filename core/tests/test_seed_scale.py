"""``seed_scale``: the district preset loads (the CI-sized smoke test of the province data set),
every part runs, the same seed gives the same data, and a second run leaves a seeded database
alone."""

import io

import pytest
from django.core.management import call_command
from django.utils import timezone

from audit.models import SecurityEvent
from centres.models import Centre
from core import scale
from deadlines.models import Deadline
from directory.models import Institution, Jurisdiction, Person
from documents.models import IssuedDocument

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("empty_database")]


def _load():
    call_command("seed_scale", preset="district", stdout=io.StringIO(), stderr=io.StringIO())


def test_the_district_preset_loads_every_part():
    _load()
    numbers = scale.PRESETS["district"].numbers
    province = Jurisdiction.objects.get(code=scale.PROVINCE_CODE)
    assert Jurisdiction.objects.filter(path__startswith=province.path).count() == 1 + 1 + 3
    inside = {"jurisdiction__path__startswith": province.path}
    assert Institution.objects.filter(**inside).count() == numbers["institutions"]
    assert (
        Person.objects.filter(employer__jurisdiction__path__startswith=province.path).count()
        == numbers["people"]
    )
    assert Deadline.objects.filter(**inside).count() == numbers["deadlines"]
    assert IssuedDocument.objects.filter(**inside).count() == numbers["documents"]
    assert SecurityEvent.objects.filter(username__startswith="scale_").count() == numbers["audit_rows"]
    assert Centre.objects.filter(**inside).count() >= numbers["centres"] * 0.8
    # pending deadlines carry the sweep's bookkeeping, closed ones none
    assert not Deadline.objects.filter(
        state="open", due_at__gt=timezone.now(), next_reminder_at__isnull=True
    ).exists()
    assert Deadline.objects.filter(state="open", next_reminder_at__isnull=False).exists()
    assert (
        not Deadline.objects.exclude(state__in=Deadline.PENDING)
        .filter(next_reminder_at__isnull=False)
        .exists()
    )
    # the workflow apps' parts (experts, appraisal, data governance): their numbers, set-based
    from appraisal.models import CentreAssessment, CentreScore, DutyRecord
    from data_governance.models import AccessLog, ExportTrace, Grant
    from experts.models import CommitteeMember, DutyLog, ExpertGrade

    assert DutyLog.objects.count() == numbers["duty_hours"]
    assert CommitteeMember.objects.count() >= numbers["experts"] * 0.8
    assert ExpertGrade.objects.exists()
    assert (
        CentreAssessment.objects.filter(grade="").exists()
        and CentreAssessment.objects.exclude(grade="").exists()
    )
    assert CentreScore.objects.exists() and DutyRecord.objects.exists()
    assert AccessLog.objects.count() == numbers["access_logs"]
    assert ExportTrace.objects.count() == AccessLog.objects.filter(action="export").count() > 0
    assert Grant.objects.exists()
    # a second run does nothing
    _load()
    assert (
        Person.objects.filter(employer__jurisdiction__path__startswith=province.path).count()
        == numbers["people"]
    )


class _Again(Exception):
    pass


def test_the_same_seed_gives_the_same_data():
    from django.db import transaction

    def snapshot():
        return (
            list(Person.objects.order_by("id_number").values_list("name", "id_number", "title_level")[:50]),
            list(Deadline.objects.order_by("pk").values_list("kind", "state", "title")[:50]),
            list(IssuedDocument.objects.order_by("pk").values_list("number", "dated")[:50]),
        )

    with pytest.raises(_Again), transaction.atomic():  # load, look, and roll it all back
        _load()
        first = snapshot()
        raise _Again
    assert not scale.is_seeded()
    _load()
    assert snapshot() == first


def test_every_app_with_a_scale_module_is_a_part():
    labels = [label for _, label, _ in scale.parts()]
    assert labels[:3] == ["directory", "rulesets", "core"]
    assert {"centres", "deadlines", "documents", "experts", "appraisal", "data_governance", "audit"} <= set(
        labels
    )
    assert labels[-1] == "audit"
