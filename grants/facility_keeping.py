"""Keeping the facilities: saving a facility with its rooms and opening hours, and its
photos. Each is all or nothing, in one transaction, called by the managers' pages."""

from __future__ import annotations

import datetime
from collections import defaultdict
from collections.abc import Iterable

from django.db import transaction
from django.db.models import Max

from associations.logos import delete_files
from grants.facility_hours import MIDNIGHT
from grants.models import Facility, FacilityPhoto

Span = tuple[datetime.time, datetime.time]


class HoursOverlap(Exception):
    """Two spans of one weekday overlap (another manager saved hours at the same time)."""

    def __init__(self, found: list):
        super().__init__(found)
        self.found = found


def _end(closes: datetime.time) -> datetime.time:
    return datetime.time.max if closes == MIDNIGHT else closes


def overlaps(spans: Iterable[tuple[int, datetime.time, datetime.time]]) -> list:
    """Each (weekday, span, span) where two of `spans` (weekday, opens, closes) share time.
    Spans that only touch (12–14 and 14–16) do not overlap; 00:00 closes at midnight."""
    by_day: dict[int, list[Span]] = defaultdict(list)
    for weekday, opens, closes in spans:
        by_day[weekday].append((opens, closes))
    found = []
    for weekday in sorted(by_day):
        ordered = sorted(by_day[weekday], key=lambda span: (span[0], _end(span[1])))
        for before, after in zip(ordered, ordered[1:], strict=False):
            if after[0] < _end(before[1]):
                found.append((weekday, before, after))
    return found


def facility_save(*, form, rooms, hours) -> Facility:
    """Save a facility (a FacilityForm) with its rooms and opening hours (their formsets,
    already valid). An edit locks the facility's row first, so that two managers' saves
    of one facility run one after the other; the hours are checked again under the lock."""
    with transaction.atomic():
        if form.instance.pk:
            Facility.objects.select_for_update().filter(pk=form.instance.pk).first()
        facility = form.save()
        rooms.instance = facility
        rooms.save()
        kept = [f.instance for f in rooms.forms if f.instance.pk and f not in rooms.deleted_forms]
        for position, room in enumerate(kept):
            if room.ordering != position:
                room.ordering = position
                room.save(update_fields=["ordering"])
        hours.instance = facility
        hours.save()
        stored = facility.opening_hours.values_list("weekday", "opens", "closes")
        found = overlaps(stored)
        if found:
            raise HoursOverlap(found)
    return facility


@transaction.atomic
def photo_add(*, facility: Facility, form) -> FacilityPhoto:
    """Add a photo (a valid PhotoForm) after the facility's other photos."""
    Facility.objects.select_for_update().filter(pk=facility.pk).first()
    last = facility.photos.aggregate(last=Max("ordering"))["last"]
    photo = form.save(commit=False)
    photo.facility = facility
    photo.ordering = 0 if last is None else last + 1
    photo.save()
    return photo


@transaction.atomic
def photos_update(*, facility: Facility, formset) -> None:
    """Save the photos' descriptions and order and delete the ticked ones; their files go
    once the transaction commits."""
    Facility.objects.select_for_update().filter(pk=facility.pk).first()
    gone = [form.instance.image.name for form in formset.deleted_forms if form.instance.pk]
    storage = FacilityPhoto._meta.get_field("image").storage
    formset.save()
    if gone:
        transaction.on_commit(lambda: delete_files(storage, gone))
