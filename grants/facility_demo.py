"""Demo facilities for `manage.py load_facilities_demo`: an equipment vocabulary and some
thirty of Jyväskylä's premises that associations use (school gyms, sports halls, youth
centres, library meeting rooms, resident houses, halls), with their prices, opening
hours, rooms, accessibility, rules of use and access instructions.

The facilities manager's login is the demo user `load_demo` makes. Each facility is made
once: what people change in the demo is not undone by a later run. The equipment's names
are kept up to date.
"""

from __future__ import annotations

from datetime import time
from decimal import Decimal

from django.db import transaction

from associations.models import District
from grants.models import Equipment, Facility, OpeningHours, Room

FACILITIES_MANAGER_EMAIL = "facilities@demo.example"

# (slug, Finnish, Swedish, English)
EQUIPMENT = [
    ("projector", "Videotykki", "Projektor", "Projector"),
    ("screen", "Valkokangas", "Filmduk", "Screen"),
    ("display", "Näyttö", "Skärm", "Display screen"),
    ("sound-system", "Äänentoisto", "Ljudanläggning", "Sound system"),
    ("microphone", "Mikrofoni", "Mikrofon", "Microphone"),
    ("piano", "Piano", "Piano", "Piano"),
    ("stage", "Esiintymislava", "Scen", "Stage"),
    ("kitchen", "Keittiö", "Kök", "Kitchen"),
    ("coffee-maker", "Kahvinkeitin", "Kaffebryggare", "Coffee maker"),
    ("whiteboard", "Valkotaulu", "Whiteboard", "Whiteboard"),
    ("chairs-tables", "Tuolit ja pöydät", "Stolar och bord", "Chairs and tables"),
    ("gym-equipment", "Liikuntavälineet", "Idrottsredskap", "Gym equipment"),
    ("mirror-wall", "Peiliseinä", "Spegelvägg", "Mirror wall"),
    ("changing-rooms", "Pukuhuoneet", "Omklädningsrum", "Changing rooms"),
    ("showers", "Suihkut", "Duschar", "Showers"),
    ("wifi", "Langaton verkko (Wi-Fi)", "Trådlöst nätverk (Wi-Fi)", "Wi-Fi"),
]

K = Facility.Kind
FREE, DISCOUNTED, NORMAL = (
    Facility.Pricing.FREE,
    Facility.Pricing.DISCOUNTED,
    Facility.Pricing.NORMAL,
)

