"""Who gets into the liaison's desk (/moderation/) and who may decide there, and what
liaisons may do with the desk's records in the Django admin.

Pages are read in English (/en/…), whose wording is the source text itself.
"""

import pytest
from django.conf import settings
from django.core.management import call_command
from django.db import connection
from django.shortcuts import resolve_url
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from associations import workflows
from associations.models import Association, Membership, ModerationAction, ProfileChange
from events.models import EventReport
from tests.associations.conftest import (
    claim_for,
    editor_of,
    name_change,
    page_text,
    pending_listing,
    report_on,
)
from tests.factories import AssociationFactory, EventSeriesFactory, UserFactory
from yhdistystori.urls import desk_patterns

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("media_root")]


# --- who gets in -----------------------------------------------------------------------------

# Every URL of the desk, with the objects it needs. A new URL without a row here fails
# test_every_desk_url_is_in_the_access_table.
DESK_URLS = {
    "queue": lambda objs: {},
    "association": lambda objs: {"pk": objs["association"].pk},
    "claim": lambda objs: {"pk": objs["claim"].pk},
    "report": lambda objs: {"pk": objs["report"].pk},
    "change": lambda objs: {"pk": objs["change"].pk},
    "changes": lambda objs: {},
    "log": lambda objs: {},
    "email_settings": lambda objs: {},
    "event": lambda objs: {"pk": objs["event"].pk},
    "event_report": lambda objs: {"pk": objs["event_report"].pk},
}
# Desk pages of the other roles' kinds, with their access tested by their apps
# (booking requests: tests/grants/access_bookings.py).
OTHER_ROLES_URLS = {"booking_request"}


def test_every_desk_url_is_in_the_access_table():
    assert {pattern.name for pattern in desk_patterns} == set(DESK_URLS) | OTHER_ROLES_URLS


@pytest.fixture
def desk_objects(db):
    association = AssociationFactory(name="Kuokkalan Kuoro ry")
    editor = editor_of(association)
    event = EventSeriesFactory(by_city=False, organisers=[association])
    return {
        "association": association,
        "editor": editor,
        "claim": claim_for(association),
        "report": report_on(association),
        "change": name_change(association),
        "event": event,
        "event_report": EventReport.objects.create(
            series=event, reason="incorrect", message="Aika on väärin."
        ),
    }


@pytest.mark.parametrize("url_name", DESK_URLS)
@pytest.mark.parametrize(
    ("persona", "expected"),
    [("anonymous", 302), ("outsider", 403), ("editor", 403), ("liaison", 200), ("admin", 200)],
)
def test_only_liaisons_and_admins_open_the_desk(
    client, desk_objects, outsider, liaison, admin_user, url_name, persona, expected
):
    people = {
        "outsider": outsider,
        "editor": desk_objects["editor"],
        "liaison": liaison,
        "admin": admin_user,
    }
    if persona in people:
        client.force_login(people[persona])
    url = reverse(f"moderation:{url_name}", kwargs=DESK_URLS[url_name](desk_objects) or None)
    response = client.get(url)
    assert response.status_code == expected
    if persona == "anonymous":
        assert response["Location"].startswith(resolve_url(settings.LOGIN_URL))


@pytest.mark.parametrize("persona", ["outsider", "editor"])
def test_others_cannot_decide_anything(client, desk_objects, outsider, persona):
    person = outsider if persona == "outsider" else desk_objects["editor"]
    client.force_login(person)
    association = desk_objects["association"]
    response = client.post(
        reverse("moderation:association", kwargs={"pk": association.pk}),
        {"action": "hide", "hide-reason": "Testi", "version": association.version},
    )
    assert response.status_code == 403
    association.refresh_from_db()
    assert association.status == Association.Status.PUBLISHED
    assert not ModerationAction.objects.exists()


def test_actions_are_post_only(client, liaison, desk_objects):
    client.force_login(liaison)
    url = reverse("moderation:association", kwargs={"pk": desk_objects["association"].pk})
    assert client.get(url, {"action": "hide", "hide-reason": "x"}).status_code == 200
    desk_objects["association"].refresh_from_db()
    assert desk_objects["association"].status == Association.Status.PUBLISHED
    assert client.put(url).status_code == 405


def test_the_header_links_to_the_desk_for_liaisons_only(client, liaison):
    pending_listing()
    client.force_login(liaison)
    response = client.get("/en/")
    assert 'href="/en/moderation/"' in response.content.decode()
    assert "Moderation (1 item waiting" in page_text(response)

    client.force_login(UserFactory())
    assert "/moderation/" not in client.get("/en/").content.decode()


def test_the_header_costs_other_people_no_query_for_the_desk(client):
    person = UserFactory()
    client.force_login(person)
    client.get("/en/")  # the first page remembers that this person is not a liaison
    with CaptureQueriesContext(connection) as queries:
        client.get("/en/")
    assert not [q for q in queries.captured_queries if "auth_group" in q["sql"]]


# --- the admin ----------------------------------------------------------------------------------


def test_liaisons_look_up_claims_reports_and_records_in_the_admin(client, desk_objects, liaison):
    call_command("setup_roles", verbosity=0)
    workflows.claim_reject(claim=desk_objects["claim"], liaison=liaison, reason="Ei")
    client.force_login(liaison)
    for model in ("claim", "report", "profilechange", "moderationaction", "membership"):
        response = client.get(f"/en/admin/associations/{model}/")
        assert response.status_code == 200, model
    action = ModerationAction.objects.get()
    url = f"/en/admin/associations/moderationaction/{action.pk}/change/"
    assert client.get(url).status_code == 200  # to view
    assert client.post(url, {"reason": "Muutettu"}).status_code == 403
    action.refresh_from_db()
    assert action.reason == "Ei"
    membership = desk_objects["association"].memberships.get(user=desk_objects["editor"])
    membership_url = f"/en/admin/associations/membership/{membership.pk}/change/"
    assert client.post(membership_url, {"role": "editor"}).status_code == 302
    membership.refresh_from_db()
    assert membership.role == Membership.Role.EDITOR
    change = desk_objects["change"]
    delete = f"/en/admin/associations/profilechange/{change.pk}/delete/"
    assert client.post(delete, {"post": "yes"}).status_code == 403
    assert ProfileChange.objects.filter(pk=change.pk).exists()
