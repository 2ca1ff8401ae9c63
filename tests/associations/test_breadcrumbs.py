"""Every page with breadcrumbs starts them from the home page."""

import re

import pytest
from django.urls import reverse
from django.utils import translation

from tests.factories import AssociationFactory

pytestmark = pytest.mark.django_db


def breadcrumb_links(response) -> list[str]:
    nav = re.search(r'<nav class="breadcrumbs"[^>]*>(.*?)</nav>', response.content.decode(), re.S)
    assert nav, "the page has no breadcrumbs"
    return re.findall(r'<a href="([^"]+)">', nav.group(1))


@pytest.mark.parametrize(
    ("url_name", "person"),
    [
        ("associations:detail", None),
        ("associations:report", None),
        ("associations:edit", "owner"),
        ("associations:editors", "owner"),
        ("associations:claim", "outsider"),
    ],
)
def test_breadcrumbs_start_from_home_then_the_directory(
    client, request, association, url_name, person
):
    target = AssociationFactory() if url_name == "associations:claim" else association
    if person:
        client.force_login(request.getfixturevalue(person))
    with translation.override("en"):
        url = reverse(url_name, kwargs={"slug": target.slug})
    response = client.get(url)

    assert response.status_code == 200
    assert breadcrumb_links(response)[:2] == ["/en/", "/en/associations/"]
