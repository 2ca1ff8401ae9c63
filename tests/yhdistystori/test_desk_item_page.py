"""The shared item page (yhdistystori.desk_views.item_page) with a page of its own, to show
what it gives every app: the version shown goes to the workflow only for pages that
name one, and a refusal may bring its own status and context."""

from http import HTTPStatus

import pytest
from django.contrib.messages.storage.fallback import FallbackStorage
from django.contrib.sessions.backends.db import SessionStore

from yhdistystori import desk_views
from yhdistystori.desk_views import DeskAction, DeskPage, item_page
from yhdistystori.models import User

pytestmark = pytest.mark.django_db


class Refused(Exception):
    status = HTTPStatus.CONFLICT

    def __init__(self, message):
        self.message = message
        self.context = {"what_changed": "the name"}


def page_with(workflow, *, version_attr=""):
    action = DeskAction(
        name="ok", button="OK", workflow=workflow, done="Done: %(name)s", reason_label="Why"
    )
    return DeskPage(
        queryset=User.objects.all,
        item_arg="person",
        template="moderation/includes/decide.html",
        actions={"ok": action},
        available=lambda item: ["ok"],
        context=lambda request, item: {},
        name=str,
        error=Refused,
        version_attr=version_attr,
    )


def post(rf, user, data, page):
    request = rf.post("/", data)
    request.user = user
    request.session = SessionStore()
    request._messages = FallbackStorage(request)
    return item_page(request, user.pk, page=page)


def get(rf, user):
    request = rf.get("/")
    request.user = user
    return request


def test_a_page_without_versions_passes_none(rf, liaison):
    calls = []
    response = post(rf, liaison, {"action": "ok"}, page_with(lambda **kw: calls.append(kw)))
    assert response.status_code == 302
    assert "seen_version" not in calls[0]
    assert (
        'name="version"'
        not in item_page(get(rf, liaison), liaison.pk, page=page_with(None)).content.decode()
    )


def test_a_versioned_page_shows_the_version_and_passes_on_what_was_sent(rf, liaison):
    calls = []
    page = page_with(lambda **kw: calls.append(kw), version_attr="pk")
    shown = item_page(get(rf, liaison), liaison.pk, page=page).content.decode()
    assert f'name="version" value="{liaison.pk}"' in shown
    assert post(rf, liaison, {"action": "ok", "version": "7"}, page).status_code == 302
    assert calls[0]["seen_version"] == 7
    response = post(rf, liaison, {"action": "ok"}, page)  # no version: not sent on
    assert response.status_code == 400
    assert len(calls) == 1


def test_a_refusal_brings_its_status_and_context(rf, liaison, monkeypatch):
    def refuse(**kwargs):
        raise Refused("Changed meanwhile.")

    captured = {}
    real_render = desk_views.render

    def render(request, template, context, status):
        captured.update(context)
        return real_render(request, template, context, status=status)

    monkeypatch.setattr(desk_views, "render", render)
    response = post(
        rf, liaison, {"action": "ok", "version": "1"}, page_with(refuse, version_attr="pk")
    )
    assert response.status_code == 409
    assert captured["what_changed"] == "the name"
    assert captured["error"] == "Changed meanwhile."
