"""Facilities benchmark: "free at this time" searches, the facilities API, the support
page and an association's profile with its support history, with 300 facilities,
100,000 accepted bookings and the grants benchmark's 50,000 decisions. Run with
`make bench` (after the grants' benchmark) or alone:

    python tests/perf/bench_facilities.py [--requests 100]

Uses the benchmark's own database (see bench_directory.py). The facilities (opening
hours, a few equipment and accessibility variants, the seeded districts) and their
bookings are made once, in bulk, and kept between runs: mostly weekly evening series
over about two years (from 75 weeks ago to 25 weeks ahead), each a BookingRequest with
one accepted Booking per week in local (Europe/Helsinki) time, and some single daytime
times; no two accepted times of one facility overlap (the exclusion constraint is on).
The grant decisions come from bench_grants.seed_decisions().

Every page must answer 200 (a case that does not stops the benchmark). Prints a table and
writes the figures as JSON to bench-results/.
"""

from __future__ import annotations

import argparse
import gc
import os
import sys
import time
from datetime import datetime, timedelta
from decimal import Decimal
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
from bench_directory import ROOT, configure_database, time_case, write_results  # noqa: E402

SLUG_PREFIX = "bench-facility-"
FACILITIES = 300
BOOKINGS = 100_000
# Weekly evening series of WEEKS times each; the rest are single daytime times.
WEEKS = 100
SERIES = 900
EQUIPMENT = (
    ("bench-projector", "Videotykki"),
    ("bench-piano", "Piano"),
    ("bench-kitchen", "Keittiö"),
    ("bench-sound", "Äänentoisto"),
)
# The evening slots of the series: (start hour, end hour).
EVENINGS = ((18, 20), (17, 19), (19, 21), (18, 21))


def seed_facilities() -> list:
    """The bench's facilities with their opening hours and equipment, once."""
    from datetime import time as clock

    from associations.models import District
    from grants.models import Equipment, Facility, OpeningHours

    existing = list(Facility.objects.filter(slug__startswith=SLUG_PREFIX).order_by("pk"))
    if len(existing) >= FACILITIES:
        return existing
    equipment = [
        Equipment.objects.get_or_create(slug=slug, defaults={"name_fi": name})[0]
        for slug, name in EQUIPMENT
    ]
    districts = list(District.objects.order_by("pk"))
    kinds = [choice for choice, _label in Facility.Kind.choices]
    facilities = []
    for n in range(len(existing), FACILITIES):
        pricing = ("free", "discounted", "discounted", "normal")[n % 4]
        normal = Decimal(20 + (n % 6) * 10)
        price = {"free": Decimal(0), "discounted": normal / 4, "normal": normal}[pricing]
        facilities.append(
            Facility(
                slug=f"{SLUG_PREFIX}{n}",
                name_fi=f"Testitila {n}",
                name_sv=f"Testlokal {n}",
                kind=kinds[n % len(kinds)],
                street_address=f"Testikatu {n + 1}",
                postal_code="40100",
                district=districts[n % len(districts)] if districts else None,
                capacity=10 + (n % 20) * 10,
                step_free_access=n % 2 == 0,
                accessible_toilet=n % 3 == 0,
                induction_loop=n % 5 == 0,
                pricing=pricing,
                price_per_hour=price,
                normal_price_per_hour=normal,
                is_published=n % 25 != 0,
            )
        )
    Facility.objects.bulk_create(facilities)
    facilities = list(Facility.objects.filter(slug__startswith=SLUG_PREFIX).order_by("pk"))
    new = [f for f in facilities if not f.opening_hours.exists()]
    hours = []
    links = []
    for facility in new:
        n = int(facility.slug.removeprefix(SLUG_PREFIX))
        for day in range(7):
            if day >= 5 and n % 3 == 0:
                continue  # closed at weekends
            opens, closes = (clock(8), clock(22)) if day < 5 else (clock(10), clock(18))
            if n % 7 == 0 and day < 5:
                # Two spans: closed for a break in the afternoon.
                hours.append(
                    OpeningHours(facility=facility, weekday=day, opens=clock(8), closes=clock(12))
                )
                opens = clock(16)
            hours.append(OpeningHours(facility=facility, weekday=day, opens=opens, closes=closes))
        for i, item in enumerate(equipment):
            if (n >> i) & 1:
                links.append(Facility.equipment.through(facility=facility, equipment=item))
    OpeningHours.objects.bulk_create(hours)
    Facility.equipment.through.objects.bulk_create(links, ignore_conflicts=True)
    return facilities


