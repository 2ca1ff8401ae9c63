"""The rules of registering: who may, places and the waiting list, cancelling and
promotion, the race for the last seats, and the deletion of details after the event."""

import threading
from datetime import timedelta

import pytest
from django.core import mail
from django.core.management import call_command
from django.db import close_old_connections, connection
from django.utils import timezone, translation

from events.models import Registration
from events.registering import (
    RegistrationError,
    delete_old_personal_data,
    promote_waitlisted,
    registration_cancel,
    registration_create,
)
from tests.factories import OccurrenceFactory


@pytest.fixture(autouse=True)
def _in_english():
    # The workflows answer in the active language; these tests read the English.
    with translation.override("en"):
        yield


def open_occurrence(**series):
    fields = {"registration_required": True, "capacity": 2, **series}
    return OccurrenceFactory(**{f"series__{key}": value for key, value in fields.items()})


def register(occurrence, email, name="Maija Meikäläinen", **fields):
    return registration_create(occurrence=occurrence, name=name, email=email, **fields)


@pytest.mark.django_db
class TestRules:
    def test_places_are_confirmed_until_full_then_the_waiting_list_fills(self):
        occurrence = open_occurrence(capacity=2)
        statuses = [register(occurrence, f"p{i}@example.fi").registration.status for i in range(4)]
        assert statuses == ["confirmed", "confirmed", "waitlisted", "waitlisted"]

    def test_without_a_capacity_everyone_is_confirmed(self):
        occurrence = open_occurrence(capacity=None)
        for i in range(30):
            register(occurrence, f"p{i}@example.fi")
        assert occurrence.registrations.confirmed().count() == 30

    def test_one_address_registers_once_whatever_its_case(self):
        occurrence = open_occurrence()
        register(occurrence, "maija@example.fi")
        with pytest.raises(RegistrationError, match="already registered"):
            register(occurrence, "Maija@Example.FI")
        assert occurrence.registrations.count() == 1

    def test_the_same_address_may_register_again_after_cancelling(self):
        occurrence = open_occurrence()
        first = register(occurrence, "maija@example.fi").registration
        registration_cancel(registration=first)
        again = register(occurrence, "maija@example.fi").registration
        assert again.status == "confirmed"

    @pytest.mark.parametrize(
        ("series", "occurrence", "message"),
        [
            ({"registration_required": False}, {}, "needs no registration"),
            ({"status": "draft"}, {}, "when the event is published"),
            ({}, {"cancelled_at": timezone.now()}, "cancelled"),
            ({"start_date": timezone.localdate() - timedelta(days=3)}, {}, "already taken place"),
            ({"registration_closes_before": timedelta(days=8)}, {}, "has closed"),
        ],
        ids=["not-needed", "draft", "cancelled", "past", "closed"],
    )
    def test_registration_is_refused_when_not_open(self, series, occurrence, message):
        fields = {"registration_required": True, **series}
        occurrence = OccurrenceFactory(
            **{f"series__{key}": value for key, value in fields.items()}, **occurrence
        )
        with pytest.raises(RegistrationError, match=message):
            register(occurrence, "maija@example.fi")
        assert not Registration.objects.exists()

    def test_registration_closes_its_time_before_the_start(self):
        # The factory's occurrence starts in seven days; closing six days before leaves a day.
        occurrence = open_occurrence(registration_closes_before=timedelta(days=6))
        assert register(occurrence, "maija@example.fi").registration.status == "confirmed"


