"""Two officers decide at once: the round's budget holds, with real concurrent database
connections."""

import threading
import time
from datetime import timedelta
from decimal import Decimal

import pytest
from django.db import close_old_connections, connection
from django.utils import timezone, translation

from grants import deciding
from grants.deciding import DecisionError, DecisionInput
from grants.models import GrantDecision
from tests.factories import ApplicationFactory, UserFactory
from tests.grants.deciding_scenes import closed_round


@pytest.mark.django_db(transaction=True)
def test_two_officers_deciding_at_once_cannot_exceed_the_budget(monkeypatch):
    round = closed_round(budget=Decimal("10000"), max_grant=Decimal("8000"))
    first = ApplicationFactory(round=round, requested_amount=8000)
    second = ApplicationFactory(round=round, requested_amount=8000)
    officers = [UserFactory(), UserFactory()]
    # Both checks would pass on their own (6 000 € each); together they exceed 10 000 €.
    work = [(officers[0], first, Decimal("6000")), (officers[1], second, Decimal("6000"))]

    # Widen the window between the budget check and the insert, so that without the
    # round's lock both officers would surely see the other's decision missing.
    check = deciding._check_budget

    def slow_check(round, total):
        check(round, total)
        time.sleep(0.3)

    monkeypatch.setattr(deciding, "_check_budget", slow_check)
    start = threading.Barrier(2)
    outcomes = []

    def one(officer, application, amount):
        try:
            start.wait()
            with translation.override("en"):
                deciding.round_decide(
                    round=round,
                    decisions=[DecisionInput(application.pk, amount)],
                    decided_on=timezone.localdate() - timedelta(days=1),
                    section="7 §",
                    by=officer,
                )
            outcomes.append("decided")
        except DecisionError as error:
            outcomes.append(error.message)
        finally:
            connection.close()

    threads = [threading.Thread(target=one, args=args) for args in work]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    close_old_connections()

    assert outcomes.count("decided") == 1
    (refusal,) = [outcome for outcome in outcomes if outcome != "decided"]
    assert "budget" in refusal
    assert GrantDecision.objects.count() == 1
    assert GrantDecision.objects.get().amount == Decimal("6000")