# What goes with each kind: equipment, rooms, opening hours (weekdays, opens, closes),
# pricing (pricing, associations' price, normal price), contact, description, rules and
# access instructions.
KINDS = {
    K.SCHOOL_GYM: {
        "equipment": ["gym-equipment", "changing-rooms", "showers", "sound-system"],
        "rooms": [
            ("Liikuntasali", None, ""),
            ("Pukuhuoneet", None, "Kaksi pukuhuonetta suihkuineen"),
        ],
        "hours": [(range(5), time(17), time(22)), ((5, 6), time(9), time(21))],
        "price": (DISCOUNTED, "12.00", "45.00"),
        "contact": (
            "Liikuntapalvelut, salivuorot",
            "salivuorot@jyvaskyla.example.fi",
            "014 266 0500",
        ),
        "description": (
            "Koulun liikuntasali iltaisin ja viikonloppuisin yhdistysten käytössä. Sali "
            "sopii pallopeleihin, jumppaan ja tanssiin.",
            "Skolans gymnastiksal är på kvällar och veckoslut öppen för föreningar.",
            "The school's gym is open to associations in the evenings and at weekends.",
        ),
        "rules": (
            "Sisäliikuntakengät ovat pakolliset. Välineet palautetaan paikoilleen ja sali "
            "jätetään siistiksi. Vuoro päättyy ajallaan: seuraava ryhmä odottaa.",
            "Inomhusskor är obligatoriska. Redskapen ställs tillbaka och salen lämnas städad.",
            "Indoor shoes are required. Put the equipment back and leave the gym tidy.",
        ),
        "access": "Sisäänkäynti koulun pihan puolelta ovesta C. Ovikoodi {code}. "
        "Hälytys ei ole päällä iltavuorojen aikana.",
    },
    K.SPORTS_HALL: {
        "equipment": ["gym-equipment", "changing-rooms", "showers", "sound-system", "microphone"],
        "rooms": [
            ("Halli", None, "Jaettavissa kolmeen lohkoon"),
            ("Pukuhuoneet", None, "Neljä pukuhuonetta"),
            ("Kokoushuone", 12, ""),
        ],
        "hours": [(range(5), time(16), time(22)), ((5, 6), time(9), time(20))],
        "price": (DISCOUNTED, "30.00", "90.00"),
        "contact": ("Liikuntapalvelut, hallivuorot", "hallit@jyvaskyla.example.fi", "014 266 0510"),
        "description": (
            "Liikuntahalli, jossa mahtuu pelaamaan salibandyä, koripalloa ja lentopalloa. "
            "Katsomossa on tilaa yleisölle.",
            "Idrottshall för innebandy, basket och volleyboll, med läktare.",
            "A sports hall for floorball, basketball and volleyball, with stands.",
        ),
        "rules": (
            "Hallissa ei saa syödä. Omat pallot ja välineet ovat sallittuja. Vastuuhenkilön "
            "on oltava paikalla koko vuoron ajan.",
            "Ingen mat i hallen. En ansvarig person ska vara på plats hela turen.",
            "No food in the hall. A person in charge must be present for the whole booking.",
        ),
        "access": "Hallimestari avaa ovet ja antaa avaimen pukuhuoneisiin. Hallimestarin "
        "puhelin {phone}.",
    },
    K.YOUTH_CENTRE: {
        "equipment": [
            "kitchen",
            "coffee-maker",
            "sound-system",
            "wifi",
            "chairs-tables",
            "display",
        ],
        "rooms": [
            ("Olohuone", 30, ""),
            ("Keittiö", 10, ""),
            ("Bänditila", 6, "Rummut ja vahvistimet"),
        ],
        "hours": [(range(5), time(9), time(15)), ((5,), time(10), time(20))],
        "price": (FREE, "0.00", "25.00"),
        "contact": ("Nuorisopalvelut", "nuorisotilat@jyvaskyla.example.fi", "014 266 0600"),
        "description": (
            "Nuorisotila on päivisin ja lauantaisin yhdistysten käytössä. Tilassa on "
            "olohuone, keittiö ja bänditila.",
            "Ungdomsgården är öppen för föreningar dagtid och på lördagar.",
            "The youth centre is open to associations in the daytime and on Saturdays.",
        ),
        "rules": (
            "Tila on päihteetön. Keittiön astiat pestään ja roskat viedään. Nuorten illat "
            "alkavat kello 15, jolloin tilan on oltava vapaana.",
            "Lokalen är drogfri. Disken diskas och soporna förs ut.",
            "No alcohol or drugs. Wash the dishes and take out the rubbish.",
        ),
        "access": "Avain haetaan nuorisotalon toimistosta arkisin 8–15. Hälytyskoodi {code}.",
    },
    K.LIBRARY_ROOM: {
        "equipment": ["projector", "screen", "whiteboard", "wifi", "chairs-tables"],
        "rooms": [],
        "hours": [(range(5), time(8), time(20)), ((5,), time(10), time(16))],
        "price": (FREE, "0.00", "20.00"),
        "contact": ("Kirjaston asiakaspalvelu", "kirjasto@jyvaskyla.example.fi", "014 266 4000"),
        "description": (
            "Kirjaston kokoushuone kokouksiin, koulutuksiin ja pienryhmille.",
            "Bibliotekets mötesrum för möten, utbildningar och små grupper.",
            "The library's meeting room for meetings, training and small groups.",
        ),
        "rules": (
            "Kokoushuoneessa ei saa järjestää myyntitilaisuuksia. Huone jätetään siihen "
            "järjestykseen, jossa se oli.",
            "Inga försäljningsevenemang. Lämna rummet i den ordning det var.",
            "No sales events. Leave the room as you found it.",
        ),
        "access": "Avain ja langattoman verkon tunnus asiakaspalvelusta. Ovi lukittuu "
        "automaattisesti kirjaston sulkeutuessa.",
    },
    K.RESIDENT_HOUSE: {
        "equipment": ["kitchen", "coffee-maker", "chairs-tables", "wifi"],
        "rooms": [("Tupa", 30, ""), ("Keittiö", 8, "")],
        "hours": [
            (range(4), time(8), time(22)),
            ((4, 5), time(8), time(0)),
            ((6,), time(10), time(20)),
        ],
        "price": (FREE, "0.00", "15.00"),
        "contact": (
            "Asukastoiminnan koordinaattori",
            "asukastuvat@jyvaskyla.example.fi",
            "014 266 0700",
        ),
        "description": (
            "Asukastupa on alueen asukkaiden ja yhdistysten kohtaamispaikka. Tuvassa on "
            "keittiö ja tilaa kokouksille ja kerhoille.",
            "Invånarstugan är en mötesplats för invånare och föreningar.",
            "The resident house is a meeting place for residents and associations.",
        ),
        "rules": (
            "Tupa on kaikille avoin ja päihteetön. Lopuksi tiskit, roskat ja lattiat. "
            "Hiljaisuus kello 22 jälkeen naapureiden vuoksi.",
            "Stugan är drogfri. Håll tyst efter klockan 22.",
            "No alcohol. Keep quiet after 10 pm for the neighbours.",
        ),
        "access": "Avainboksi oven vieressä, koodi {code}. Palauta avain boksiin.",
    },
    K.MEETING_ROOM: {
        "equipment": ["display", "whiteboard", "wifi", "chairs-tables", "coffee-maker"],
        "rooms": [],
        "hours": [(range(5), time(8), time(21))],
        "price": (DISCOUNTED, "10.00", "30.00"),
        "contact": (
            "Kaupungintalon palvelupiste",
            "palvelupiste@jyvaskyla.example.fi",
            "014 266 0000",
        ),
        "description": (
            "Kokoushuone kaupungin keskustassa, näyttö ja videoneuvottelulaitteet.",
            "Mötesrum i centrum med skärm och videokonferensutrustning.",
            "A meeting room in the centre with a screen and video conferencing.",
        ),
        "rules": (
            "Tilaisuuden vastuuhenkilö ilmoittautuu palvelupisteeseen.",
            "Den ansvariga anmäler sig vid servicepunkten.",
            "The person in charge checks in at the service point.",
        ),
        "access": "Vahtimestari päästää sisään pääovesta. Iltaisin soita {phone}.",
    },
    K.CLASSROOM: {
        "equipment": ["piano", "whiteboard", "chairs-tables", "projector"],
        "rooms": [],
        "hours": [
            (range(5), time(16), time(21)),
            ((5,), time(9), time(12)),
            ((5,), time(13), time(17)),
        ],
        "price": (DISCOUNTED, "8.00", "25.00"),
        "contact": ("Koulun rehtori", "koulut.tilat@jyvaskyla.example.fi", "014 266 3000"),
        "description": (
            "Koulun musiikkiluokka kuoroille ja soitinryhmille, flyygeli ja nuottitelineet.",
            "Skolans musikklass för körer och ensembler.",
            "The school's music classroom for choirs and ensembles.",
        ),
        "rules": (
            "Soittimia käytetään vain sovitusti. Luokan tuolit nostetaan lopuksi pöydille.",
            "Instrumenten används endast enligt överenskommelse.",
            "Use the instruments only as agreed.",
        ),
        "access": "Sisäänkäynti ovesta B, ovikoodi {code}.",
    },
    K.HALL: {
        "equipment": ["stage", "sound-system", "microphone", "piano", "chairs-tables"],
        "rooms": [("Sali", None, ""), ("Lämpiö", 40, ""), ("Taustahuone", 10, "")],
        "hours": [(range(7), time(9), time(22))],
        "price": (NORMAL, "60.00", "60.00"),
        "contact": ("Tilapalvelut", "tilapalvelut@jyvaskyla.example.fi", "014 266 0800"),
        "description": (
            "Juhlasali konsertteihin, juhliin ja yleisötilaisuuksiin.",
            "Festsal för konserter, fester och offentliga evenemang.",
            "A hall for concerts, celebrations and public events.",
        ),
        "rules": (
            "Yleisötilaisuudesta on tehtävä pelastussuunnitelma. Tilan enimmäishenkilömäärää "
            "ei saa ylittää.",
            "Ett räddningsplan krävs för offentliga evenemang.",
            "A rescue plan is required for public events.",
        ),
        "access": "Tilapalveluiden edustaja avaa salin ja käy läpi turvallisuusohjeet.",
    },
    K.OUTDOOR: {
        "equipment": ["stage", "sound-system"],
        "rooms": [],
        "hours": [(range(7), time(10), time(22))],
        "price": (NORMAL, "40.00", "40.00"),
        "contact": ("Tapahtumapalvelut", "tapahtumat@jyvaskyla.example.fi", "014 266 0900"),
        "description": (
            "Ulkolava kesätapahtumille järven rannalla.",
            "Utomhusscen för sommarevenemang vid sjön.",
            "An outdoor stage for summer events by the lake.",
        ),
        "rules": (
            "Äänentoisto päättyy kello 22. Roskat kerätään tapahtuma-alueelta.",
            "Ljudet stängs av klockan 22.",
            "Amplified sound ends at 10 pm.",
        ),
        "access": "Sähkökaapin avain tapahtumapalveluista, koodi {code}.",
    },
}

