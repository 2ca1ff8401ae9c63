"""The email layer (yhdistystori.emails): when messages go, to whom and in which language.

And every message the apps send renders whole, with links that the template builds
from `site_url` and `{% url %}` in the recipient's language.
"""

import logging
import re
from datetime import timedelta
from types import SimpleNamespace

import pytest
from django.conf import settings
from django.core import mail
from django.core.mail import EmailMultiAlternatives
from django.db import transaction
from django.urls import reverse
from django.utils import timezone, translation
from django.utils.translation import gettext

from associations.models import Association, Claim, ProfileChange, Report
from tests.factories import AssociationFactory, UserFactory
from yhdistystori import emails

LISTING_APPROVED = "associations/listing_approved"


def listing_approved(association) -> dict:
    return {"association": association, "reason": ""}


def links(text: str) -> set[str]:
    """The absolute links in a message part, the trailing footer's bare site address left out."""
    found = set(re.findall(r'https?://[^\s"<>]+', text))
    return found - {settings.SITE_URL}


def hrefs(html: str) -> list[str]:
    return re.findall(r'href="([^"]*)"', html)


def message_to(address: str) -> EmailMultiAlternatives:
    (message,) = [m for m in mail.outbox if m.to == [address]]
    return message


# --- when messages go ---------------------------------------------------------------------


def test_message_is_sent_only_after_the_transaction_commits(transactional_db):
    association = AssociationFactory()
    editor = UserFactory()

    with transaction.atomic():
        emails.send(LISTING_APPROVED, to=[editor], context=listing_approved(association))
        assert mail.outbox == []

    assert [m.to for m in mail.outbox] == [[editor.email]]


def test_nothing_is_sent_when_the_transaction_rolls_back(transactional_db):
    association = AssociationFactory()
    editor = UserFactory()

    with pytest.raises(RuntimeError), transaction.atomic():
        emails.send(LISTING_APPROVED, to=[editor], context=listing_approved(association))
        raise RuntimeError("the action failed after queueing the email")

    assert mail.outbox == []


def test_one_failing_message_does_not_stop_the_others(db, monkeypatch, caplog):
    association = AssociationFactory()
    refused, editor = UserFactory(), UserFactory()
    real_send = EmailMultiAlternatives.send

    def send(message, fail_silently=False):
        if message.to == [refused.email]:
            raise OSError("the mail server refused the recipient")
        return real_send(message, fail_silently)

    monkeypatch.setattr(EmailMultiAlternatives, "send", send)

    with caplog.at_level(logging.ERROR, logger="yhdistystori.emails"):
        emails.send(LISTING_APPROVED, to=[refused, editor], context=listing_approved(association))

    assert [m.to for m in mail.outbox] == [[editor.email]]
    (failure,) = [r for r in caplog.records if r.name == "yhdistystori.emails"]
    assert refused.email in failure.getMessage()
    assert failure.exc_info is not None


# --- to whom, in which language -------------------------------------------------------------


def test_each_recipient_gets_the_message_in_their_own_language(db):
    association = AssociationFactory()
    finnish, swedish = UserFactory(language="fi"), UserFactory(language="sv")

    emails.send(LISTING_APPROVED, to=[finnish, swedish], context=listing_approved(association))

    subjects = {}
    for language in ("fi", "sv"):
        with translation.override(language):
            subjects[language] = gettext("%(name)s is now in the directory") % {
                "name": association.name
            }
    assert subjects["fi"] != subjects["sv"], "the catalogues translate the subject"
    in_finnish, in_swedish = message_to(finnish.email), message_to(swedish.email)
    assert in_finnish.subject == subjects["fi"]
    assert in_swedish.subject == subjects["sv"]

    with translation.override("sv"):
        profile = f"{settings.SITE_URL}{association.get_absolute_url()}"
    assert "/sv/" in profile
    assert profile in in_swedish.body
    for part in (in_swedish.body, in_swedish.alternatives[0].content):
        assert links(part)
        assert all(link.startswith(f"{settings.SITE_URL}/sv/") for link in links(part))
    for part in (in_finnish.body, in_finnish.alternatives[0].content):
        assert links(part)
        assert not any("/sv/" in link for link in links(part))


