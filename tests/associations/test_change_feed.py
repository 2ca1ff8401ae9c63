"""The desk's change feed (/moderation/changes/): published edits as readable diffs,
filtered by association, and reverting a change from it.

Pages are read in English (/en/…), whose wording is the source text itself.
"""

import re

import pytest
from django.conf import settings
from django.core import mail

from associations.models import Association, ModerationAction, ProfileChange
from tests.associations.conftest import edit, editor_of, en, links_in, name_change, page_text
from tests.factories import AssociationFactory, CategoryFactory

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("media_root")]


# --- the change feed and revert ------------------------------------------------------------------


@pytest.fixture
def vocabulary(db):
    return {
        "music": CategoryFactory(slug="musiikki", name_fi="Musiikki", name_en="Music"),
        "sports": CategoryFactory(slug="liikunta", name_fi="Liikunta", name_en="Sports"),
        "culture": CategoryFactory(slug="kulttuuri", name_fi="Kulttuuri", name_en="Culture"),
    }


def test_feed_shows_a_readable_diff_newest_first(client, liaison, vocabulary):
    choir = AssociationFactory(
        name="Kuoro ry", categories=[vocabulary["music"]], accepts_new_members=False
    )
    club = AssociationFactory(name="Kerho ry", phone="040 111 2222")
    editor = editor_of(choir, full_name="Eeva Editori")
    edit(
        choir,
        editor,
        values={"description": "Laulamme.", "accepts_new_members": True},
        relations={"categories": [vocabulary["sports"], vocabulary["culture"]]},
    )
    edit(club, editor_of(club), values={"phone": "050 333 4444"})
    client.force_login(liaison)
    response = client.get(en("moderation:changes"))
    assert response.status_code == 200
    text = page_text(response)
    assert text.index("Kerho ry") < text.index("Kuoro ry")
    assert "Before 040 111 2222 After 050 333 4444" in text
    assert "Removed Music" in text
    assert "Added Culture, Sports" in text  # in the vocabulary's order
    assert "Accepts new members Before No After Yes" in text
    assert "By Eeva Editori" in text
    assert text.count("Revert") >= 2


def test_feed_shows_logo_changes_as_images(client, liaison):
    association = AssociationFactory()
    ProfileChange.objects.create(
        association=association,
        user=liaison,
        version=2,
        to_published=True,
        changes=[
            {"field": "logo", "old": "", "new": "logos/uusi.png"},
            {"field": "logo_small", "old": "", "new": "logos/uusi-small.png"},
        ],
    )
    client.force_login(liaison)
    html = client.get(en("moderation:changes")).content.decode()
    assert re.search(r'<img src="/media/logos/uusi.png" alt="The logo after"', html)
    assert "uusi-small" not in html
    assert "No logo" in html


def test_feed_leaves_out_drafts_and_pending_changes(client, liaison):
    draft = AssociationFactory(name="Luonnos ry", status=Association.Status.DRAFT)
    edit(draft, editor_of(draft), values={"phone": "040 1"})
    name_change(AssociationFactory(name="Odottava ry"))
    client.force_login(liaison)
    text = page_text(client.get(en("moderation:changes")))
    assert "Luonnos ry" not in text
    assert "Odottava ry" not in text
    assert "No changes yet" in text


def test_feed_filters_by_association(client, liaison):
    choir = AssociationFactory(name="Kuoro ry")
    club = AssociationFactory(name="Kerho ry")
    edit(choir, editor_of(choir), values={"phone": "040 1"})
    edit(club, editor_of(club), values={"phone": "040 2"})
    client.force_login(liaison)
    response = client.get(en("moderation:changes"), {"association": choir.pk})
    text = page_text(response)
    assert "Showing changes to Kuoro ry." in text
    assert "Kerho ry" not in text
    bad = client.get(en("moderation:changes"), {"association": "kuoro"})
    assert bad.status_code == 400
    assert "That association was not found." in page_text(bad)


