"""A round's state follows the clock while it is open, and the workflow's marks after."""

from datetime import timedelta

import pytest
from django.db import IntegrityError
from django.utils import timezone

from grants.models import GrantRound
from tests.factories import ApplicationFactory, GrantRoundFactory

pytestmark = pytest.mark.django_db


def test_the_state_follows_the_clock_then_the_workflow():
    now = timezone.now()
    grant_round = GrantRoundFactory(
        announced_at=None, opens_at=now + timedelta(days=1), closes_at=now + timedelta(days=2)
    )
    assert grant_round.state_at(now) == GrantRound.State.DRAFT
    grant_round.announced_at = now
    assert grant_round.state_at(now) == GrantRound.State.UPCOMING
    assert grant_round.state_at(now + timedelta(days=1, hours=1)) == GrantRound.State.OPEN
    assert grant_round.state_at(now + timedelta(days=3)) == GrantRound.State.CLOSED
    grant_round.decided_at = now + timedelta(days=30)
    assert grant_round.state_at(now + timedelta(days=31)) == GrantRound.State.DECIDED
    grant_round.decisions_published_at = now + timedelta(days=31)
    assert grant_round.state_at(now + timedelta(days=32)) == GrantRound.State.PUBLISHED


def test_an_association_applies_once_per_round():
    application = ApplicationFactory()
    with pytest.raises(IntegrityError):
        ApplicationFactory(round=application.round, association=application.association)