# (slug, Finnish name, kind, street address, postal code, district, capacity,
#  (step-free, accessible toilet, induction loop), (latitude, longitude) or None)
# fmt: off
FACILITIES = [
    ("kortepohjan-koulun-liikuntasali", "Kortepohjan koulun liikuntasali", K.SCHOOL_GYM,
     "Laajavuorentie 7", "40740", "kortepohja", 80, (True, True, False), ("62.2509", "25.7185")),
    ("huhtasuon-koulun-liikuntasali", "Huhtasuon koulun liikuntasali", K.SCHOOL_GYM,
     "Kaarnatie 5", "40320", "huhtasuo", 60, (True, False, False), ("62.2591", "25.7884")),
    ("kuokkalan-koulun-liikuntasali", "Kuokkalan koulun liikuntasali", K.SCHOOL_GYM,
     "Syöttäjänkatu 4", "40520", "kuokkala", 90, (True, True, False), ("62.2193", "25.7241")),
    ("palokan-koulun-liikuntasali", "Palokan koulun liikuntasali", K.SCHOOL_GYM,
     "Palokankaarre 2", "40270", "palokka", 70, (False, False, False), ("62.2859", "25.7115")),
    ("vaajakummun-koulun-liikuntasali", "Vaajakummun koulun liikuntasali", K.SCHOOL_GYM,
     "Vaajakummuntie 2", "40800", "vaajakoski", 80, (True, True, True), ("62.2467", "25.8763")),
    ("keltinmaen-koulun-liikuntasali", "Keltinmäen koulun liikuntasali", K.SCHOOL_GYM,
     "Keltinmäentie 15", "40420", "keltinmaki", 50, (False, False, False), None),
    ("tikkakosken-koulun-liikuntasali", "Tikkakosken koulun liikuntasali", K.SCHOOL_GYM,
     "Koulutie 3", "41160", "tikkakoski", 60, (True, False, False), ("62.3991", "25.6303")),
    ("korpilahden-koulun-liikuntasali", "Korpilahden koulun liikuntasali", K.SCHOOL_GYM,
     "Lahdentie 9", "41800", "korpilahti", 70, (True, True, False), None),
    ("saynatsalon-koulun-liikuntasali", "Säynätsalon koulun liikuntasali", K.SCHOOL_GYM,
     "Koulutie 6", "40900", "saynatsalo", 40, (False, False, False), None),
    ("vaajakosken-liikuntahalli", "Vaajakosken liikuntahalli", K.SPORTS_HALL,
     "Kanavuorentie 6", "40800", "vaajakoski", 250, (True, True, True), ("62.2438", "25.8801")),
    ("kuokkalan-liikuntahalli", "Kuokkalan liikuntahalli", K.SPORTS_HALL,
     "Kuokkalantie 14", "40520", "kuokkala", 200, (True, True, False), ("62.2155", "25.7308")),
    ("huhtasuon-nuorisotila", "Huhtasuon nuorisotila", K.YOUTH_CENTRE,
     "Huhtasuontie 10", "40340", "huhtasuo", 40, (True, True, False), ("62.2624", "25.7927")),
    ("kuokkalan-nuorisotila", "Kuokkalan nuorisotila", K.YOUTH_CENTRE,
     "Kuokkalan Ristikatu 5", "40520", "kuokkala", 35, (True, False, False), None),
    ("palokan-nuorisotila", "Palokan nuorisotila", K.YOUTH_CENTRE,
     "Palokankeskus 2", "40270", "palokka", 30, (False, False, False), None),
    ("vaajakosken-nuorisotila", "Vaajakosken nuorisotila", K.YOUTH_CENTRE,
     "Koulutie 10", "40800", "vaajakoski", 30, (True, True, False), None),
    ("keskustan-nuorisotila", "Keskustan nuorisotila", K.YOUTH_CENTRE,
     "Kilpisenkatu 5", "40100", "keskusta", 60, (True, True, True), ("62.2394", "25.7441")),
    ("kyparamaen-nuorisotila", "Kypärämäen nuorisotila", K.YOUTH_CENTRE,
     "Kypärämäentie 8", "40280", "kyparamaki", 25, (False, False, False), None),
    ("paakirjaston-kokoushuone-verso", "Pääkirjaston kokoushuone Verso", K.LIBRARY_ROOM,
     "Vapaudenkatu 39–41", "40100", "keskusta", 14, (True, True, True), ("62.2423", "25.7471")),
    ("paakirjaston-kokoushuone-kajo", "Pääkirjaston kokoushuone Kajo", K.LIBRARY_ROOM,
     "Vapaudenkatu 39–41", "40100", "keskusta", 8, (True, True, True), ("62.2423", "25.7471")),
    ("kuokkalan-kirjaston-kokoushuone", "Kuokkalan kirjaston kokoushuone", K.LIBRARY_ROOM,
     "Syöttäjänkatu 6", "40520", "kuokkala", 20, (True, True, True), None),
    ("vaajakosken-kirjaston-ryhmatila", "Vaajakosken kirjaston ryhmätila", K.LIBRARY_ROOM,
     "Kirjastotie 3", "40800", "vaajakoski", 12, (True, True, False), None),
    ("palokan-kirjaston-kokoushuone", "Palokan kirjaston kokoushuone", K.LIBRARY_ROOM,
     "Ritopohjantie 2", "40270", "palokka", 16, (True, True, True), None),
    ("korpilahden-kirjaston-kokoushuone", "Korpilahden kirjaston kokoushuone", K.LIBRARY_ROOM,
     "Virastotie 1", "41800", "korpilahti", 10, (True, False, False), None),
    ("kortepohjan-asukastupa", "Kortepohjan asukastupa", K.RESIDENT_HOUSE,
     "Ahlmanintie 40", "40700", "kortepohja", 30, (True, False, False), ("62.2526", "25.7209")),
    ("huhtasuon-asukastupa", "Huhtasuon asukastupa", K.RESIDENT_HOUSE,
     "Huhtakuja 3", "40340", "huhtasuo", 25, (False, False, False), None),
    ("keltinmaen-asukastupa", "Keltinmäen asukastupa", K.RESIDENT_HOUSE,
     "Keltinkatu 6", "40420", "keltinmaki", 20, (True, True, False), None),
    ("kangaslammen-asukastupa", "Kangaslammen asukastupa", K.RESIDENT_HOUSE,
     "Kangaslammentie 12", "40640", "kangaslampi", 20, (False, False, False), None),
    ("lohikosken-asukastupa", "Lohikosken asukastupa", K.RESIDENT_HOUSE,
     "Lohikoskentie 2", "40630", "lohikoski", 20, (True, False, False), None),
    ("kaupungintalon-kokoushuone-harju", "Kaupungintalon kokoushuone Harju", K.MEETING_ROOM,
     "Vapaudenkatu 32", "40100", "keskusta", 20, (True, True, True), ("62.2416", "25.7494")),
    ("tourulan-koulun-musiikkiluokka", "Tourulan koulun musiikkiluokka", K.CLASSROOM,
     "Kilpisenkatu 10", "40100", "tourula", 30, (False, False, False), None),
    ("saynatsalon-kunnantalon-valtuustosali", "Säynätsalon kunnantalon valtuustosali", K.HALL,
     "Parviaisentie 9", "40900", "saynatsalo", 60, (False, False, True), ("62.1387", "25.7725")),
    ("lutakon-ulkolava", "Lutakon ulkolava", K.OUTDOOR,
     "Lutakonaukio 1", "40100", "lutakko", 500, (True, True, False), ("62.2369", "25.7573")),
]
# fmt: on
# Under renovation: managers see it, residents do not.
UNPUBLISHED = {"kangaslammen-asukastupa"}

