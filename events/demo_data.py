"""Demo events for `manage.py load_events_demo`: the iltakahvit series as it went, and a
dozen events of the demo associations.

The first iltakahvit (21.11.2018) is written from the city's own news of it: what
works, what should improve, the worry that the liaison post might end, and one channel
for the associations' information. The later memos and follow-up notes are made up
for the demo, in the same spirit. Dates of the associations' events are relative to
the day the demo is loaded, so there is always something coming up.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date, time, timedelta

ILTAKAHVIT_SLUG = "iltakahvit"
SUPPORT_ORGANISATION = {
    "slug": "keski-suomen-yhteisojen-tuki-ry",
    "name": "Keski-Suomen Yhteisöjen Tuki ry",
    "description": (
        "Keski-Suomen Yhteisöjen Tuki on maakunnan yhdistysten tukiorganisaatio. Se neuvoo "
        "yhdistyksiä, kouluttaa niiden toimijoita ja järjestää yhdessä Jyväskylän kaupungin "
        "kanssa päättäjien ja yhdistysten iltakahvit."
    ),
}

ILTAKAHVIT = {
    "slug": ILTAKAHVIT_SLUG,
    "title_fi": "Päättäjien ja yhdistysten iltakahvit",
    "title_sv": "Kvällskaffe för beslutsfattare och föreningar",
    "title_en": "Evening coffee for decision-makers and associations",
    "description_fi": (
        "Jyväskylän kaupungin ja Keski-Suomen Yhteisöjen Tuen iltakahveilla yhdistysten "
        "toimijat ja kaupungin päättäjät keskustelevat siitä, mikä yhteistyössä toimii ja "
        "mitä pitäisi kehittää. Jokaisesta tilaisuudesta julkaistaan muistio, ja sovitut "
        "asiat seurataan seuraavaan kertaan. Ehdota keskusteltavaa aihetta etukäteen!"
    ),
    "description_sv": (
        "På kvällskaffet träffas föreningsaktiva och stadens beslutsfattare för att tala om "
        "vad som fungerar i samarbetet och vad som borde utvecklas. Efter varje träff "
        "publiceras en promemoria, och det som avtalats följs upp till nästa gång."
    ),
    "description_en": (
        "At the evening coffee, people from associations and the city's decision-makers "
        "discuss what works in their cooperation and what should improve. A memo is "
        "published after each meeting, and what was agreed is followed up the next time."
    ),
    "place_name": "Jyväskylän kaupungintalo, valtuustosali",
    "street_address": "Vapaudenkatu 32",
    "postal_code": "40100",
    "post_office": "Jyväskylä",
    # The first meeting agreed to meet again in half a year; the next was on 31.10.2019,
    # and the meetings became yearly, on the last Thursday of October.
    "start_date": date(2019, 10, 31),
    "added_dates": [date(2018, 11, 21)],
    "rrule": "FREQ=YEARLY;BYMONTH=10;BYDAY=-1TH",
    "start_time": time(17, 0),
    "duration": timedelta(hours=2),
    "capacity": 60,
    "registration_required": True,
    "registration_closes_before": timedelta(days=1),
    "audience": "associations",
    "categories": ["asukastoiminta", "vapaaehtoistyo"],
}

# Memo and follow-ups of past meetings, by date.
MEMOS = {
    date(2018, 11, 21): {
        "attendance": 38,
        "memo": (
            "<p>Jyväskyläläisten päättäjien ja yhdistysten iltakahveilla keskusteltiin "
            "erikoissuunnittelijan johdolla siitä, mikä kaupungin ja yhdistysten yhteistyössä "
            "on toimivaa ja mitä olisi tarpeen kehittää. Paikalla oli lähes 40 "
            "yhdistystoimijaa ja useita päättäjiä.</p>"
            "<h2>Mikä toimii</h2><ul>"
            "<li>Asukas- ja aluetyö ja siihen nimetyt yhdyshenkilöt.</li>"
            "<li>Kaupungin hyvä tahto tehdä yhteistyötä yhdistysten kanssa.</li>"
            "<li>Avustuskäytännöt ovat osaltaan toimivia.</li></ul>"
            "<h2>Mitä kehitetään</h2><ul>"
            "<li>Avustuskäytäntöihin kaivataan lisää avoimuutta ja läpinäkyvyyttä.</li>"
            "<li>Kaupungin tilojen käyttö: osalle yhteistyö toimii, osa nosti tilojen "
            "hyödyntämisen kehittämiskohteeksi.</li></ul>"
            "<h2>Yhdyshenkilö</h2><p>Kaupungin ja yhdistysten yhteistyöhön nimetty "
            "yhdyshenkilö todettiin välttämättömäksi myös tulevaisuudessa. Keskusteluissa "
            "nousi huoli siitä, ettei tällaista henkilöä jatkossa olisi.</p>"
            "<h2>Yksi kanava yhdistysten tiedoille</h2><p>Tavoitteena on ottaa käyttöön "
            "yksi kanava, josta jyväskyläläisten yhdistysten tiedot löytyvät. Yhdistyksiä "
            "kehotettiin viemään tietonsa Yhdistystoriin.</p>"
            "<p>Lopuksi sovittiin, että vastaava tilaisuus järjestetään puolen vuoden päästä "
            "uudelleen. Järjestäjinä jatkavat Jyväskylän kaupunki ja Keski-Suomen Yhteisöjen "
            "Tuki ry.</p>"
        ),
        "follow_ups": [
            (
                "Avustuskäytäntöihin lisää avoimuutta ja läpinäkyvyyttä",
                "Avustuskoordinaattori",
                [
                    (
                        date(2019, 3, 15),
                        "in_progress",
                        "Avustusten myöntöperusteita "
                        "selkeytetään ja päätökset julkaistaan perusteluineen.",
                    ),
                    (
                        date(2019, 10, 31),
                        "done",
                        "Avustuspäätökset perusteluineen ovat "
                        "julkisia; käytäntö esiteltiin iltakahveilla.",
                    ),
                ],
            ),
            (
                "Kaupungin tilat yhdistysten käyttöön helpommin",
                "Tilapalvelut",
                [
                    (
                        date(2019, 10, 31),
                        "in_progress",
                        "Yhdistyksille sopivista tiloista kootaan yksi luettelo hintoineen.",
                    ),
                ],
            ),
            (
                "Yhdyshenkilön tehtävä jatkuu",
                "Osallisuusyksikkö",
                [
                    (
                        date(2019, 2, 1),
                        "done",
                        "Yhdistysyhteistyön yhdyshenkilön tehtävä "
                        "jatkuu, ja yhdyshenkilö on nimetty sivustolle.",
                    ),
                ],
            ),
            (
                "Yksi kanava yhdistysten tiedoille",
                "Erikoissuunnittelija",
                [
                    (
                        date(2019, 5, 20),
                        "in_progress",
                        "Yhdistyksiä pyydetty viemään tietonsa Yhdistystoriin.",
                    ),
                    (date(2020, 10, 29), "done", "Yhdistysten hakemisto on käytössä."),
                ],
            ),
        ],
        "associations": 6,
    },
    date(2019, 10, 31): {
        "attendance": 44,
        "memo": (
            "<p>Käytiin läpi edellisellä kerralla sovitut asiat: avustuspäätökset "
            "perusteluineen ovat nyt julkisia ja yhdyshenkilön tehtävä jatkuu. Tilojen "
            "käytöstä kootaan luettelo.</p><p>Sovittiin, että iltakahvit järjestetään "
            "jatkossa kerran vuodessa lokakuun lopussa.</p>"
        ),
        "follow_ups": [
            (
                "Yhdistysten koulutusilta avustusten hakemisesta",
                "Keski-Suomen Yhteisöjen Tuki ry",
                [(date(2020, 2, 12), "done", "Koulutusilta pidettiin helmikuussa.")],
            ),
        ],
        "associations": 8,
    },
    date(2020, 10, 29): {
        "attendance": 31,
        "memo": (
            "<p>Iltakahvit pidettiin etäyhteydellä. Keskusteltiin siitä, miten yhdistykset "
            "ovat selvinneet poikkeusajasta ja miten kaupunki voi tukea toiminnan "
            "jatkumista.</p>"
        ),
        "follow_ups": [
            (
                "Poikkeusajan avustusten hakuaikaa pidennetään",
                "Avustuskoordinaattori",
                [
                    (
                        date(2020, 12, 1),
                        "not_pursued",
                        "Hakuaikaa ei pidennetty; hakemuksia sai täydentää jälkikäteen.",
                    )
                ],
            ),
        ],
        "associations": 5,
    },
    date(2025, 10, 30): {
        "attendance": 41,
        "memo": (
            "<p>Esiteltiin yhdistysten uusi kanava: hakemisto, tapahtumat ja avustukset "
            "samassa palvelussa. Yhdistykset toivoivat, että kaupungin tilojen vapaat ajat "
            "näkyisivät samassa paikassa.</p>"
        ),
        "follow_ups": [
            (
                "Kaupungin tilojen vapaat ajat näkyviin yhdistyksille",
                "Tilapalvelut",
                [(date(2026, 3, 1), "in_progress", "Tilojen tiedot viedään palveluun.")],
            ),
        ],
        "associations": 7,
    },
}

NEXT_TOPICS = [
    ("Miten avustushakemus tehdään uudessa palvelussa?", "agenda"),
    ("Koulujen liikuntasalien vuorot yhdistyksille", "agenda"),
    ("Vapaaehtoisten vakuutukset tapahtumissa", "proposed"),
]
NEXT_REGISTRANTS = [
    ("Aino Laaksonen", "aino.laaksonen@demo.example", "Erityisruokavalio: gluteeniton."),
    ("Mikko Heinonen", "mikko.heinonen@demo.example", ""),
    ("Sari Väisänen", "sari.vaisanen@demo.example", ""),
    ("Pekka Nieminen", "pekka.nieminen@demo.example", "Laktoositon."),
]


@dataclass
class DemoEvent:
    slug: str
    # An association's slug, "*" and the end of a name (the first such association by
    # slug: the district-based demo associations are a random sample), or "" for the city.
    organiser: str
    title_fi: str
    title_sv: str
    title_en: str
    description_fi: str
    days_from_today: int  # the first date
    start_time: time
    hours: float = 2
    rrule: str = ""
    place_name: str = ""
    street_address: str = ""
    postal_code: str = "40100"
    capacity: int | None = None
    registration_required: bool = False
    audience: str = "everyone"
    categories: list[str] = field(default_factory=list)
    districts: list[str] = field(default_factory=list)


ASSOCIATION_EVENTS = [
    DemoEvent(
        "mieskuoron-avoimet-harjoitukset",
        "jyvaskylan-mieskuoro-ry",
        "Mieskuoron avoimet harjoitukset",
        "Manskörens öppna övningar",
        "Open rehearsals of the male voice choir",
        "Tule kokeilemaan kuorolaulua! Avoimissa harjoituksissa lauletaan tuttuja kappaleita; "
        "nuotinlukutaitoa ei tarvita.",
        -56,
        time(18, 0),
        rrule="FREQ=WEEKLY;BYDAY=TU",
        place_name="Jyväskylän kaupunginkirjasto, Lehtisali",
        street_address="Vapaudenkatu 39",
        categories=["musiikki"],
        districts=["keskusta"],
    ),
    DemoEvent(
        "shakki-ilta",
        "keski-suomen-shakkikerho-ry",
        "Shakki-ilta",
        "Schackkväll",
        "Chess evening",
        "Kerhoilta kaikentasoisille pelaajille. Lautoja ja kelloja on lainaksi.",
        -45,
        time(17, 30),
        hours=3.5,
        rrule="FREQ=WEEKLY;BYDAY=TH",
        place_name="Kortepohjan ylioppilaskylä, kerhohuone",
        street_address="Rentukka 3",
        postal_code="40700",
        categories=["harrastukset"],
        districts=["kortepohja"],
    ),
    DemoEvent(
        "kamerakerhon-kuukausikokous",
        "jyvaskylan-kamerakerho-ry",
        "Kamerakerhon kuukausi-ilta",
        "Kameraklubbens månadskväll",
        "Camera club monthly evening",
        "Kuukauden kuvien katselmus ja vierailevan kuvaajan esitys.",
        -70,
        time(18, 0),
        rrule="FREQ=MONTHLY;BYDAY=1MO",
        place_name="Jyväskylän kaupunginkirjasto",
        street_address="Vapaudenkatu 39",
        categories=["harrastukset", "kulttuuri-ja-taide"],
    ),
    DemoEvent(
        "kirjoittajapiiri",
        "jyvaskylan-kirjoittajayhdistys-ry",
        "Kirjoittajapiiri",
        "Skrivarcirkel",
        "Writers' circle",
        "Luemme toistemme tekstejä ja annamme palautetta. Uudet kirjoittajat tervetulleita.",
        -40,
        time(18, 0),
        rrule="FREQ=WEEKLY;INTERVAL=2;BYDAY=MO",
        place_name="Kuokkalan kirjasto",
        street_address="Syöttäjänkatu 2",
        postal_code="40520",
        categories=["kulttuuri-ja-taide"],
        districts=["kuokkala"],
    ),
    DemoEvent(
        "kansantanssikurssi",
        "jyvaskylan-kansantanssijat-ry",
        "Kansantanssikurssi aloittelijoille",
        "Folkdanskurs för nybörjare",
        "Folk dance course for beginners",
        "Kymmenen kerran kurssi, jolla opitaan suomalaisten kansantanssien perusaskeleet.",
        -14,
        time(18, 30),
        hours=1.5,
        rrule="FREQ=WEEKLY;BYDAY=WE;COUNT=10",
        place_name="Huhtasuon koulu, liikuntasali",
        street_address="Huhtasuontie 2",
        postal_code="40340",
        capacity=24,
        registration_required=True,
        categories=["kulttuuri-ja-taide", "liikunta-ja-urheilu"],
        districts=["huhtasuo"],
    ),
    DemoEvent(
        "sieniretki",
        "jyvaskylan-sienikerho-ry",
        "Sieniretki Laajavuoreen",
        "Svamputflykt till Laajavuori",
        "Mushroom walk at Laajavuori",
        "Opastettu retki syksyn sieniin. Ota mukaan kori ja veitsi.",
        290,
        time(10, 0),
        hours=3,
        place_name="Laajavuoren pysäköintialue",
        street_address="Laajavuorentie 15",
        postal_code="40740",
        capacity=20,
        registration_required=True,
        categories=["ymparisto-ja-luonto", "harrastukset"],
    ),
    DemoEvent(
        "harrastajateatterin-ensi-ilta",
        "jyvaskylan-harrastajateatteri-ry",
        "Kevätnäytelmän ensi-ilta",
        "Vårpjäsens premiär",
        "Premiere of the spring play",
        "Harrastajateatterin kevään komedia. Vapaa pääsy, ohjelma 5 euroa.",
        120,
        time(19, 0),
        place_name="Kortepohjan koulu, juhlasali",
        street_address="Kortepohjantie 14",
        postal_code="40700",
        categories=["kulttuuri-ja-taide"],
        districts=["kortepohja"],
    ),
    DemoEvent(
        "puhallinorkesterin-joulukonsertti",
        "jyvaskylan-puhallinorkesteri-ry",
        "Puhallinorkesterin joulukonsertti",
        "Blåsorkesterns julkonsert",
        "Wind orchestra Christmas concert",
        "Perinteinen joulukonsertti koko perheelle.",
        17,
        time(18, 0),
        hours=1.5,
        place_name="Jyväskylän kaupunginkirkko",
        street_address="Kirkkopuisto",
        capacity=300,
        registration_required=True,
        categories=["musiikki"],
        districts=["keskusta"],
    ),
    DemoEvent(
        "kaupungin-avustusinfo",
        "",
        "Avustusinfo yhdistyksille",
        "Information om understöd för föreningar",
        "Grants information for associations",
        "Kaupungin avustuskoordinaattori kertoo ensi vuoden avustuksista ja vastaa "
        "kysymyksiin. Tilaisuus myös etäyhteydellä.",
        24,
        time(17, 0),
        hours=1.5,
        place_name="Jyväskylän kaupungintalo",
        street_address="Vapaudenkatu 32",
        capacity=80,
        registration_required=True,
        audience="associations",
        categories=["vapaaehtoistyo"],
    ),
    DemoEvent(
        "asukasilta",
        "*Asukasyhdistys ry",
        "Asukasilta",
        "Invånarkväll",
        "Residents' evening",
        "Kuukausittainen asukasilta: ajankohtaiset asiat, kahvit ja tutustumista naapureihin.",
        -75,
        time(18, 0),
        rrule="FREQ=MONTHLY;BYDAY=-1TH",
        place_name="Asukastupa",
        categories=["asukastoiminta"],
    ),
    DemoEvent(
        "tuolijumppa",
        "*Eläkeläiset ry",
        "Tuolijumppa",
        "Stolgympa",
        "Chair exercise",
        "Kevyttä jumppaa tuolilla istuen, sopii kaikille. Ei ennakkoilmoittautumista.",
        -30,
        time(10, 0),
        hours=1,
        rrule="FREQ=WEEKLY;BYDAY=FR",
        place_name="Palvelukeskus",
        categories=["ikaihmiset", "liikunta-ja-urheilu"],
    ),
    DemoEvent(
        "marttojen-leivontailta",
        "*Martat ry",
        "Leivontailta: joulutortut ja piparit",
        "Bakkväll: julstjärnor och pepparkakor",
        "Baking evening: Christmas pastries and gingerbread",
        "Leivotaan yhdessä joulun herkkuja. Tarvikemaksu 5 euroa.",
        10,
        time(17, 30),
        hours=2.5,
        capacity=12,
        registration_required=True,
        place_name="Koulun kotitalousluokka",
        categories=["harrastukset"],
    ),
]
