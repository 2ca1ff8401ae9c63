"""Findings of the security review: response headers, language links built from the
raw path, and HEAD on read-only pages."""

import html
import re

import pytest
from allauth.account.models import EmailAddress
from django.conf import settings
from django.urls import reverse

from tests.factories import AssociationFactory
from tests.yhdistystori.test_site import switcher_links

STRICT_CSP = (
    "default-src 'self'; script-src 'self'; style-src 'self'; img-src 'self' data:; "
    "font-src 'self'; connect-src 'self'; form-action 'self'; frame-ancestors 'none'; "
    "base-uri 'self'; object-src 'none'"
)


# --- Content-Security-Policy and Permissions-Policy ---------------------------------


@pytest.mark.django_db
@pytest.mark.parametrize("url", ["/", "/en/associations/", "/healthz", "/api/v1/associations"])
def test_public_responses_carry_the_strict_content_security_policy(client, url):
    response = client.get(url)
    assert response.status_code == 200
    assert response["Content-Security-Policy"] == STRICT_CSP
    assert "unsafe-inline" not in response["Content-Security-Policy"]


@pytest.mark.django_db
def test_not_found_page_carries_the_content_security_policy(client):
    response = client.get("/associations/ei-ole/")
    assert response.status_code == 404
    assert response["Content-Security-Policy"] == STRICT_CSP


def test_admin_pages_carry_the_same_policy(admin_client):
    # The Django admin has no inline script or style that it needs (checked in a
    # browser), so it gets no policy of its own.
    response = admin_client.get("/admin/")
    assert response.status_code == 200
    assert response["Content-Security-Policy"] == STRICT_CSP


@pytest.mark.django_db
def test_responses_deny_browser_features_the_site_does_not_use(client):
    policy = client.get("/")["Permissions-Policy"]
    for feature in ("camera", "microphone", "geolocation", "payment", "usb", "interest-cohort"):
        assert f"{feature}=()" in policy


def test_templates_have_no_inline_script_or_style():
    # Emails are not web pages and may style themselves inline.
    templates = settings.BASE_DIR / "templates"
    for path in templates.rglob("*.html"):
        if "emails" in path.relative_to(templates).parts:
            continue
        text = path.read_text()
        for tag in re.findall(r"<script\b[^>]*>", text):
            assert "src=" in tag or 'type="application/ld+json"' in tag, (path, tag)
        assert "<style" not in text, path
        assert not re.search(r"\sstyle=", text), path
        assert not re.search(r"\son[a-z]+=", text), path


# --- Cache-Control for signed-in people ---------------------------------------------


@pytest.mark.django_db
def test_public_pages_for_anonymous_visitors_keep_their_caching(client):
    AssociationFactory(slug="kuoro")
    for url in ("/", "/associations/", "/associations/kuoro/"):
        assert "no-store" not in client.get(url).get("Cache-Control", ""), url


@pytest.mark.django_db
def test_pages_for_a_signed_in_person_are_not_stored(client, owner, association):
    client.force_login(owner)
    urls = [
        "/",
        "/my/",
        reverse("associations:detail", args=[association.slug]),
        reverse("associations:edit", args=[association.slug]),
        reverse("associations:editors", args=[association.slug]),
    ]
    for url in urls:
        response = client.get(url)
        assert response.status_code == 200, url
        assert response["Cache-Control"] == "private, no-store", url


@pytest.mark.django_db
def test_the_desk_and_the_admin_are_not_stored(client, liaison, admin_client):
    client.force_login(liaison)
    assert client.get(reverse("moderation:queue"))["Cache-Control"] == "private, no-store"
    assert {"private", "no-store"} <= cache_directives(admin_client.get("/admin/"))


@pytest.mark.django_db
def test_signing_in_and_out_is_not_stored(client, outsider):
    outsider.set_password("salasana-123")
    outsider.save()
    EmailAddress.objects.update_or_create(
        user=outsider, email=outsider.email, defaults={"verified": True, "primary": True}
    )
    response = client.post(
        "/accounts/login/", {"login": outsider.email, "password": "salasana-123"}
    )
    assert response.status_code == 302
    assert settings.SESSION_COOKIE_NAME in response.cookies
    assert {"private", "no-store"} <= cache_directives(response)

    response = client.post("/accounts/logout/")
    assert response.status_code == 302
    assert settings.SESSION_COOKIE_NAME in response.cookies
    assert {"private", "no-store"} <= cache_directives(response)


def cache_directives(response) -> set[str]:
    return {part.strip() for part in response.get("Cache-Control", "").split(",")}


# --- Language links on pages reached through a strange path -------------------------


def get_raw_path(client, path: str, query: str = ""):
    """GET with the path exactly as a client sent it: the test client would read
    `//evil.example/` as a host name, as a browser does, and the server does not."""
    return client.get("/", PATH_INFO=path, QUERY_STRING=query)


@pytest.mark.django_db
def test_language_links_on_a_not_found_page_stay_on_the_site(client):
    response = get_raw_path(client, "//evil.example/associations/")
    assert response.status_code == 404
    page = response.content.decode()
    assert 'href="//evil.example' not in page
    assert "evil.example" not in html.unescape(
        " ".join(re.findall(r'<a href="([^"]*)" lang=', page))
    )


@pytest.mark.django_db
@pytest.mark.parametrize(
    "path", ["//evil.example/associations/", "/\\evil.example/", "/ei-ole-sivua/"]
)
def test_language_links_of_a_path_that_does_not_resolve_lead_home(client, path):
    response = get_raw_path(client, path, "x=1")
    assert response.status_code == 404
    assert switcher_links(response) == {"fi": "/", "sv": "/sv/", "en": "/en/"}


@pytest.mark.django_db
def test_language_links_collapse_leading_slashes_of_a_page_of_this_site(client):
    response = get_raw_path(client, "//associations/", "q=kuoro")
    assert switcher_links(response) == {
        "fi": "/associations/?q=kuoro",
        "sv": "/sv/associations/?q=kuoro",
        "en": "/en/associations/?q=kuoro",
    }


# --- HEAD on read-only views --------------------------------------------------------


@pytest.fixture
def read_only_urls(db):
    association = AssociationFactory(slug="kuoro")
    return [
        "/",
        "/accessibility/",
        "/associations/",
        "/associations/kuoro/",
        "/associations/export.csv",
        "/api/v1/associations",
        f"/api/v1/associations/{association.pk}",
        "/healthz",
        "/readyz",
    ]


def test_head_answers_like_get_on_read_only_pages(client, read_only_urls):
    for url in read_only_urls:
        response = client.head(url)
        assert response.status_code == 200, url


def test_post_to_read_only_pages_is_still_refused(client, read_only_urls):
    for url in read_only_urls:
        assert client.post(url).status_code == 405, url


@pytest.mark.django_db
def test_head_answers_on_the_signed_in_read_only_pages(client, liaison):
    client.force_login(liaison)
    for name in ("my_page", "moderation:queue", "moderation:changes", "moderation:log"):
        assert client.head(reverse(name)).status_code == 200, name
        assert client.post(reverse(name)).status_code in (403, 405), name
