"""/open-data/: how to use the API, HSDS and the CSV files, the licence, in fi/sv/en."""

import re
from pathlib import Path

import polib
import pytest
from django.conf import settings

from associations.exports import COLUMNS
from associations.filters import AssociationFilter
from tests.factories import AssociationFactory, CategoryFactory
from yhdistystori.models import SiteConfiguration

pytestmark = pytest.mark.django_db

PAGES = {"fi": "/open-data/", "sv": "/sv/open-data/", "en": "/en/open-data/"}
TITLES = {"fi": "Avoin data", "sv": "Öppna data", "en": "Open data"}
ATTRIBUTION = {
    "fi": "Lähde: Jyväskylän Yhdistystori, CC BY 4.0",
    "sv": "Källa: Yhdistystori i Jyväskylä, CC BY 4.0",
    "en": "Source: Yhdistystori of Jyväskylä, CC BY 4.0",
}


@pytest.fixture
def city():
    SiteConfiguration(
        city_name_fi="Jyväskylä",
        city_name_sv="Jyväskylä",
        city_name_en="Jyväskylä",
        city_name_genitive_fi="Jyväskylän",
    ).save()


def page_text(client, url) -> str:
    response = client.get(url)
    assert response.status_code == 200
    return response.content.decode()


@pytest.mark.parametrize("language", ["fi", "sv", "en"])
def test_page_is_in_each_language_with_the_licence_and_attribution(client, city, language):
    html = page_text(client, PAGES[language])
    assert f"<h1>{TITLES[language]}</h1>" in html
    assert f'<html lang="{language}">' in html
    assert f"https://creativecommons.org/licenses/by/4.0/deed.{language}" in html
    assert ATTRIBUTION[language] in html


def test_page_documents_every_endpoint(client, city):
    html = page_text(client, PAGES["en"])
    for address in (
        "GET /api/v1/associations<",
        "GET /api/v1/associations/&lt;id&gt;",
        "GET /api/v1/openapi.json",
        "GET /api/hsds/<",
        "GET /api/hsds/organizations?page=1&amp;per_page=50",
        "GET /api/hsds/organizations/&lt;id&gt;",
        "GET /api/hsds/openapi.json",
        "/en/associations/export.csv",
        "/en/associations/export-excel.csv",
    ):
        assert address in html, address
    for paging_field in ("total_items", "total_pages", "page_number", "first_page", "last_page"):
        assert paging_field in html


def test_page_documents_every_parameter_of_the_list(client, city):
    html = page_text(client, PAGES["fi"])
    for parameter in [*AssociationFilter.base_filters, "page", "page_size"]:
        assert f'<th scope="row"><code>{parameter}</code></th>' in html, parameter


def test_page_documents_every_field_of_an_association(client, city):
    association = AssociationFactory()
    fields = client.get(f"/api/v1/associations/{association.pk}").json()
    html = page_text(client, PAGES["fi"])
    for field in fields:
        assert f"<code>{field}</code>" in html, field


def test_page_lists_the_csv_columns_with_their_excel_titles_in_the_language(client, city):
    html = page_text(client, PAGES["sv"])
    for column in COLUMNS:
        assert f"<code>{column.name}</code>" in html
    assert "<td>Verksamhetsområden</td>" in html  # the Swedish title of `categories`


def test_example_links_work(client, city):
    AssociationFactory(name="Jyväskylän Kuoro ry", categories=[CategoryFactory(slug="musiikki")])
    html = page_text(client, PAGES["fi"])
    examples = re.findall(r'href="(/api/[^"]+)"', html)
    assert len(examples) >= 4
    for href in examples:
        response = client.get(href.replace("&amp;", "&"))
        assert response.status_code == 200, href


@pytest.mark.parametrize("language", ["fi", "sv", "en"])
def test_footer_link_goes_to_the_open_data_page(client, city, language):
    home = "/" if language == "fi" else f"/{language}/"
    html = page_text(client, home)
    assert f'<a href="{PAGES[language]}">' in html
    assert 'href="/api/v1/associations"' not in html


@pytest.mark.parametrize("language", ["fi", "sv"])
def test_every_text_of_the_open_data_features_is_translated(language):
    """Finnish and Swedish are complete for the page, the files, HSDS and the API messages."""
    sources = ("open_data.html", "exports.py", "hsds.py", "open_data.py", "results.html")
    path = Path(settings.BASE_DIR) / "locale" / language / "LC_MESSAGES" / "django.po"
    catalog = polib.pofile(str(path))
    ours = [
        entry
        for entry in catalog
        if any(Path(path).name in sources for path, _line in entry.occurrences)
    ]
    assert len(ours) > 60
    missing = [e.msgid for e in ours if not e.translated() or e.fuzzy]
    assert not missing, missing
