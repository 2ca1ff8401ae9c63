"""The published grants in the 360Giving Data Standard 1.4.3: one grant as a dict
(`grant`), and the same fields flattened under 360Giving's CSV column titles
(`CSV_COLUMNS`, `csv_row`).

A grant is a decision in force. A correction is a new decision with its own identifier
(the city's prefix and the decision's id) that replaces the corrected one in the data;
the decisions page keeps showing both.
"""

from __future__ import annotations

from decimal import Decimal

from django.conf import settings
from django.utils.text import slugify

from grants.models import GrantDecision
from yhdistystori.models import SiteConfiguration

CURRENCY = "EUR"


def city_prefix() -> str:
    """The city's 360Giving prefix, such as `360G-jyvaskyla`."""
    return f"360G-{slugify(SiteConfiguration.current().city_name_fi) or 'city'}"


def organisation_id(business_id: str) -> str:
    """The org-id identifier of a Finnish organisation with a business ID (Y-tunnus)."""
    return f"FI-PRO-{business_id}"


def recipient_id(association, prefix: str) -> str:
    if association.business_id:
        return organisation_id(association.business_id)
    return f"{prefix}-association-{association.pk}"


def _number(amount: Decimal) -> int | float:
    return int(amount) if amount == amount.to_integral_value() else float(amount)


# The columns `grant()` reads: a download of thousands of grants reads only these.
GRANT_FIELDS = (
    "amount",
    "decided_on",
    "published_at",
    "recorded_at",
    "application__purpose",
    "application__requested_amount",
    "application__association_id",
    "application__round__title_fi",
    "application__round__programme__slug",
    "application__round__programme__name_fi",
)


def grant(decision: GrantDecision, *, prefix: str, funder: dict) -> dict:
    """`decision` as a 360Giving grant. `prefix` and `funder` come from `context()`."""
    application = decision.application
    association = application.association
    programme = application.round.programme
    title = f"{application.round.title_fi}: {association.name}"
    data = {
        "id": f"{prefix}-{decision.pk}",
        "title": title,
        "description": application.purpose or title,
        "currency": CURRENCY,
        "amountAwarded": _number(decision.amount),
        "amountAppliedFor": _number(application.requested_amount),
        "awardDate": decision.decided_on.isoformat(),
        "recipientOrganization": [
            {"id": recipient_id(association, prefix), "name": association.name}
        ],
        "fundingOrganization": [funder],
        "grantProgramme": [{"code": programme.slug, "title": programme.name_fi}],
        "dateModified": (decision.published_at or decision.recorded_at).isoformat(),
    }
    return data


def context() -> dict:
    """The identifiers every grant of one download shares: read once per download."""
    config = SiteConfiguration.current()
    return {
        "prefix": city_prefix(),
        "funder": {"id": organisation_id(settings.CITY_BUSINESS_ID), "name": config.city_name_fi},
    }


CSV_COLUMNS = [
    ("Identifier", lambda g: g["id"]),
    ("Title", lambda g: g["title"]),
    ("Description", lambda g: g["description"]),
    ("Currency", lambda g: g["currency"]),
    ("Amount Awarded", lambda g: g["amountAwarded"]),
    ("Amount Applied For", lambda g: g["amountAppliedFor"]),
    ("Award Date", lambda g: g["awardDate"]),
    ("Recipient Org:Identifier", lambda g: g["recipientOrganization"][0]["id"]),
    ("Recipient Org:Name", lambda g: g["recipientOrganization"][0]["name"]),
    ("Funding Org:Identifier", lambda g: g["fundingOrganization"][0]["id"]),
    ("Funding Org:Name", lambda g: g["fundingOrganization"][0]["name"]),
    ("Grant Programme:Code", lambda g: g["grantProgramme"][0]["code"]),
    ("Grant Programme:Title", lambda g: g["grantProgramme"][0]["title"]),
    ("Last modified", lambda g: g["dateModified"]),
]


def safe_cell(value) -> str:
    """Keep spreadsheet programs from running a cell as a formula (CSV injection)."""
    text = str(value)
    return "'" + text if text[:1] in ("=", "+", "-", "@", "\t", "\r") else text


def csv_row(data: dict) -> list[str]:
    return [safe_cell(value(data)) for _title, value in CSV_COLUMNS]
