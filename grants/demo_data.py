"""Demo grants for `manage.py load_grants_demo`: two programmes, last year's operating
grant round decided and published (40 applications, a few decisions corrected, use
reports accepted and one overdue), this year's round open with drafts and submitted
applications, and a project grant round coming up.

Dates are relative to the day the demo is loaded. Each round is made once: what people
do with the demo afterwards is not undone by a later run.
"""

from __future__ import annotations

from datetime import date, datetime, time, timedelta
from decimal import ROUND_DOWN, Decimal
from zoneinfo import ZoneInfo

from django.conf import settings
from django.db import transaction
from django.utils import timezone

from associations.demo_data import REPRESENTATIVE_EMAIL
from associations.models import Association, Category, Membership
from grants.models import (
    Application,
    BudgetRow,
    GrantDecision,
    GrantProgramme,
    GrantRound,
    StateChange,
    UseReport,
)

CITY_TIME = ZoneInfo(settings.TIME_ZONE)
GRANTS_OFFICER_EMAIL = "grants@demo.example"
DECIDING_BODY = "Kulttuuri- ja liikuntalautakunta"

PROGRAMMES = [
    {
        "slug": "toiminta-avustus",
        "name_fi": "Toiminta-avustus",
        "name_sv": "Verksamhetsunderstöd",
        "name_en": "Operating grant",
        "description_fi": "Avustus yhdistyksen vakiintuneeseen, koko vuoden toimintaan.",
        "description_sv": "Understöd för föreningens etablerade verksamhet under hela året.",
        "description_en": "A grant for an association's established activity over the year.",
        "ordering": 1,
    },
    {
        "slug": "kohdeavustus",
        "name_fi": "Kohdeavustus",
        "name_sv": "Projektunderstöd",
        "name_en": "Project grant",
        "description_fi": "Avustus yksittäiseen tapahtumaan, hankkeeseen tai hankintaan.",
        "description_sv": "Understöd för ett enskilt evenemang, projekt eller en anskaffning.",
        "description_en": "A grant for a single event, project or purchase.",
        "ordering": 2,
    },
]

DESCRIPTION_FI = (
    "Toiminta-avustusta voivat hakea jyväskyläläiset rekisteröidyt yhdistykset, jotka "
    "järjestävät kaupunkilaisille avointa toimintaa. Avustus on tarkoitettu toiminnan "
    "vakiintuneisiin kuluihin, kuten tilavuokriin, ohjaajien palkkioihin ja tarvikkeisiin."
)
DESCRIPTION_SV = (
    "Verksamhetsunderstöd kan sökas av registrerade föreningar i Jyväskylä som ordnar "
    "verksamhet som är öppen för invånarna."
)
DESCRIPTION_EN = (
    "Registered associations of Jyväskylä that run activities open to residents may apply "
    "for an operating grant."
)
CRITERIA_FI = (
    "Avustusta myönnettäessä otetaan huomioon toiminnan laajuus ja avoimuus, lasten, "
    "nuorten ja ikäihmisten toiminta, vapaaehtoistyön määrä sekä yhdistyksen oma "
    "varainhankinta. Edellisen avustuksen käyttöselvitys on oltava hyväksytty."
)
PURPOSES = [
    "Harjoitustilan vuokra ja ohjaajien palkkiot koko vuodeksi.",
    "Kerhotoiminnan tarvikkeet ja avoimet tapahtumat asukkaille.",
    "Jäsenistön koulutus ja vapaaehtoisten virkistys.",
    "Kilpailu- ja esiintymismatkat sekä välineiden uusiminen.",
    "Viikoittaiset kohtaamispaikat ikäihmisille ja tarjoilut.",
]
RATIONALES = [
    "Laaja ja avoin toiminta, jossa paljon lapsia ja nuoria.",
    "Vakiintunutta toimintaa, johon osallistuu runsaasti kaupunkilaisia.",
    "Toiminta vastaa avustuksen ehtoja; avustus myönnetään osittain määrärahan riittävyyden "
    "vuoksi.",
    "Vapaaehtoisvoimin järjestettyä, kaikille avointa toimintaa.",
]
REFUSED = "Haettu toiminta ei ole avoinna kaupunkilaisille, joten avustusta ei myönnetä."
CORRECTION_REASON = (
    "Päätöksessä ollut laskuvirhe korjattiin hallintolain 50 §:n mukaisesti; oikea summa "
    "on korjauspäätöksessä."
)
USE_REPORT_TEXT = (
    "Avustus käytettiin harjoitustilan vuokriin ja ohjaajien palkkioihin. Toimintaan "
    "osallistui viikoittain noin 30 henkeä."
)

