"""Site-wide pages: home, health checks, accessibility, feedback, languages, page
structure, and the Django admin as a whole (the associations' admin: tests/associations/)."""

import html
import re
from unittest import mock

import pytest
from django.contrib import admin
from django.db import DatabaseError, OperationalError
from django.urls import reverse

from associations.models import Association
from tests.factories import AssociationFactory, CategoryFactory, LiaisonContactFactory
from yhdistystori.models import Feedback, SiteConfiguration


def page_text(response) -> str:
    return html.unescape(response.content.decode())


# --- Home page ----------------------------------------------------------------------


@pytest.mark.django_db
def test_home_page_has_a_search_box_for_the_directory(client):
    response = client.get("/en/")
    page = response.content.decode()
    assert response.status_code == 200
    form = re.search(r'<form[^>]*action="/en/associations/"[^>]*>(.*?)</form>', page, re.S)
    assert form, "no search form pointing to the directory"
    assert re.search(r'<input type="search"[^>]*name="q"', form.group(1))
    assert '<label for="home-q">Search associations</label>' in form.group(1)


@pytest.mark.django_db
def test_home_page_shows_liaison_contacts(client):
    LiaisonContactFactory(
        name="Pirjo Palokkalainen",
        title_fi="Järjestöyhdyshenkilö",
        title_en="Liaison for associations",
        phone="014 266 1234",
        email="pirjo.palokkalainen@kaupunki.example.fi",
    )
    LiaisonContactFactory(name="Entinen Yhdyshenkilö", is_active=False)
    page = page_text(client.get("/en/"))
    assert "Pirjo Palokkalainen" in page
    assert "Liaison for associations" in page
    assert 'href="tel:0142661234"' in page
    assert "014 266 1234" in page
    assert 'href="mailto:pirjo.palokkalainen@kaupunki.example.fi"' in page
    assert "Entinen Yhdyshenkilö" not in page


@pytest.mark.django_db
def test_home_page_shows_liaison_title_in_finnish(client):
    LiaisonContactFactory(title_fi="Järjestöyhdyshenkilö", title_en="Liaison for associations")
    assert "Järjestöyhdyshenkilö" in page_text(client.get("/"))


@pytest.mark.django_db
def test_home_page_says_when_no_liaison_is_named(client):
    assert "No liaison contact has been named yet." in page_text(client.get("/en/"))


@pytest.mark.django_db
def test_home_page_promises_nothing_that_no_app_fills(client):
    # Events and grant rounds appear once their apps contribute a section.
    page = page_text(client.get("/en/"))
    assert "Upcoming events" not in page
    assert "Open grant rounds" not in page
    assert 'action="/en/associations/"' in page  # the associations' search is there


@pytest.mark.django_db
def test_home_page_links_categories_and_recent_profiles(client):
    CategoryFactory(slug="kulttuuri", name_fi="Kulttuuri", name_en="Culture")
    AssociationFactory(name="Jyväskylän Mieskuoro ry", slug="mieskuoro")
    AssociationFactory(name="Luonnos ry", slug="luonnos", status=Association.Status.DRAFT)
    page = page_text(client.get("/en/"))
    assert 'href="/en/associations/?category=kulttuuri">Culture</a>' in page
    assert 'href="/en/associations/mieskuoro/">Jyväskylän Mieskuoro ry</a>' in page
    assert "Luonnos ry" not in page


@pytest.mark.django_db
def test_home_page_names_the_city_from_the_configuration(client):
    SiteConfiguration(city_name_fi="Jyväskylä", city_name_en="Jyväskylä").save()
    assert "Associations of Jyväskylä" in page_text(client.get("/en/"))


# --- Health checks ------------------------------------------------------------------


@pytest.mark.django_db
def test_healthz_answers_without_touching_the_database(client, django_assert_num_queries):
    with django_assert_num_queries(0):
        response = client.get("/healthz")
    assert response.status_code == 200
    assert response.content == b"ok\n"


@pytest.mark.django_db
def test_readyz_answers_when_the_database_does(client):
    response = client.get("/readyz")
    assert response.status_code == 200
    assert "no-cache" in response["Cache-Control"]


@pytest.mark.django_db
@pytest.mark.parametrize("error", [OperationalError, DatabaseError])
def test_readyz_is_503_when_the_database_cannot_be_reached(client, error):
    with mock.patch("yhdistystori.views.connection") as broken:
        broken.cursor.side_effect = error("connection refused")
        response = client.get("/readyz")
    assert response.status_code == 503
    assert response["Content-Type"].startswith("text/plain")
    assert response.content == b"database unavailable\n"
    assert "no-cache" in response["Cache-Control"]


