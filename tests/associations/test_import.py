"""`manage.py import_associations`: the CSV import documented in docs/import.md."""

import re
from io import StringIO
from pathlib import Path

import pytest
from django.core.management import call_command
from django.core.management.base import CommandError
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.utils import timezone, translation

from associations.importer import SEARCH_FIELDS, import_associations
from associations.models import Association
from tests.factories import (
    ActivityLanguageFactory,
    AssociationFactory,
    CategoryFactory,
    DistrictFactory,
    TargetGroupFactory,
)

DOCS_FILE = Path(__file__).resolve().parents[2] / "docs" / "import.md"
EXAMPLE_FILE = DOCS_FILE.parent / "examples" / "associations-example.csv"

HEADER = "name,register_number,business_id,description,categories,districts,email,website\n"


@pytest.fixture(autouse=True)
def _english_messages():
    # The messages are asserted in their source language whatever translations exist.
    with translation.override("en"):
        yield


@pytest.fixture
def vocabulary(db):
    return {
        "music": CategoryFactory(
            slug="musiikki", name_fi="Musiikki", name_sv="Musik", name_en="Music"
        ),
        "sports": CategoryFactory(
            slug="liikunta-ja-urheilu",
            name_fi="Liikunta ja urheilu",
            name_sv="Idrott och motion",
            name_en="Sports and exercise",
        ),
        "kuokkala": DistrictFactory(
            slug="kuokkala", name_fi="Kuokkala", name_sv="Kuokkala", name_en="Kuokkala"
        ),
        "keskusta": DistrictFactory(
            slug="keskusta", name_fi="Keskusta", name_sv="Centrum", name_en="City centre"
        ),
        "families": TargetGroupFactory(
            slug="perheet", name_fi="Perheet", name_sv="Familjer", name_en="Families"
        ),
        "finnish": ActivityLanguageFactory(
            slug="fi", name_fi="suomi", name_sv="finska", name_en="Finnish"
        ),
    }


def run_import(tmp_path, text, *options, encoding="utf-8", filename="yhdistykset.csv"):
    """Run the command on a file holding `text`; returns (stdout, stderr)."""
    path = tmp_path / filename
    path.write_bytes(text.encode(encoding))
    out, err = StringIO(), StringIO()
    call_command("import_associations", str(path), *options, stdout=out, stderr=err)
    return out.getvalue(), err.getvalue()


def run_failing_import(tmp_path, text, *options, **kwargs):
    """Run an import that must fail; returns (stderr, the CommandError's message)."""
    path = tmp_path / "yhdistykset.csv"
    path.write_bytes(text.encode(kwargs.get("encoding", "utf-8")))
    err = StringIO()
    with pytest.raises(CommandError) as failure:
        call_command("import_associations", str(path), *options, stdout=StringIO(), stderr=err)
    return err.getvalue(), str(failure.value)


GOOD_FILE = (
    HEADER + "Kuokkalan Laulajat ry,123.456,1234567-1,Kuoro kaikenikäisille.,Musiikki,Kuokkala,"
    "info@laulajat.example.fi,www.laulajat.example.fi\n"
    + "Keskustan Sählyseura ry,234 567,2345678-0,Sählyä joka tiistai.,"
    "liikunta-ja-urheilu;Music,Keskusta;kuokkala,,https://sahly.example.fi/\n"
)


def test_good_file_creates_published_unclaimed_associations(tmp_path, vocabulary):
    out, err = run_import(tmp_path, GOOD_FILE)

    assert "Created 2, updated 0, unchanged 0, skipped 0." in out
    assert err == ""
    choir = Association.objects.get(name="Kuokkalan Laulajat ry")
    assert choir.status == Association.Status.PUBLISHED
    assert choir.is_claimed is False
    assert choir.register_number == "123456"
    assert choir.business_id == "1234567-1"
    assert choir.website == "https://www.laulajat.example.fi"
    assert choir.slug == "kuokkalan-laulajat-ry"
    assert list(choir.categories.all()) == [vocabulary["music"]]
    assert list(choir.districts.all()) == [vocabulary["kuokkala"]]
    floorball = Association.objects.get(name="Keskustan Sählyseura ry")
    assert set(floorball.categories.all()) == {vocabulary["sports"], vocabulary["music"]}
    assert set(floorball.districts.all()) == {vocabulary["keskusta"], vocabulary["kuokkala"]}


def test_imported_association_is_found_by_its_category_name(tmp_path, vocabulary):
    run_import(tmp_path, GOOD_FILE)

    found = Association.objects.published().search("musiikki")

    # Neither name nor description says "musiikki": the category does.
    assert {a.name for a in found} == {"Kuokkalan Laulajat ry", "Keskustan Sählyseura ry"}


