"""Editors of a profile: invitations by email, removing and leaving, handing over ownership."""

import html
import re
from datetime import timedelta

import pytest
from allauth.account.models import EmailAddress
from django.core import mail
from django.urls import reverse
from django.utils import timezone, translation
from django.utils.formats import date_format
from django.utils.translation import gettext

from associations.models import Association, Invitation, Membership
from tests.factories import AssociationFactory, MembershipFactory, UserFactory

pytestmark = pytest.mark.django_db

SITE = "http://127.0.0.1:8000"


@pytest.fixture(autouse=True)
def _site_url(settings):
    settings.SITE_URL = SITE


@pytest.fixture
def choir(owner):
    association = AssociationFactory(name="Kuokkalan Kuoro ry")
    MembershipFactory(association=association, user=owner, role=Membership.Role.OWNER)
    return association


def url(name, lang="fi", **kwargs):
    with translation.override(lang):
        return reverse(f"associations:{name}", kwargs=kwargs)


def editors_url(association, lang="fi"):
    return url("editors", lang, slug=association.slug)


def invite(client, association, email, lang="fi"):
    return client.post(editors_url(association, lang), {"email": email})


def link_in(message) -> str:
    match = re.search(rf"{re.escape(SITE)}(\S*/associations/invitations/[^/\s]+/)", message.body)
    assert match, message.body
    return match.group(1)


def messages_of(response) -> list[str]:
    return [str(m) for m in response.context["messages"]]


def account(email: str | None = None, *, verified: bool = True, **fields):
    """A signed-up person; allauth marks the address verified once its link was clicked."""
    user = UserFactory(**({"email": email} if email else {}), **fields)
    EmailAddress.objects.create(user=user, email=user.email, verified=verified, primary=True)
    return user


# --- inviting ------------------------------------------------------------------------------


def test_owner_invites_an_editor_by_email(client, choir, owner):
    client.force_login(owner)
    response = invite(client, choir, "Uusi.Toimittaja@Example.fi")
    assert response.status_code == 302
    invitation = Invitation.objects.get()
    assert invitation.email == "uusi.toimittaja@example.fi"
    assert invitation.invited_by == owner
    [message] = mail.outbox
    assert message.to == ["uusi.toimittaja@example.fi"]
    assert "Kuokkalan Kuoro ry" in message.subject
    assert "Olli Omistaja" in message.body
    # A new address gets the invitation in the language of the page it was sent from.
    with translation.override("fi"):
        expires = date_format(timezone.localtime(invitation.expires_at), "DATE_FORMAT")
        validity = gettext(
            "The link works once and expires on %(date)s. If you do not have an account "
            "yet, you can create one on the way."
        ) % {"date": expires}
    assert expires in validity
    assert validity in message.body
    html = message.alternatives[0][0]
    assert link_in(message) in html


def test_invitation_to_a_person_with_an_account_is_in_their_language(client, choir, owner):
    UserFactory(email="sven@example.fi", language="sv")
    client.force_login(owner)
    invite(client, choir, "sven@example.fi")
    [message] = mail.outbox
    assert link_in(message).startswith("/sv/associations/invitations/")
    assert '<html lang="sv">' in message.alternatives[0][0]


def test_invitation_to_a_new_address_is_in_the_language_of_the_inviters_page(client, choir, owner):
    client.force_login(owner)
    invite(client, choir, "someone@example.fi", lang="en")
    [message] = mail.outbox
    assert link_in(message).startswith("/en/associations/invitations/")


def test_owner_sees_open_invitations_and_cancels_one(client, choir, owner):
    client.force_login(owner)
    invite(client, choir, "peruttava@example.fi")
    link = link_in(mail.outbox[0])
    invitation = Invitation.objects.get()
    page = client.get(editors_url(choir, "en")).content.decode()
    assert "Invitations not yet accepted" in page and "peruttava@example.fi" in page
    response = client.post(
        url("invitation_cancel", "en", slug=choir.slug, pk=invitation.pk), follow=True
    )
    assert "its link no longer works" in " ".join(messages_of(response))
    invitation.refresh_from_db()
    assert invitation.revoked_at is not None
    assert "peruttava@example.fi" not in client.get(editors_url(choir)).content.decode()
    client.force_login(UserFactory())
    response = client.get(link)
    assert response.status_code == 410
    assert client.post(link).status_code == 410
    assert Membership.objects.filter(association=choir).count() == 1


