"""Synthetic associations for scale tests (`manage.py seed_scale`).

Row `n` depends only on `n`, so a seeded database is the same on every
machine. Names are built like real Finnish ones: a village or town in the
genitive and a kind of association ("Koivujärven Kyläyhdistys ry"). Kinds
are drawn with very uneven weights, as in a real register: sports clubs and
residents' associations are everywhere, a kantele society is rare. So a
common word ("seura", "yhdistys", "urheilu") matches a large share of the
rows and a rare one ("kantele", "bridge") a handful.
"""

from __future__ import annotations

import random
from datetime import date, datetime, timedelta
from itertools import accumulate

from django.utils import timezone
from django.utils.text import slugify

from associations.search import fold
from yhdistystori.validators import business_id_check_digit

SLUG_PREFIX = "seed-"

# A made-up village name is a first part and the genitive of a last part: "Koivu" + "järven".
_PLACE_HEADS = [
    "Koivu",
    "Haapa",
    "Petäjä",
    "Honka",
    "Kuusi",
    "Mänty",
    "Pihlaja",
    "Leppä",
    "Tammi",
    "Lohi",
    "Hauki",
    "Ahven",
    "Karhu",
    "Susi",
    "Kettu",
    "Jänis",
    "Kurki",
    "Joutsen",
    "Sorsa",
    "Hirvi",
    "Peura",
    "Mylly",
    "Kivi",
    "Hiekka",
    "Savi",
    "Pitkä",
    "Lyly",
    "Musta",
    "Valko",
    "Kalma",
    "Kotka",
    "Haukka",
    "Pyy",
    "Teeri",
    "Metso",
    "Vuohi",
    "Lammas",
    "Sammal",
    "Kaisla",
    "Ruoho",
]
_PLACE_TAILS = [
    "järven",
    "kosken",
    "mäen",
    "lahden",
    "niemen",
    "salon",
    "harjun",
    "vaaran",
    "lammen",
    "suon",
    "kylän",
    "rannan",
    "saaren",
    "joen",
    "kankaan",
    "pellon",
    "virran",
    "salmen",
    "ahon",
    "vuoren",
    "kallion",
    "rinteen",
    "laakson",
    "korven",
    "lehdon",
]
_PLACE_PREFIXES = ["", "", "", "", "Ala-", "Yli-", "Iso-", "Pikku-"]
# Towns, in the genitive; a few are very common in names.
_TOWNS = [
    "Helsingin",
    "Espoon",
    "Tampereen",
    "Vantaan",
    "Oulun",
    "Turun",
    "Jyväskylän",
    "Kuopion",
    "Lahden",
    "Porin",
    "Kouvolan",
    "Joensuun",
    "Lappeenrannan",
    "Hämeenlinnan",
    "Vaasan",
    "Seinäjoen",
    "Rovaniemen",
    "Mikkelin",
    "Kotkan",
    "Salon",
    "Porvoon",
    "Kokkolan",
    "Lohjan",
    "Hyvinkään",
    "Nurmijärven",
    "Järvenpään",
    "Rauman",
    "Tuusulan",
    "Kajaanin",
    "Kangasalan",
    "Savonlinnan",
    "Nokian",
    "Keravan",
    "Ylöjärven",
    "Kaarinan",
    "Riihimäen",
    "Raision",
    "Imatran",
    "Raahen",
    "Hollolan",
    "Lempäälän",
    "Iisalmen",
    "Tornion",
    "Kemin",
    "Siilinjärven",
    "Jämsän",
    "Valkeakosken",
    "Pirkkalan",
    "Heinolan",
    "Varkauden",
    "Forssan",
    "Kuusamon",
    "Lapuan",
    "Loviisan",
    "Laukaan",
    "Pieksämäen",
    "Ylivieskan",
    "Naantalin",
    "Äänekosken",
    "Keuruun",
    "Muuramen",
    "Saarijärven",
    "Viitasaaren",
    "Karstulan",
    "Konneveden",
    "Petäjäveden",
    "Pihtiputaan",
    "Toivakan",
    "Uuraisten",
    "Joutsan",
    "Hankasalmen",
    "Keski-Suomen",
    "Pohjois-Savon",
    "Etelä-Pohjanmaan",
    "Kainuun",
    "Lapin",
    "Satakunnan",
    "Uudenmaan",
]