def test_imported_search_terms_are_those_the_model_computes(tmp_path, vocabulary):
    run_import(tmp_path, GOOD_FILE)

    for association in Association.objects.all():
        stored = {name: getattr(association, name) for name in SEARCH_FIELDS}
        association.set_search_terms()
        assert stored == {name: getattr(association, name) for name in SEARCH_FIELDS}
        assert association.search_terms_other  # categories and description are in


def test_running_the_same_file_again_updates_instead_of_duplicating(tmp_path, vocabulary):
    run_import(tmp_path, GOOD_FILE)
    choir = Association.objects.get(name="Kuokkalan Laulajat ry")

    out, _err = run_import(tmp_path, GOOD_FILE)

    assert "Created 0, updated 0, unchanged 2, skipped 0." in out
    assert Association.objects.count() == 2
    changed = GOOD_FILE.replace("Kuoro kaikenikäisille.", "Mieskuoro.").replace(
        ",Musiikki,Kuokkala,", ",Liikunta ja urheilu,Kuokkala,"
    )
    out, _err = run_import(tmp_path, changed)

    assert "Created 0, updated 1, unchanged 1, skipped 0." in out
    assert Association.objects.count() == 2
    updated = Association.objects.get(pk=choir.pk)
    assert updated.description == "Mieskuoro."
    assert list(updated.categories.all()) == [vocabulary["sports"]]
    assert updated.updated_at > choir.updated_at
    assert updated.version == choir.version + 1
    assert updated in Association.objects.search("urheilu")
    assert updated not in Association.objects.search("musiikki")


def test_rows_are_matched_by_business_id_when_the_register_number_is_missing(tmp_path, vocabulary):
    existing = AssociationFactory(name="Vanha nimi ry", business_id="1234567-1", is_claimed=False)

    out, _err = run_import(
        tmp_path, "nimi,y-tunnus,rekisterinumero\nUusi nimi ry,1234567-1,98765\n"
    )

    assert "Created 0, updated 1" in out
    existing.refresh_from_db()
    assert existing.name == "Uusi nimi ry"
    assert existing.register_number == "98765"  # the missing identifier is filled in
    assert existing.slug == "vanha-nimi-ry"  # addresses stay stable


def test_empty_cells_do_not_erase_stored_values(tmp_path, vocabulary):
    existing = AssociationFactory(
        name="Kuokkalan Laulajat ry",
        register_number="123456",
        email="vanha@example.fi",
        phone="040 123 4567",
        categories=[vocabulary["music"]],
        is_claimed=False,
    )

    run_import(tmp_path, HEADER + "Kuokkalan Laulajat ry,123456,,Uusi kuvaus.,,,,\n")

    existing.refresh_from_db()
    assert existing.description == "Uusi kuvaus."
    assert existing.email == "vanha@example.fi"
    assert existing.phone == "040 123 4567"
    assert list(existing.categories.all()) == [vocabulary["music"]]


def test_claimed_association_keeps_its_own_values_and_stays_claimed(tmp_path, vocabulary):
    claimed = AssociationFactory(
        name="Kuokkalan Laulajat ry",
        register_number="123456",
        description="Oma kuvaus.",
        email="",
        categories=[vocabulary["music"]],
        is_claimed=True,
        status=Association.Status.HIDDEN,
    )

    run_import(
        tmp_path,
        HEADER + "Kuokkalan Laulajat ry,123456,,Rekisterin kuvaus.,Liikunta ja urheilu,Kuokkala,"
        "info@laulajat.example.fi,\n",
        "--draft",
    )

    claimed.refresh_from_db()
    assert claimed.is_claimed is True
    assert claimed.status == Association.Status.HIDDEN
    assert claimed.description == "Oma kuvaus."
    assert list(claimed.categories.all()) == [vocabulary["music"]]
    # What the association left empty is filled in from the file.
    assert claimed.email == "info@laulajat.example.fi"
    assert list(claimed.districts.all()) == [vocabulary["kuokkala"]]


def test_rows_without_identifiers_are_matched_by_name_among_unclaimed_associations(
    tmp_path, vocabulary
):
    unclaimed = AssociationFactory(name="Palokan Martat ry", is_claimed=False)
    claimed = AssociationFactory(name="Vaajakosken Martat ry", is_claimed=True)

    out, _err = run_import(
        tmp_path,
        "name,description\npalokan martat RY,Kotitaloutta.\nVaajakosken Martat ry,Ruokaa.\n",
    )

    assert "Created 1, updated 1" in out
    unclaimed.refresh_from_db()
    assert unclaimed.description == "Kotitaloutta."
    assert Association.objects.filter(name="Vaajakosken Martat ry").count() == 2
    claimed.refresh_from_db()
    assert claimed.description != "Ruokaa."


