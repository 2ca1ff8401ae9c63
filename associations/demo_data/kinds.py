"""Kinds of association the demo builds names and descriptions from (data only)."""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True)
class Kind:
    """A kind of association: how it is named, what it does and whom it serves."""

    name: str  # with {gen} for a district's genitive, or a full name
    categories: tuple[str, ...]
    target_groups: tuple[str, ...]
    sentences: tuple[str, ...]  # the first two sentences of its description
    founded: tuple[int, int] = (1950, 2015)
    members: tuple[int, int] = (20, 300)
    languages: tuple[str, ...] = ("fi",)
    alternate_name: str = ""
    rural: bool = False  # named after villages rather than suburbs


# Kinds named after a district: "{gen} Asukasyhdistys ry" -> "Kuokkalan Asukasyhdistys ry".
DISTRICT_KINDS = [
    Kind(
        "{gen} Asukasyhdistys ry",
        ("asukastoiminta", "vapaaehtoistyo"),
        ("perheet", "aikuiset", "ikaihmiset"),
        (
            "Asukasyhdistys tekee {gen} alueesta viihtyisämmän paikan asua.",
            "Järjestämme pihatalkoita, kirpputoreja ja asukasiltoja sekä kommentoimme alueen "
            "kaavoitusta.",
        ),
        founded=(1965, 2015),
        members=(40, 400),
    ),
    Kind(
        "{gen} Urheiluseura ry",
        ("liikunta-ja-urheilu", "lapset-ja-nuoret"),
        ("lapset", "nuoret", "aikuiset"),
        (
            "Seura tarjoaa {gen} lapsille ja aikuisille monipuolista liikuntaa yleisurheilusta "
            "salibandyyn.",
            "Harjoittelemme koulujen saleissa ja lähiliikuntapaikoilla ohjaajien johdolla.",
        ),
        founded=(1920, 2005),
        members=(80, 900),
    ),
    Kind(
        "{gen} Palloseura ry",
        ("liikunta-ja-urheilu", "lapset-ja-nuoret"),
        ("lapset", "nuoret"),
        (
            "Palloseuran junioreissa pelaa jalkapalloa ja futsalia kaikenikäisiä tyttöjä ja "
            "poikia.",
            "Kilpaileminen ei ole pakollista: harrastejoukkueissa tärkeintä on yhdessä pelaaminen.",
        ),
        founded=(1960, 2012),
        members=(60, 600),
    ),
    Kind(
        "{gen} Martat ry",
        ("harrastukset", "vapaaehtoistyo"),
        ("aikuiset", "ikaihmiset"),
        (
            "{gen} Martat kokoontuvat oppimaan ruoanlaittoa, käsitöitä ja kodinhoitoa yhdessä.",
            "Järjestämme kursseja, retkiä ja myyjäisiä, joiden tuotto menee hyväntekeväisyyteen.",
        ),
        founded=(1905, 1990),
        members=(15, 120),
    ),
    Kind(
        "{gen} Partiolaiset ry",
        ("partio", "lapset-ja-nuoret"),
        ("lapset", "nuoret"),
        (
            "Partiolippukunta kokoontuu viikoittain {gen} kololla.",
            "Partiossa opitaan retkeilyä, luonnossa liikkumista ja vastuun kantamista yhdessä "
            "muiden kanssa.",
        ),
        founded=(1930, 2000),
        members=(30, 200),
    ),
    Kind(
        "{gen} Eläkeläiset ry",
        ("ikaihmiset", "harrastukset"),
        ("ikaihmiset",),
        (
            "Yhdistys kokoaa {gen} eläkeläiset yhteen kerhoihin, tansseihin ja retkille.",
            "Kerhot kokoontuvat arkipäivisin ja niissä on aina kahvit.",
        ),
        founded=(1960, 2010),
        members=(40, 350),
    ),
    Kind(
        "{gen} Nuorisoseura ry",
        ("lapset-ja-nuoret", "kulttuuri-ja-taide"),
        ("lapset", "nuoret"),
        (
            "Nuorisoseura järjestää {gen} nuorille teatteria, tanssia ja leirejä.",
            "Seurantalossa on myös nuorisotila, joka on auki iltaisin.",
        ),
        founded=(1890, 1960),
        members=(30, 250),
        rural=True,
    ),
    Kind(
        "{gen} Kyläyhdistys ry",
        ("asukastoiminta", "ymparisto-ja-luonto"),
        ("perheet", "aikuiset", "ikaihmiset"),
        (
            "Kyläyhdistys pitää {gen} kylän elinvoimaisena ja huolehtii kylätalosta.",
            "Järjestämme kesäjuhlat, talkoot ja yhteisiä saunailtoja.",
        ),
        founded=(1975, 2015),
        members=(30, 200),
        rural=True,
    ),
    Kind(
        "{gen} Vapaaehtoinen Palokunta ry",
        ("vapaaehtoistyo", "lapset-ja-nuoret"),
        ("nuoret", "aikuiset"),
        (
            "Palokunta tukee pelastuslaitosta {gen} alueella ja kouluttaa hälytysosaston.",
            "Nuoriso-osastossa 10–17-vuotiaat oppivat ensiapua ja palontorjuntaa.",
        ),
        founded=(1900, 1980),
        members=(25, 120),
        rural=True,
    ),
    Kind(
        "{gen} Metsästysseura ry",
        ("ymparisto-ja-luonto", "harrastukset"),
        ("aikuiset",),
        (
            "Metsästysseura hoitaa {gen} riista-alueita ja huolehtii kestävästä metsästyksestä.",
            "Ampumaradalla harjoitellaan kesäisin tiistai-iltaisin.",
        ),
        founded=(1945, 1990),
        members=(30, 150),
        rural=True,
    ),
    Kind(
        "{gen} Kalastusseura ry",
        ("ymparisto-ja-luonto", "harrastukset"),
        ("aikuiset", "perheet"),
        (
            "Kalastusseura hoitaa {gen} vesialueiden kalakantoja istutuksin ja kunnostuksin.",
            "Järjestämme pilkkikilpailut ja lasten onkipäivän.",
        ),
        founded=(1950, 2000),
        members=(20, 180),
        rural=True,
    ),
    Kind(
        "{gen} Omakotiyhdistys ry",
        ("asukastoiminta",),
        ("perheet", "aikuiset"),
        (
            "Omakotiyhdistys neuvoo {gen} pientaloasukkaita kodin huollossa ja energiansäästössä.",
            "Jäsenet saavat lainaksi yhdistyksen työkaluja ja peräkärryn.",
        ),
        founded=(1950, 2000),
        members=(50, 400),
    ),
    Kind(
        "{gen} Reserviläiset ry",
        ("maanpuolustus",),
        ("aikuiset",),
        (
            "Reserviläisyhdistys ylläpitää {gen} reserviläisten maanpuolustustaitoja.",
            "Ohjelmassa on ammuntaa, marsseja ja koulutusiltoja yhdessä naisten "
            "maanpuolustusjärjestöjen kanssa.",
        ),
        founded=(1955, 1995),
        members=(30, 200),
    ),
    Kind(
        "{gen} Vanhempainyhdistys ry",
        ("lapset-ja-nuoret", "vapaaehtoistyo"),
        ("perheet", "lapset"),
        (
            "Vanhempainyhdistys tukee {gen} koulun ja kotien yhteistyötä.",
            "Keräämme varoja leirikouluihin ja järjestämme koulun diskot ja talkoot.",
        ),
        founded=(1990, 2020),
        members=(20, 150),
    ),
    Kind(
        "{gen} Kotiseutuyhdistys ry",
        ("kulttuuri-ja-taide", "asukastoiminta"),
        ("aikuiset", "ikaihmiset"),
        (
            "Kotiseutuyhdistys tallentaa {gen} historiaa ja ylläpitää kotiseutumuseota.",
            "Julkaisemme vuosittain kotiseutukirjan ja järjestämme kesäisin kylätapahtuman.",
        ),
        founded=(1930, 1990),
        members=(40, 250),
    ),
    Kind(
        "{gen} Laulu ry",
        ("musiikki", "kulttuuri-ja-taide"),
        ("aikuiset", "ikaihmiset"),
        (
            "{gen} Laulu on sekakuoro, joka esiintyy kirkoissa, juhlissa ja kuorokatselmuksissa.",
            "Harjoittelemme kerran viikossa; nuotinlukutaitoa ei vaadita.",
        ),
        founded=(1920, 1990),
        members=(20, 60),
    ),
]

