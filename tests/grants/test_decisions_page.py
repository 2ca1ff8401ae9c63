"""/grants/decisions/: every published decision in force with the corrected ones under
it, the filters (lenient with old links, clear about bad values), and the totals drawn
as SVG bar charts that agree with their tables and with the database."""

import re
from decimal import Decimal

import pytest
from django.db.models import Sum
from django.urls import reverse

from grants.models import GrantDecision
from tests.factories import ApplicationFactory
from tests.grants.decisions_data import decide, decisions_world

pytestmark = pytest.mark.django_db

URL = reverse("grants:decisions")


@pytest.fixture
def world():
    return decisions_world()


def shown_ids(response) -> list[int]:
    return [int(pk) for pk in re.findall(r'<article id="decision-(\d+)"', response.text)]


def test_a_resident_sees_every_published_decision_in_force(client, world):
    response = client.get(URL)
    assert response.status_code == 200
    # Newest first; the corrected decision is not a row of its own.
    assert shown_ids(response) == [world["current"][i].pk for i in (3, 2, 1, 0)]
    assert world["unpublished"].pk not in shown_ids(response)
    assert "999,00" not in response.text


def test_applied_proposed_and_granted_are_shown_side_by_side(client, world):
    response = client.get(URL, {"association": "kamarikuoro", "year": "2025"})
    text = response.text
    plain = text.replace("\xa0", " ").replace("\u202f", " ")
    assert "4 000,00 €" in plain and "3 500,00 €" in plain
    assert "Kevätkonsertin tilavuokrat." in text
    assert "52 §" in text
    assert world["choir"].get_absolute_url() in text


def test_a_corrected_decision_stays_visible_under_its_correction(client, world):
    response = client.get(URL, {"association": "kamarikuoro"})
    plain = response.text.replace("\xa0", " ").replace("\u202f", " ")
    assert f'id="decision-{world["corrected"].pk}"' in plain
    assert "3 000,00 €" in plain  # the corrected amount
    assert "Esityksestä poikettiin virheellisesti." in plain
    assert f'href="#decision-{world["correction"].pk}"' in plain


@pytest.mark.parametrize(
    ("query", "expected"),
    [
        ({"year": "2024"}, {0}),
        ({"round": "toiminta-2025"}, {1, 2}),
        ({"programme": "kohdeavustus"}, {3}),
        ({"category": "liikunta"}, {2, 3}),
        ({"category": "musiikki"}, {0, 1, 2, 3}),
        ({"district": "keskusta"}, {0, 1}),
        ({"association": "kamarikuoro"}, {0, 1}),
        ({"association": "urheilu"}, {2, 3}),
        ({"year": "2025", "programme": "toiminta-avustus", "district": "kuokkala"}, {2}),
    ],
)
def test_filters(client, world, query, expected):
    response = client.get(URL, query)
    assert response.status_code == 200
    assert set(shown_ids(response)) == {world["current"][i].pk for i in expected}


def test_an_unknown_term_in_an_old_link_is_left_out_and_named(client, world):
    response = client.get(URL, {"programme": ["kohdeavustus", "lakkautettu"]})
    assert response.status_code == 200
    assert set(shown_ids(response)) == {world["current"][3].pk}
    assert "lakkautettu" in response.text


@pytest.mark.parametrize("year", ["kaksi", "1850", "20255"])
def test_a_bad_year_gets_a_clear_message_and_a_400(client, world, year):
    response = client.get(URL, {"year": year})
    assert response.status_code == 400
    assert 'role="alert"' in response.text
    assert shown_ids(response) == []


def test_the_page_is_in_swedish(client, world):
    response = client.get("/sv/grants/decisions/")
    assert response.status_code == 200
    assert 'lang="sv"' in response.text


def _chart(text: str, slug: str) -> tuple[dict, dict]:
    """The chart's bars and its table's rows as {label: Decimal}."""
    figure = text.split(f'id="chart-{slug}-title"')[1].split("</figure>")[0]
    svg, table = figure.split("</svg>")
    bars = {
        label: Decimal(amount)
        for label, amount in re.findall(r'data-label="([^"]*)" data-amount="([^"]*)"', svg)
    }
    rows = {
        label: Decimal(amount)
        for label, amount in re.findall(
            r'<th scope="row">([^<]*)</th><td>\d+</td><td data-amount="([^"]*)"', table
        )
    }
    return bars, rows


