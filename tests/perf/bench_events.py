"""Events benchmark: the calendar feed, the events page and the events API. Run with
`make bench` (after the directory's benchmark) or alone:

    python tests/perf/bench_events.py [--requests 100]

Uses the benchmark's own database (see bench_directory.py), with events made anew on
each run: first 1,000 public occurrences, for the whole calendar feed, then 20,000 in
all, for the events page and the API. Requests are made in-process through
django.test.Client, as in the directory's benchmark. Prints a table and writes the
figures as JSON to bench-results/.
"""

from __future__ import annotations

import argparse
import gc
import os
import sys
import time
from datetime import datetime, timedelta
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
from bench_directory import ROOT, configure_database, percentile, time_case, write_results  # noqa: E402

SLUG_PREFIX = "bench-event-"
FEED_OCCURRENCES = 1000
ALL_OCCURRENCES = 20_000
PER_SERIES = 40


def seed_events(total: int) -> int:
    """Series of PER_SERIES weekly occurrences until there are `total` bench occurrences.

    Rows are made directly (bulk), not through the recurrence engine: the benchmark is
    about reading them. Returns how many occurrences were added.
    """
    from django.utils import timezone

    from associations.models import Association, Category, District
    from events.models import EventSeries, Occurrence

    existing = Occurrence.objects.filter(series__slug__startswith=SLUG_PREFIX).count()
    missing = total - existing
    if missing <= 0:
        return 0
    categories = list(Category.objects.order_by("pk"))
    districts = list(District.objects.order_by("pk"))
    organisers = list(
        Association.objects.published().order_by("pk").values_list("pk", flat=True)[:500]
    )
    start_number = EventSeries.objects.filter(slug__startswith=SLUG_PREFIX).count()
    today = timezone.localdate()
    added = 0
    number = start_number
    while added < missing:
        count = min(PER_SERIES, missing - added)
        first = today - timedelta(days=7 * (number % 20))
        series = EventSeries.objects.create(
            slug=f"{SLUG_PREFIX}{number}",
            title_fi=f"Viikkotapahtuma {number}",
            title_sv=f"Veckoevenemang {number}",
            description_fi="Tervetuloa mukaan viikoittaiseen tapahtumaan.",
            by_city=number % 10 == 0,
            place_name="Kerhotila",
            street_address=f"Kauppakatu {number % 60 + 1}",
            postal_code="40100",
            post_office="Jyväskylä",
            start_date=first,
            start_time=datetime.min.time().replace(hour=17 + number % 3),
            rrule=f"FREQ=WEEKLY;COUNT={count}",
            capacity=30 if number % 4 == 0 else None,
            registration_required=number % 4 == 0,
            audience="associations" if number % 5 == 0 else "everyone",
            status="published",
        )
        if categories:
            series.categories.set([categories[number % len(categories)]])
        if districts:
            series.districts.set([districts[number % len(districts)]])
        if organisers and not series.by_city:
            series.organisers.set([organisers[number % len(organisers)]])
        starts = [
            timezone.make_aware(datetime.combine(first + timedelta(weeks=week), series.start_time))
            for week in range(count)
        ]
        Occurrence.objects.bulk_create(
            Occurrence(
                series=series,
                original_start=start,
                start=start,
                end=start + series.duration,
                cancelled_at=timezone.now() if (number + week) % 50 == 0 else None,
            )
            for week, start in enumerate(starts)
        )
        added += count
        number += 1
    return added


def time_cold_feed(client, requests: int) -> dict:
    """The whole feed built anew on each request, as after any change to an event: the
    cache that keeps the finished feed is emptied before each one."""
    import statistics

    from django.core.cache import cache
    from django.test.utils import override_settings

    timings = []
    with override_settings(DEBUG=False, ALLOWED_HOSTS=["127.0.0.1", "testserver"]):
        for _ in range(requests):
            cache.clear()
            started = time.perf_counter()
            response = client.get("/events/calendar.ics")
            timings.append((time.perf_counter() - started) * 1000)
            assert response.status_code == 200
    return {
        "case": "calendar feed, built anew (no cache)",
        "url": "/events/calendar.ics",
        "requests": requests,
        "median_ms": round(statistics.median(timings), 2),
        "p95_ms": round(percentile(timings, 0.95), 2),
        "max_ms": round(max(timings), 2),
        "occurrences": FEED_OCCURRENCES,
        "target_p95_ms": None,
        "met": True,
    }


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--requests", type=int, default=100, help="timed requests per case")
    parser.add_argument("--warmup", type=int, default=10, help="untimed requests per case first")
    args = parser.parse_args()

    database = configure_database()
    sys.path.insert(0, str(ROOT))
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "yhdistystori.settings")
    os.environ.setdefault("SECRET_KEY", "bench-secret-key-not-for-production")
    import django

    django.setup()

    from django.core.management import call_command
    from django.db import connection
    from django.test import Client
    from django.test.utils import override_settings

    from events.models import EventSeries, Occurrence

    print(f"Database: {database}")
    call_command("migrate", verbosity=0, interactive=False)
    resident = Client(HTTP_HOST="127.0.0.1")
    results = []

    def run(cases, occurrences):
        with connection.cursor() as cursor:
            cursor.execute("VACUUM ANALYZE")
        gc.collect()
        gc.freeze()
        with override_settings(DEBUG=False, ALLOWED_HOSTS=["127.0.0.1", "testserver"]):
            for name, target, url in cases:
                row = time_case(resident, name, [url], args.requests, args.warmup)
                results.append(
                    {
                        **row,
                        "occurrences": occurrences,
                        "target_p95_ms": target,
                        "met": row["p95_ms"] <= target,
                    }
                )
        gc.unfreeze()

    # The bench's events are the only events there: the feed holds all of them.
    # The run before left 20,000: start again from none for the feed's 1,000.
    EventSeries.objects.all().delete()
    added = seed_events(FEED_OCCURRENCES)
    print(f"Added {added} occurrences for the feed.")
    run([("calendar feed, all events", 100, "/events/calendar.ics")], FEED_OCCURRENCES)
    results.append(time_cold_feed(resident, args.requests // 5 or 1))

    added = seed_events(ALL_OCCURRENCES)
    print(f"Added {added} occurrences, {Occurrence.objects.count()} in all.")
    run(
        [
            ("events page", 50, "/events/"),
            ("events page, a category", 50, "/events/?category=musiikki"),
            ("events page, page 20", 50, "/events/?page=20"),
            ("events API", 50, "/api/v1/events"),
            ("events API, a district", 50, "/api/v1/events?district=kuokkala"),
        ],
        ALL_OCCURRENCES,
    )

    header = f"{'case':<36} {'occurrences':>11} {'median ms':>10} {'p95 ms':>8}   target p95"
    print("\n" + header)
    print("-" * len(header))
    for row in results:
        verdict = "ok" if row["met"] else "MISSED"
        target = f"≤ {row['target_p95_ms']} ms {verdict}" if row["target_p95_ms"] else "(no target)"
        print(
            f"{row['case']:<36} {row['occurrences']:>11} {row['median_ms']:>10.1f} "
            f"{row['p95_ms']:>8.1f}   {target}"
        )
    write_results("events", results)


if __name__ == "__main__":
    main()