@pytest.mark.django_db
class TestCancelAndPromote:
    def test_cancelling_a_confirmed_place_promotes_the_first_waiting_and_emails_them(self):
        occurrence = open_occurrence(capacity=1)
        confirmed = register(occurrence, "eka@example.fi").registration
        first_waiting = register(occurrence, "toka@example.fi", name="Toka").registration
        register(occurrence, "kolmas@example.fi")
        mail.outbox.clear()

        promoted = registration_cancel(registration=confirmed)

        assert promoted.pk == first_waiting.pk
        first_waiting.refresh_from_db()
        assert first_waiting.status == "confirmed" and first_waiting.promoted_at
        assert occurrence.registrations.waitlisted().get().email == "kolmas@example.fi"
        to = {message.to[0]: message for message in mail.outbox}
        assert set(to) == {"eka@example.fi", "toka@example.fi"}
        # Registered without a language: the emails are in Finnish.
        assert to["eka@example.fi"].subject.startswith("Ilmoittautumisesi on peruttu")
        assert to["toka@example.fi"].subject.startswith("Sinulle vapautui paikka")
        promoted_mail = to["toka@example.fi"]
        assert promoted_mail.attachments[0][2].startswith("text/calendar")

    def test_cancelling_from_the_waiting_list_promotes_nobody(self):
        occurrence = open_occurrence(capacity=1)
        register(occurrence, "eka@example.fi")
        waiting = register(occurrence, "toka@example.fi").registration
        register(occurrence, "kolmas@example.fi")
        assert registration_cancel(registration=waiting) is None
        assert occurrence.registrations.waitlisted().count() == 1

    def test_a_cancelled_registration_cannot_be_cancelled_again(self):
        registration = register(open_occurrence(), "eka@example.fi").registration
        registration_cancel(registration=registration)
        with pytest.raises(RegistrationError, match="already cancelled"):
            registration_cancel(registration=registration)

    def test_raising_the_capacity_promotes_as_many_as_there_are_new_places(self):
        occurrence = open_occurrence(capacity=1)
        for i in range(4):
            register(occurrence, f"p{i}@example.fi")
        occurrence.series.capacity = 3
        occurrence.series.save()
        promoted = promote_waitlisted(occurrence=occurrence)
        assert [r.email for r in promoted] == ["p1@example.fi", "p2@example.fi"]
        assert occurrence.registrations.confirmed().count() == 3
        assert occurrence.registrations.waitlisted().count() == 1


@pytest.mark.django_db(transaction=True)
def test_fifty_at_once_for_ten_seats_confirm_exactly_ten():
    occurrence = open_occurrence(capacity=10)
    people = 50
    start = threading.Barrier(people)
    errors = []

    def one(i):
        try:
            start.wait()
            register(occurrence, f"person{i}@example.fi", name=f"Henkilö {i}")
        except Exception as error:  # noqa: BLE001 - the test reports every failure
            errors.append(error)
        finally:
            connection.close()

    threads = [threading.Thread(target=one, args=(i,)) for i in range(people)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    close_old_connections()

    assert errors == []
    assert occurrence.registrations.confirmed().count() == 10
    assert occurrence.registrations.waitlisted().count() == 40


@pytest.mark.django_db(transaction=True)
def test_the_same_address_twice_at_once_registers_once_and_tells_the_other():
    occurrence = open_occurrence(capacity=10)
    start = threading.Barrier(2)
    outcomes = []

    def one():
        try:
            start.wait()
            with translation.override("en"):
                register(occurrence, "sama@example.fi")
            outcomes.append("registered")
        except RegistrationError as error:
            outcomes.append(error.message)
        finally:
            connection.close()

    threads = [threading.Thread(target=one) for _ in range(2)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()

    assert sorted(outcomes)[-1] == "registered"
    assert "already registered" in sorted(outcomes)[0]
    assert occurrence.registrations.count() == 1


@pytest.mark.django_db
class TestPersonalDataDeletion:
    def past_occurrence(self, days_ago: int):
        start = timezone.now() - timedelta(days=days_ago)
        occurrence = OccurrenceFactory(
            series__registration_required=True, start=start, end=start + timedelta(hours=2)
        )
        for i, status in enumerate(["confirmed", "waitlisted", "cancelled"]):
            Registration.objects.create(
                occurrence=occurrence,
                name=f"Henkilö {i}",
                email=f"h{i}@example.fi",
                dietary_needs="Gluteeniton",
                accessibility_needs="Induktiosilmukka",
                status=status,
                token_hash=Registration.new_token()[1],
            )
        return occurrence

    def test_details_go_ninety_days_after_the_occurrence_and_the_counts_stay(self):
        old = self.past_occurrence(days_ago=91)
        recent = self.past_occurrence(days_ago=30)

        assert delete_old_personal_data() == 1

        old.refresh_from_db()
        assert old.personal_data_deleted_at is not None
        wiped = old.registrations.all()
        assert wiped.count() == 3
        assert {(r.name, r.email, r.dietary_needs, r.accessibility_needs) for r in wiped} == {
            ("", "", "", "")
        }
        assert all(r.anonymised_at for r in wiped)
        assert old.registrations.confirmed().count() == 1
        assert recent.registrations.filter(email="h0@example.fi").exists()

    def test_running_again_changes_nothing(self):
        self.past_occurrence(days_ago=100)
        delete_old_personal_data()
        deleted_at = Registration.objects.values_list("anonymised_at", flat=True).first()
        assert delete_old_personal_data() == 0
        assert Registration.objects.values_list("anonymised_at", flat=True).first() == deleted_at

    def test_the_command_for_cron_reports_what_it_did(self, capsys):
        self.past_occurrence(days_ago=120)
        call_command("delete_old_registrations")
        assert "1" in capsys.readouterr().out
        assert not Registration.objects.exclude(email="").exists()