# (kind as it appears in the name, weight, category slugs, words for the description)
_KINDS = [
    ("Urheiluseura", 120, ["liikunta-ja-urheilu"], "urheilua, kilpailuja ja junioritoimintaa"),
    ("Asukasyhdistys", 90, ["asukastoiminta"], "asukasiltoja, talkoita ja kirpputoreja"),
    ("Kyläyhdistys", 80, ["asukastoiminta"], "kylätalon iltoja, kesäjuhlia ja talkoita"),
    ("Palloseura", 60, ["liikunta-ja-urheilu"], "jalkapalloa, futsalia ja pelimatkoja"),
    ("Eläkeläiset", 55, ["ikaihmiset"], "kerhoja, tansseja ja retkiä eläkeläisille"),
    ("Martat", 45, ["harrastukset"], "ruokakursseja, käsitöitä ja neuvontaa"),
    ("Metsästysseura", 45, ["ymparisto-ja-luonto"], "riistanhoitoa, ammuntaa ja jahteja"),
    ("Nuorisoseura", 40, ["lapset-ja-nuoret"], "teatteria, tanssia ja nuorisotilan iltoja"),
    ("Partiolaiset", 35, ["partio"], "partioretkiä, leirejä ja viikkokokouksia"),
    ("Vanhempainyhdistys", 35, ["lapset-ja-nuoret"], "koulun tapahtumia ja varainkeruuta"),
    ("Hiihtoseura", 30, ["liikunta-ja-urheilu"], "hiihtokoulua, latujen hoitoa ja kilpailuja"),
    ("Kalastusseura", 30, ["ymparisto-ja-luonto"], "kalaistutuksia, pilkkikisoja ja onkipäiviä"),
    ("Reserviläiset", 28, ["maanpuolustus"], "ammuntaa, marsseja ja koulutusiltoja"),
    ("Omakotiyhdistys", 26, ["asukastoiminta"], "neuvontaa, työkalulainaamoa ja retkiä"),
    ("Vapaaehtoinen Palokunta", 24, ["vapaaehtoistyo"], "hälytystoimintaa ja nuoriso-osastoa"),
    ("Kotiseutuyhdistys", 22, ["kulttuuri-ja-taide"], "museotoimintaa, kotiseutujuhlia ja kirjoja"),
    ("Sekakuoro", 20, ["musiikki"], "kuoroharjoituksia, konsertteja ja kuoromatkoja"),
    ("Voimisteluseura", 20, ["liikunta-ja-urheilu"], "jumppaa, tanssia ja lasten liikuntaa"),
    ("Ampumaseura", 16, ["liikunta-ja-urheilu"], "ratavuoroja, kilpailuja ja turvakoulutusta"),
    ("Mieskuoro", 15, ["musiikki"], "kuorolaulua, konsertteja ja kuoromatkoja"),
    ("Naiskuoro", 14, ["musiikki"], "kuorolaulua, konsertteja ja yhteislauluiltoja"),
    ("Sotaveteraanit", 12, ["maanpuolustus"], "perinnetyötä, muistojuhlia ja tukea"),
    ("Tennisseura", 12, ["liikunta-ja-urheilu"], "tenniskoulua, kenttävuoroja ja turnauksia"),
    ("Ratsastusseura", 12, ["liikunta-ja-urheilu"], "tallikerhoja, kilpailuja ja valmennusta"),
    ("Harrastajateatteri", 11, ["kulttuuri-ja-taide"], "näytelmiä, kesäteatteria ja kursseja"),
    ("Kamerakerho", 10, ["harrastukset"], "kuvausretkiä, kuvakritiikkiä ja näyttelyitä"),
    ("Diabetesyhdistys", 10, ["sosiaali-ja-terveys"], "vertaistukea, luentoja ja liikuntaa"),
    ("Mielenterveysyhdistys", 10, ["sosiaali-ja-terveys"], "vertaistukea ja kohtaamispaikan"),
    ("Kennelkerho", 9, ["elaimet"], "pentukursseja, agilityä ja koiranäyttelyitä"),
    ("Luonnonsuojeluyhdistys", 9, ["ymparisto-ja-luonto"], "luontoretkiä ja niittotalkoita"),
    ("Shakkikerho", 8, ["harrastukset"], "shakkiturnauksia, pikashakkia ja valmennusta"),
    ("Kansantanssijat", 8, ["kulttuuri-ja-taide"], "kansantanssia, esiintymisiä ja leirejä"),
    ("Puhallinorkesteri", 7, ["musiikki"], "marsseja, konsertteja ja soittoleirejä"),
    ("Pelimannit", 6, ["musiikki"], "kansanmusiikkia, soittoiltoja ja juhlakeikkoja"),
    ("Sienikerho", 5, ["ymparisto-ja-luonto"], "sieniretkiä, sieneneuvontaa ja kursseja"),
    ("Sukututkijat", 5, ["harrastukset"], "arkistoiltoja, kursseja ja sukukirjoja"),
    ("Ystäväpalvelu", 5, ["vapaaehtoistyo"], "vapaaehtoisia ystäviä yksinäisille"),
    ("Monikulttuurinen yhdistys", 5, ["monikulttuurisuus"], "kieliryhmiä ja ruokailtoja"),
    ("Opiskelijayhdistys", 4, ["opiskelijat"], "tapahtumia, sitsejä ja opiskelijaetuja"),
    ("Lintuyhdistys", 4, ["ymparisto-ja-luonto"], "linturetkiä, laskentoja ja pöntötystä"),
    ("Robotiikkakerho", 2, ["harrastukset"], "robottien rakentamista ja ohjelmointia"),
    ("Bridgekerho", 1, ["harrastukset"], "bridgeturnauksia ja kurssin aloittelijoille"),
    ("Kanteleyhdistys", 1, ["musiikki"], "kanteleensoittoa, soitinrakennusta ja konsertteja"),
]
_KIND_WEIGHTS = list(accumulate(kind[1] for kind in _KINDS))
_NICKNAMES = [
    "Kiri",
    "Vauhti",
    "Ilves",
    "Pyrintö",
    "Kisa",
    "Veikot",
    "Tarmo",
    "Riento",
    "Sisu",
    "Into",
    "Voima",
    "Jyry",
    "Yritys",
    "Visa",
    "Ponnistus",
    "Kajo",
    "Terä",
    "Kilpa",
    "Urho",
    "Vire",
    "Tahko",
    "Virkku",
    "Nousu",
    "Honka",
    "Kataja",
    "Leimu",
]
_OPENINGS = [
    "{place} {kind_lower} järjestää jäsenilleen {activities}.",
    "Yhdistys tarjoaa {activities} {place} alueella.",
    "Seuran toiminnassa on {activities} kaikenikäisille.",
    "Toimintaamme kuuluu {activities}.",
]
_MIDDLES = [
    "Kokoonnumme viikoittain omalla toimitilalla.",
    "Toiminta on avointa kaikille, ja jäseneksi voi liittyä milloin tahansa.",
    "Yhdistys toimii vapaaehtoisvoimin ja saa avustusta kunnalta.",
    "Järjestämme vuosittain myös kesätapahtuman yhdessä muiden yhdistysten kanssa.",
    "Jäsenmaksu on edullinen, ja perheille on oma jäsenmaksunsa.",
    "Etsimme uusia vapaaehtoisia ohjaajia ja talkoolaisia.",
    "Tiedotamme toiminnasta verkkosivuilla ja jäsenkirjeessä.",
    "Tilat ovat esteettömät ja sijaitsevat hyvien kulkuyhteyksien päässä.",
]
_WEBSITE_DOMAIN = "seed.example.fi"


