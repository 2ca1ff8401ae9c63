"""Load the demo events (events/demo_data.py). Run after `load_demo`; safe to run again:
series are updated by their address name, and what people did with the demo (their
registrations, topics, closings) is left as it is."""

from __future__ import annotations

from datetime import datetime, timedelta

from django.contrib.auth import get_user_model
from django.core.management.base import BaseCommand, CommandError
from django.db import transaction
from django.utils import timezone

from associations.demo_data import LIAISON_USER_EMAIL, REPRESENTATIVE_EMAIL
from associations.models import Association, Category, District, Membership
from events import demo_data, recurrence
from events.memo import sanitise_memo
from events.models import EventSeries, FollowUp, FollowUpNote, Occurrence, Registration, Topic


class Command(BaseCommand):
    help = "Load the demo events: the iltakahvit series with its memos, and associations' events."

    def handle(self, *args, **options):
        liaison = get_user_model().objects.filter(email=LIAISON_USER_EMAIL).first()
        if liaison is None:
            raise CommandError("Run `manage.py load_demo` first: the events need its data.")
        now = timezone.now()
        with transaction.atomic():
            iltakahvit = _load_iltakahvit(liaison, now)
            count = 1 + sum(
                1 for event in demo_data.ASSOCIATION_EVENTS if _load_event(event, liaison, now)
            )
            _load_representatives_event(liaison, now)
        upcoming = iltakahvit.occurrences.upcoming(now).first()
        self.stdout.write(
            self.style.SUCCESS(
                f"Demo events are in place: {count} events, "
                f"{Occurrence.objects.count()} occurrences. The next iltakahvit: "
                f"{timezone.localtime(upcoming.start):%d.%m.%Y %H:%M}."
            )
        )


def _terms(model, slugs):
    return list(model.objects.filter(slug__in=slugs))


def _with_past(series: EventSeries, now) -> None:
    """The occurrences the rule had before now (materialise makes only the future's)."""
    for start in recurrence.Schedule.of(series).starts(before=now):
        Occurrence.objects.get_or_create(
            series=series,
            original_start=start,
            defaults={"start": start, "end": start + series.duration},
        )
    recurrence.materialise(series, now=now)


def _support_organisation() -> Association:
    data = demo_data.SUPPORT_ORGANISATION
    association, _created = Association.objects.get_or_create(
        slug=data["slug"],
        defaults={
            "name": data["name"],
            "description": data["description"],
            "municipality": "Jyväskylä",
            "status": Association.Status.PUBLISHED,
            "is_claimed": True,
            "last_verified_at": timezone.localdate(),
        },
    )
    association.categories.add(*_terms(Category, ["vapaaehtoistyo"]))
    return association


def _load_iltakahvit(liaison, now) -> EventSeries:
    fields = dict(demo_data.ILTAKAHVIT)
    categories = fields.pop("categories")
    series, _created = EventSeries.objects.update_or_create(
        slug=fields.pop("slug"),
        defaults={
            **fields,
            "by_city": True,
            "featured": True,
            "status": EventSeries.Status.PUBLISHED,
            "created_by": liaison,
        },
    )
    series.organisers.set([_support_organisation()])
    series.categories.set(_terms(Category, categories))
    _with_past(series, now)
    participants = list(
        Association.objects.published().order_by("slug").values_list("pk", flat=True)[:40]
    )
    for day, content in demo_data.MEMOS.items():
        occurrence = series.occurrences.filter(original_start__date=day).first()
        if occurrence is None or occurrence.is_closed:
            continue
        _close(occurrence, content, liaison, participants)
    upcoming = series.occurrences.upcoming(now).active().first()
    if upcoming is not None and not upcoming.registrations.exists():
        _fill_next(upcoming, participants)
    return series


def _close(occurrence: Occurrence, content: dict, liaison, participants: list[int]) -> None:
    occurrence.memo = sanitise_memo(content["memo"])
    occurrence.attendance = content["attendance"]
    occurrence.closed_at = occurrence.end + timedelta(hours=18)
    occurrence.closed_by = liaison
    occurrence.save()
    start = occurrence.start.day % 10
    occurrence.participating_associations.set(participants[start : start + content["associations"]])
    for title, responsible, notes in content["follow_ups"]:
        follow_up = FollowUp.objects.create(
            occurrence=occurrence,
            title=title,
            responsible=responsible,
            status=notes[-1][1],
            created_at=occurrence.closed_at,
            updated_at=timezone.make_aware(datetime.combine(notes[-1][0], datetime.min.time())),
        )
        FollowUpNote.objects.create(
            follow_up=follow_up,
            status=FollowUp.Status.OPEN,
            note="",
            date=timezone.localdate(occurrence.closed_at),
            written_by=liaison,
        )
        for day, status, note in notes:
            FollowUpNote.objects.create(
                follow_up=follow_up, status=status, note=note, date=day, written_by=liaison
            )


