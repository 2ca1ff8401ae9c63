"""Jyväskylä's vocabulary, the liaisons and the demo users for `manage.py load_demo`."""

from yhdistystori.roles import Role

SITE = {
    "city_name_fi": "Jyväskylä",
    "city_name_sv": "Jyväskylä",
    "city_name_en": "Jyväskylä",
    "city_name_genitive_fi": "Jyväskylän",
    "contact_email": "yhdistykset@jyvaskyla.example.fi",
    "accessibility_email": "saavutettavuus@jyvaskyla.example.fi",
}

# (slug, Finnish, Swedish, English, Finnish genitive used in association names, rural?)
DISTRICTS = [
    ("keskusta", "Keskusta", "Centrum", "City centre", "Keskustan", False),
    ("kuokkala", "Kuokkala", "Kuokkala", "Kuokkala", "Kuokkalan", False),
    ("vaajakoski", "Vaajakoski", "Vaajakoski", "Vaajakoski", "Vaajakosken", False),
    ("palokka", "Palokka", "Palokka", "Palokka", "Palokan", False),
    ("tikkakoski", "Tikkakoski", "Tikkakoski", "Tikkakoski", "Tikkakosken", True),
    ("korpilahti", "Korpilahti", "Korpilax", "Korpilahti", "Korpilahden", True),
    ("kortepohja", "Kortepohja", "Kortepohja", "Kortepohja", "Kortepohjan", False),
    ("huhtasuo", "Huhtasuo", "Huhtasuo", "Huhtasuo", "Huhtasuon", False),
    ("keltinmaki", "Keltinmäki", "Keltinmäki", "Keltinmäki", "Keltinmäen", False),
    ("kyparamaki", "Kypärämäki", "Kypärämäki", "Kypärämäki", "Kypärämäen", False),
    ("lohikoski", "Lohikoski", "Lohikoski", "Lohikoski", "Lohikosken", False),
    ("saynatsalo", "Säynätsalo", "Säynätsalo", "Säynätsalo", "Säynätsalon", True),
    ("halssila", "Halssila", "Halssila", "Halssila", "Halssilan", False),
    ("kangasvuori", "Kangasvuori", "Kangasvuori", "Kangasvuori", "Kangasvuoren", False),
    ("jyska", "Jyskä", "Jyskä", "Jyskä", "Jyskän", False),
    ("seppala", "Seppälä", "Seppälä", "Seppälä", "Seppälän", False),
    ("vesanka", "Vesanka", "Vesanka", "Vesanka", "Vesangan", True),
    ("mustalampi", "Mustalampi", "Mustalampi", "Mustalampi", "Mustalammen", False),
    ("kauramaki", "Kauramäki", "Kauramäki", "Kauramäki", "Kauramäen", False),
    ("haukkala", "Haukkala", "Haukkala", "Haukkala", "Haukkalan", False),
    ("myllyjarvi", "Myllyjärvi", "Myllyjärvi", "Myllyjärvi", "Myllyjärven", False),
    ("kinkomaa", "Kinkomaa", "Kinkomaa", "Kinkomaa", "Kinkomaan", True),
    ("viitaniemi", "Viitaniemi", "Viitaniemi", "Viitaniemi", "Viitaniemen", False),
    ("lutakko", "Lutakko", "Lutakko", "Lutakko", "Lutakon", False),
    ("taulumaki", "Taulumäki", "Taulumäki", "Taulumäki", "Taulumäen", False),
    ("maki-matti", "Mäki-Matti", "Mäki-Matti", "Mäki-Matti", "Mäki-Matin", False),
    ("pupuhuhta", "Pupuhuhta", "Pupuhuhta", "Pupuhuhta", "Pupuhuhdan", False),
    ("kohnio", "Köhniö", "Köhniö", "Köhniö", "Köhniön", True),
    ("tourula", "Tourula", "Tourula", "Tourula", "Tourulan", False),
    ("kangaslampi", "Kangaslampi", "Kangaslampi", "Kangaslampi", "Kangaslammen", False),
    ("nenainniemi", "Nenäinniemi", "Nenäinniemi", "Nenäinniemi", "Nenäinniemen", False),
    ("puuppola", "Puuppola", "Puuppola", "Puuppola", "Puuppolan", True),
]

