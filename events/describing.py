"""A series' rule as a sentence people read: "joka toinen viikko tiistaisin klo 18–20".

The three languages build their sentences differently (Finnish weekdays take the
adverbial "tiistaisin" and ordinals the essive "kolmantena torstaina"; Swedish
counts "var 3:e vecka"), so each has its own small table and word order here rather
than one English sentence with translated pieces. Other languages read English.
"""

from __future__ import annotations

from datetime import date, time

from events.recurrence import Schedule, parse

WEEKDAYS = ("MO", "TU", "WE", "TH", "FR", "SA", "SU")

WORDS = {
    "en": {
        "day": ("Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday", "Sunday"),
        "month": (
            "January", "February", "March", "April", "May", "June", "July",
            "August", "September", "October", "November", "December",
        ),
        "ordinal": {1: "first", 2: "second", 3: "third", 4: "fourth", 5: "fifth", -1: "last",
                    -2: "second to last"},
        "every": {"DAILY": ("every day", "every other day", "every {n} days"),
                  "WEEKLY": ("every week", "every other week", "every {n} weeks"),
                  "MONTHLY": ("every month", "every other month", "every {n} months"),
                  "YEARLY": ("every year", "every other year", "every {n} years")},
        "and": "and",
    },
    "fi": {
        "day": ("maanantaisin", "tiistaisin", "keskiviikkoisin", "torstaisin", "perjantaisin",
                "lauantaisin", "sunnuntaisin"),
        "day_essive": ("maanantaina", "tiistaina", "keskiviikkona", "torstaina", "perjantaina",
                       "lauantaina", "sunnuntaina"),
        "day_name": ("maanantai", "tiistai", "keskiviikko", "torstai", "perjantai", "lauantai",
                     "sunnuntai"),
        "month": (
            "tammikuussa", "helmikuussa", "maaliskuussa", "huhtikuussa", "toukokuussa",
            "kesäkuussa", "heinäkuussa", "elokuussa", "syyskuussa", "lokakuussa",
            "marraskuussa", "joulukuussa",
        ),
        "ordinal": {1: "ensimmäisenä", 2: "toisena", 3: "kolmantena", 4: "neljäntenä",
                    5: "viidentenä", -1: "viimeisenä", -2: "toiseksi viimeisenä"},
        "every": {"DAILY": ("joka päivä", "joka toinen päivä", "{n} päivän välein"),
                  "WEEKLY": ("joka viikko", "joka toinen viikko", "{n} viikon välein"),
                  "MONTHLY": ("joka kuukausi", "joka toinen kuukausi", "{n} kuukauden välein"),
                  "YEARLY": ("joka vuosi", "joka toinen vuosi", "{n} vuoden välein")},
        "and": "ja",
    },
    "sv": {
        "day": ("måndag", "tisdag", "onsdag", "torsdag", "fredag", "lördag", "söndag"),
        "day_definite": ("måndagen", "tisdagen", "onsdagen", "torsdagen", "fredagen",
                         "lördagen", "söndagen"),
        "month": (
            "januari", "februari", "mars", "april", "maj", "juni", "juli", "augusti",
            "september", "oktober", "november", "december",
        ),
        "ordinal": {1: "första", 2: "andra", 3: "tredje", 4: "fjärde", 5: "femte", -1: "sista",
                    -2: "näst sista"},
        "every": {"DAILY": ("varje dag", "varannan dag", "var {n}:e dag"),
                  "WEEKLY": ("varje vecka", "varannan vecka", "var {n}:e vecka"),
                  "MONTHLY": ("varje månad", "varannan månad", "var {n}:e månad"),
                  "YEARLY": ("varje år", "vartannat år", "vart {n}:e år")},
        "and": "och",
    },
}  # fmt: skip


def _join(items: list[str], word: str) -> str:
    if len(items) <= 1:
        return "".join(items)
    return f"{', '.join(items[:-1])} {word} {items[-1]}"


def _clock(moment: time, language: str) -> str:
    separator = ":" if language == "en" else "."
    return f"{moment.hour}" if not moment.minute else f"{moment.hour}{separator}{moment:%M}"


def _date(day: date, language: str) -> str:
    if language == "en":
        return f"{day.day} {WORDS['en']['month'][day.month - 1]} {day.year}"
    return f"{day.day}.{day.month}.{day.year}"


def _weekday(value: str) -> tuple[int | None, int]:
    """("3TH") -> (3, 3): the ordinal (None for every) and the weekday's index."""
    ordinal = value[:-2]
    return (int(ordinal) if ordinal else None), WEEKDAYS.index(value[-2:])


def _ordinal(n: int, words: dict, language: str) -> str:
    if n in words["ordinal"]:
        return words["ordinal"][n]
    return {"fi": f"{n}.", "sv": f"{n}:e"}.get(language, f"{n}th")


def _every(freq: str, interval: int, words: dict) -> str:
    once, other, many = words["every"][freq]
    return once if interval == 1 else other if interval == 2 else many.format(n=interval)