def test_the_charts_numbers_equal_the_tables_and_the_database(client, world):
    response = client.get(URL)
    text = response.text
    assert text.count('role="img"') == 4
    assert "<script" not in text.split("<main")[1].split("</main>")[0]
    assert " style=" not in text.split("<main")[1].split("</main>")[0]
    grants = GrantDecision.objects.published().current()
    expected = {
        "year": {
            "2024": grants.filter(decided_on__year=2024).aggregate(s=Sum("amount"))["s"],
            "2025": grants.filter(decided_on__year=2025).aggregate(s=Sum("amount"))["s"],
        },
        "programme": {
            "Toiminta-avustus": grants.filter(
                application__round__programme__slug="toiminta-avustus"
            ).aggregate(s=Sum("amount"))["s"],
            "Kohdeavustus": grants.filter(
                application__round__programme__slug="kohdeavustus"
            ).aggregate(s=Sum("amount"))["s"],
        },
        "category": {
            "Musiikki": grants.filter(
                application__association__categories__slug="musiikki"
            ).aggregate(s=Sum("amount"))["s"],
            "Liikunta": grants.filter(
                application__association__categories__slug="liikunta"
            ).aggregate(s=Sum("amount"))["s"],
        },
        "district": {
            "Keskusta": grants.filter(
                application__association__districts__slug="keskusta"
            ).aggregate(s=Sum("amount"))["s"],
            "Kuokkala": grants.filter(
                application__association__districts__slug="kuokkala"
            ).aggregate(s=Sum("amount"))["s"],
        },
    }
    assert expected["year"] == {"2024": Decimal("2500"), "2025": Decimal("10500.50")}
    assert expected["category"]["Musiikki"] == Decimal("13000.50")
    for slug, sums in expected.items():
        bars, rows = _chart(text, slug)
        assert bars == rows == sums, slug


def test_the_totals_follow_the_filters(client, world):
    bars, rows = _chart(client.get(URL, {"year": "2025"}).text, "programme")
    assert bars == rows == {"Toiminta-avustus": Decimal("9500.50"), "Kohdeavustus": Decimal("1000")}


def test_the_download_links_carry_the_filters(client, world):
    response = client.get(URL, {"year": "2025", "programme": "kohdeavustus"})
    assert f'href="{reverse("grants:decisions_csv")}?year=2025&amp;programme=kohdeavustus"' in (
        response.text
    )
    assert reverse("grants:decisions_json") in response.text


def test_the_page_shows_a_friendly_empty_state(client, db):
    response = client.get(URL)
    assert response.status_code == 200
    assert 'role="img"' not in response.text


def test_the_page_reads_a_bounded_number_of_queries(client, world, django_assert_max_num_queries):
    for _ in range(30):
        decide(
            ApplicationFactory(round=world["rounds"]["project"]),
            "100.00",
            world["current"][0].decided_on,
        )
    with django_assert_max_num_queries(20):
        response = client.get(URL, {"category": "musiikki"})
    assert response.status_code == 200
    with django_assert_max_num_queries(20):
        client.get(URL)


def test_the_totals_count_a_decision_published_after_they_were_shown(client, world):
    _chart(client.get(URL).text, "year")
    decide(
        ApplicationFactory(round=world["rounds"]["old"]), "500.00", world["current"][0].decided_on
    )
    bars, rows = _chart(client.get(URL).text, "year")
    assert bars["2024"] == rows["2024"] == Decimal("3000")


def test_the_totals_kept_for_one_language_are_named_in_another(client, world):
    """The sums are kept once for all languages; the charts' words are the reader's."""
    finnish = client.get(URL).text
    assert "Vuosittain" in finnish
    swedish = client.get("/sv" + URL).text
    bars_fi, _rows = _chart(finnish, "year")
    bars_sv, _rows = _chart(swedish, "year")
    assert bars_fi == bars_sv
    assert "Per år" in swedish
    assert "Vuosittain" not in swedish
