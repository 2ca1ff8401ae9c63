"""How liaisons hear of new items: the email settings page, an email for each new item
and the daily digest (the send_moderation_digest command).

Pages are read in English (/en/…), whose wording is the source text itself.
"""

from __future__ import annotations

import pytest
from django.conf import settings
from django.core import mail
from django.core.management import call_command
from django.utils import timezone

from associations import workflows
from tests.associations.conftest import (
    assert_email_parts,
    claim_for,
    editor_of,
    en,
    follow,
    links_in,
    page_text,
    pending_listing,
    stale_profile,
)
from tests.factories import AssociationFactory, UserFactory, activate_totp
from yhdistystori.models import User
from yhdistystori.roles import Role, grant_role

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("media_root")]


def make_liaison(**kwargs) -> User:
    """Another liaison besides the `liaison` of tests/conftest.py, with settings of their own
    (and, as staff must, an authenticator app)."""
    user = UserFactory(**kwargs)
    grant_role(user, Role.LIAISON)
    activate_totp(user)
    return user


# --- email settings ------------------------------------------------------------------------------


def test_liaison_chooses_how_to_hear_of_new_items(client, liaison):
    client.force_login(liaison)
    url = en("moderation:email_settings")
    assert "One email a day with the queue" in page_text(client.get(url))
    response = client.post(url, {"moderation_email": "each"})
    assert response.status_code == 302
    liaison.refresh_from_db()
    assert liaison.moderation_email == User.ModerationEmail.EACH
    assert "Your choice is saved." in page_text(client.get(url))
    assert client.post(url, {"moderation_email": "hourly"}).status_code == 400
    liaison.refresh_from_db()
    assert liaison.moderation_email == User.ModerationEmail.EACH


# --- emails to liaisons ---------------------------------------------------------------------


def test_liaisons_who_chose_each_item_hear_of_a_new_claim(client):
    each = make_liaison(moderation_email="each", language="sv")
    make_liaison(moderation_email="digest")
    make_liaison(moderation_email="none")
    claim = claim_for(AssociationFactory(name="Vanha Kerho ry"))
    (message,) = mail.outbox
    assert message.to == [each.email]
    assert_email_parts(message)
    assert "Vanha Kerho ry" in message.subject
    item_link = f"{settings.SITE_URL}/sv/moderation/claims/{claim.pk}/"
    assert item_link in links_in(message)
    client.force_login(each)
    assert follow(client, item_link).status_code == 200


def test_liaisons_are_told_when_a_listing_loses_its_last_editor(client):
    liaison = make_liaison(language="en")
    association = AssociationFactory(name="Yksinäinen Seura ry")
    leaving = editor_of(association)
    (hidden,) = workflows.memberships_release(user=leaving)
    assert hidden == association
    (message,) = mail.outbox
    assert message.to == [liaison.email]
    assert_email_parts(message)
    assert "Yksinäinen Seura ry" in message.body
    link = f"{settings.SITE_URL}/en/moderation/associations/{association.pk}/"
    assert link in links_in(message)
    client.force_login(liaison)
    assert follow(client, link).status_code == 200


def test_digest_goes_once_a_day_to_liaisons_who_chose_it(client):
    digest_en = make_liaison(moderation_email="digest", language="en")
    digest_sv = make_liaison(moderation_email="digest", language="sv")
    make_liaison(moderation_email="each")
    make_liaison(moderation_email="digest", is_active=False)
    listing = pending_listing("Uusi Kuoro ry")
    stale_profile("Unohtunut Yhdistys ry")
    mail.outbox.clear()

    call_command("send_moderation_digest", verbosity=0)
    by_address = {message.to[0]: message for message in mail.outbox}
    assert set(by_address) == {digest_en.email, digest_sv.email}
    assert "2 items wait in the moderation queue" in by_address[digest_en.email].subject
    message = by_address[digest_sv.email]
    assert_email_parts(message)
    assert "Uusi Kuoro ry" in message.body and "Unohtunut Yhdistys ry" in message.body
    item_link = f"{settings.SITE_URL}/sv/moderation/associations/{listing.pk}/"
    assert item_link in links_in(message)
    client.force_login(digest_sv)
    assert follow(client, item_link).status_code == 200
    digest_en.refresh_from_db()
    assert digest_en.moderation_digest_sent_on == timezone.localdate()

    mail.outbox.clear()
    call_command("send_moderation_digest", verbosity=0)
    assert mail.outbox == []


def test_digest_is_not_sent_when_the_queue_is_empty():
    liaison = make_liaison(moderation_email="digest")
    call_command("send_moderation_digest", verbosity=0)
    assert mail.outbox == []
    liaison.refresh_from_db()
    assert liaison.moderation_digest_sent_on is None


def test_digest_dry_run_sends_nothing(capsys):
    liaison = make_liaison(moderation_email="digest")
    pending_listing()
    call_command("send_moderation_digest", "--dry-run")
    assert f"Would send a digest to {liaison.email}." in capsys.readouterr().out
    assert mail.outbox == []
    liaison.refresh_from_db()
    assert liaison.moderation_digest_sent_on is None
