"""How much text a listing and a claim hold: the forms, the database and the search index."""

from itertools import islice, product

import pytest
from django.core.management import call_command
from django.db import IntegrityError, transaction
from django.utils import translation

from associations import search
from associations.forms import ClaimForm, ProfileForm
from associations.models import Association, Claim
from tests.associations.test_listing_creation import NEW_LISTING
from tests.factories import AssociationFactory, UserFactory


@pytest.fixture(autouse=True)
def _english_messages():
    # The messages are asserted in their source language whatever translations exist.
    with translation.override("en"):
        yield


def unique_words(count: int) -> list[str]:
    """Different made-up words, none of which the index can fold into another."""
    letters = "abdefghijklmnoprstuvy"
    return ["ulo" + "".join(tail) for tail in islice(product(letters, repeat=4), count)]


# --- the forms -----------------------------------------------------------------------------------


def test_profile_form_refuses_a_description_over_5000_characters(db):
    form = ProfileForm({**NEW_LISTING, "description": "a" * 5001})
    assert not form.is_valid()
    assert "description" in form.errors
    assert ProfileForm({**NEW_LISTING, "description": "a" * 5000}).is_valid()


def test_description_box_has_the_limit_and_says_it(db):
    html = str(ProfileForm()["description"])
    assert 'maxlength="5000"' in html
    assert "At most 5000 characters." in str(ProfileForm()["description"].help_text)


def test_a_line_break_counts_as_one_character_as_in_the_browser(db):
    typed = ("a" * 99 + "\r\n") * 50  # 5,000 characters in the box, 5,050 as sent
    form = ProfileForm({**NEW_LISTING, "description": typed})
    assert form.is_valid(), form.errors
    assert form.cleaned_data["description"] == typed.replace("\r\n", "\n").rstrip()


def test_claim_form_refuses_a_message_over_2000_characters(db):
    assert not ClaimForm({"position": "Sihteeri", "message": "a" * 2001}).is_valid()
    assert ClaimForm({"position": "Sihteeri", "message": "a" * 2000}).is_valid()
    assert 'maxlength="2000"' in str(ClaimForm()["message"])


@pytest.mark.parametrize(
    "typed, stored", [("050 123 4567", "050 123 4567"), ("  (014)   266 0103 ", "(014) 266 0103")]
)
def test_profile_form_keeps_a_phone_number_as_typed(db, typed, stored):
    form = ProfileForm({**NEW_LISTING, "phone": typed})
    assert form.is_valid(), form.errors
    assert form.cleaned_data["phone"] == stored


def test_profile_form_refuses_a_phone_number_with_letters(db):
    form = ProfileForm({**NEW_LISTING, "phone": "soita illalla"})
    assert not form.is_valid()
    assert form.errors["phone"] == [
        "Enter a phone number in digits, for example 050 123 4567 or +358 50 123 4567."
    ]


# --- the database --------------------------------------------------------------------------------


def test_the_database_refuses_an_over_long_description(db):
    association = AssociationFactory()
    with pytest.raises(IntegrityError), transaction.atomic():
        Association.objects.filter(pk=association.pk).update(description="a" * 5001)


def test_the_database_refuses_an_over_long_claim_message(db):
    with pytest.raises(IntegrityError), transaction.atomic():
        Claim.objects.create(
            association=AssociationFactory(),
            user=UserFactory(),
            position="Jäsen",
            message="a" * 2001,
        )


@pytest.mark.django_db(transaction=True)
def test_the_migration_cuts_texts_stored_before_the_limits():
    # Made with today's columns; at 0005 only the columns that 0005 has are written.
    association = AssociationFactory()
    claim_user = UserFactory()
    try:
        call_command("migrate", "associations", "0005", verbosity=0)
        Association.objects.filter(pk=association.pk).update(description="a" * 6000)
        Claim.objects.bulk_create(
            [Claim(association=association, user=claim_user, position="Jäsen", message="b" * 3000)]
        )
        call_command("migrate", "associations", verbosity=0)
    finally:
        call_command("migrate", verbosity=0)
    assert Association.objects.get(pk=association.pk).description == "a" * 5000
    assert Claim.objects.get(association=association).message == "b" * 2000


# --- the search index ---------------------------------------------------------------------------


def test_the_index_reads_only_the_beginning_of_a_long_text():
    text = " ".join(unique_words(140_000))  # about 1.1 MB of different words
    terms = search.document_terms(text).split()
    assert "uloaaaa" in terms
    assert text.split()[-1] not in terms
    assert len(terms) <= search.MAX_INDEXED_WORDS * 5


def test_a_text_longer_than_the_limit_still_fits_the_search_vector(db):
    # A text stored before the limit existed, or written past it, is indexed all the same.
    association = AssociationFactory(name="Pitkä Kuvaus ry")
    association.description = " ".join(unique_words(140_000))
    association.set_search_terms()
    Association.objects.filter(pk=association.pk).update(
        search_terms_other=association.search_terms_other
    )
    assert Association.objects.search("uloaaab").get() == association
