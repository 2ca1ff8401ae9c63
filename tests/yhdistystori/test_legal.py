"""The accessibility statement and the privacy notice, the feedback link they
share, and the links to the notice from every form that asks for personal data."""

import html
import re

import pytest

from yhdistystori.models import Feedback


def page_text(response) -> str:
    return html.unescape(response.content.decode())


def checked_topic(page: str) -> list[str]:
    return re.findall(r'<input type="radio" name="topic" value="(\w+)"[^>]*checked', page)


# --- Feedback topic chosen by the link -----------------------------------------------


@pytest.mark.django_db
def test_feedback_link_with_a_topic_ticks_that_topic(client):
    page = page_text(client.get("/en/feedback/", {"topic": "accessibility"}))
    assert checked_topic(page) == [Feedback.Topic.ACCESSIBILITY]


@pytest.mark.django_db
def test_feedback_link_with_an_unknown_topic_ticks_the_default(client):
    page = page_text(client.get("/en/feedback/", {"topic": "<script>"}))
    assert checked_topic(page) == [Feedback.Topic.OTHER]
