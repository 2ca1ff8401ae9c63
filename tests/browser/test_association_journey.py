"""A new association's whole way into the directory, in a real browser.

Sign up, confirm the address by the emailed link, add the association with a
logo, send it for review; the liaison approves it; residents find it. axe-core
checks every page on the way, and each is checked at 360 px wide.
"""

from __future__ import annotations

import io
import re

import pytest
from django.core import mail
from django.utils import translation
from PIL import Image
from playwright.sync_api import expect

from associations.models import Association
from tests.browser.conftest import assert_fits_narrow_screen, assert_no_axe_violations, log_in
from tests.factories import CategoryFactory

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

PASSWORD = "Kuorolaulu-2026!"
NAME = "Vaajakosken Kamarikuoro ry"


def checked(page) -> None:
    """axe-clean and usable on a phone, then back to a desktop-sized window."""
    assert_no_axe_violations(page)
    assert_fits_narrow_screen(page)
    page.set_viewport_size({"width": 1280, "height": 900})


def png_logo() -> bytes:
    buffer = io.BytesIO()
    Image.new("RGB", (300, 200), "darkgreen").save(buffer, "PNG")
    return buffer.getvalue()


def link_in_last_email(to: str) -> str:
    message = next(m for m in reversed(mail.outbox) if to in m.to)
    return re.search(r"https?://\S+", message.body).group(0)


def test_association_signs_up_is_approved_and_is_found(
    page, live_server, liaison, settings, media_root
):
    settings.SITE_URL = live_server.url
    CategoryFactory(slug="musiikki", name_fi="Musiikki", name_sv="Musik", name_en="Music")

    # Sign up.
    page.goto("/accounts/signup/")
    checked(page)
    page.locator("#id_email").fill("sihteeri@kamarikuoro.example.fi")
    page.locator("#id_password1").fill(PASSWORD)
    page.locator("#id_password2").fill(PASSWORD)
    page.locator("main button[type=submit]").click()
    expect(page).to_have_url(re.compile(r"/accounts/confirm-email/"))
    checked(page)

    # Confirm the address by the link in the email.
    page.goto(link_in_last_email("sihteeri@kamarikuoro.example.fi"))
    checked(page)
    page.locator("main button[type=submit]").click()
    expect(page).to_have_url(re.compile(r"/my/"))
    checked(page)

    # Add the association with a logo and send it for review.
    page.goto("/associations/new/")
    checked(page)
    page.locator("#id_name").fill(NAME)
    page.locator("#id_description").fill("Kamarikuoro laulaa Vaajakosken kirkossa.")
    page.locator("fieldset", has=page.locator("input[name=categories]")).get_by_label(
        "Musiikki"
    ).check()
    page.locator("#id_logo").set_input_files(
        files=[{"name": "logo.png", "mimeType": "image/png", "buffer": png_logo()}]
    )
    page.locator("button[name=submit]").click()
    association = Association.objects.get(name=NAME)
    assert association.status == Association.Status.PENDING
    assert association.logo_small.name.endswith(".webp")
    expect(page).to_have_url(re.compile(rf"/associations/{association.slug}/"))
    expect(page.locator("main img").first).to_be_visible()
    checked(page)

    # Not yet in the directory.
    page.goto(f"/associations/?q={NAME.split()[1]}")
    expect(page.locator("main")).not_to_contain_text(NAME)

    # The liaison approves it from the queue.
    page.locator(".account-nav form button[type=submit]").click()  # log out
    log_in(page, liaison)
    page.goto("/moderation/")
    checked(page)
    page.locator("main").get_by_role("link", name=NAME).first.click()
    expect(page).to_have_url(re.compile(rf"/moderation/associations/{association.pk}/"))
    checked(page)
    page.locator("#action-approve button[type=submit]").click()
    association.refresh_from_db()
    assert association.status == Association.Status.PUBLISHED
    # The editors heard of it, in the language they signed up in.
    approved = next(m for m in reversed(mail.outbox) if "sihteeri@" in m.to[0])
    with translation.override("fi"):
        assert f"{live_server.url}{association.get_absolute_url()}" in approved.body

    # Residents find it with an inflected word.
    page.goto("/associations/?q=kamarikuorot")
    result = page.locator("main").get_by_role("link", name=NAME)
    expect(result).to_be_visible()
    checked(page)
    result.click()
    expect(page.locator("h1")).to_have_text(NAME)
    checked(page)