def test_a_listing_without_identifiers_gets_them_instead_of_a_twin(tmp_path, vocabulary):
    listing = AssociationFactory(name="Palokan Martat ry", is_claimed=False)

    out, _err = run_import(tmp_path, "name,register_number\nPalokan Martat ry,123456\n")

    assert "Created 0, updated 1" in out
    listing.refresh_from_db()
    assert listing.register_number == "123456"


def test_a_name_shared_by_several_unclaimed_associations_is_an_error(tmp_path, vocabulary):
    AssociationFactory(name="Palokan Martat ry", is_claimed=False)
    AssociationFactory(name="Palokan Martat ry", is_claimed=False)

    err, _message = run_failing_import(tmp_path, "name,email\nPalokan Martat ry,a@example.fi\n")

    assert (
        "Line 2: 2 unclaimed associations are named “Palokan Martat ry”; add the register "
        "number or business ID to say which one" in err
    )


def test_two_rows_updating_the_same_association_are_both_errors(tmp_path, vocabulary):
    AssociationFactory(name="Kuoro ry", register_number="123456", business_id="1234567-1")

    err, _message = run_failing_import(
        tmp_path, "name,register_number,business_id\nKuoro ry,123456,\nKuoro ry,,1234567-1\n"
    )

    assert "Line 2: line 3 updates the same association" in err
    assert "Line 3: line 2 updates the same association" in err


def test_identifiers_of_two_different_associations_on_one_row_are_an_error(tmp_path, vocabulary):
    AssociationFactory(name="Ensimmäinen ry", register_number="123456")
    AssociationFactory(name="Toinen ry", business_id="1234567-1")

    err, message = run_failing_import(tmp_path, HEADER + "Kolmas ry,123456,1234567-1,,,,,\n")

    assert (
        "Line 2: register number 123.456 belongs to “Ensimmäinen ry” but business ID "
        "1234567-1 to “Toinen ry”" in err
    )
    assert "Nothing was imported: 1 row has errors." in message


BAD_FILE = (
    "name,register_number,business_id,email,website,founded_year,categories\n"
    "Hyvä yhdistys ry,123456,,,,1990,Musiikki\n"
    ",234567,,,,,\n"
    "Tarkisteyhdistys ry,,1234567-8,,,,\n"
    "Numeroyhdistys ry,12a,,,,,\n"
    "Postiyhdistys ry,,,ei-osoite,,,\n"
    "Verkkoyhdistys ry,,,,http://,,\n"
    "Vanha yhdistys ry,,,,,1492,\n"
    "Luokkayhdistys ry,,,,,,Musiikki;Sirkus\n"
)


def test_bad_rows_are_reported_with_their_line_numbers_and_nothing_is_imported(
    tmp_path, vocabulary
):
    err, message = run_failing_import(tmp_path, BAD_FILE)

    lines = err.splitlines()
    assert lines[0] == "Line 3: the name is missing"
    assert lines[1].startswith("Line 4: business_id “1234567-8”: The business ID 1234567-8 is not")
    assert "check digit" in lines[1]
    assert lines[2].startswith("Line 5: register_number “12a”: Enter the register number")
    assert lines[3] == "Line 6: email “ei-osoite”: Enter a valid email address."
    assert lines[4] == "Line 7: website “http://”: Enter a valid URL."
    assert lines[5].startswith("Line 8: founded_year “1492”: The year must be between 1800 and")
    assert lines[6] == "Line 9: unknown category “Sirkus”"
    assert len(lines) == 7
    assert "Nothing was imported: 7 rows have errors." in message
    assert not Association.objects.exists()


def test_skip_invalid_imports_the_good_rows_and_lists_the_bad_ones(tmp_path, vocabulary):
    out, err = run_import(tmp_path, BAD_FILE, "--skip-invalid")

    assert "Created 1, updated 0, unchanged 0, skipped 7." in out
    assert "Line 3: the name is missing" in err
    assert list(Association.objects.values_list("name", flat=True)) == ["Hyvä yhdistys ry"]


def test_skip_invalid_fails_when_every_row_is_bad(tmp_path, vocabulary):
    _err, message = run_failing_import(tmp_path, "name,email\nA ry,x\nB ry,y\n", "--skip-invalid")

    assert "Nothing was imported: every row has errors." in message