def test_an_address_given_twice_gets_one_email(db):
    association = AssociationFactory()
    editor = UserFactory(email="maija.meikalainen@example.fi")

    queued = emails.send(
        LISTING_APPROVED,
        to=[editor, "Maija.Meikalainen@EXAMPLE.fi", editor],
        context=listing_approved(association),
    )

    assert queued == 1
    assert [m.to for m in mail.outbox] == [["maija.meikalainen@example.fi"]]


def test_a_bare_address_gets_the_message_in_the_language_it_was_sent_in(db):
    association = AssociationFactory()

    with translation.override("sv"):
        queued = emails.send(
            LISTING_APPROVED,
            to=["sihteeri@yhdistys.example.fi"],
            context=listing_approved(association),
        )

    assert queued == 1
    message = message_to("sihteeri@yhdistys.example.fi")
    with translation.override("sv"):
        assert f"{settings.SITE_URL}{association.get_absolute_url()}" in message.body


# --- every message renders whole ---------------------------------------------------------------

REASON = "Tiedot tarkistettu.\nKiitos ilmoituksesta!"


class StandInQueueItem:
    """What the digest reads of a yhdistystori.desk.QueueItem: `url` reverses when read."""

    def __init__(self, *, kind, pk: int, title: str, since):
        self.kind, self.pk, self.title, self.since = kind, pk, title, since

    @property
    def url(self) -> str:
        return reverse(self.kind.url_name, kwargs={"pk": self.pk})


def desk_kind(**attributes):
    """What the desk's emails read of a yhdistystori.desk.DeskKind."""
    return SimpleNamespace(
        **{
            "label": "Listing",
            "announcement": "A new listing waits for review.",
            "url_name": "moderation:association",
            **attributes,
        }
    )


def message_contexts() -> dict[str, dict]:
    """A realistic context for each message, as the app's email functions pass it."""
    association = AssociationFactory()
    other = AssociationFactory()
    editor = UserFactory()
    claimant = UserFactory()
    now = timezone.now()
    claim = Claim(association=association, user=claimant, position="puheenjohtaja")
    change = ProfileChange(
        association=association,
        user=editor,
        created_at=now - timedelta(days=2),
        changes=[
            {"field": "name", "old": "Vanha Nimi ry", "new": association.name},
            {"field": "register_number", "old": "", "new": "123456"},
        ],
        version=3,
    )
    report = Report(
        association=association,
        reason=Report.Reason.INCORRECT,
        message="Puhelinnumero on vanha.",
        created_at=now - timedelta(days=5),
    )
    listing = desk_kind()
    claim_kind = desk_kind(
        label="Claim",
        announcement="Someone asks to take over a listing.",
        url_name="moderation:claim",
    )
    editors = {"association": association, "reason": REASON}
    return {
        "associations/listing_approved": editors,
        "associations/listing_rejected": editors,
        "associations/listing_hidden": editors,
        "associations/listing_restored": editors,
        "associations/listings_orphaned": {"associations": [association, other]},
        "associations/verification_reminder": {"association": association},
        "associations/claim_approved": {**editors, "claim": claim},
        "associations/claim_rejected": {**editors, "claim": claim},
        "associations/change_approved": {**editors, "change": change},
        "associations/change_rejected": {**editors, "change": change},
        "associations/change_reverted": {**editors, "change": change, "skipped": ["name"]},
        "associations/invitation": {
            "association": association,
            "inviter": editor,
            "expires_at": now + timedelta(days=14),
            "token": "k6Zq3vW8yTt1pXbRr0aC4dE7fG9hJ2mN5sU-_LQe",
        },
        "associations/report_closed": {
            "report": report,
            "association": association,
            "dismissed": False,
            "reason": REASON,
        },
        "desk/new_item": {
            "kind": listing,
            "pk": association.pk,
            "title": association.name,
            "summary": "Uusi yhdistys Keljosta.",
        },
        "desk/digest": {
            "total": 3,
            "counts": [{"label": "listings", "count": 2}, {"label": "claims", "count": 1}],
            "items": [
                StandInQueueItem(
                    kind=listing, pk=association.pk, title=association.name, since=now
                ),
                StandInQueueItem(kind=listing, pk=other.pk, title=other.name, since=now),
                StandInQueueItem(kind=claim_kind, pk=7, title=association.name, since=now),
            ],
        },
    }


MESSAGES = [
    "associations/listing_approved",
    "associations/listing_rejected",
    "associations/listing_hidden",
    "associations/listing_restored",
    "associations/listings_orphaned",
    "associations/verification_reminder",
    "associations/claim_approved",
    "associations/claim_rejected",
    "associations/change_approved",
    "associations/change_rejected",
    "associations/change_reverted",
    "associations/invitation",
    "associations/report_closed",
    "desk/new_item",
    "desk/digest",
]


