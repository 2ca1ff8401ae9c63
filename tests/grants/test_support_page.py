"""The support page (/grants/support/): a year's support in money and in kind, in total
and by field of activity and district, as bar charts that agree with their tables."""

import re
from datetime import date
from decimal import Decimal

import pytest
from django.test import override_settings
from django.urls import reverse
from django.utils import timezone

from grants.support import year_support
from tests.grants.facility_factories import BookingRequestFactory, add_booking
from tests.grants.support_data import support_world

pytestmark = pytest.mark.django_db
URL = reverse("grants:support")


@pytest.fixture
def world():
    return support_world()


def _main(text: str) -> str:
    return text.split("<main")[1].split("</main>")[0]


def _whole(text: str) -> list[Decimal]:
    table = text.split('class="data-table support-whole"')[1].split("</table>")[0]
    return [Decimal(value) for value in re.findall(r'data-amount="([^"]*)"', table)]


def _chart(text: str, slug: str) -> tuple[dict, dict]:
    """The chart's bars and its table's rows as {label: (amount, count text)}."""
    figure = text.split(f'id="chart-{slug}-title"')[1].split("</figure>")[0]
    svg, table = figure.split("</svg>")
    bars = {
        label: Decimal(amount)
        for label, amount in re.findall(r'data-label="([^"]*)" data-amount="([^"]*)"', svg)
    }
    rows = {
        label: (Decimal(amount), count)
        for label, count, amount in re.findall(
            r'<th scope="row">([^<]*)</th><td>([^<]*)</td><td data-amount="([^"]*)"', table
        )
    }
    return bars, rows


def _terms_table(text: str, slug: str) -> dict:
    table = text.split(f'id="support-{slug}-table"')[1].split("</table>")[0]
    return {
        label: tuple(Decimal(value) for value in values.split("|"))
        for label, values in (
            (label, "|".join(amounts))
            for label, *amounts in re.findall(
                r'<th scope="row">([^<]*)</th><td data-amount="([^"]*)">[^<]*</td>'
                r'<td data-amount="([^"]*)">[^<]*</td><td data-amount="([^"]*)">',
                table,
            )
        )
    }


def test_the_page_shows_the_latest_year_with_support_by_default(client, world):
    response = client.get(URL)
    assert response.status_code == 200
    # Money 10 500,50 €, in kind 165,00 € (the future evening not yet), total.
    assert _whole(response.text) == [
        Decimal("10500.50"),
        Decimal("165.00"),
        Decimal("10665.50"),
    ]
    main = _main(response.text)
    assert "<script" not in main and " style=" not in main
    assert f'href="{URL}?year=2025" aria-current="page"' in main
    assert f'href="{URL}?year=2024"' in main


def test_another_year_has_its_own_figures_and_csv_link(client, world):
    response = client.get(URL, {"year": "2024"})
    assert response.status_code == 200
    assert _whole(response.text) == [Decimal("2500.00"), Decimal("60.00"), Decimal("2560.00")]
    assert f"{reverse('grants:support_csv')}?year=2024" in response.text


def test_the_charts_numbers_equal_the_tables_and_the_figures(client, world):
    text = client.get(URL, {"year": "2025"}).text
    assert text.count('role="img"') == 4
    data = year_support(2025)
    names = {
        "category": {world["music"].pk: "Musiikki", world["sport"].pk: "Liikunta"},
        "district": {world["centre"].pk: "Keskusta", world["kuokkala"].pk: "Kuokkala"},
    }
    for slug, supports in (("category", data.categories), ("district", data.districts)):
        money_bars, money_rows = _chart(text, f"money-{slug}")
        kind_bars, kind_rows = _chart(text, f"kind-{slug}")
        table = _terms_table(text, slug)
        for pk, support in supports.items():
            label = names[slug][pk]
            assert money_bars[label] == money_rows[label][0] == support.amount
            assert money_rows[label][1] == str(support.grants)
            assert kind_bars[label] == kind_rows[label][0] == support.value
            assert table[label] == (support.amount, support.value, support.total)
        assert set(money_bars) == set(table) == set(names[slug].values())


def test_an_association_in_two_fields_counts_in_both_and_the_page_says_so(client, world):
    text = client.get(URL, {"year": "2025"}).text
    table = _terms_table(text, "category")
    # The club (music and sport) in both: music holds the choir's and the club's support.
    assert table["Musiikki"] == (Decimal("10500.50"), Decimal("165.00"), Decimal("10665.50"))
    assert table["Liikunta"] == (Decimal("7000.50"), Decimal("45.00"), Decimal("7045.50"))
    assert "Kahden toimialan yhdistys lasketaan kumpaankin" in text
    assert "Mukaan lasketaan vain jo alkaneet varatut ajat" in text


def test_the_hours_of_use_are_in_the_in_kind_chart(client, world):
    text = client.get(URL, {"year": "2025"}).text
    _bars, rows = _chart(text, "kind-district")
    # The club's 1,5 h at the gym and 2 h at the room at the normal price.
    assert rows["Kuokkala"][1] == "3,50"
    assert rows["Keskusta"][1] == "4,00"


def test_a_year_without_support_says_so(client, world):
    response = client.get(URL, {"year": "2019"})
    assert response.status_code == 200
    assert "Vuodelle 2019 ei ole kirjattu tukea yhdistyksille." in response.text
    assert 'role="img"' not in response.text
    # The asked year is among the links, marked as the one shown.
    assert f'href="{URL}?year=2019" aria-current="page"' in response.text


def test_an_empty_site_shows_the_current_year_without_support(client):
    response = client.get(URL)
    assert response.status_code == 200
    assert "data-table support-whole" not in response.text
    assert 'class="empty-state"' in response.text
    assert f"?year={timezone.localdate().year}" in response.text


@pytest.mark.parametrize("year", ["abc", "1800", "20255", "2025.5"])
def test_a_bad_year_is_refused_with_a_message(client, world, year):
    response = client.get(URL, {"year": year})
    assert response.status_code == 400
    main = _main(response.text)
    assert 'role="alert"' in main
    assert "Vuoden pitää olla" in main or "2000" in main
    # What was typed stays in the field.
    assert f'value="{year}"' in main
    assert "data-table support-whole" not in main


def test_the_page_reads_a_bounded_number_of_queries(client, world, django_assert_max_num_queries):
    client.get(URL)
    with django_assert_max_num_queries(8):
        assert client.get(URL, {"year": "2025"}).status_code == 200


def test_the_page_is_in_swedish_too(client, world):
    with override_settings(LANGUAGE_CODE="sv"):
        response = client.get(URL, HTTP_ACCEPT_LANGUAGE="sv")
    assert response.status_code == 200
    assert 'lang="sv"' in response.text


def test_the_decisions_page_links_to_the_support_page(client, world):
    response = client.get(reverse("grants:decisions"))
    assert f'href="{URL}"' in response.text


def test_a_new_booking_shows_at_once_though_the_totals_are_kept(client, world):
    assert _whole(client.get(URL, {"year": "2025"}).text)[1] == Decimal("165.00")
    request = BookingRequestFactory(facility=world["hall"], association=world["choir"])
    add_booking(request, date(2025, 8, 5))
    # 2 h at the hall's new prices (90 € normal, 10 € paid) on the new request.
    assert _whole(client.get(URL, {"year": "2025"}).text)[1] == Decimal("325.00")