ACCESSIBILITY = (
    "Sisäänkäynnillä on luiska, ja kaikki tilat ovat samassa kerroksessa.",
    "Ingången har en ramp och alla utrymmen är på samma våning.",
    "The entrance has a ramp and every room is on one floor.",
)
NO_STEP_FREE = (
    "Sisäänkäynnillä on kolme porrasta; tilat ovat toisessa kerroksessa ilman hissiä.",
    "Ingången har tre trappsteg; lokalerna är på andra våningen utan hiss.",
    "Three steps at the entrance; the rooms are on the first floor without a lift.",
)


def load_equipment() -> dict[str, Equipment]:
    by_slug = {}
    for ordering, (slug, name_fi, name_sv, name_en) in enumerate(EQUIPMENT):
        by_slug[slug], _created = Equipment.objects.update_or_create(
            slug=slug,
            defaults={
                "name_fi": name_fi,
                "name_sv": name_sv,
                "name_en": name_en,
                "ordering": ordering,
            },
        )
    return by_slug


def _facility_fields(n: int, row: tuple, districts: dict) -> dict:
    slug, name_fi, kind, street, postal, district, capacity, access, place = row
    spec = KINDS[kind]
    step_free, toilet, loop = access
    pricing, price, normal = spec["price"]
    contact_name, contact_email, contact_phone = spec["contact"]
    notes = ACCESSIBILITY if step_free else NO_STEP_FREE
    return {
        "name_fi": name_fi,
        "kind": kind,
        "description_fi": spec["description"][0],
        "description_sv": spec["description"][1],
        "description_en": spec["description"][2],
        "street_address": street,
        "postal_code": postal,
        "city": "Jyväskylä",
        "district": districts.get(district),
        "latitude": Decimal(place[0]) if place else None,
        "longitude": Decimal(place[1]) if place else None,
        "capacity": capacity,
        "step_free_access": step_free,
        "accessible_toilet": toilet,
        "induction_loop": loop,
        "accessibility_fi": notes[0],
        "accessibility_sv": notes[1],
        "accessibility_en": notes[2],
        "pricing": pricing,
        "price_per_hour": Decimal(price),
        "normal_price_per_hour": Decimal(normal),
        "rules_fi": spec["rules"][0],
        "rules_sv": spec["rules"][1],
        "rules_en": spec["rules"][2],
        "access_instructions": spec["access"].format(
            code=f"{(n * 7919) % 9000 + 1000}", phone=contact_phone
        ),
        "contact_name": contact_name,
        "contact_email": contact_email,
        "contact_phone": contact_phone,
        "is_published": slug not in UNPUBLISHED,
    }


def load() -> dict:
    """Load the demo facilities; the numbers of what is there afterwards."""
    with transaction.atomic():
        equipment = load_equipment()
        districts = {district.slug: district for district in District.objects.all()}
        for n, row in enumerate(FACILITIES):
            slug, kind = row[0], row[2]
            if Facility.objects.filter(slug=slug).exists():
                continue
            spec = KINDS[kind]
            facility = Facility.objects.create(slug=slug, **_facility_fields(n, row, districts))
            facility.equipment.set([equipment[name] for name in spec["equipment"]])
            Room.objects.bulk_create(
                Room(facility=facility, name=name, capacity=size, notes=notes, ordering=i)
                for i, (name, size, notes) in enumerate(spec["rooms"])
            )
            OpeningHours.objects.bulk_create(
                OpeningHours(facility=facility, weekday=day, opens=opens, closes=closes)
                for days, opens, closes in spec["hours"]
                for day in days
            )
    return {"equipment": Equipment.objects.count(), "facilities": Facility.objects.count()}