def test_draft_option_creates_drafts(tmp_path, vocabulary):
    run_import(tmp_path, GOOD_FILE, "--draft")

    assert set(Association.objects.values_list("status", flat=True)) == {"draft"}
    assert not Association.objects.published().exists()


def test_dry_run_reports_without_saving(tmp_path, vocabulary):
    out, _err = run_import(tmp_path, GOOD_FILE, "--dry-run")

    assert "Dry run, nothing was saved. Created 2, updated 0" in out
    assert not Association.objects.exists()


def test_dry_run_fails_on_bad_rows(tmp_path, vocabulary):
    err, _message = run_failing_import(tmp_path, BAD_FILE, "--dry-run")

    assert "Line 9: unknown category “Sirkus”" in err


def test_excel_file_with_semicolons_bom_and_finnish_headers(tmp_path, vocabulary):
    text = (
        "\ufeffNimi;Rekisterinumero;Y-tunnus;Kuvaus;Toimialat;Alueet;Kohderyhmät;Kielet;"
        "Sähköposti;Verkkosivu;Kunta;Perustamisvuosi;Jäsenmäärä\r\n"
        'Kuokkalan Laulajat ry;123.456;1234567-1;"Laulamme; soitamme.";"Musiikki; Musik";'
        "KUOKKALA;perheet;Finnish;info@laulajat.example.fi;;Jyväskylä;1985;1 200\r\n"
    )

    out, err = run_import(tmp_path, text)

    assert "Created 1" in out, err
    choir = Association.objects.get()
    assert choir.name == "Kuokkalan Laulajat ry"
    assert choir.description == "Laulamme; soitamme."
    assert list(choir.categories.all()) == [vocabulary["music"]]
    assert list(choir.districts.all()) == [vocabulary["kuokkala"]]
    assert list(choir.target_groups.all()) == [vocabulary["families"]]
    assert list(choir.languages.all()) == [vocabulary["finnish"]]
    assert choir.municipality == "Jyväskylä"
    assert (choir.founded_year, choir.member_count) == (1985, 1200)


def test_file_in_another_encoding_gives_a_clear_error(tmp_path, vocabulary):
    _err, message = run_failing_import(
        tmp_path, "nimi;kuvaus\nJyväskylän Kuoro ry;Laulua\n", encoding="cp1252"
    )

    assert "The file is not UTF-8 text (line 2" in message
    assert "CSV UTF-8" in message


def test_unknown_column_is_named_in_the_error(tmp_path, vocabulary):
    _err, message = run_failing_import(tmp_path, "name,colour\nA ry,red\n")

    assert "Unknown column “colour” (column 2)" in message


def test_file_saved_as_utf16_gives_a_clear_error(tmp_path, vocabulary):
    _err, message = run_failing_import(tmp_path, "name\nKuoro ry\n", encoding="utf-16")

    assert "The file is saved as UTF-16" in message


def test_file_without_a_name_column_is_refused(tmp_path, vocabulary):
    _err, message = run_failing_import(tmp_path, "email,website\na@example.fi,\n")

    assert "The file has no name column (name or nimi)." in message


def test_value_in_a_column_without_a_header_is_an_error(tmp_path, vocabulary):
    err, _message = run_failing_import(tmp_path, "name,email\nKuoro ry,a@example.fi,oops\n")

    assert "Line 2: column 3 has a value but no header: “oops”" in err


def test_header_and_blank_lines_only_import_nothing_without_error(tmp_path, vocabulary):
    out, _err = run_import(tmp_path, "name;email\n\n;\n")

    assert "Created 0, updated 0, unchanged 0, skipped 0." in out


def test_duplicate_identifiers_within_the_file_are_errors_on_every_line(tmp_path, vocabulary):
    text = HEADER + "A ry,123456,,,,,,\nB ry,,1234567-1,,,,,\nC ry,123.456,1234567-1,,,,,\n"

    err, _message = run_failing_import(tmp_path, text)

    assert "Line 2: register number 123.456 is also on line 4" in err
    assert "Line 3: business ID 1234567-1 is also on line 4" in err
    assert "Line 4: register number 123.456 is also on line 2" in err
    assert "Line 4: business ID 1234567-1 is also on line 3" in err
    assert not Association.objects.exists()


def test_unknown_category_is_named_and_nothing_is_imported(tmp_path, vocabulary):
    err, _message = run_failing_import(
        tmp_path, "name,categories\nA ry,Musiikki\nB ry,Musiikki;Kudonta\n"
    )

    assert err.strip() == "Line 3: unknown category “Kudonta”"
    assert not Association.objects.exists()


