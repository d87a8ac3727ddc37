"""The chair endorses or refuses with reasons (九龙坡 第十六条（五））: they cannot make the hospital's
submitted request disappear by withdrawing it instead — no button, and the service refuses."""

from __future__ import annotations

import pytest
from django.urls import reverse

from core.errors import WrongState
from data_governance import services
from data_governance.models import UseRequest

from .factories import UseRequestFactory

pytestmark = pytest.mark.django_db


def test_the_chair_cannot_withdraw_the_hospitals_submitted_request(client_of, u):
    request = UseRequestFactory(submitted=True)
    page = client_of("jlp_expert").get(reverse("data_governance:request_detail", args=[request.pk]))
    assert "撤回申请" not in page.content.decode()
    with pytest.raises(WrongState):
        services.request_withdraw(request=request, acting_user=u("jlp_expert"))
    assert UseRequest.objects.get(pk=request.pk).status == "submitted"
    services.request_withdraw(request=request, acting_user=u("jlp_host"))  # the applicant still may
    assert UseRequest.objects.get(pk=request.pk).status == "withdrawn"
