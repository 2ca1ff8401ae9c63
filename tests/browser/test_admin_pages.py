"""The Django admin in a real browser under the site's Content-Security-Policy: its
scripts (the date pickers, the filters, the autocomplete and the inline rows) run and
nothing is refused (the `page` fixture fails on any violation)."""

from __future__ import annotations

import pytest

from tests.browser.conftest import log_in
from tests.factories import AssociationFactory

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def test_admin_pages_work_under_the_content_security_policy(page, admin_user):
    association = AssociationFactory(name="Kuokkalan Kamarikuoro ry")
    log_in(page, admin_user)
    for url in (
        "/admin/",
        "/admin/associations/association/",
        "/admin/associations/association/?q=kuoro",
        f"/admin/associations/association/{association.pk}/change/",
        "/admin/associations/association/add/",
        "/admin/yhdistystori/user/",
        "/admin/yhdistystori/siteconfiguration/",
    ):
        response = page.goto(url)
        assert response.status == 200, url
        page.wait_for_load_state("load")
    # The admin's own scripts ran: the sidebar's filter box is set up by nav_sidebar.js.
    page.goto("/admin/associations/association/")
    assert page.locator("#nav-filter").is_visible()
