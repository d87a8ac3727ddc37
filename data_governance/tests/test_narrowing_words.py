"""The narrowing's words: an end date before the grant's first day says so (not “超出申请”), and the
timeline line reads as one sentence whatever punctuation ends the commission's reasons."""

from __future__ import annotations

import datetime as dt

import pytest
from django.utils import timezone

from core.errors import InvalidInput
from core.workflow import timeline_for
from data_governance import services

from .factories import UseRequestFactory

pytestmark = pytest.mark.django_db


def test_a_narrowed_end_before_the_first_day_names_the_first_day(u):
    request = UseRequestFactory(endorsed=True)
    with pytest.raises(InvalidInput) as refused:
        services.request_decide(
            request=request,
            acting_user=u("jlp_commission"),
            outcome="narrow",
            reasons="缩短",
            qc_judgement="质控",
            ends_on=timezone.localdate() - dt.timedelta(days=30),
        )
    assert "不能早于授权的起始日" in str(refused.value)


def test_the_narrowing_line_has_no_doubled_punctuation(u):
    request = UseRequestFactory(endorsed=True)
    services.request_decide(
        request=request,
        acting_user=u("jlp_commission"),
        outcome="narrow",
        reasons="期限缩短至十天。",
        qc_judgement="质控",
        ends_on=request.starts_on + dt.timedelta(days=10),
    )
    titles = [str(entry.title) for entry in timeline_for(request)]
    assert any("期限缩短至十天，授权编号" in t for t in titles)
    assert not any("。，" in t for t in titles)