LAST_ROUND_APPLICATIONS = 40
LAST_ROUND_BUDGET = Decimal("220000.00")
MAX_GRANT = Decimal("15000.00")
CORRECTED = (3, 17, 25)
REPORTED = range(0, 30, 3)  # every third granted application has reported
OPEN_SUBMITTED = 8
OPEN_DRAFTS = 4


def _at(day: date, hour: int, minute: int = 0) -> datetime:
    return datetime.combine(day, time(hour, minute), tzinfo=CITY_TIME)


def _requested(n: int) -> Decimal:
    return Decimal(2000 + (n * 1370) % 13000).quantize(Decimal("1")) + Decimal("0.00")


def _granted(n: int, requested: Decimal) -> Decimal:
    if n % 11 == 7:
        return Decimal("0.00")
    share = Decimal("0.55") + Decimal(n % 4) / 20
    amount = min(requested * share, MAX_GRANT)
    return (amount / 100).quantize(Decimal("1"), rounding=ROUND_DOWN) * 100


def load(*, officer, now=None) -> dict:
    """Load the demo grants; the numbers of what is there afterwards."""
    now = now or timezone.now()
    today = timezone.localdate(now)
    with transaction.atomic():
        programmes = {
            data["slug"]: GrantProgramme.objects.update_or_create(slug=data["slug"], defaults=data)[
                0
            ]
            for data in PROGRAMMES
        }
        representative_associations = list(
            Membership.objects.filter(
                user__email=REPRESENTATIVE_EMAIL,
                association__status=Association.Status.PUBLISHED,
            )
            .order_by("association__slug")
            .values_list("association_id", flat=True)
        )
        others = list(
            Association.objects.published()
            .exclude(pk__in=representative_associations)
            .order_by("slug")
        )
        _last_year(programmes["toiminta-avustus"], others, officer, today)
        _this_year(
            programmes["toiminta-avustus"], others, representative_associations, officer, today
        )
        _coming(programmes["kohdeavustus"], officer, today)
    return {
        "rounds": GrantRound.objects.count(),
        "applications": Application.objects.count(),
        "decisions": GrantDecision.objects.count(),
    }


def _round(slug: str, **fields) -> GrantRound | None:
    """A new round, or None when the demo made it already."""
    if GrantRound.objects.filter(slug=slug).exists():
        return None
    return GrantRound.objects.create(slug=slug, deciding_body=DECIDING_BODY, **fields)


def _change(grant_round, officer, at, before, after) -> StateChange:
    return StateChange(
        round=grant_round,
        from_state=before,
        to_state=after,
        status=after,
        decided_at=at,
        decided_by=officer,
    )


def _budget_rows(application: Application, n: int) -> list[BudgetRow]:
    requested = application.requested_amount
    own = Decimal(500 + (n * 290) % 3000)
    return [
        BudgetRow(application=application, kind="expense", description="Tilavuokrat",
                  amount=requested * Decimal("0.6"), position=1),
        BudgetRow(application=application, kind="expense", description="Ohjaajien palkkiot",
                  amount=requested * Decimal("0.4") + own, position=2),
        BudgetRow(application=application, kind="income", description="Jäsenmaksut",
                  amount=own, position=1),
    ]  # fmt: skip


