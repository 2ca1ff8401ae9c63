"""Demo content for `manage.py load_demo`: Jyväskylä's vocabulary and ~150 associations.

The associations are fictional. Their names are built from real district names
and common kinds of Finnish associations; identifiers (register numbers,
business IDs with valid check digits) and e-mail addresses are generated, the
addresses at example domains. Everything comes from a fixed random seed, so
every run produces exactly the same rows.
"""

from __future__ import annotations

import random
from dataclasses import dataclass
from datetime import date, timedelta

from django.utils.text import slugify

from associations.demo_data.kinds import CITY_KINDS, DISTRICT_KINDS, SWEDISH_KINDS, Kind
from associations.demo_data.vocabulary import (
    CATEGORIES,
    DEMO_PASSWORD,
    DEMO_TOTP_SECRET,
    DEMO_USERS,
    DISTRICTS,
    LANGUAGES,
    LIAISON_USER_EMAIL,
    LIAISONS,
    REPRESENTATIVE_EMAIL,
    SITE,
    TARGET_GROUPS,
)
from associations.search import fold
from yhdistystori.validators import business_id_check_digit

__all__ = [
    "CATEGORIES",
    "DEMO_PASSWORD",
    "DEMO_TOTP_SECRET",
    "DEMO_USERS",
    "DISTRICTS",
    "LANGUAGES",
    "LIAISONS",
    "LIAISON_USER_EMAIL",
    "REPRESENTATIVE_EMAIL",
    "SITE",
    "TARGET_GROUPS",
    "DemoAssociation",
    "demo_associations",
]

CLOSING_SENTENCES = [
    "Uudet jäsenet ovat aina tervetulleita.",
    "Toimintaan voi tulla tutustumaan ilman sitoutumista.",
    "Jäsenmaksu on pieni, ja opiskelijat ja työttömät saavat alennuksen.",
    "Ajankohtaiset tiedot löytyvät verkkosivuiltamme ja sosiaalisesta mediasta.",
    "Etsimme vapaaehtoisia ohjaajia ja tapahtumatyöntekijöitä.",
    "Yhdistys saa toiminta-avustusta Jyväskylän kaupungilta.",
    "Tilat ovat esteettömät.",
    "Toimimme yhteistyössä muiden alueen yhdistysten kanssa.",
]
SWEDISH_CLOSING_SENTENCES = [
    "Nya medlemmar är alltid välkomna.",
    "Medlemsavgiften är låg.",
    "Du kan komma och bekanta dig med verksamheten utan förpliktelser.",
]

STREETS = [
    ("Kauppakatu", "40100"),
    ("Väinönkatu", "40100"),
    ("Yliopistonkatu", "40100"),
    ("Kuokkalantie", "40520"),
    ("Palokankaantie", "40270"),
    ("Vaajakoskentie", "40800"),
    ("Tikkakoskentie", "41160"),
    ("Korpilahdentie", "41800"),
    ("Säynätsalontie", "40900"),
    ("Kortepohjantie", "40700"),
    ("Huhtasuontie", "40340"),
    ("Keltinmäentie", "40630"),
]

SEED = 20260101
DRAFT_INDEXES = {17, 88}
PENDING_INDEXES = {131}
DISTRICT_BASED_COUNT = 92


@dataclass
class DemoAssociation:
    name: str
    slug: str
    fields: dict
    categories: list[str]
    districts: list[str]
    target_groups: list[str]
    languages: list[str]


def _business_ids(rng: random.Random):
    """Distinct valid business IDs (Y-tunnus), as associations registered since 1970 have."""
    seen = set()
    while True:
        body = f"{rng.randint(100000, 3299999):07d}"
        check = business_id_check_digit(body)
        if check is None or body in seen:
            continue
        seen.add(body)
        yield f"{body}-{check}"


def _register_numbers(rng: random.Random):
    seen = set()
    while True:
        number = rng.randint(100000, 229999)
        if number not in seen:
            seen.add(number)
            yield str(number)


def demo_associations(today: date) -> list[DemoAssociation]:
    """The demo associations, the same list on every call (dates relative to `today`)."""
    rng = random.Random(SEED)  # noqa: S311 - repeatable demo data, not secrets
    chosen: list[tuple[Kind, tuple | None]] = [(kind, None) for kind in CITY_KINDS]
    chosen += [(kind, None) for kind in SWEDISH_KINDS]
    # District-based kinds: every (kind, district) pair that makes sense, then a sample.
    pairs = [
        (kind, district)
        for kind in DISTRICT_KINDS
        for district in DISTRICTS
        if not kind.rural or district[5]
    ]
    chosen += rng.sample(pairs, DISTRICT_BASED_COUNT)

    business_ids = _business_ids(rng)
    register_numbers = _register_numbers(rng)
    district_slugs = [d[0] for d in DISTRICTS]
    result = []
    for index, (kind, district) in enumerate(chosen):
        swedish = kind in SWEDISH_KINDS
        genitive = district[4] if district else ""
        name = kind.name.format(gen=genitive)
        slug = slugify(fold(name))
        closing = rng.sample(SWEDISH_CLOSING_SENTENCES if swedish else CLOSING_SENTENCES, 2)
        description = " ".join(
            [s.format(gen=genitive) for s in kind.sentences] + closing[: rng.randint(0, 2)]
        )
        if district:
            districts = [district[0]]
            if rng.random() < 0.3:
                districts.append(rng.choice(district_slugs))
        else:
            # City-wide associations name a few districts where they meet, or none.
            districts = rng.sample(district_slugs, rng.choice([0, 1, 1, 2, 3]))
        months_since_check = rng.choice([0, 1, 2, 3, 5, 8, 11, 14, 17, 20, 26, 34])
        status = "published"
        if index in DRAFT_INDEXES:
            status = "draft"
        elif index in PENDING_INDEXES:
            status = "pending"
        street, postal_code = rng.choice(STREETS)
        fields = {
            "name": name,
            "alternate_name": kind.alternate_name,
            "description": description,
            "register_number": next(register_numbers) if rng.random() < 0.9 else "",
            "business_id": next(business_ids) if rng.random() < 0.6 else "",
            "founded_year": rng.randint(*kind.founded),
            "member_count": rng.randint(*kind.members) if rng.random() < 0.85 else None,
            "email": f"{slug.removesuffix('-ry').removesuffix('-rf')}@yhdistys.example.fi",
            "website": f"https://{slug}.example.fi/" if rng.random() < 0.45 else "",
            "street_address": f"{street} {rng.randint(1, 60)}" if rng.random() < 0.5 else "",
            "postal_code": postal_code,
            "municipality": "Jyväskylä",
            "accepts_new_members": rng.random() < 0.75,
            "seeks_volunteers": rng.random() < 0.35,
            "is_claimed": rng.random() < 0.9,
            "status": status,
            "last_verified_at": today
            - timedelta(days=months_since_check * 30 + rng.randint(0, 20)),
        }
        if not fields["street_address"]:
            fields["postal_code"] = ""
        result.append(
            DemoAssociation(
                name=name,
                slug=slug,
                fields=fields,
                categories=list(kind.categories),
                districts=list(dict.fromkeys(districts)),
                target_groups=list(kind.target_groups),
                languages=list(kind.languages),
            )
        )
    return result