def test_inviting_an_editor_again_is_a_400_with_the_reason(client, choir, owner):
    MembershipFactory(association=choir, user=UserFactory(email="jo@example.fi"))
    client.force_login(owner)
    response = invite(client, choir, "JO@example.fi", lang="en")
    assert response.status_code == 400
    assert "This person is already an editor." in response.content.decode()
    assert 'value="JO@example.fi"' in response.content.decode()
    assert not mail.outbox


def test_an_invalid_address_is_a_400_that_keeps_it(client, choir, owner):
    client.force_login(owner)
    response = invite(client, choir, "ei-osoite", lang="en")
    assert response.status_code == 400
    assert "Enter a valid email address." in response.content.decode()
    assert 'value="ei-osoite"' in response.content.decode()


def test_an_editor_sees_the_editors_but_cannot_invite(client, choir):
    editor = UserFactory()
    MembershipFactory(association=choir, user=editor)
    client.force_login(editor)
    page = client.get(editors_url(choir, "en")).content.decode()
    assert "Olli Omistaja" in page
    assert 'name="email"' not in page
    assert invite(client, choir, "x@example.fi").status_code == 403
    assert not Invitation.objects.exists()


def test_a_liaison_manages_the_editors_of_any_association(client, choir, liaison):
    client.force_login(liaison)
    assert invite(client, choir, "uusi@example.fi").status_code == 302
    assert Invitation.objects.filter(association=choir).exists()


@pytest.mark.parametrize("who", ["anonymous", "outsider"])
def test_outsiders_do_not_see_the_editors(client, choir, outsider, who):
    if who == "outsider":
        client.force_login(outsider)
    response = client.get(editors_url(choir))
    assert response.status_code == (302 if who == "anonymous" else 403)


# --- accepting -------------------------------------------------------------------------------


def test_the_link_shows_the_association_and_an_accept_button(client, choir, owner):
    client.force_login(owner)
    invite(client, choir, "uusi@example.fi", lang="en")
    link = link_in(mail.outbox[0])
    client.logout()
    page = client.get(link).content.decode()
    assert "Invitation to edit Kuokkalan Kuoro ry" in page
    assert "Olli Omistaja invites you" in page
    # Anonymous visitors log in or sign up and come back here.
    assert f'href="/en/accounts/login/?next={link}"' in page
    assert f'href="/en/accounts/signup/?next={link}"' in page

    invitee = account("uusi@example.fi")
    client.force_login(invitee)
    page = client.get(link).content.decode()
    assert "Accept the invitation" in page


def test_anonymous_accept_is_sent_to_log_in_first(client, choir, owner):
    client.force_login(owner)
    invite(client, choir, "uusi@example.fi")
    link = link_in(mail.outbox[0])
    client.logout()
    response = client.post(link)
    assert response.status_code == 302
    assert "/accounts/login/?next=" in response["Location"]
    assert Membership.objects.filter(association=choir).count() == 1


def test_the_link_works_once(client, choir, owner):
    client.force_login(owner)
    invite(client, choir, "uusi@example.fi", lang="en")
    link = link_in(mail.outbox[0])
    invitee = account("uusi@example.fi")
    client.force_login(invitee)
    response = client.post(link, follow=True)
    membership = Membership.objects.get(association=choir, user=invitee)
    assert membership.role == Membership.Role.EDITOR
    assert response.redirect_chain[-1][0] == f"/en/associations/{choir.slug}/"
    assert "You are now an editor of Kuokkalan Kuoro ry." in " ".join(messages_of(response))

    someone_else = account("toinen@example.fi")
    client.force_login(someone_else)
    response = client.get(link)
    assert response.status_code == 410
    assert "This invitation has been used already." in response.content.decode()
    response = client.post(link)
    assert response.status_code == 410
    assert not Membership.objects.filter(user=someone_else).exists()