def _last_year(programme, associations, officer, today) -> None:
    year = today.year - 1
    grant_round = _round(
        f"toiminta-avustukset-{year}",
        programme=programme,
        title_fi=f"Yhdistysten toiminta-avustukset {year}",
        title_sv=f"Verksamhetsunderstöd för föreningar {year}",
        title_en=f"Operating grants for associations {year}",
        description_fi=DESCRIPTION_FI,
        description_sv=DESCRIPTION_SV,
        description_en=DESCRIPTION_EN,
        criteria_fi=CRITERIA_FI,
        budget=LAST_ROUND_BUDGET,
        max_grant=MAX_GRANT,
        opens_at=_at(date(year, 1, 15), 8),
        closes_at=_at(date(year, 2, 28), 16),
        decision_planned_on=date(year, 4, 15),
        use_report_due_on=today + timedelta(days=60),
        announced_at=_at(date(year, 1, 8), 10),
        decided_at=_at(date(year, 4, 15), 18),
        decisions_published_at=_at(date(year, 4, 17), 9),
        created_by=officer,
    )
    if grant_round is None:
        return
    StateChange.objects.bulk_create(
        [
            _change(grant_round, officer, grant_round.announced_at, "draft", "upcoming"),
            _change(grant_round, officer, grant_round.decided_at, "closed", "decided"),
            _change(grant_round, officer, grant_round.decisions_published_at, "decided",
                    "published"),
        ]
    )  # fmt: skip
    applications = Application.objects.bulk_create(
        [
            Application(
                round=grant_round,
                association=association,
                requested_amount=_requested(n),
                purpose=PURPOSES[n % len(PURPOSES)],
                contact_name="Demo Yhteyshenkilö",
                contact_email=association.email or "yhdistys@demo.example",
                status=Application.Status.SUBMITTED,
                submitted_at=_at(date(year, 2, 1) + timedelta(days=n % 27), 12),
                proposed_amount=_granted(n, _requested(n)),
                proposal_rationale=RATIONALES[n % len(RATIONALES)],
                proposed_by=officer,
                proposed_at=_at(date(year, 3, 20), 14),
            )
            for n, association in enumerate(associations[:LAST_ROUND_APPLICATIONS])
        ]
    )
    BudgetRow.objects.bulk_create(
        [row for n, a in enumerate(applications) for row in _budget_rows(a, n)]
    )
    decided_on, published_at = date(year, 4, 15), grant_round.decisions_published_at
    decisions = []
    for n, application in enumerate(applications):
        amount = application.proposed_amount
        decisions.append(
            GrantDecision(
                application=application,
                amount=amount,
                rationale=RATIONALES[n % len(RATIONALES)] if amount else REFUSED,
                decided_on=decided_on,
                section="45 §",
                deciding_body=DECIDING_BODY,
                is_current=n not in CORRECTED,
                recorded_by=officer,
                recorded_at=grant_round.decided_at,
                published_at=published_at,
            )
        )
    decisions = GrantDecision.objects.bulk_create(decisions)
    GrantDecision.objects.bulk_create(
        [
            GrantDecision(
                application=decisions[n].application,
                amount=decisions[n].amount + 500,
                rationale=decisions[n].rationale,
                decided_on=date(year, 5, 20),
                section="62 §",
                deciding_body=DECIDING_BODY,
                corrects=decisions[n],
                correction_reason=CORRECTION_REASON,
                recorded_by=officer,
                recorded_at=_at(date(year, 5, 20), 18),
                published_at=_at(date(year, 5, 21), 9),
            )
            for n in CORRECTED
        ]
    )
    granted = [a for a in applications if a.proposed_amount]
    reported = [granted[n] for n in REPORTED if n < len(granted)]
    overdue = granted[-1]
    for application in granted:
        application.use_report_due_on = grant_round.use_report_due_on
    overdue.use_report_due_on = today - timedelta(days=20)
    Application.objects.bulk_update(granted, ["use_report_due_on"])
    UseReport.objects.bulk_create(
        [
            UseReport(
                application=application,
                text=USE_REPORT_TEXT,
                amount_used=application.proposed_amount,
                total_costs=application.requested_amount,
                status=UseReport.Status.ACCEPTED,
                submitted_at=_at(date(year, 12, 1), 12),
                decided_at=_at(date(year, 12, 10), 10),
                decided_by=officer,
            )
            for application in reported
        ]
    )
    total = sum(
        d.amount for d in GrantDecision.objects.current().filter(application__round=grant_round)
    )
    if total > grant_round.budget:
        raise ValueError(f"The demo grants {total} € but the budget is {grant_round.budget} €.")


