"""The translation catalogues: complete in Finnish and Swedish, valid everywhere.

Fuzzy or empty entries are silently shown in English, and a lost placeholder
turns into a KeyError or a garbled sentence at run time, so both are checked
here rather than found by a visitor.
"""

import re
from pathlib import Path

import polib
import pytest
from django import forms
from django.conf import settings
from django.utils import translation

LOCALE_DIR = Path(settings.BASE_DIR) / "locale"
PO_FILES = sorted(LOCALE_DIR.glob("*/LC_MESSAGES/*.po"))
TRANSLATED_LANGUAGES = ["fi", "sv"]  # English falls back to the msgids

# %(name)s, %s, %d, %.2f … (but not an escaped %%) and str.format's {name}.
PLACEHOLDER = re.compile(
    r"%(?:\([^)]+\))?[-#0 +]*(?:\d+|\*)?(?:\.\d+)?[diouxXeEfFgGcrsa]|\{[A-Za-z_]\w*\}"
)


def placeholders(text: str) -> set[str]:
    return set(PLACEHOLDER.findall(text.replace("%%", "")))


def catalogue(language: str) -> polib.POFile:
    return polib.pofile(str(LOCALE_DIR / language / "LC_MESSAGES" / "django.po"))


def entry_id(entry: polib.POEntry) -> str:
    return f"{entry.msgctxt}|{entry.msgid}" if entry.msgctxt else entry.msgid


def test_there_is_a_catalogue_for_every_language_of_the_site():
    languages = {path.parent.parent.name for path in PO_FILES}
    assert languages >= {code for code, _name in settings.LANGUAGES}


@pytest.mark.parametrize("path", PO_FILES, ids=lambda path: path.parent.parent.name)
def test_every_catalogue_parses_and_has_a_valid_header(path):
    po = polib.pofile(str(path))
    language = path.parent.parent.name
    assert po.metadata.get("Language") == language
    assert "charset=UTF-8" in po.metadata.get("Content-Type", "")
    assert po.metadata.get("Plural-Forms") == "nplurals=2; plural=(n != 1);"
    assert not po.metadata_is_fuzzy, "a fuzzy header is skipped by msgfmt"


@pytest.mark.parametrize("language", TRANSLATED_LANGUAGES)
def test_finnish_and_swedish_catalogues_are_complete(language):
    po = catalogue(language)
    untranslated = [entry_id(entry) for entry in po.untranslated_entries()]
    assert untranslated == []
    assert po.percent_translated() == 100


@pytest.mark.parametrize("language", TRANSLATED_LANGUAGES)
def test_finnish_and_swedish_catalogues_have_no_fuzzy_entries(language):
    # Fuzzy entries are not compiled: the visitor would see English.
    assert [entry_id(entry) for entry in catalogue(language).fuzzy_entries()] == []


@pytest.mark.parametrize("language", TRANSLATED_LANGUAGES)
def test_every_plural_form_is_filled_in(language):
    empty = [
        entry_id(entry)
        for entry in catalogue(language)
        if entry.msgid_plural and not all(entry.msgstr_plural.get(n) for n in (0, 1))
    ]
    assert empty == []


@pytest.mark.parametrize("language", TRANSLATED_LANGUAGES)
def test_translations_keep_the_placeholders_of_the_english_text(language):
    mismatches = []
    for entry in catalogue(language).translated_entries():
        if entry.msgid_plural:
            pairs = [
                (entry.msgid, entry.msgstr_plural[0]),
                (entry.msgid_plural, entry.msgstr_plural[1]),
            ]
        else:
            pairs = [(entry.msgid, entry.msgstr)]
        for source, translated in pairs:
            if placeholders(source) != placeholders(translated):
                mismatches.append((source, translated))
    assert mismatches == []


def test_placeholder_check_notices_a_lost_or_renamed_placeholder():
    assert placeholders("Logo of %(name)s") != placeholders("Logo")
    assert placeholders("Logo of %(name)s") != placeholders("%(nimi)s – logo")
    assert placeholders("Page %d of {total}") == placeholders("Sivu %d / {total}")
    assert placeholders("100 %% sure") == set()


@pytest.fixture
def compiled_locale(settings, tmp_path):
    """The catalogues compiled into a temporary folder, so the test does not rely on `make`."""
    for path in PO_FILES:
        target = tmp_path / path.relative_to(LOCALE_DIR)
        target.parent.mkdir(parents=True, exist_ok=True)
        polib.pofile(str(path)).save_as_mofile(str(target.with_suffix(".mo")))
    # Changing LOCALE_PATHS makes Django drop its cached translations.
    settings.LOCALE_PATHS = [tmp_path]
    return tmp_path


def test_compiled_finnish_catalogue_translates_the_site(compiled_locale):
    with translation.override("fi"):
        assert translation.gettext("Accessibility statement") == "Saavutettavuusseloste"
        assert translation.gettext("Accepts new members") == "Ottaa uusia jäseniä"
        count = "%(counter)s association"
        counts = "%(counter)s associations"
        assert translation.ngettext(count, counts, 1) % {"counter": 1} == "1 yhdistys"
        assert translation.ngettext(count, counts, 3) % {"counter": 3} == "3 yhdistystä"


def test_compiled_swedish_catalogue_translates_the_site(compiled_locale):
    with translation.override("sv"):
        assert translation.gettext("Accessibility statement") == "Tillgänglighetsutlåtande"
        assert translation.gettext("Seeks volunteers") == "Söker frivilliga"


def test_english_shows_the_source_text(compiled_locale):
    with translation.override("en"):
        assert translation.gettext("Accessibility statement") == "Accessibility statement"


def required_field_error(language: str) -> str:
    with translation.override(language):
        try:
            forms.EmailField().clean("")
        except forms.ValidationError as error:
            return str(error.messages[0])  # evaluated while the language is active
    raise AssertionError("an empty required field passed validation")


def test_django_own_messages_appear_in_finnish_and_swedish(compiled_locale):
    assert required_field_error("fi") == "Tämä kenttä vaaditaan."
    assert required_field_error("sv") == "Detta fält måste fyllas i."


def test_finnish_says_valinnainen_for_optional_and_keeps_vapaaehtoinen_for_volunteers():
    for entry in catalogue("fi"):
        if "optional" in entry.msgid.lower():
            assert "valinnai" in entry.msgstr.lower(), entry.msgid
        if "vapaaehtoi" in entry.msgstr.lower():
            assert "volunteer" in entry.msgid.lower(), entry.msgid