@pytest.mark.django_db
def test_readyz_is_503_when_the_query_fails(client):
    with mock.patch("yhdistystori.views.connection") as broken:
        cursor = broken.cursor.return_value.__enter__.return_value
        cursor.execute.side_effect = OperationalError("server closed the connection")
        response = client.get("/readyz")
    assert response.status_code == 503
    assert len(response.content) < 100


# --- Accessibility statement --------------------------------------------------------


@pytest.mark.django_db
def test_accessibility_statement(client):
    SiteConfiguration(accessibility_email="saavutettavuus@kaupunki.example.fi").save()
    response = client.get("/en/accessibility/")
    page = page_text(response)
    assert response.status_code == 200
    assert "<h1>Accessibility statement</h1>" in page
    assert "WCAG" in page
    assert 'href="mailto:saavutettavuus@kaupunki.example.fi"' in page
    assert 'href="/en/feedback/?topic=accessibility&page=/en/accessibility/"' in page


# --- Feedback -----------------------------------------------------------------------


@pytest.mark.django_db
def test_feedback_form_has_labelled_fields(client):
    response = client.get("/en/feedback/", {"page": "/en/associations/"})
    page = page_text(response)
    assert response.status_code == 200
    for field in ["message", "name", "email"]:
        assert f'<label for="id_{field}">' in page
    assert 'name="page_url" value="/en/associations/"' in page


@pytest.mark.django_db
def test_sending_feedback_saves_it_and_returns_to_the_page(client):
    response = client.post(
        "/feedback/",
        {
            "topic": "content",
            "message": "Yhdistyksen puhelinnumero on vanhentunut.",
            "name": "Maija Meikäläinen",
            "email": "maija@example.fi",
            "page_url": "/associations/?q=kuoro",
        },
    )
    assert response.status_code == 302
    assert response["Location"] == "/associations/?q=kuoro"
    feedback = Feedback.objects.get()
    assert feedback.topic == "content"
    assert feedback.message == "Yhdistyksen puhelinnumero on vanhentunut."
    assert feedback.email == "maija@example.fi"
    assert feedback.page_url == "/associations/?q=kuoro"
    assert feedback.language == "fi"
    assert feedback.created_at is not None
    assert feedback.answered_at is None


@pytest.mark.django_db
def test_sent_feedback_is_thanked_for(client):
    response = client.post(
        "/en/feedback/",
        {"topic": "other", "message": "Hyvä palvelu, kiitos!", "page_url": "/en/"},
        follow=True,
    )
    assert response.redirect_chain == [("/en/", 302)]
    assert "Thank you. Your feedback was received" in page_text(response)


@pytest.mark.django_db
def test_feedback_records_the_language_of_the_page(client):
    client.post("/sv/feedback/", {"topic": "other", "message": "Bra tjänst, tack!"})
    assert Feedback.objects.get().language == "sv"


@pytest.mark.django_db
def test_feedback_without_a_page_returns_home(client):
    response = client.post("/en/feedback/", {"topic": "other", "message": "Hyvä palvelu."})
    assert response["Location"] == "/en/"


@pytest.mark.django_db
@pytest.mark.parametrize("page_url", ["https://evil.example/", "//evil.example/x"])
def test_feedback_never_redirects_off_the_site(client, page_url):
    response = client.post(
        "/feedback/", {"topic": "other", "message": "Hyvä palvelu.", "page_url": page_url}
    )
    assert response.status_code == 302
    assert response["Location"] == "/"


@pytest.mark.django_db
def test_invalid_feedback_is_a_400_with_errors_and_keeps_what_was_typed(client):
    response = client.post(
        "/en/feedback/",
        {"topic": "other", "message": "hm", "name": "Maija Meikäläinen", "email": "ei-osoite"},
    )
    page = page_text(response)
    assert response.status_code == 400
    assert "Please correct the marked fields." in page
    assert "Please write a few words." in page
    assert "Enter a valid email address." in page
    assert 'value="Maija Meikäläinen"' in page
    assert re.search(r'<textarea name="message"[^>]*>\s*hm</textarea>', page)
    assert not Feedback.objects.exists()


@pytest.mark.django_db
def test_empty_feedback_is_a_400(client):
    response = client.post("/en/feedback/", {})
    assert response.status_code == 400
    assert "This field is required." in page_text(response)


@pytest.mark.django_db
def test_feedback_filled_in_by_a_bot_is_not_saved(client):
    response = client.post(
        "/en/feedback/",
        {"topic": "other", "message": "Buy cheap watches now", "website": "https://spam.example"},
    )
    assert response.status_code == 400
    assert not Feedback.objects.exists()


# --- Languages ----------------------------------------------------------------------