def _days(parts: dict, words: dict, language: str) -> str:
    """The days of the rule: weekdays (with ordinals), days of the month, months."""
    bits = []
    days = [_weekday(v) for v in parts["BYDAY"].split(",")] if "BYDAY" in parts else []
    setpos = [int(v) for v in parts["BYSETPOS"].split(",")] if "BYSETPOS" in parts else []
    if setpos and days:
        names = _join([words.get("day_name", words["day"])[d] for _n, d in days], words["and"])
        which = _join([_ordinal(n, words, language) for n in setpos], words["and"])
        bits.append(
            {
                "fi": f"{which} näistä päivistä: {names}",
                "sv": f"den {which} av dagarna {names}",
            }.get(language, f"on the {which} of {names}")
        )
    elif any(n is not None for n, _d in days):
        phrases = []
        for n, d in days:
            if language == "fi":
                day = words["day_essive"][d] if n is not None else words["day"][d]
                phrases.append(f"{_ordinal(n, words, language)} {day}" if n is not None else day)
            elif language == "sv":
                day = words["day_definite"][d]
                phrases.append(f"den {_ordinal(n, words, language)} {day}" if n else f"på {day}")
            else:
                day = words["day"][d]
                phrases.append(f"the {_ordinal(n, words, language)} {day}" if n else day)
        text = _join(phrases, words["and"])
        bits.append(f"on {text}" if language == "en" else text)
    elif days:
        text = _join([words["day"][d] for _n, d in days], words["and"])
        bits.append({"fi": text, "sv": f"på {text}"}.get(language, f"on {text}"))
    if "BYMONTHDAY" in parts:
        numbers = [int(v) for v in parts["BYMONTHDAY"].split(",")]
        if language == "fi":
            texts = [f"{n}." if n > 0 else _ordinal(n, words, language) for n in numbers]
            bits.append(f"kuun {_join(texts, 'ja')} päivänä")
        elif language == "sv":
            texts = [str(n) if n > 0 else f"{_ordinal(n, words, language)} dagen" for n in numbers]
            bits.append(f"den {_join(texts, 'och')}")
        else:
            texts = [str(n) if n > 0 else f"the {_ordinal(n, words, language)}" for n in numbers]
            word = "day" if len(texts) == 1 else "days"
            bits.append(f"on {word} {_join(texts, 'and')} of the month")
    if "BYMONTH" in parts:
        months = _join([words["month"][int(m) - 1] for m in parts["BYMONTH"].split(",")],
                       words["and"])  # fmt: skip
        bits.append({"fi": months, "sv": f"i {months}"}.get(language, f"in {months}"))
    return " ".join(bits)


def describe_schedule(schedule: Schedule, language: str) -> str:
    language = language[:2] if language[:2] in WORDS else "en"
    words = WORDS[language]
    start = schedule.start_time
    end = (schedule.dtstart + schedule.duration).time()
    times = f"{_clock(start, language)}–{_clock(end, language)}"
    clock = {"fi": f"klo {times}", "sv": f"kl. {times}"}.get(language, times)
    if not schedule.rrule:
        text = f"{_date(schedule.start_date, language)} {clock}"
        if language == "en":
            text = f"{_date(schedule.start_date, language)}, {clock}"
    else:
        parts = parse(schedule.rrule)
        pieces = [_every(parts["FREQ"], int(parts.get("INTERVAL", 1)), words)]
        days = _days(parts, words, language)
        if days:
            pieces.append(days)
        text = " ".join(pieces) + (f", {clock}" if language == "en" else f" {clock}")
        if "COUNT" in parts:
            count = int(parts["COUNT"])
            text += {
                "fi": f", {count} kertaa" if count != 1 else ", kerran",
                "sv": f", {count} gånger" if count != 1 else ", en gång",
            }.get(language, f", {count} times" if count != 1 else ", once")
        elif "UNTIL" in parts:
            until = _date(date(*map(int, (parts["UNTIL"][:4], parts["UNTIL"][4:6],
                                          parts["UNTIL"][6:8]))), language)  # fmt: skip
            text += {"fi": f", {until} asti", "sv": f", till och med {until}"}.get(
                language, f", until {until}"
            )
    if schedule.excluded_dates:
        dates = _join([_date(d, language) for d in sorted(schedule.excluded_dates)],
                      words["and"])  # fmt: skip
        text += {"fi": f"; ei {dates}", "sv": f"; inte {dates}"}.get(language, f"; not on {dates}")
    if schedule.added_dates:
        dates = _join([_date(d, language) for d in sorted(schedule.added_dates)], words["and"])
        text += {"fi": f"; lisäksi {dates}", "sv": f"; dessutom {dates}"}.get(
            language, f"; also on {dates}"
        )
    return text


def describe(series, language: str) -> str:
    """The series' schedule as a sentence in `language` (fi, sv or en)."""
    return describe_schedule(Schedule.of(series), language)
