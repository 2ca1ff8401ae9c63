"""Rounds at the stages the officers' review pages need: closed, decided, published."""

from __future__ import annotations

from datetime import timedelta
from decimal import Decimal

from django.utils import timezone

from grants.models import GrantDecision
from tests.factories import ApplicationFactory, GrantRoundFactory


def closed_round(**fields):
    """A round that closed yesterday."""
    now = timezone.now()
    return GrantRoundFactory(
        opens_at=now - timedelta(days=30), closes_at=now - timedelta(days=1), **fields
    )


def decide(application, amount, *, published: bool = False, by=None) -> GrantDecision:
    """A decision in force on `application`, as round_decide leaves it (its round decided)."""
    now = timezone.now()
    round = application.round
    if round.decided_at is None:
        round.decided_at = now
    if published and round.decisions_published_at is None:
        round.decisions_published_at = now
    round.save()
    return GrantDecision.objects.create(
        application=application,
        amount=Decimal(amount),
        rationale="Toiminta on vakiintunutta.",
        decided_on=timezone.localdate() - timedelta(days=2),
        section="12 §",
        deciding_body=round.deciding_body,
        recorded_by=by,
        published_at=now if published else None,
    )


def decided_application(association, amount="3000.00", *, published=False, **round_fields):
    application = ApplicationFactory(round=closed_round(**round_fields), association=association)
    decide(application, amount, published=published)
    return application