def seed_bookings(facilities: list, total: int) -> int:
    """SERIES weekly evening series and single daytime times, accepted, until there are
    `total` bench bookings. Returns how many were added."""
    from datetime import date
    from datetime import time as clock
    from zoneinfo import ZoneInfo

    from django.db import transaction
    from django.db.backends.postgresql.psycopg_any import DateTimeTZRange
    from django.utils import timezone

    from associations.models import Association
    from grants.models import Booking, BookingRequest

    helsinki = ZoneInfo("Europe/Helsinki")
    bench = Booking.objects.filter(facility__slug__startswith=SLUG_PREFIX)
    if bench.count() >= total:
        return 0
    with transaction.atomic():
        bench.delete()
        BookingRequest.objects.filter(facility__slug__startswith=SLUG_PREFIX).delete()
    users = list(Association.objects.published().order_by("pk").values_list("pk", flat=True)[:2000])
    today = timezone.localdate()
    # The Monday 75 weeks ago: the series run from then to 25 weeks ahead.
    start = today - timedelta(days=today.weekday()) - timedelta(weeks=75)
    now = timezone.now()

    def span(day: date, starts: int, ends: int) -> DateTimeTZRange:
        return DateTimeTZRange(
            datetime.combine(day, clock(starts), helsinki),
            datetime.combine(day, clock(ends), helsinki),
            "[)",
        )

    requests, times = [], []
    # Series on weekday evenings: facility s % 300, its (s // 300)-th series, each on a
    # weekday of its own, so that no two overlap.
    for s in range(SERIES):
        index = s % len(facilities)
        facility = facilities[index]
        slot = s // len(facilities)
        weekday = (index + slot * 2) % 5
        starts, ends = EVENINGS[(s + slot) % len(EVENINGS)]
        first = start + timedelta(days=weekday)
        requests.append(
            BookingRequest(
                facility=facility,
                association_id=users[s % len(users)],
                purpose="Viikoittaiset harjoitukset",
                attendance=15,
                repeat="weekly",
                first_date=first,
                last_date=first + timedelta(weeks=WEEKS - 1),
                starts=clock(starts),
                ends=clock(ends),
                status="accepted",
                price_per_hour=facility.price_per_hour,
                normal_price_per_hour=facility.normal_price_per_hour,
                decided_at=now,
            )
        )
        times.append([span(first + timedelta(weeks=w), starts, ends) for w in range(WEEKS)])
    # Single daytime times (10–12) for the rest: one per facility and day at most.
    singles = total - SERIES * WEEKS
    for n in range(singles):
        facility = facilities[n % len(facilities)]
        day = start + timedelta(days=n // len(facilities))
        requests.append(
            BookingRequest(
                facility=facility,
                association_id=users[(n * 7) % len(users)],
                purpose="Kokous",
                attendance=10,
                first_date=day,
                starts=clock(10),
                ends=clock(12),
                status="accepted",
                price_per_hour=facility.price_per_hour,
                normal_price_per_hour=facility.normal_price_per_hour,
                decided_at=now,
            )
        )
        times.append([span(day, 10, 12)])
    with transaction.atomic():
        BookingRequest.objects.bulk_create(requests, batch_size=2000)
        bookings = [
            Booking(
                request=request,
                facility_id=request.facility_id,
                during=during,
                on_date=during.lower.astimezone(helsinki).date(),
                status="accepted",
            )
            for request, spans in zip(requests, times, strict=True)
            for during in spans
        ]
        Booking.objects.bulk_create(bookings, batch_size=5000)
    return len(bookings)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--requests", type=int, default=100, help="timed requests per case")
    parser.add_argument("--warmup", type=int, default=10, help="untimed requests per case first")
    parser.add_argument("--only", help="run only cases whose name contains this")
    args = parser.parse_args()

    database = configure_database()
    sys.path.insert(0, str(ROOT))
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "yhdistystori.settings")
    os.environ.setdefault("SECRET_KEY", "bench-secret-key-not-for-production")
    import django

    django.setup()

    from bench_grants import DECISIONS, ensure_recipients, seed_decisions
    from django.core.cache import cache
    from django.core.management import call_command
    from django.db import connection, reset_queries
    from django.db.models import Count
    from django.test import Client
    from django.test.utils import CaptureQueriesContext, override_settings
    from django.utils import timezone

    from associations.models import Association
    from grants.models import Booking, BookingRequest, GrantDecision

    print(f"Database: {database}")
    call_command("migrate", verbosity=0, interactive=False)
    # The grants benchmark's recipients are also the bookers.
    ensure_recipients()
    started = time.perf_counter()
    added_decisions = seed_decisions(DECISIONS)
    facilities = seed_facilities()
    added_bookings = seed_bookings(facilities, BOOKINGS)
    bookings = Booking.objects.accepted().filter(facility__slug__startswith=SLUG_PREFIX).count()
    decisions = GrantDecision.objects.published().current().count()
    print(
        f"Added {added_decisions} decisions and {added_bookings} bookings in "
        f"{time.perf_counter() - started:.1f} s: {len(facilities)} facilities, "
        f"{bookings} accepted bench bookings, {decisions} published decisions in force."
    )
    with connection.cursor() as cursor:
        cursor.execute("VACUUM ANALYZE")

    # The association with the longest history: the most bench times and a grant.
    busiest = (
        BookingRequest.objects.filter(facility__slug__startswith=SLUG_PREFIX)
        .values("association")
        .annotate(times=Count("bookings"))
        .order_by("-times")
        .values_list("association", flat=True)
        .first()
    )
    profile = Association.objects.get(pk=busiest).get_absolute_url()
    quiet = (
        Association.objects.published()
        .exclude(booking_requests__isnull=False)
        .exclude(grant_applications__isnull=False)
        .order_by("pk")
        .first()
        .get_absolute_url()
    )
    today = timezone.localdate()
    tuesday = today + timedelta(days=(1 - today.weekday()) % 7 or 7)
    last_year = today.year - 1
    cases = [
        ("free at this time, one date", 50, f"/facilities/?date={tuesday}&from=18:00&to=20:00"),
        ("free at this time, weekly", 50, "/facilities/?weekday=1&from=18:00&to=20:00"),
        (
            "facilities API, free at a time",
            50,
            f"/api/v1/facilities?date={tuesday}&from=18:00&to=20:00",
        ),
        ("support page", 100, "/grants/support/"),
        ("support page, last year", 100, f"/grants/support/?year={last_year}"),
        ("support page, cold cache", 100, "/grants/support/"),
        ("support page, last year, cold cache", 100, f"/grants/support/?year={last_year}"),
        ("support CSV, last year", None, f"/grants/support.csv?year={last_year}"),
        ("profile with support history", None, profile),
        ("profile without support", None, quiet),
    ]
    if args.only:
        cases = [case for case in cases if args.only in case[0]]

    class ReadingClient(Client):
        """Reads a streamed answer to its end, so the CSV's time includes writing it."""

        def get(self, *args, **kwargs):
            response = super().get(*args, **kwargs)
            if response.streaming:
                response.content_length = sum(len(chunk) for chunk in response.streaming_content)
            return response

    class ColdClient(ReadingClient):
        """Empties the cache before each request: the support totals are summed anew."""

        def get(self, *args, **kwargs):
            cache.clear()
            return super().get(*args, **kwargs)

    resident = ReadingClient(HTTP_HOST="127.0.0.1")
    cold = ColdClient(HTTP_HOST="127.0.0.1")
    results = []
    gc.collect()
    gc.freeze()
    with override_settings(DEBUG=False, ALLOWED_HOSTS=["127.0.0.1", "testserver"]):
        for name, target, url in cases:
            # The request_started signal empties the query log: start from empty so that
            # CaptureQueriesContext's slice of it stays right.
            reset_queries()
            with CaptureQueriesContext(connection) as queries:
                probe = resident.get(url)
            query_count = len(queries.captured_queries)  # now: later requests empty the log
            assert probe.status_code == 200, (url, probe.status_code)
            requests = args.requests if target or "profile" in name else max(args.requests // 5, 1)
            client = cold if "cold cache" in name else resident
            row = time_case(client, name, [url], requests, args.warmup)
            met = target is None or row["p95_ms"] <= target
            results.append(
                {
                    **row,
                    "queries": query_count,
                    "bookings": bookings,
                    "decisions": decisions,
                    "target_p95_ms": target,
                    "met": met,
                }
            )
    gc.unfreeze()

    header = f"{'case':<32} {'median ms':>10} {'p95 ms':>8} {'queries':>8}   target p95"
    print(f"\n{bookings} accepted bookings, {decisions} published decisions in force.")
    print(header)
    print("-" * len(header))
    for row in results:
        verdict = "ok" if row["met"] else "MISSED"
        target = f"≤ {row['target_p95_ms']} ms {verdict}" if row["target_p95_ms"] else "(no target)"
        print(
            f"{row['case']:<32} {row['median_ms']:>10.1f} {row['p95_ms']:>8.1f} "
            f"{row['queries']:>8}   {target}"
        )
    write_results("facilities", results)


if __name__ == "__main__":
    main()