CATEGORIES = [
    ("liikunta-ja-urheilu", "Liikunta ja urheilu", "Idrott och motion", "Sports and exercise"),
    ("kulttuuri-ja-taide", "Kulttuuri ja taide", "Kultur och konst", "Culture and arts"),
    ("musiikki", "Musiikki", "Musik", "Music"),
    (
        "asukastoiminta",
        "Asukas- ja kaupunginosatoiminta",
        "Invånar- och stadsdelsverksamhet",
        "Residents and neighbourhoods",
    ),
    (
        "sosiaali-ja-terveys",
        "Sosiaali- ja terveysala",
        "Social- och hälsovård",
        "Social welfare and health",
    ),
    ("lapset-ja-nuoret", "Lapset ja nuoret", "Barn och unga", "Children and young people"),
    ("ikaihmiset", "Ikäihmiset", "Äldre", "Older people"),
    ("ymparisto-ja-luonto", "Ympäristö ja luonto", "Miljö och natur", "Environment and nature"),
    ("partio", "Partio", "Scouting", "Scouting"),
    ("harrastukset", "Harrastukset", "Hobbyer", "Hobbies"),
    ("maanpuolustus", "Maanpuolustus", "Försvar", "National defence"),
    ("uskonnollinen-toiminta", "Uskonnollinen toiminta", "Religiös verksamhet", "Religion"),
    ("monikulttuurisuus", "Monikulttuurisuus", "Mångkultur", "Multicultural activity"),
    ("opiskelijat", "Opiskelijat", "Studerande", "Students"),
    ("vapaaehtoistyo", "Vapaaehtoistyö", "Frivilligarbete", "Volunteering"),
    ("elaimet", "Eläimet ja lemmikit", "Djur och husdjur", "Animals and pets"),
]

TARGET_GROUPS = [
    ("lapset", "Lapset", "Barn", "Children"),
    ("nuoret", "Nuoret", "Unga", "Young people"),
    ("perheet", "Perheet", "Familjer", "Families"),
    ("aikuiset", "Aikuiset", "Vuxna", "Adults"),
    ("ikaihmiset", "Ikäihmiset", "Äldre", "Older people"),
    ("maahanmuuttajat", "Maahanmuuttajat", "Invandrare", "Immigrants"),
    ("erityisryhmat", "Erityisryhmät", "Personer med särskilda behov", "People with special needs"),
    ("opiskelijat", "Opiskelijat", "Studerande", "Students"),
]

# Slug is the ISO 639-1 code.
LANGUAGES = [
    ("fi", "suomi", "finska", "Finnish"),
    ("sv", "ruotsi", "svenska", "Swedish"),
    ("en", "englanti", "engelska", "English"),
    ("ru", "venäjä", "ryska", "Russian"),
    ("et", "viro", "estniska", "Estonian"),
    ("uk", "ukraina", "ukrainska", "Ukrainian"),
    ("ar", "arabia", "arabiska", "Arabic"),
    ("so", "somali", "somaliska", "Somali"),
    ("fa", "persia", "persiska", "Persian"),
    ("de", "saksa", "tyska", "German"),
    ("fr", "ranska", "franska", "French"),
    ("es", "espanja", "spanska", "Spanish"),
    ("ku", "kurdi", "kurdiska", "Kurdish"),
    ("se", "pohjoissaame", "nordsamiska", "Northern Sami"),
]

# (name, Finnish title, Swedish title, English title, phone, email, districts, categories)
LIAISONS = [
    (
        "Sanna Esimerkki",
        "Erikoissuunnittelija, järjestöyhteistyö",
        "Specialplanerare, organisationssamarbete",
        "Senior planner, associations",
        "014 266 0101",
        "sanna.esimerkki@jyvaskyla.example.fi",
        [],
        [],
    ),
    (
        "Mikko Malli",
        "Erikoissuunnittelija, liikunta ja kulttuuri",
        "Specialplanerare, idrott och kultur",
        "Senior planner, sports and culture",
        "014 266 0102",
        "mikko.malli@jyvaskyla.example.fi",
        [],
        ["liikunta-ja-urheilu", "kulttuuri-ja-taide", "musiikki"],
    ),
    (
        "Leena Testinen",
        "Aluekoordinaattori",
        "Områdeskoordinator",
        "Area coordinator",
        "014 266 0103",
        "leena.testinen@jyvaskyla.example.fi",
        ["vaajakoski", "korpilahti", "saynatsalo", "tikkakoski", "palokka"],
        [],
    ),
]

DEMO_PASSWORD = "demo-salasana"
# City staff must use two-factor authentication: demo staff share this authenticator
# app secret (base32), printed by load_demo, to be added to any authenticator app.
DEMO_TOTP_SECRET = "JBSWY3DPEHPK3PXPDEMOYHDISTYSTORI"

# (who, email, full name, city role or None, superuser?, what the login is for)
DEMO_USERS = [
    ("admin", "admin@demo.example", "Demo Ylläpitäjä", None, True, "superuser, /admin/"),
    (
        "liaison",
        "liaison@demo.example",
        "Sanna Esimerkki",
        Role.LIAISON,
        False,
        "city liaison, /moderation/ and /admin/",
    ),
    ("grants", "grants@demo.example", "Demo Avustus", Role.GRANTS, False, "grants officer"),
    (
        "facilities",
        "facilities@demo.example",
        "Demo Tila",
        Role.FACILITIES,
        False,
        "facilities manager",
    ),
    (
        "edustaja",
        "edustaja@demo.example",
        "Demo Edustaja",
        None,
        False,
        "association representative, /my/",
    ),
]
# The liaison user is the named contact of the first (general) liaison.
LIAISON_USER_EMAIL = "liaison@demo.example"
# The representative edits a few associations and has a claim waiting (load_demo).
REPRESENTATIVE_EMAIL = "edustaja@demo.example"