# Kinds with a full name of their own (the city-wide and regional associations).
CITY_KINDS = [
    Kind(
        "Jyväskylän Mieskuoro ry",
        ("musiikki",),
        ("aikuiset",),
        (
            "Jyväskylän Mieskuoro on perinteikäs mieskuoro, joka laulaa suomalaista ja "
            "pohjoismaista kuoromusiikkia.",
            "Konsertoimme keväisin ja jouluisin ja teemme kuoromatkan joka toinen vuosi.",
        ),
        founded=(1900, 1950),
        members=(40, 80),
        alternate_name="Jyväskylä Male Voice Choir",
    ),
    Kind(
        "Jyväskylän Naiskuoro ry",
        ("musiikki",),
        ("aikuiset",),
        (
            "Naiskuoro harjoittelee maanantaisin Keskustan musiikkiopistolla.",
            "Ohjelmistossa on kansanlauluja, viihdemusiikkia ja uusia kotimaisia teoksia.",
        ),
        founded=(1930, 1980),
        members=(30, 60),
    ),
    Kind(
        "Keski-Suomen Shakkikerho ry",
        ("harrastukset",),
        ("lapset", "nuoret", "aikuiset"),
        (
            "Shakkikerho kokoontuu tiistaisin pääkirjastolla pelaamaan pikashakkia ja "
            "harjoittelemaan avauksia.",
            "Juniorit saavat ilmaista valmennusta ja pääsevät mukaan joukkuekilpailuihin.",
        ),
        founded=(1920, 1980),
        members=(20, 120),
        alternate_name="Central Finland Chess Club",
    ),
    Kind(
        "Jyväskylän Kamerakerho ry",
        ("harrastukset", "kulttuuri-ja-taide"),
        ("aikuiset",),
        (
            "Kamerakerho on valokuvauksen harrastajien kohtaamispaikka.",
            "Järjestämme kuvausretkiä, kuvakritiikki-iltoja ja vuosittaisen valokuvanäyttelyn.",
        ),
        founded=(1940, 1990),
        members=(30, 150),
    ),
    Kind(
        "Jyväskylän Sienikerho ry",
        ("ymparisto-ja-luonto", "harrastukset"),
        ("aikuiset", "perheet"),
        (
            "Sienikerho opettaa tunnistamaan ruokasieniä ja järjestää syksyisin "
            "sieniretkiä lähimetsiin.",
            "Sieneneuvonta toimii torilla syyskuussa.",
        ),
        founded=(1970, 2000),
        members=(30, 150),
    ),
    Kind(
        "Jyväskylän Kansantanssijat ry",
        ("kulttuuri-ja-taide", "liikunta-ja-urheilu"),
        ("lapset", "aikuiset"),
        (
            "Kansantanssiryhmämme tanssivat suomalaisia ja pohjoismaisia kansantansseja.",
            "Aloittelijoiden ryhmä alkaa joka syksy; omia kenkiä ei tarvita.",
        ),
        founded=(1950, 1990),
        members=(30, 150),
    ),
    Kind(
        "Jyväskylän Harrastajateatteri ry",
        ("kulttuuri-ja-taide",),
        ("nuoret", "aikuiset"),
        (
            "Harrastajateatteri tekee kaksi ensi-iltaa vuodessa omalla näyttämöllään.",
            "Mukaan pääsee näyttelemään, lavastamaan tai tekemään valoja ja ääntä.",
        ),
        founded=(1960, 2000),
        members=(20, 100),
    ),
    Kind(
        "Jyväskylän Puhallinorkesteri ry",
        ("musiikki",),
        ("nuoret", "aikuiset"),
        (
            "Puhallinorkesteri soittaa marsseja, elokuvamusiikkia ja viihdettä.",
            "Uusia soittajia otetaan mukaan; soitin on tarvittaessa lainattavissa.",
        ),
        founded=(1950, 1990),
        members=(25, 70),
    ),
    Kind(
        "Jyväskylän Kirjoittajayhdistys ry",
        ("kulttuuri-ja-taide",),
        ("aikuiset",),
        (
            "Kirjoittajayhdistys kokoaa yhteen proosan, runojen ja näytelmien kirjoittajat.",
            "Tekstipajoissa annetaan palautetta ja vuosittain julkaistaan antologia.",
        ),
        founded=(1980, 2015),
        members=(20, 90),
    ),
    Kind(
        "Keski-Suomen Muistiyhdistys ry",
        ("sosiaali-ja-terveys", "ikaihmiset"),
        ("ikaihmiset", "perheet"),
        (
            "Muistiyhdistys tukee muistisairaita ja heidän läheisiään.",
            "Vertaisryhmät, muistikahvilat ja neuvonta ovat maksuttomia.",
        ),
        founded=(1985, 2010),
        members=(200, 900),
    ),
    Kind(
        "Jyväskylän Mielenterveysyhdistys ry",
        ("sosiaali-ja-terveys", "vapaaehtoistyo"),
        ("aikuiset", "erityisryhmat"),
        (
            "Mielenterveysyhdistys ylläpitää kohtaamispaikkaa, johon voi tulla ilman ajanvarausta.",
            "Vertaistukiryhmiä ohjaavat koulutetut vapaaehtoiset.",
        ),
        founded=(1970, 2000),
        members=(80, 400),
    ),
    Kind(
        "Jyväskylän Seudun Diabetesyhdistys ry",
        ("sosiaali-ja-terveys",),
        ("aikuiset", "perheet"),
        (
            "Diabetesyhdistys jakaa tietoa diabeteksen hoidosta ja järjestää liikuntaryhmiä.",
            "Lasten ja nuorten perheille järjestetään omat tapaamiset.",
        ),
        founded=(1960, 1990),
        members=(300, 1500),
    ),
    Kind(
        "Jyväskylän Seudun Näkövammaiset ry",
        ("sosiaali-ja-terveys",),
        ("erityisryhmat", "ikaihmiset"),
        (
            "Yhdistys ajaa näkövammaisten etuja ja tarjoaa vertaistukea.",
            "Jäsenille on tarjolla liikuntaa, retkiä ja apuvälineneuvontaa.",
        ),
        founded=(1930, 1970),
        members=(100, 500),
    ),
    Kind(
        "Jyväskylän Monikulttuurinen Naisyhdistys ry",
        ("monikulttuurisuus", "sosiaali-ja-terveys"),
        ("maahanmuuttajat", "aikuiset"),
        (
            "Yhdistys on eri maista tulleiden naisten kohtaamispaikka.",
            "Järjestämme suomen kielen keskusteluryhmiä, ruokailtoja ja neuvontaa arjen asioissa.",
        ),
        founded=(2000, 2020),
        members=(30, 200),
        languages=("fi", "ar", "so", "fa", "en"),
        alternate_name="Jyväskylä Multicultural Women's Association",
    ),
    Kind(
        "Jyväskylän Venäjänkielisten Yhdistys ry",
        ("monikulttuurisuus", "kulttuuri-ja-taide"),
        ("maahanmuuttajat", "perheet"),
        (
            "Yhdistys ylläpitää venäjän kieltä ja kulttuuria ja auttaa kotoutumisessa.",
            "Lapsille on kerho ja aikuisille kirjallisuuspiiri.",
        ),
        founded=(1995, 2015),
        members=(40, 250),
        languages=("ru", "fi"),
    ),
    Kind(
        "Jyväskylän Ukrainalaiset ry",
        ("monikulttuurisuus", "vapaaehtoistyo"),
        ("maahanmuuttajat", "perheet", "lapset"),
        (
            "Yhdistys tukee Jyväskylään tulleita ukrainalaisia perheitä.",
            "Järjestämme kielikursseja, lasten kerhoja ja kulttuuritapahtumia.",
        ),
        founded=(2014, 2023),
        members=(50, 400),
        languages=("uk", "fi", "en"),
    ),
    Kind(
        "Jyväskylän Suomi–Viro-seura ry",
        ("monikulttuurisuus", "kulttuuri-ja-taide"),
        ("aikuiset",),
        (
            "Seura edistää suomalaisten ja virolaisten ystävyyttä.",
            "Ohjelmassa on viron kielen kursseja, luentoja ja matkoja Viroon.",
        ),
        founded=(1950, 1995),
        members=(40, 200),
        languages=("fi", "et"),
    ),
    Kind(
        "Jyväskylän Suomalais-Saksalainen Yhdistys ry",
        ("monikulttuurisuus", "kulttuuri-ja-taide"),
        ("aikuiset",),
        (
            "Yhdistys tuo saksalaista kulttuuria Jyväskylään ja tarjoaa saksan keskusteluryhmän.",
            "Joulukuussa pidetään perinteiset joulumarkkinat.",
        ),
        founded=(1950, 1990),
        members=(40, 180),
        languages=("fi", "de"),
    ),
    Kind(
        "Jyväskylän Somaliyhdistys ry",
        ("monikulttuurisuus", "lapset-ja-nuoret"),
        ("maahanmuuttajat", "nuoret", "perheet"),
        (
            "Yhdistys tukee somalialaistaustaisia perheitä ja nuoria.",
            "Läksykerho ja jalkapallovuorot ovat avoimia kaikille.",
        ),
        founded=(1995, 2015),
        members=(30, 200),
        languages=("so", "fi", "en"),
    ),
    Kind(
        "Jyväskylän Ylioppilasteatteri ry",
        ("kulttuuri-ja-taide", "opiskelijat"),
        ("opiskelijat", "nuoret"),
        (
            "Ylioppilasteatteri tekee kokeilevaa teatteria opiskelijavoimin.",
            "Teatterikurssit alkavat lukukausien alussa.",
        ),
        founded=(1950, 1980),
        members=(30, 120),
    ),
    Kind(
        "Keski-Suomen Kansainväliset Opiskelijat ry",
        ("opiskelijat", "monikulttuurisuus"),
        ("opiskelijat", "maahanmuuttajat"),
        (
            "Yhdistys auttaa kansainvälisiä opiskelijoita asettumaan Jyväskylään.",
            "Tutor-toiminta, retket ja kieliklubit toimivat englanniksi ja suomeksi.",
        ),
        founded=(1995, 2015),
        members=(100, 700),
        languages=("en", "fi"),
        alternate_name="Central Finland International Students",
    ),
    Kind(
        "Jyväskylän Luonnonsuojeluyhdistys ry",
        ("ymparisto-ja-luonto",),
        ("aikuiset", "perheet"),
        (
            "Luonnonsuojeluyhdistys puolustaa Jyväskylän metsiä, soita ja rantoja.",
            "Järjestämme luontoretkiä, niittotalkoita ja vieraslajien kitkentää.",
        ),
        founded=(1970, 1990),
        members=(100, 500),
    ),
    Kind(
        "Jyväskylän Kaupunkiviljelijät ry",
        ("ymparisto-ja-luonto", "harrastukset"),
        ("aikuiset", "perheet"),
        (
            "Kaupunkiviljelijät vuokraavat jäsenilleen viljelylaatikoita ja palstoja.",
            "Kevään taimitori ja syksyn sadonkorjuujuhla ovat kaikille avoimia.",
        ),
        founded=(2010, 2022),
        members=(30, 250),
    ),
    Kind(
        "Jyväskylän Pyöräilijät ry",
        ("liikunta-ja-urheilu", "ymparisto-ja-luonto"),
        ("aikuiset",),
        (
            "Pyöräilijät ajavat yhteislenkkejä maantiellä ja maastossa.",
            "Yhdistys edistää myös arkipyöräilyä ja turvallisia pyöräteitä.",
        ),
        founded=(1970, 2015),
        members=(50, 400),
    ),
    Kind(
        "Jyväskylän Frisbeegolfseura ry",
        ("liikunta-ja-urheilu",),
        ("nuoret", "aikuiset"),
        (
            "Frisbeegolfseura ylläpitää ratoja yhdessä kaupungin kanssa.",
            "Viikkokisat ovat avoimia kaikille tasoille.",
        ),
        founded=(2000, 2020),
        members=(50, 500),
    ),
    Kind(
        "Jyväskylän Uimaseura ry",
        ("liikunta-ja-urheilu", "lapset-ja-nuoret"),
        ("lapset", "nuoret"),
        (
            "Uimaseura opettaa lapsia uimaan ja valmentaa kilpauimareita.",
            "Uimakoulut alkavat syksyllä ja keväällä AaltoAlvarin altaissa.",
        ),
        founded=(1920, 1970),
        members=(200, 900),
    ),
    Kind(
        "Jyväskylän Suunnistajat ry",
        ("liikunta-ja-urheilu", "ymparisto-ja-luonto"),
        ("lapset", "aikuiset"),
        (
            "Suunnistusseura järjestää iltarasteja touko–syyskuussa.",
            "Lasten suunnistuskoulussa opitaan kartanlukua leikin kautta.",
        ),
        founded=(1940, 1980),
        members=(100, 600),
    ),
    Kind(
        "Jyväskylän Ratsastajat ry",
        ("liikunta-ja-urheilu", "elaimet"),
        ("lapset", "nuoret"),
        (
            "Ratsastusseura järjestää kilpailuja ja tallikerhoja.",
            "Seura edistää hevosten hyvinvointia ja turvallista ratsastusta.",
        ),
        founded=(1950, 1990),
        members=(60, 300),
    ),
    Kind(
        "Jyväskylän Kennelkerho ry",
        ("elaimet", "harrastukset"),
        ("aikuiset",),
        (
            "Kennelkerho järjestää koirien pentukursseja, tokoa ja agilityä.",
            "Kerho ylläpitää koulutuskenttää Keljonkankaalla.",
        ),
        founded=(1950, 1990),
        members=(100, 500),
    ),
    Kind(
        "Keski-Suomen Kissayhdistys ry",
        ("elaimet",),
        ("aikuiset",),
        (
            "Kissayhdistys auttaa löytökissoja uusiin koteihin.",
            "Vapaaehtoiset sijaiskodit ovat toiminnan sydän.",
        ),
        founded=(1980, 2015),
        members=(50, 300),
    ),
    Kind(
        "Jyväskylän Reserviupseerit ry",
        ("maanpuolustus",),
        ("aikuiset",),
        (
            "Reserviupseeriyhdistys ylläpitää jäsentensä johtamis- ja maanpuolustustaitoja.",
            "Ohjelmassa on ammuntaa, esitelmiä ja perinnetilaisuuksia.",
        ),
        founded=(1930, 1960),
        members=(150, 600),
    ),
    Kind(
        "Jyväskylän Maanpuolustusnaiset ry",
        ("maanpuolustus", "vapaaehtoistyo"),
        ("aikuiset",),
        (
            "Maanpuolustusnaiset kouluttavat varautumista, ensiapua ja viestintää.",
            "Kurssit sopivat kaikille naisille iästä riippumatta.",
        ),
        founded=(1990, 2010),
        members=(40, 200),
    ),
    Kind(
        "Jyväskylän Kristillinen Nuorisoyhdistys ry",
        ("uskonnollinen-toiminta", "lapset-ja-nuoret"),
        ("nuoret", "lapset"),
        (
            "Yhdistys järjestää nuorille leirejä, kerhoja ja nuortenillat.",
            "Toimintaan voi osallistua vakaumuksesta riippumatta.",
        ),
        founded=(1900, 1960),
        members=(50, 300),
    ),
    Kind(
        "Jyväskylän Ruoka-apu ry",
        ("vapaaehtoistyo", "sosiaali-ja-terveys"),
        ("aikuiset", "perheet", "ikaihmiset"),
        (
            "Vapaaehtoiset jakavat kauppojen ylijäämäruokaa kahdesti viikossa.",
            "Apua saa ilman ennakkoilmoittautumista.",
        ),
        founded=(2005, 2020),
        members=(20, 150),
    ),
    Kind(
        "Jyväskylän Ystäväpalvelu ry",
        ("vapaaehtoistyo", "ikaihmiset"),
        ("ikaihmiset", "aikuiset"),
        (
            "Ystäväpalvelu välittää yksinäisille ikäihmisille vapaaehtoisen ystävän.",
            "Uudet vapaaehtoiset saavat maksuttoman ystäväkurssin.",
        ),
        founded=(1990, 2015),
        members=(40, 250),
    ),
    Kind(
        "Jyväskylän Perhekahvila ry",
        ("lapset-ja-nuoret", "sosiaali-ja-terveys"),
        ("perheet", "lapset"),
        (
            "Perhekahvila on pienten lasten vanhempien kohtaamispaikka.",
            "Kahvila on auki arkiaamuisin ja ohjelmassa on laulua ja leikkiä.",
        ),
        founded=(2000, 2020),
        members=(20, 150),
    ),
    Kind(
        "Jyväskylän Jazzyhdistys ry",
        ("musiikki",),
        ("aikuiset",),
        (
            "Jazzyhdistys järjestää klubi-iltoja ja jamisessioita ympäri vuoden.",
            "Jäsenet pääsevät konsertteihin alennuksella.",
        ),
        founded=(1970, 2000),
        members=(50, 300),
    ),
    Kind(
        "Jyväskylän Rock-yhdistys ry",
        ("musiikki", "lapset-ja-nuoret"),
        ("nuoret",),
        (
            "Rock-yhdistys vuokraa bändeille treenikämppiä ja järjestää keikkoja nuorille.",
            "Bändikoulu alkaa syksyisin.",
        ),
        founded=(1980, 2010),
        members=(50, 300),
    ),
    Kind(
        "Jyväskylän Elokuvakerho ry",
        ("kulttuuri-ja-taide",),
        ("aikuiset", "opiskelijat"),
        (
            "Elokuvakerho näyttää klassikoita ja uutta taide-elokuvaa kerran viikossa.",
            "Näytöksiä seuraa usein keskustelu.",
        ),
        founded=(1950, 1990),
        members=(50, 400),
    ),
    Kind(
        "Jyväskylän Taiteilijaseura ry",
        ("kulttuuri-ja-taide",),
        ("aikuiset",),
        (
            "Taiteilijaseura ylläpitää galleriaa ja jäsenten työhuoneita.",
            "Järjestämme näyttelyitä ja taidekursseja kaikenikäisille.",
        ),
        founded=(1920, 1970),
        members=(40, 150),
    ),
    Kind(
        "Jyväskylän Käsityöyhdistys ry",
        ("harrastukset", "kulttuuri-ja-taide"),
        ("aikuiset", "ikaihmiset"),
        (
            "Käsityöyhdistys pitää kutomoa, jossa jäsenet voivat kutoa mattoja.",
            "Kursseilla opetellaan neulomista, virkkausta ja perinnetekniikoita.",
        ),
        founded=(1920, 1980),
        members=(40, 250),
    ),
    Kind(
        "Jyväskylän Lautapelikerho ry",
        ("harrastukset",),
        ("nuoret", "aikuiset", "opiskelijat"),
        (
            "Lautapelikerho kokoontuu torstaisin pelaamaan uusia ja vanhoja lautapelejä.",
            "Pelikirjastosta voi lainata pelejä kotiin.",
        ),
        founded=(2005, 2020),
        members=(30, 200),
    ),
    Kind(
        "Jyväskylän Robotiikkakerho ry",
        ("harrastukset", "lapset-ja-nuoret"),
        ("lapset", "nuoret"),
        (
            "Robotiikkakerhossa rakennetaan ja ohjelmoidaan robotteja.",
            "Kerhot on suunnattu 8–15-vuotiaille; laitteet tulevat kerholta.",
        ),
        founded=(2012, 2022),
        members=(20, 120),
    ),
    Kind(
        "Jyväskylän Senioriliikkujat ry",
        ("liikunta-ja-urheilu", "ikaihmiset"),
        ("ikaihmiset",),
        (
            "Senioriliikkujat järjestävät kuntosalivuoroja, vesijumppaa ja kävelyryhmiä.",
            "Ohjaajina toimivat koulutetut vertaisohjaajat.",
        ),
        founded=(1990, 2015),
        members=(100, 600),
    ),
    Kind(
        "Jyväskylän Talviuimarit ry",
        ("liikunta-ja-urheilu",),
        ("aikuiset",),
        (
            "Talviuimarit ylläpitävät avantoa ja saunaa Tuomiojärven rannalla.",
            "Saunavuoroja on joka päivä lokakuusta huhtikuuhun.",
        ),
        founded=(1970, 2000),
        members=(200, 900),
    ),
    Kind(
        "Keski-Suomen Sukututkijat ry",
        ("harrastukset", "kulttuuri-ja-taide"),
        ("aikuiset", "ikaihmiset"),
        (
            "Sukututkijat neuvovat arkistojen ja tietokantojen käytössä.",
            "Tutkimusillat pidetään maakunta-arkistossa.",
        ),
        founded=(1970, 2000),
        members=(80, 400),
    ),
    Kind(
        "Jyväskylän Kotiseutuyhdistys ry",
        ("kulttuuri-ja-taide",),
        ("aikuiset", "ikaihmiset"),
        (
            "Kotiseutuyhdistys vaalii jyväskyläläistä rakennusperintöä ja kaupunkikulttuuria.",
            "Kesäisin järjestämme opastettuja kävelykierroksia.",
        ),
        founded=(1920, 1970),
        members=(100, 500),
    ),
    Kind(
        "Jyväskylän Opiskelijoiden Liikuntaseura ry",
        ("liikunta-ja-urheilu", "opiskelijat"),
        ("opiskelijat",),
        (
            "Opiskelijoiden liikuntaseura tarjoaa edullisia lajikokeiluja ja harrastevuoroja.",
            "Mukaan pääsee ilman aiempaa kokemusta.",
        ),
        founded=(1960, 2000),
        members=(200, 1200),
        languages=("fi", "en"),
        alternate_name="Jyväskylä Students' Sports Club",
    ),
    Kind(
        "Jyväskylän Kuurojen Yhdistys ry",
        ("sosiaali-ja-terveys", "kulttuuri-ja-taide"),
        ("erityisryhmat", "aikuiset"),
        (
            "Kuurojen yhdistys on viittomakielisten kohtaamispaikka.",
            "Kerhotalolla on viikoittain ohjelmaa, retkiä ja viittomakielen kursseja.",
        ),
        founded=(1900, 1950),
        members=(50, 200),
    ),
    Kind(
        "Jyväskylän Kuorolaiset ry",
        ("musiikki", "ikaihmiset"),
        ("ikaihmiset",),
        (
            "Seniorikuoro laulaa tuttuja lauluja ja esiintyy palvelutaloissa.",
            "Uudet laulajat ovat tervetulleita ilman koelaulua.",
        ),
        founded=(1990, 2015),
        members=(20, 60),
    ),
    Kind(
        "Jyväskylän Kaupunginosien Liitto ry",
        ("asukastoiminta",),
        ("aikuiset",),
        (
            "Liitto on Jyväskylän asukasyhdistysten yhteistyöjärjestö.",
            "Se tuo asukkaiden äänen kaupungin päätöksentekoon.",
        ),
        founded=(1990, 2010),
        members=(15, 40),
    ),
]