def test_an_expired_link_is_refused(client, choir, owner):
    client.force_login(owner)
    invite(client, choir, "uusi@example.fi", lang="en")
    link = link_in(mail.outbox[0])
    Invitation.objects.update(expires_at=timezone.now() - timedelta(minutes=1))
    invitee = UserFactory()
    client.force_login(invitee)
    response = client.get(link)
    assert response.status_code == 410
    assert "This invitation has expired." in response.content.decode()
    assert "Ask an owner of Kuokkalan Kuoro ry to send you a new invitation." in (
        response.content.decode()
    )
    assert client.post(link).status_code == 410
    assert not Membership.objects.filter(user=invitee).exists()


def test_an_unknown_link_is_not_found(client):
    client.force_login(UserFactory())
    response = client.get(url("invitation", "en", token="ei-tallaista-kutsua"))
    assert response.status_code == 404
    assert "This invitation link is not valid." in response.content.decode()
    assert client.post(url("invitation", token="ei-tallaista-kutsua")).status_code == 404


def test_a_new_invitation_to_the_same_address_replaces_the_old_link(client, choir, owner):
    client.force_login(owner)
    invite(client, choir, "uusi@example.fi")
    invite(client, choir, "uusi@example.fi")
    old, new = link_in(mail.outbox[0]), link_in(mail.outbox[1])
    client.force_login(UserFactory())
    assert client.get(old).status_code == 410
    assert client.get(new).status_code == 200


def test_an_invited_editor_of_a_draft_sees_the_draft(client, owner, liaison):
    draft = AssociationFactory(status=Association.Status.DRAFT)
    MembershipFactory(association=draft, user=owner, role=Membership.Role.OWNER)
    client.force_login(liaison)  # only a liaison invites to a listing not yet approved
    invite(client, draft, "uusi@example.fi")
    invitee = account("uusi@example.fi")
    client.force_login(invitee)
    client.post(link_in(mail.outbox[0]))
    with translation.override("fi"):
        assert client.get(draft.get_absolute_url()).status_code == 200


# --- the invited address --------------------------------------------------------------------


def test_only_the_invited_address_can_accept(client, choir, owner):
    client.force_login(owner)
    invite(client, choir, "Maija@Example.fi", lang="en")
    link = link_in(mail.outbox[0])
    stranger = account("outsider@example.fi")
    client.force_login(stranger)
    page = client.get(link)
    assert page.status_code == 200
    assert "Accept the invitation" not in page.content.decode()
    response = client.post(link)
    assert response.status_code == 403
    text = response.content.decode()
    assert "This invitation was sent to m***@example.fi" in text
    assert "maija@" not in text.lower()
    assert "Log in with that address, or ask for a new invitation" in text
    assert not Membership.objects.filter(user=stranger).exists()
    invitation = Invitation.objects.get()
    assert invitation.accepted_at is None and invitation.revoked_at is None


def test_the_invitation_page_says_so_before_the_click(client, choir, owner):
    client.force_login(owner)
    invite(client, choir, "maija@example.fi", lang="en")
    link = link_in(mail.outbox[0])
    client.force_login(account("outsider@example.fi"))
    text = " ".join(client.get(link).content.decode().split())
    assert "This invitation was sent to m***@example.fi" in text
    assert "<button" not in text.split("<main", 1)[-1].split("</main>")[0]


def test_an_unverified_address_does_not_accept(client, choir, owner):
    client.force_login(owner)
    invite(client, choir, "maija@example.fi")
    link = link_in(mail.outbox[0])
    # Whoever typed the address at sign-up but never clicked its link has not shown it is theirs.
    client.force_login(account("maija@example.fi", verified=False))
    assert client.post(link).status_code == 403
    assert Membership.objects.filter(association=choir).count() == 1


def test_a_verified_second_address_accepts_in_any_case(client, choir, owner):
    client.force_login(owner)
    invite(client, choir, "maija@example.fi")
    link = link_in(mail.outbox[0])
    maija = account("maija.koti@example.fi")
    EmailAddress.objects.create(user=maija, email="Maija@Example.FI", verified=True)
    client.force_login(maija)
    assert client.post(link).status_code == 302
    assert Membership.objects.filter(association=choir, user=maija).exists()