@pytest.mark.django_db
@pytest.mark.parametrize(("url", "lang"), [("/", "fi"), ("/sv/", "sv"), ("/en/", "en")])
def test_page_declares_its_language(client, url, lang):
    assert f'<html lang="{lang}">' in client.get(url).content.decode()


def switcher_links(response) -> dict[str, str]:
    nav = re.search(
        r'<nav class="language-switcher"[^>]*>(.*?)</nav>', response.content.decode(), re.S
    )
    assert nav, "no language switcher"
    links = re.findall(r'<a href="([^"]*)" lang="(\w+)"', nav.group(1))
    return {code: html.unescape(href) for href, code in links}


@pytest.mark.django_db
def test_language_switcher_on_a_profile_keeps_the_page_and_the_query(client):
    AssociationFactory(slug="foo")
    response = client.get("/associations/foo/?ref=kartta")
    assert switcher_links(response) == {
        "fi": "/associations/foo/?ref=kartta",
        "sv": "/sv/associations/foo/?ref=kartta",
        "en": "/en/associations/foo/?ref=kartta",
    }


@pytest.mark.django_db
def test_language_switcher_on_a_swedish_search_leads_back_to_finnish(client):
    response = client.get("/sv/associations/", {"q": "kör", "sort": "name"})
    assert switcher_links(response) == {
        "fi": "/associations/?q=k%C3%B6r&sort=name",
        "sv": "/sv/associations/?q=k%C3%B6r&sort=name",
        "en": "/en/associations/?q=k%C3%B6r&sort=name",
    }


@pytest.mark.django_db
def test_current_language_is_marked_in_the_switcher(client):
    page = client.get("/sv/").content.decode()
    assert re.search(r'<a href="/sv/" lang="sv" hreflang="sv" aria-current="true">', page)
    assert not re.search(r'lang="fi" hreflang="fi" aria-current', page)


# --- Page structure -----------------------------------------------------------------


@pytest.fixture
def public_pages(db):
    AssociationFactory(name="Jyväskylän Mieskuoro ry", slug="mieskuoro")
    return [
        "/",
        "/sv/",
        "/en/",
        "/associations/",
        "/associations/?q=mieskuoro",
        "/associations/?q=jääkiekko",
        "/associations/mieskuoro/",
        "/en/associations/mieskuoro/",
        "/accessibility/",
        "/feedback/",
        "/associations/ei-ole/",
        "/associations/?category=ei-ole",
    ]


@pytest.mark.django_db
def test_every_page_has_one_h1_a_skip_link_and_a_main_landmark(client, public_pages):
    for url in public_pages:
        response = client.get(url)
        assert response.status_code in (200, 400, 404), url
        page = response.content.decode()
        assert len(re.findall(r"<h1[\s>]", page)) == 1, url
        assert re.search(r'<a class="skip-link" href="#main">', page), url
        assert len(re.findall(r"<main[\s>]", page)) == 1, url
        assert '<main id="main"' in page, url


@pytest.mark.django_db
def test_missing_page_is_a_404_with_the_site_layout(client):
    response = client.get("/en/ei-tallaista-sivua/")
    assert response.status_code == 404
    assert "<h1>Page not found</h1>" in response.content.decode()


@pytest.mark.django_db
def test_feedback_with_a_null_character_is_a_400(client):
    response = client.post("/en/feedback/", {"topic": "other", "message": "Hei\x00 kaikki"})
    assert response.status_code == 400
    assert not Feedback.objects.exists()


@pytest.mark.django_db
def test_finnish_pages_name_the_city_in_the_genitive(client):
    from yhdistystori.models import SiteConfiguration

    SiteConfiguration(
        city_name_fi="Jyväskylä", city_name_sv="Jyväskylä", city_name_genitive_fi="Jyväskylän"
    ).save()
    assert "Jyväskylän yhdistykset</h1>" in client.get("/").content.decode()
    assert "Föreningar i Jyväskylä</h1>" in client.get("/sv/").content.decode()


@pytest.mark.django_db
def test_swedish_pages_write_dates_the_finnish_way(client):
    import datetime

    from tests.factories import AssociationFactory

    association = AssociationFactory(last_verified_at=datetime.date(2026, 3, 5))
    page = client.get(f"/sv/associations/{association.slug}/").content.decode()
    assert "5.3.2026" in page


# --- Django admin -------------------------------------------------------------------


def test_admin_can_open_the_list_of_every_registered_model(admin_client, some_of_everything):
    assert admin.site._registry, "nothing is registered in the admin"
    for model in admin.site._registry:
        opts = model._meta
        url = reverse(f"admin:{opts.app_label}_{opts.model_name}_changelist")
        response = admin_client.get(url)
        assert response.status_code == 200, f"{url}: {response.status_code}"