def test_feed_query_count_does_not_grow_with_changes(
    client, liaison, vocabulary, django_assert_max_num_queries
):
    for n in range(30):
        association = AssociationFactory()
        edit(
            association,
            editor_of(association),
            values={"phone": f"040 {n}", "seeks_volunteers": True},
            relations={"categories": [vocabulary["music"]], "districts": []},
        )
    client.force_login(liaison)
    # Five of these are the header's counts of the queue, cached for a minute; one is the
    # check that staff use two-factor authentication (yhdistystori/mfa.py).
    with django_assert_max_num_queries(15):
        response = client.get(en("moderation:changes"))
    assert response.status_code == 200
    with django_assert_max_num_queries(15):
        assert client.get(en("moderation:changes"), {"page": 2}).status_code == 200


def test_revert_from_the_feed_restores_old_values_and_categories(client, liaison, vocabulary):
    association = AssociationFactory(
        name="Kuoro ry",
        phone="040 111 2222",
        categories=[vocabulary["music"]],
        accepts_new_members=True,
    )
    editor = editor_of(association, language="sv")
    change = edit(
        association,
        editor,
        values={"phone": "050 999 9999", "accepts_new_members": False},
        relations={"categories": [vocabulary["sports"]]},
    ).applied
    client.force_login(liaison)
    feed = en("moderation:changes")
    html = client.get(feed).content.decode()
    assert f'action="{en("moderation:change", pk=change.pk)}"' in html
    response = client.post(
        en("moderation:change", pk=change.pk),
        {"action": "revert", "revert-reason": "", "next": feed},
    )
    assert response.status_code == 302
    assert response["Location"] == feed
    assert "was reverted" in page_text(client.get(feed))

    association.refresh_from_db()
    assert association.phone == "040 111 2222"
    assert association.accepts_new_members is True
    assert list(association.categories.all()) == [vocabulary["music"]]
    assert association.search_terms_other  # the search terms follow the categories
    change.refresh_from_db()
    assert change.status == ProfileChange.Status.REVERTED
    assert ModerationAction.objects.get().action == ModerationAction.Action.REVERT_CHANGE
    (message,) = mail.outbox
    assert message.to == [editor.email]
    assert f"{settings.SITE_URL}/sv/associations/{association.slug}/" in links_in(message)


def test_revert_skips_fields_changed_again_since(client, liaison):
    association = AssociationFactory(description="Alkuperäinen.", phone="040 1")
    editor = editor_of(association, language="en")
    first = edit(association, editor, values={"description": "Toinen.", "phone": "040 2"}).applied
    edit(association, editor, values={"description": "Kolmas."})
    client.force_login(liaison)
    response = client.post(en("moderation:change", pk=first.pk), {"action": "revert"})
    assert response.status_code == 302
    association.refresh_from_db()
    assert association.description == "Kolmas."
    assert association.phone == "040 1"
    (message,) = mail.outbox
    assert "These fields have their earlier values again:\nphone" in message.body
    assert "changed again since, so they were left as they are: description" in message.body


def test_revert_of_a_change_whose_fields_all_changed_again_is_refused(client, liaison):
    association = AssociationFactory(phone="040 1")
    editor = editor_of(association)
    first = edit(association, editor, values={"phone": "040 2"}).applied
    edit(association, editor, values={"phone": "040 3"})
    client.force_login(liaison)
    response = client.post(
        en("moderation:change", pk=first.pk),
        {"action": "revert", "revert-reason": "Väärä numero"},
    )
    assert response.status_code == 400
    assert "Every field of this change has been changed again since." in page_text(response)
    assert "Väärä numero" in response.content.decode()
    association.refresh_from_db()
    assert association.phone == "040 3"


def test_a_feed_filter_that_is_not_a_number_is_a_400(client, liaison):
    client.force_login(liaison)
    for value in ("²", "abc", "9" * 30):
        response = client.get(en("moderation:changes"), {"association": value})
        assert response.status_code == 400, value
