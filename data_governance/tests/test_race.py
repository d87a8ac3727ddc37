"""Two commission staff deciding the same request at once: exactly one wins, one grant exists."""

import threading

import pytest
from django.db import connection

from core.errors import ServiceError
from data_governance import services
from data_governance.models import Grant

from .factories import UseRequestFactory


@pytest.mark.django_db(transaction=True)
def test_two_decisions_at_once_make_one_grant(world):
    from accounts.models import User

    request = UseRequestFactory(endorsed=True)
    commission = User.objects.get(username="jlp_commission")
    outcomes, barrier = [], threading.Barrier(2)

    def decide(outcome):
        try:
            barrier.wait()
            services.request_decide(
                request=request, acting_user=commission, outcome=outcome, reasons="理由", qc_judgement="质控"
            )
            outcomes.append("ok")
        except ServiceError as refused:
            outcomes.append(refused.code)
        finally:
            connection.close()

    threads = [threading.Thread(target=decide, args=(o,)) for o in ("approve", "refuse")]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    assert len(outcomes) == 2 and outcomes.count("ok") == 1
    assert Grant.objects.filter(request=request).count() <= 1
