"""The directory's search as a file for Excel (semicolons, the page's language) beside the
plain CSV for programs (commas, fixed English names, 1/0)."""

import csv
import io

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from tests.factories import AssociationFactory, CategoryFactory, DistrictFactory

pytestmark = pytest.mark.django_db

EXCEL = {
    "fi": "/associations/export-excel.csv",
    "sv": "/sv/associations/export-excel.csv",
    "en": "/en/associations/export-excel.csv",
}
PLAIN = {
    "fi": "/associations/export.csv",
    "sv": "/sv/associations/export.csv",
    "en": "/en/associations/export.csv",
}
HEADERS = {
    "fi": ["Nimi", "Muu nimi", "Rekisterinumero", "Y-tunnus", "Toimialat", "Alueet"],
    "sv": ["Namn", "Annat namn", "Registernummer", "FO-nummer", "Verksamhetsområden", "Områden"],
    "en": ["Name", "Other name", "Register number", "Business ID", "Fields of activity"],
}
YES_NO = {"fi": ("kyllä", "ei"), "sv": ("ja", "nej"), "en": ("yes", "no")}
MEMBERS_AND_VOLUNTEERS = {
    "fi": ("Ottaa uusia jäseniä", "Etsii vapaaehtoisia"),
    "sv": ("Tar emot nya medlemmar", "Söker frivilliga"),
    "en": ("Accepts new members", "Seeks volunteers"),
}


def download(client, url, params=None) -> bytes:
    response = client.get(url, params or {})
    assert response.status_code == 200
    assert response["Content-Type"] == "text/csv; charset=utf-8"
    return b"".join(response.streaming_content)


def read(data: bytes, delimiter: str) -> list[dict]:
    text = data.decode("utf-8").removeprefix("\ufeff")
    return list(csv.DictReader(io.StringIO(text), delimiter=delimiter))


@pytest.fixture
def clubs():
    music = CategoryFactory(slug="musiikki", name_fi="Musiikki", name_sv="Musik", name_en="Music")
    AssociationFactory(
        name="Kuoro; laulu ja ilo ry",
        categories=[music],
        accepts_new_members=True,
        seeks_volunteers=False,
        postal_code="40100",
    )
    AssociationFactory(name="Palokan Urheiluseura ry", accepts_new_members=False)


@pytest.mark.parametrize("language", ["fi", "sv", "en"])
def test_excel_file_is_semicolon_separated_with_a_bom_and_titles_in_the_pages_language(
    client, clubs, language
):
    data = download(client, EXCEL[language])
    assert data.startswith("\ufeff".encode())  # Excel then reads the file as UTF-8
    first_line = data.decode("utf-8").removeprefix("\ufeff").splitlines()[0]
    titles = first_line.split(";")
    assert titles[: len(HEADERS[language])] == HEADERS[language]
    assert "," not in first_line  # Excel would not split on it; every title is its own column
    rows = read(data, ";")
    assert [row[titles[0]] for row in rows] == ["Kuoro; laulu ja ilo ry", "Palokan Urheiluseura ry"]
    assert all(len(row) == len(titles) and None not in row for row in rows)


@pytest.mark.parametrize("language", ["fi", "sv", "en"])
def test_excel_file_says_yes_and_no_in_the_pages_language(client, clubs, language):
    rows = read(download(client, EXCEL[language]), ";")
    yes, no = YES_NO[language]
    members, volunteers = MEMBERS_AND_VOLUNTEERS[language]
    assert (rows[0][members], rows[0][volunteers]) == (yes, no)
    assert rows[1][members] == no


def test_excel_file_names_categories_in_the_pages_language(client, clubs):
    assert read(download(client, EXCEL["sv"]), ";")[0]["Verksamhetsområden"] == "Musik"
    assert read(download(client, EXCEL["fi"]), ";")[0]["Toimialat"] == "Musiikki"


def test_excel_file_is_the_current_search(client, clubs):
    rows = read(download(client, EXCEL["fi"], {"q": "urheiluseura"}), ";")
    assert [row["Nimi"] for row in rows] == ["Palokan Urheiluseura ry"]


def test_excel_file_has_its_own_name(client):
    response = client.get(EXCEL["fi"])
    assert response["Content-Disposition"].startswith('attachment; filename="yhdistykset-')
    assert response["Content-Disposition"].endswith('-excel.csv"')


@pytest.mark.parametrize("language", ["fi", "sv", "en"])
def test_plain_csv_stays_the_same_for_programs_in_every_language(client, clubs, language):
    data = download(client, PLAIN[language])
    assert data.startswith("\ufeff".encode())
    rows = read(data, ",")
    assert list(rows[0])[:4] == ["name", "alternate_name", "register_number", "business_id"]
    assert rows[0]["name"] == "Kuoro; laulu ja ilo ry"
    assert (rows[0]["accepts_new_members"], rows[0]["seeks_volunteers"]) == ("1", "0")
    assert rows[0]["postal_code"] == "40100"


def test_both_files_guard_against_formulas(client):
    AssociationFactory(name='=HYPERLINK("http://evil.example","x")')
    assert read(download(client, EXCEL["fi"]), ";")[0]["Nimi"].startswith("'=")
    assert read(download(client, PLAIN["fi"]), ",")[0]["name"].startswith("'=")


def test_excel_file_with_an_invalid_filter_is_a_400_in_the_pages_language(client):
    response = client.get(EXCEL["fi"], {"category": "ei-ole"})
    assert response.status_code == 400
    assert "Haussa on virheellisiä arvoja" in response.content.decode()


def test_excel_file_query_count_does_not_grow_with_rows(client):
    category = CategoryFactory()
    for _ in range(30):
        AssociationFactory(categories=[category], districts=[DistrictFactory()])
    with CaptureQueriesContext(connection) as captured:
        rows = read(download(client, EXCEL["fi"]), ";")
    assert len(rows) == 30
    assert len(captured) <= 4


@pytest.mark.parametrize(
    ("prefix", "label"), [("", "Lataa Exceliin"), ("/sv", "Ladda ner för Excel")]
)
def test_directory_links_both_files_with_the_current_search(client, clubs, prefix, label):
    page = client.get(f"{prefix}/associations/", {"q": "kuoro"}).content.decode()
    assert f'href="{prefix}/associations/export.csv?q=kuoro"' in page
    assert f'href="{prefix}/associations/export-excel.csv?q=kuoro"' in page
    assert label in page
    assert f'href="{prefix}/open-data/#csv"' in page