# --- who may invite --------------------------------------------------------------------------


def test_a_draft_cannot_invite_until_a_liaison_approves_it(client, owner):
    draft = AssociationFactory(name="Tietojenkalastelu: vahvista tilisi", status="draft")
    MembershipFactory(association=draft, user=owner, role=Membership.Role.OWNER)
    client.force_login(owner)
    page = html.unescape(client.get(editors_url(draft, "en")).content.decode())
    assert "Editors can be invited once the city's liaison has approved the listing" in page
    assert 'name="email"' not in page
    for status in ("draft", "pending", "hidden"):
        Association.objects.filter(pk=draft.pk).update(status=status)
        response = invite(client, draft, "uhri@example.fi", lang="en")
        assert response.status_code == 400
        assert "once the city's liaison has approved the listing" in html.unescape(
            response.content.decode()
        )
    assert not Invitation.objects.exists()
    assert mail.outbox == []


def test_a_liaison_may_invite_to_a_draft(client, owner, liaison):
    draft = AssociationFactory(status=Association.Status.DRAFT)
    MembershipFactory(association=draft, user=owner, role=Membership.Role.OWNER)
    client.force_login(liaison)
    assert 'name="email"' in client.get(editors_url(draft)).content.decode()
    assert invite(client, draft, "uusi@example.fi").status_code == 302
    assert Invitation.objects.get().invited_by == liaison


# --- invitations stop with the inviter's place -------------------------------------------------


def open_invitation(association, by) -> Invitation:
    invitation, _token = Invitation.new(
        association=association, email="kutsu@example.fi", invited_by=by
    )
    invitation.save()
    return invitation


def is_open(invitation) -> bool:
    return Invitation.objects.open().filter(pk=invitation.pk).exists()


def test_a_removed_owners_invitations_are_cancelled(client, choir, owner):
    second = MembershipFactory(association=choir, role=Membership.Role.OWNER)
    theirs, mine = open_invitation(choir, second.user), open_invitation(choir, owner)
    client.force_login(owner)
    assert client.post(url("editor_remove", slug=choir.slug, pk=second.pk)).status_code == 302
    assert not is_open(theirs)
    assert is_open(mine)


def test_invitations_of_an_owner_who_leaves_are_cancelled(client, choir, owner):
    second = MembershipFactory(association=choir, role=Membership.Role.OWNER)
    elsewhere = AssociationFactory()
    MembershipFactory(association=elsewhere, user=second.user, role=Membership.Role.OWNER)
    here, there = open_invitation(choir, second.user), open_invitation(elsewhere, second.user)
    client.force_login(second.user)
    assert client.post(url("editor_remove", slug=choir.slug, pk=second.pk)).status_code == 302
    assert not is_open(here)
    assert is_open(there)  # they still own the other association


def test_a_former_owners_invitations_are_cancelled_when_they_hand_over(client, choir, owner):
    successor = MembershipFactory(association=choir)
    invitation = open_invitation(choir, owner)
    client.force_login(owner)
    client.post(url("owner_transfer", slug=choir.slug, pk=successor.pk))
    assert not is_open(invitation)


def test_a_liaison_making_an_owner_leaves_the_owners_invitations(client, choir, owner, liaison):
    successor = MembershipFactory(association=choir)
    invitation = open_invitation(choir, owner)
    client.force_login(liaison)
    client.post(url("owner_transfer", slug=choir.slug, pk=successor.pk))
    assert is_open(invitation)  # nobody was demoted


def test_a_deleted_accounts_invitations_are_cancelled(choir, owner):
    from associations import workflows

    MembershipFactory(association=choir, role=Membership.Role.OWNER)
    invitation = open_invitation(choir, owner)
    workflows.memberships_release(user=owner)
    owner.delete()
    assert not is_open(invitation)


# --- removing, leaving and handing over ------------------------------------------------------


def test_owner_removes_an_editor(client, choir, owner):
    editor = MembershipFactory(association=choir)
    client.force_login(owner)
    response = client.post(url("editor_remove", slug=choir.slug, pk=editor.pk))
    assert response.status_code == 302
    assert not Membership.objects.filter(pk=editor.pk).exists()