def test_invalid_business_id_checksum_is_an_error(tmp_path, vocabulary):
    err, _message = run_failing_import(tmp_path, "name,business_id\nA ry,2345678-1\n")

    assert "Line 2: business_id “2345678-1”" in err
    assert "check digit does not match" in err


def test_a_description_over_several_lines_is_reported_on_the_line_it_starts(tmp_path, vocabulary):
    text = 'name,description,email\nA ry,"Rivi yksi.\nRivi kaksi.",a@example.fi\nB ry,,huono\n'

    err, _message = run_failing_import(tmp_path, text)

    assert err.strip() == "Line 4: email “huono”: Enter a valid email address."


def test_import_needs_the_same_number_of_queries_for_many_rows(vocabulary):
    def queries_for(count):
        text = "name,register_number,categories\n" + "".join(
            f"Yhdistys {count}-{n} ry,{count * 1000 + n},Musiikki\n" for n in range(count)
        )
        with CaptureQueriesContext(connection) as queries:
            result = import_associations(source=text.encode())
        assert result.created == count
        return len(queries)

    assert queries_for(40) == queries_for(4)


def test_example_files_import_cleanly_over_the_demo_data(vocabulary):
    call_command("load_demo", stdout=StringIO())
    before = Association.objects.count()
    # The example file, and the examples in the documentation, with their separators.
    examples = [EXAMPLE_FILE.read_bytes()] + [
        block.encode() for block in re.findall(r"```csv\n(.*?)```", DOCS_FILE.read_text(), re.S)
    ]
    assert len(examples) == 3

    for example in examples:
        result = import_associations(source=example, dry_run=True)
        assert (result.errors, result.updated, result.unchanged) == ([], 0, 0)
    result = import_associations(source=EXAMPLE_FILE)

    assert result.errors == []
    assert result.created == Association.objects.count() - before == 5


def test_an_over_long_description_is_a_line_error(tmp_path, vocabulary):
    long_description = "Kuoro " * 900  # 5,400 characters, 5,399 once trimmed
    text = HEADER + f"Pitkä Kuvaus ry,,,{long_description},,,,\nLyhyt Kuvaus ry,,,Kuoro.,,,,\n"

    err, message = run_failing_import(tmp_path, text)

    (line,) = err.splitlines()
    assert line.startswith("Line 2: description “Kuoro Kuoro")
    assert line.endswith("It has 5399 characters; the most allowed is 5000.")
    assert "Nothing was imported: 1 row has errors." in message
    assert not Association.objects.exists()


def test_a_description_of_the_most_allowed_length_is_imported(tmp_path, vocabulary):
    description = "a" * 5000
    run_import(tmp_path, HEADER + f"Pitkä Kuvaus ry,,,{description},,,,\n")
    assert Association.objects.get().description == description


def test_a_bad_postal_code_and_a_future_founding_year_are_line_errors(tmp_path, vocabulary):
    next_year = timezone.localdate().year + 1
    text = (
        "name,postal_code,founded_year\n"
        "Kirjeyhdistys ry,4010,\n"
        "Hyvä yhdistys ry,00100,1990\n"
        f"Tulevaisuusseura ry,40100,{next_year}\n"
    )

    err, message = run_failing_import(tmp_path, text)

    assert err.splitlines() == [
        "Line 2: postal_code “4010”: Enter the postal code as five digits, for example 40100.",
        f"Line 4: founded_year “{next_year}”: The year must be between 1800 and {next_year - 1}.",
    ]
    assert "Nothing was imported: 2 rows have errors." in message
    assert not Association.objects.exists()


def test_a_bad_phone_number_is_a_line_error_and_a_good_one_is_kept_as_typed(tmp_path, vocabulary):
    text = (
        "name,phone\n"
        "Soittajat ry,soita illalla\n"
        "Kuuntelijat ry,  (014)  266 0103 \n"
        "Laulajat ry,+358 50 123 4567\n"
    )

    err, _message = run_failing_import(tmp_path, text)
    assert err.splitlines() == [
        "Line 2: phone “soita illalla”: Enter a phone number in digits, for example "
        "050 123 4567 or +358 50 123 4567."
    ]

    run_import(tmp_path, text, "--skip-invalid")
    phones = dict(Association.objects.values_list("name", "phone"))
    assert phones == {"Kuuntelijat ry": "(014) 266 0103", "Laulajat ry": "+358 50 123 4567"}