def _this_year(programme, associations, representative_associations, officer, today) -> None:
    opens_at = _at(today - timedelta(days=14), 8)
    grant_round = _round(
        f"toiminta-avustukset-{today.year}",
        programme=programme,
        title_fi=f"Yhdistysten toiminta-avustukset {today.year}",
        title_sv=f"Verksamhetsunderstöd för föreningar {today.year}",
        title_en=f"Operating grants for associations {today.year}",
        description_fi=DESCRIPTION_FI,
        description_sv=DESCRIPTION_SV,
        description_en=DESCRIPTION_EN,
        criteria_fi=CRITERIA_FI,
        budget=Decimal("230000.00"),
        max_grant=MAX_GRANT,
        opens_at=opens_at,
        closes_at=_at(today + timedelta(days=21), 16),
        decision_planned_on=today + timedelta(days=70),
        use_report_due_on=today + timedelta(days=430),
        announced_at=opens_at - timedelta(days=7),
        created_by=officer,
    )
    if grant_round is None:
        return
    StateChange.objects.bulk_create(
        [_change(grant_round, officer, grant_round.announced_at, "draft", "upcoming")]
    )
    applicants = associations[: OPEN_SUBMITTED + OPEN_DRAFTS]
    applications = Application.objects.bulk_create(
        [
            Application(
                round=grant_round,
                association=association,
                requested_amount=_requested(n + 3),
                purpose=PURPOSES[n % len(PURPOSES)],
                contact_name="Demo Yhteyshenkilö",
                contact_email=association.email or "yhdistys@demo.example",
                status="submitted" if n < OPEN_SUBMITTED else "draft",
                submitted_at=opens_at + timedelta(days=n) if n < OPEN_SUBMITTED else None,
            )
            for n, association in enumerate(applicants)
        ]
    )
    BudgetRow.objects.bulk_create(
        [row for n, a in enumerate(applications) for row in _budget_rows(a, n)]
    )
    if representative_associations:
        Application.objects.create(
            round=grant_round,
            association_id=representative_associations[0],
            requested_amount=Decimal("3500.00"),
            purpose="Kevään konsertin salivuokra ja nuottien hankinta.",
            contact_email=REPRESENTATIVE_EMAIL,
        )


def _coming(programme, officer, today) -> None:
    opens_at = _at(today + timedelta(days=45), 8)
    grant_round = _round(
        f"kohdeavustukset-{today.year}",
        programme=programme,
        title_fi=f"Kohdeavustukset lasten ja nuorten tapahtumiin {today.year}",
        title_sv=f"Projektunderstöd för evenemang för barn och unga {today.year}",
        title_en=f"Project grants for children's and young people's events {today.year}",
        description_fi=(
            "Kohdeavustusta voi hakea yksittäiseen lapsille ja nuorille suunnattuun "
            "tapahtumaan tai hankkeeseen."
        ),
        criteria_fi="Tapahtuman on oltava avoin ja maksuton osallistujille.",
        budget=Decimal("40000.00"),
        max_grant=Decimal("3000.00"),
        opens_at=opens_at,
        closes_at=_at(today + timedelta(days=75), 16),
        decision_planned_on=today + timedelta(days=110),
        announced_at=_at(today - timedelta(days=1), 10),
        created_by=officer,
    )
    if grant_round is None:
        return
    grant_round.eligible_categories.set(
        Category.objects.filter(slug__in=["lapset-ja-nuoret", "partio", "liikunta-ja-urheilu"])
    )
    StateChange.objects.bulk_create(
        [_change(grant_round, officer, grant_round.announced_at, "draft", "upcoming")]
    )