def _place_genitive(rng: random.Random) -> str:
    """A town or a made-up village in the genitive, as names start: 'Koivujärven'."""
    if rng.random() < 0.3:
        return rng.choice(_TOWNS)
    return f"{rng.choice(_PLACE_PREFIXES)}{rng.choice(_PLACE_HEADS)}{rng.choice(_PLACE_TAILS)}"


def _business_id(n: int) -> str:
    """A valid Y-tunnus unique to row n, or "" for the one body in eleven that has none."""
    body = f"{4_000_000 + n:07d}"
    check = business_id_check_digit(body)
    return "" if check is None else f"{body}-{check}"


def synthetic_association(n: int, today: date, now: datetime) -> dict:
    """Field values for synthetic association number `n` (the same for the same n)."""
    rng = random.Random(n)  # noqa: S311 - repeatable test data, not secrets
    kind, _weight, categories, activities = rng.choices(_KINDS, cum_weights=_KIND_WEIGHTS)[0]
    place_genitive = _place_genitive(rng)
    if rng.random() < 0.15:
        name = f"{place_genitive} {kind} {rng.choice(_NICKNAMES)} ry"
    else:
        name = f"{place_genitive} {kind} ry"
    description = " ".join(
        [
            rng.choice(_OPENINGS).format(
                place=place_genitive, kind_lower=kind.lower(), activities=activities
            ),
            *rng.sample(_MIDDLES, rng.randint(1, 3)),
        ]
    )
    slug = f"{SLUG_PREFIX}{n}-{slugify(fold(name))}"[:220]
    created = now - timedelta(days=rng.randint(30, 3650), seconds=rng.randint(0, 86_399))
    status = "published"
    roll = rng.random()
    if roll < 0.02:
        status = "draft"
    elif roll < 0.03:
        status = "hidden"
    return {
        "name": name,
        "slug": slug,
        "description": description,
        "categories": categories,
        "district_index": rng.randrange(1_000_000),
        "group_index": rng.randrange(1_000_000),
        "fields": {
            "register_number": str(1_000_000 + n) if rng.random() < 0.8 else "",
            "founded_year": rng.randint(1890, 2024),
            "member_count": rng.randint(5, 2000) if rng.random() < 0.8 else None,
            "email": f"info{n}@{_WEBSITE_DOMAIN}",
            "website": f"https://{slug}.{_WEBSITE_DOMAIN}/" if rng.random() < 0.4 else "",
            "business_id": _business_id(n) if rng.random() < 0.5 else "",
            "accepts_new_members": rng.random() < 0.7,
            "seeks_volunteers": rng.random() < 0.3,
            "is_claimed": rng.random() < 0.6,
            "status": status,
            "last_verified_at": today - timedelta(days=rng.randint(0, 1100)),
            "created_at": created,
            "updated_at": created + timedelta(days=rng.randint(0, 29)),
        },
    }


def synthetic_today() -> tuple[date, datetime]:
    now = timezone.now()
    return timezone.localdate(now), now