def _fill_next(occurrence: Occurrence, participants: list[int]) -> None:
    """The next meeting: people registered and topics proposed, some on the agenda."""
    for n, (name, email, diet) in enumerate(demo_data.NEXT_REGISTRANTS):
        Registration.objects.create(
            occurrence=occurrence,
            name=name,
            email=email,
            association_id=participants[n * 3] if participants else None,
            dietary_needs=diet,
            status=Registration.Status.CONFIRMED,
            token_hash=Registration.new_token()[1],
        )
    position = 0
    for n, (title, status) in enumerate(demo_data.NEXT_TOPICS):
        if status == Topic.Status.ON_AGENDA:
            position += 1
        Topic.objects.create(
            occurrence=occurrence,
            title=title,
            association_id=participants[n * 5 + 1] if participants else None,
            status=status,
            agenda_position=position if status == Topic.Status.ON_AGENDA else None,
        )


def _organiser(spec: str) -> Association | None:
    published = Association.objects.published().order_by("slug")
    if spec.startswith("*"):
        return published.filter(name__endswith=spec[1:]).first()
    return published.filter(slug=spec).first()


def _load_event(event: demo_data.DemoEvent, liaison, now) -> bool:
    organiser = _organiser(event.organiser) if event.organiser else None
    if event.organiser and organiser is None:
        return False
    first = timezone.localdate(now) + timedelta(days=event.days_from_today)
    defaults = {
        "title_fi": event.title_fi,
        "title_sv": event.title_sv,
        "title_en": event.title_en,
        "description_fi": event.description_fi,
        "by_city": organiser is None,
        "place_name": event.place_name,
        "street_address": event.street_address,
        "postal_code": event.postal_code if event.street_address else "",
        "post_office": "Jyväskylä" if event.street_address else "",
        "start_time": event.start_time,
        "duration": timedelta(hours=event.hours),
        "rrule": event.rrule,
        "capacity": event.capacity,
        "registration_required": event.registration_required,
        "audience": event.audience,
        "status": EventSeries.Status.PUBLISHED,
        "created_by": liaison,
    }
    series = EventSeries.objects.filter(slug=event.slug).first()
    if series is None:
        # The first date is fixed when the event is first loaded: a later run keeps the
        # occurrences (and what people did with them) where they are.
        series = EventSeries.objects.create(slug=event.slug, start_date=first, **defaults)
    else:
        EventSeries.objects.filter(pk=series.pk).update(**defaults)
        series.refresh_from_db()
    series.organisers.set([organiser] if organiser else [])
    series.categories.set(_terms(Category, event.categories))
    series.districts.set(_terms(District, event.districts))
    _with_past(series, now)
    return True


def _load_representatives_event(liaison, now) -> None:
    """An event of the demo representative's association, for trying the organiser's tools."""
    membership = (
        Membership.objects.filter(
            user__email=REPRESENTATIVE_EMAIL, association__status=Association.Status.PUBLISHED
        )
        .select_related("association")
        .order_by("association__slug")
        .first()
    )
    if membership is None:
        return
    event = demo_data.DemoEvent(
        f"jasenilta-{membership.association.slug}"[:80],
        membership.association.slug,
        "Jäsenilta",
        "Medlemskväll",
        "Members' evening",
        f"{membership.association.name} kutsuu jäsenet ja uudet tutustujat iltaan.",
        21,
        datetime.min.time().replace(hour=18),
        capacity=25,
        registration_required=True,
        place_name="Kerhohuone",
    )
    _load_event(event, liaison, now)
    if not Registration.objects.filter(occurrence__series__slug=event.slug).exists():
        occurrence = Occurrence.objects.filter(series__slug=event.slug).first()
        if occurrence:
            Registration.objects.create(
                occurrence=occurrence,
                name="Ville Vieras",
                email="ville.vieras@demo.example",
                status=Registration.Status.CONFIRMED,
                token_hash=Registration.new_token()[1],
            )