@pytest.mark.parametrize("name", MESSAGES)
def test_message_renders_whole_with_links_in_the_recipients_language(db, name):
    context = message_contexts()[name]
    to = emails.Recipient(email="vastaanottaja@example.fi", language="sv")

    message = emails.render_message(name, context, to)
    html = message.alternatives[0].content

    assert message.subject.strip()
    for part in (message.subject, message.body, html):
        assert "{{" not in part and "{%" not in part and "{#" not in part
    assert hrefs(html), "every message links somewhere"
    for href in hrefs(html):
        assert href.startswith(f"{settings.SITE_URL}/sv/"), href
    # The text part carries the same links as the HTML part, none of them empty.
    assert links(message.body) == set(hrefs(html))
    if context.get("reason"):
        assert "Kiitos ilmoituksesta!" in message.body
        assert "Kiitos ilmoituksesta!" in html


# --- the liaison's reason and the report's profile link ---------------------------------------


def test_the_liaisons_reason_is_headed_as_a_reason(db):
    association = AssociationFactory()
    to = emails.Recipient(email="hallitus@example.fi", language="en")

    message = emails.render_message(
        LISTING_APPROVED, {"association": association, "reason": REASON}, to
    )

    assert "Reason from the city's liaison:\nTiedot tarkistettu." in message.body
    assert "Tiedot tarkistettu.<br>Kiitos ilmoituksesta!</blockquote>" in (
        message.alternatives[0].content
    )


def test_no_reason_heading_when_the_liaison_gave_none(db):
    association = AssociationFactory()
    to = emails.Recipient(email="hallitus@example.fi", language="en")

    message = emails.render_message(LISTING_APPROVED, listing_approved(association), to)

    assert "liaison:" not in message.body
    assert "<blockquote" not in message.alternatives[0].content


@pytest.mark.parametrize(
    ("status", "links_profile"),
    [(Association.Status.PUBLISHED, True), (Association.Status.HIDDEN, False)],
)
def test_report_closed_says_note_and_links_the_profile_only_while_it_is_public(
    db, status, links_profile
):
    association = AssociationFactory(status=status)
    report = Report(association=association, reason=Report.Reason.INACTIVE, message="Lopettanut.")
    to = emails.Recipient(email="asukas@example.fi", language="en")
    context = {"report": report, "association": association, "dismissed": True, "reason": REASON}

    message = emails.render_message("associations/report_closed", context, to)

    assert "Note from the city's liaison:\nTiedot tarkistettu." in message.body
    assert "Reason from the city's liaison:" not in message.body
    with translation.override("en"):
        profile = f"{settings.SITE_URL}{association.get_absolute_url()}"
    assert (profile in message.body) is links_profile
    assert (f'href="{profile}"' in message.alternatives[0].content) is links_profile


# --- plain text stays plain ---------------------------------------------------------------------

AWKWARD_NAME = 'Kahvi & Kakku <ry> "Pulla"'
HTML_ENTITY = re.compile(r"&(?:amp|lt|gt|quot|#x?[0-9a-fA-F]+);")


def test_the_invitation_subject_shows_the_name_as_typed(db):
    context = message_contexts()["associations/invitation"]
    context["association"].name = AWKWARD_NAME
    to = emails.Recipient(email="vastaanottaja@example.fi", language="fi")

    message = emails.render_message("associations/invitation", context, to)

    assert AWKWARD_NAME in message.subject
    assert AWKWARD_NAME in message.body
    assert "Kahvi &amp; Kakku &lt;ry&gt; &quot;Pulla&quot;" in message.alternatives[0].content


@pytest.mark.parametrize("name", MESSAGES)
def test_no_subject_or_text_body_shows_html_entities(db, name):
    context = message_contexts()[name]
    for value in context.values():
        if isinstance(value, Association):
            value.name = AWKWARD_NAME
    for association in context.get("associations", []):
        association.name = AWKWARD_NAME
    if "title" in context:
        context["title"] = AWKWARD_NAME
    to = emails.Recipient(email="vastaanottaja@example.fi", language="sv")

    message = emails.render_message(name, context, to)

    assert not HTML_ENTITY.search(message.subject), message.subject
    assert not HTML_ENTITY.search(message.body), message.body
