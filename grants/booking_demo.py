"""Demo booking requests for `manage.py load_bookings_demo`: a spring term of weekly
bookings by demo associations on the published facilities, most accepted, some waiting
for the manager, one partly accepted and one declined; and the accepted series' autumn
term, mostly past, which the support pages count as support in kind.

The facilities are the facility information's demo (`load_facilities_demo`): without
published facilities nothing is made. Each request is made once, known by its facility,
association, first date and start time: running the loader again adds nothing.
"""

from __future__ import annotations

import datetime

from django.contrib.auth import get_user_model
from django.db import transaction
from django.utils import timezone

from associations.demo_data import REPRESENTATIVE_EMAIL
from associations.models import Association, Membership
from grants import booking_times
from grants.models import Booking, BookingRequest, Facility

FACILITIES_MANAGER_EMAIL = "facilities@demo.example"

# (weekday, starts, ends, purpose, outcome)
SERIES = [
    (0, 18, 20, "Kuoroharjoitukset", "accepted"),
    (1, 17, 19, "Lasten liikuntakerho", "accepted"),
    (2, 18, 21, "Näytelmäharjoitukset", "accepted"),
    (3, 19, 21, "Kuntosalivuoro senioreille", "accepted"),
    (4, 16, 18, "Nuorten bänditreenit", "accepted"),
    (1, 18, 20, "Lautapeli-ilta", "pending"),
    (3, 17, 19, "Tanssiharjoitukset", "pending"),
    (0, 17, 19, "Salibandyvuoro", "partly_accepted"),
    (2, 20, 22, "Sulkapallovuoro", "declined"),
]
DECLINE_REASON = "Sali on keväällä koulun omassa käytössä keskiviikkoiltaisin."
PARTLY_REASON = "Maaliskuun maanantait ovat koulun tapahtumien käytössä."


def spring_term(today: datetime.date) -> tuple[datetime.date, datetime.date]:
    """The next spring term that is still wholly to come: mid-January to the end of May."""
    year = today.year if today < datetime.date(today.year, 1, 5) else today.year + 1
    return datetime.date(year, 1, 12), datetime.date(year, 5, 29)


def autumn_term(today: datetime.date) -> tuple[datetime.date, datetime.date]:
    """The latest autumn term that has begun: September to mid-December. Its times that
    have begun are the demo's support in kind (grants.support)."""
    year = today.year if today >= datetime.date(today.year, 9, 8) else today.year - 1
    return datetime.date(year, 9, 1), datetime.date(year, 12, 15)


def _first(weekday: int, start: datetime.date) -> datetime.date:
    return start + datetime.timedelta(days=(weekday - start.weekday()) % 7)


def load(*, now=None) -> dict:
    """Make the demo requests; how many there are afterwards, or None when there are no
    published facilities to book."""
    now = now or timezone.now()
    facilities = list(Facility.objects.published().order_by("pk")[: len(SERIES)])
    if not facilities:
        return {"facilities": 0, "requests": 0, "made": 0}
    associations = _associations()
    manager = get_user_model().objects.filter(email=FACILITIES_MANAGER_EMAIL).first()
    start, end = spring_term(timezone.localdate(now))
    made = 0
    with transaction.atomic():
        for n, (weekday, starts, ends, purpose, outcome) in enumerate(SERIES):
            facility = facilities[n % len(facilities)]
            association, requester = associations[n % len(associations)]
            made += _series(
                facility=facility,
                association=association,
                requester=requester,
                manager=manager,
                first_date=_first(weekday, start),
                last_date=end,
                starts=datetime.time(starts),
                ends=datetime.time(ends),
                purpose=purpose,
                outcome=outcome,
                now=now,
            )
        # The accepted series held the autumn term too, answered before it began.
        autumn_start, autumn_end = autumn_term(timezone.localdate(now))
        answered = timezone.make_aware(
            datetime.datetime.combine(autumn_start - datetime.timedelta(days=14), datetime.time(9))
        )
        for n, (weekday, starts, ends, purpose, outcome) in enumerate(SERIES):
            if outcome != "accepted":
                continue
            association, requester = associations[n % len(associations)]
            made += _series(
                facility=facilities[n % len(facilities)],
                association=association,
                requester=requester,
                manager=manager,
                first_date=_first(weekday, autumn_start),
                last_date=autumn_end,
                starts=datetime.time(starts),
                ends=datetime.time(ends),
                purpose=purpose,
                outcome=outcome,
                now=answered,
            )
    return {
        "facilities": len(facilities),
        "requests": BookingRequest.objects.count(),
        "made": made,
    }


def _associations() -> list[tuple[Association, object]]:
    """Published associations with an editor: the demo representative's first."""
    memberships = (
        Membership.objects.filter(association__status=Association.Status.PUBLISHED)
        .select_related("association", "user")
        .order_by("association__slug", "pk")
    )
    mine = list(memberships.filter(user__email=REPRESENTATIVE_EMAIL))
    others = list(memberships.exclude(user__email=REPRESENTATIVE_EMAIL)[:20])
    seen, found = set(), []
    for membership in [*mine, *others]:
        if membership.association_id not in seen:
            seen.add(membership.association_id)
            found.append((membership.association, membership.user))
    return found


def _series(*, facility, association, requester, manager, outcome, now, **times) -> int:
    if BookingRequest.objects.filter(
        facility=facility,
        association=association,
        first_date=times["first_date"],
        starts=times["starts"],
    ).exists():
        return 0
    plan = booking_times.plan(
        repeat=booking_times.WEEKLY,
        first_date=times["first_date"],
        last_date=times["last_date"],
        starts=times["starts"],
        ends=times["ends"],
        now=now,
    )
    request = BookingRequest.objects.create(
        facility=facility,
        association=association,
        requested_by=requester,
        purpose=times["purpose"],
        attendance=min(15, facility.capacity),
        repeat=BookingRequest.Repeat.WEEKLY,
        first_date=plan.first_date,
        last_date=plan.last_date,
        starts=plan.starts,
        ends=plan.ends,
        skipped_holidays=plan.skipped_holidays,
        price_per_hour=facility.price_per_hour,
        normal_price_per_hour=facility.normal_price_per_hour,
    )
    busy = Booking.objects.accepted().filter(facility=facility)
    bookings = []
    for day, during in plan.ranges():
        status = Booking.Status.REQUESTED
        if outcome == "declined":
            status = Booking.Status.DECLINED
        elif outcome == "accepted" or (outcome == "partly_accepted" and day.month != 3):
            # A time another demo series holds already stays requested-and-declined.
            clash = busy.filter(during__overlap=during).exists()
            status = Booking.Status.DECLINED if clash else Booking.Status.ACCEPTED
        elif outcome == "partly_accepted":
            status = Booking.Status.DECLINED
        bookings.append(
            Booking(request=request, facility=facility, during=during, on_date=day, status=status)
        )
    Booking.objects.bulk_create(bookings)
    if outcome != "pending":
        reason = {"declined": DECLINE_REASON, "partly_accepted": PARTLY_REASON}.get(outcome, "")
        request.record_decision(status=outcome, by=manager, reason=reason)
    return 1