def test_an_editor_cannot_remove_another_editor(client, choir, owner):
    editor = MembershipFactory(association=choir)
    other = MembershipFactory(association=choir)
    client.force_login(editor.user)
    owners = Membership.objects.get(user=owner)
    for target in (other, owners):
        response = client.post(url("editor_remove", slug=choir.slug, pk=target.pk))
        assert response.status_code == 403
    assert Membership.objects.filter(association=choir).count() == 3


def test_an_editor_leaves(client, choir):
    editor = MembershipFactory(association=choir)
    client.force_login(editor.user)
    response = client.post(url("editor_remove", "en", slug=choir.slug, pk=editor.pk), follow=True)
    assert response.redirect_chain[-1][0] == "/en/my/"
    assert "You are no longer an editor of Kuokkalan Kuoro ry." in " ".join(messages_of(response))
    assert not Membership.objects.filter(pk=editor.pk).exists()


def test_the_last_owner_cannot_leave(client, choir, owner):
    MembershipFactory(association=choir)  # an editor, not an owner
    membership = Membership.objects.get(user=owner)
    client.force_login(owner)
    response = client.post(url("editor_remove", "en", slug=choir.slug, pk=membership.pk))
    assert response.status_code == 400
    assert "The association must keep an owner." in response.content.decode()
    assert Membership.objects.filter(pk=membership.pk).exists()


def test_owner_hands_over_ownership_and_can_then_leave(client, choir, owner):
    successor = MembershipFactory(association=choir, user=UserFactory(full_name="Seuraaja"))
    mine = Membership.objects.get(user=owner)
    client.force_login(owner)
    response = client.post(
        url("owner_transfer", "en", slug=choir.slug, pk=successor.pk), follow=True
    )
    assert "Seuraaja is now the owner. You remain an editor." in " ".join(messages_of(response))
    successor.refresh_from_db()
    mine.refresh_from_db()
    assert successor.is_owner and not mine.is_owner
    # Now an editor, the former owner may leave; the new owner keeps the association.
    assert client.post(url("editor_remove", slug=choir.slug, pk=mine.pk)).status_code == 302
    assert list(Membership.objects.filter(association=choir)) == [successor]


def test_an_editor_cannot_hand_over_ownership(client, choir):
    editor = MembershipFactory(association=choir)
    other = MembershipFactory(association=choir)
    client.force_login(editor.user)
    for target in (editor, other):
        response = client.post(url("owner_transfer", slug=choir.slug, pk=target.pk))
        assert response.status_code == 403
    assert Membership.objects.filter(association=choir, role="owner").count() == 1


def test_removing_and_handing_over_accept_only_post(client, choir, owner):
    mine = Membership.objects.get(user=owner)
    client.force_login(owner)
    for name in ("editor_remove", "owner_transfer"):
        assert client.get(url(name, slug=choir.slug, pk=mine.pk)).status_code == 405


def test_the_editors_page_query_count_is_bounded(
    client, choir, owner, django_assert_max_num_queries
):
    for _n in range(5):
        MembershipFactory(association=choir)
    client.force_login(owner)
    for n in range(3):
        invite(client, choir, f"kutsu{n}@example.fi")
    client.get(editors_url(choir))
    with django_assert_max_num_queries(12):
        page = client.get(editors_url(choir)).content.decode()
    assert page.count('class="editor-item"') == 6 + 3


def test_invitations_are_limited_per_account_and_keep_the_address(client, choir, owner, settings):
    settings.PUBLIC_FORM_RATE_LIMITS = {
        **settings.PUBLIC_FORM_RATE_LIMITS,
        "invitation": "2/h/user",
    }
    client.force_login(owner)
    assert invite(client, choir, "eka@example.fi", lang="en").status_code == 302
    assert invite(client, choir, "toka@example.fi", lang="en").status_code == 302
    response = invite(client, choir, "kolmas@example.fi", lang="en")
    assert response.status_code == 429
    page = response.content.decode()
    assert "Try again in an hour." in page and 'value="kolmas@example.fi"' in page
    assert len(mail.outbox) == 2
