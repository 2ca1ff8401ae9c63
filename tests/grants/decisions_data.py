"""Published decisions for the tests of the decisions page, its downloads and the API."""

from __future__ import annotations

from datetime import date
from decimal import Decimal

from django.utils import timezone

from grants.models import GrantDecision
from tests.factories import (
    ApplicationFactory,
    AssociationFactory,
    CategoryFactory,
    DistrictFactory,
    GrantProgrammeFactory,
    GrantRoundFactory,
)


def decide(application, amount, decided_on, *, published=True, **fields) -> GrantDecision:
    return GrantDecision.objects.create(
        application=application,
        amount=Decimal(amount),
        decided_on=decided_on,
        section=fields.pop("section", "45 §"),
        deciding_body=fields.pop("deciding_body", "Kulttuuri- ja liikuntalautakunta"),
        rationale=fields.pop("rationale", "Toiminta on laajaa ja vakiintunutta."),
        published_at=timezone.now() if published else None,
        **fields,
    )


def correct(decision: GrantDecision, amount, reason: str) -> GrantDecision:
    GrantDecision.objects.filter(pk=decision.pk).update(is_current=False)
    return decide(
        decision.application,
        amount,
        decision.decided_on,
        corrects=decision,
        correction_reason=reason,
        section="52 §",
    )


def decisions_world() -> dict:
    """Two programmes over two years: four published decisions in force (one of them a
    correction), one corrected, and one not yet published."""
    music = CategoryFactory(slug="musiikki", name_fi="Musiikki", name_sv="Musik")
    sport = CategoryFactory(slug="liikunta", name_fi="Liikunta", name_sv="Idrott")
    centre = DistrictFactory(slug="keskusta", name_fi="Keskusta", name_sv="Centrum")
    kuokkala = DistrictFactory(slug="kuokkala", name_fi="Kuokkala")
    choir = AssociationFactory(
        name="Jyväskylän Kamarikuoro ry",
        slug="kamarikuoro",
        business_id="0737546-2",
        categories=[music],
        districts=[centre],
    )
    club = AssociationFactory(
        name="Kuokkalan Urheiluseura ry",
        slug="kuokkalan-urheiluseura",
        business_id="",
        categories=[sport, music],
        districts=[kuokkala],
    )
    operating = GrantProgrammeFactory(slug="toiminta-avustus", name_fi="Toiminta-avustus")
    project = GrantProgrammeFactory(
        slug="kohdeavustus", name_fi="Kohdeavustus", name_sv="Projektunderstöd"
    )
    rounds = {
        "old": GrantRoundFactory(
            programme=operating, slug="toiminta-2024", title_fi="Toiminta 2024"
        ),
        "new": GrantRoundFactory(
            programme=operating, slug="toiminta-2025", title_fi="Toiminta 2025"
        ),
        "project": GrantRoundFactory(programme=project, slug="kohde-2025", title_fi="Kohde 2025"),
    }
    old_choir = decide(
        ApplicationFactory(
            round=rounds["old"], association=choir, requested_amount=Decimal("3000")
        ),
        "2500.00",
        date(2024, 3, 12),
    )
    application = ApplicationFactory(
        round=rounds["new"],
        association=choir,
        requested_amount=Decimal("4000"),
        proposed_amount=Decimal("3500"),
        purpose="Kevätkonsertin tilavuokrat.",
    )
    corrected = decide(application, "3000.00", date(2025, 3, 11))
    correction = correct(corrected, "3500.00", "Esityksestä poikettiin virheellisesti.")
    club_new = decide(
        ApplicationFactory(
            round=rounds["new"],
            association=club,
            requested_amount=Decimal("8000"),
            purpose='=HYPERLINK("http://evil.example")',
        ),
        "6000.50",
        date(2025, 3, 11),
    )
    club_project = decide(
        ApplicationFactory(
            round=rounds["project"], association=club, requested_amount=Decimal("1200")
        ),
        "1000.00",
        date(2025, 9, 2),
    )
    unpublished = decide(
        ApplicationFactory(round=rounds["project"], association=choir),
        "999.00",
        date(2025, 9, 2),
        published=False,
    )
    return {
        "choir": choir,
        "club": club,
        "rounds": rounds,
        "current": [old_choir, correction, club_new, club_project],
        "corrected": corrected,
        "correction": correction,
        "unpublished": unpublished,
        "music": music,
        "sport": sport,
        "centre": centre,
        "kuokkala": kuokkala,
    }