# Swedish-speaking associations; the Finnish name goes in alternate_name.
SWEDISH_KINDS = [
    Kind(
        "Svenska klubben i Jyväskylä rf",
        ("kulttuuri-ja-taide", "monikulttuurisuus"),
        ("aikuiset", "perheet"),
        (
            "Svenska klubben samlar svenskspråkiga och tvåspråkiga i Jyväskylä.",
            "Vi ordnar föredrag, utfärder och en traditionell luciafest.",
        ),
        founded=(1920, 1960),
        members=(60, 200),
        languages=("sv", "fi"),
        alternate_name="Jyväskylän Ruotsalainen Klubi ry",
    ),
    Kind(
        "Jyväskylä svenska scoutkår rf",
        ("partio", "lapset-ja-nuoret"),
        ("lapset", "nuoret"),
        (
            "Scoutkåren samlas varje vecka och åker på läger och utfärder.",
            "Alla barn som vill scouta på svenska är välkomna.",
        ),
        founded=(1950, 1990),
        members=(20, 80),
        languages=("sv",),
        alternate_name="Jyväskylän ruotsinkieliset partiolaiset",
    ),
    Kind(
        "Svenska kören i Jyväskylä rf",
        ("musiikki",),
        ("aikuiset",),
        (
            "Kören sjunger nordisk körmusik och uppträder vid jul och på våren.",
            "Vi övar på tisdagar och tar gärna emot nya sångare.",
        ),
        founded=(1950, 1990),
        members=(15, 40),
        languages=("sv", "fi"),
    ),
    Kind(
        "Mellersta Finlands svenska pensionärer rf",
        ("ikaihmiset",),
        ("ikaihmiset",),
        (
            "Föreningen ordnar träffar, resor och motion för svenskspråkiga pensionärer.",
            "Kaffe och samtal hör alltid till.",
        ),
        founded=(1970, 2000),
        members=(30, 120),
        languages=("sv",),
        alternate_name="Keski-Suomen ruotsinkieliset eläkeläiset ry",
    ),
    Kind(
        "Föräldraföreningen vid Svenska skolan i Jyväskylä rf",
        ("lapset-ja-nuoret", "vapaaehtoistyo"),
        ("perheet", "lapset"),
        (
            "Föräldraföreningen stöder skolans verksamhet och samarbetet mellan hem och skola.",
            "Vi samlar in pengar till lägerskolor och ordnar skoldiscon.",
        ),
        founded=(1990, 2015),
        members=(20, 80),
        languages=("sv", "fi"),
    ),
    Kind(
        "Jyväskylä svenska teatergrupp rf",
        ("kulttuuri-ja-taide",),
        ("aikuiset", "nuoret"),
        (
            "Teatergruppen sätter upp en pjäs på svenska varje år.",
            "Både skådespelare och tekniker behövs.",
        ),
        founded=(1980, 2015),
        members=(10, 40),
        languages=("sv",),
    ),
    Kind(
        "Finlandssvenska studerande i Jyväskylä rf",
        ("opiskelijat",),
        ("opiskelijat",),
        (
            "Föreningen är en mötesplats för svenskspråkiga studerande vid universitetet och "
            "yrkeshögskolan.",
            "Vi ordnar sitzar, utflykter och tentläsning tillsammans.",
        ),
        founded=(1970, 2010),
        members=(40, 200),
        languages=("sv", "fi", "en"),
        alternate_name="Jyväskylän suomenruotsalaiset opiskelijat ry",
    ),
    Kind(
        "Svensk-finska vänskapsföreningen i Mellersta Finland rf",
        ("monikulttuurisuus", "kulttuuri-ja-taide"),
        ("aikuiset",),
        (
            "Föreningen främjar vänskapen mellan Sverige och Finland.",
            "Vi ordnar språkcaféer och kulturkvällar.",
        ),
        founded=(1950, 1990),
        members=(30, 150),
        languages=("sv", "fi"),
        alternate_name="Keski-Suomen Suomi–Ruotsi-seura ry",
    ),
    Kind(
        "Jyväskylä Marthaförening rf",
        ("harrastukset", "vapaaehtoistyo"),
        ("aikuiset",),
        (
            "Marthorna lagar mat, handarbetar och lär sig om hushåll tillsammans.",
            "Nya medlemmar är välkomna till våra kvällar.",
        ),
        founded=(1920, 1970),
        members=(15, 60),
        languages=("sv",),
    ),
    Kind(
        "Svenska församlingens vänner i Jyväskylä rf",
        ("uskonnollinen-toiminta",),
        ("aikuiset", "ikaihmiset", "perheet"),
        (
            "Föreningen stöder den svenskspråkiga församlingsverksamheten i Jyväskylä.",
            "Vi ordnar andakter, basarer och familjeträffar.",
        ),
        founded=(1950, 1990),
        members=(30, 150),
        languages=("sv",),
    ),
]

# Sentences that close a description; two are picked per association.
