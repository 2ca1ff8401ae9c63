"""Directory benchmark at national scale: 100,000 associations. Run with `make bench`.

Uses its own database, never the demo one: with DATABASE_URL unset, the
embedded PostgreSQL's database `yhdistystori_bench`; with DATABASE_URL set,
BENCH_DATABASE_URL must name a separate database. The script migrates it,
seeds it once (`seed_scale`, kept between runs), runs VACUUM ANALYZE and then
times requests in-process through django.test.Client, so the figures are the
application's and the database's time without a network or a web server.

    python tests/perf/bench_directory.py [--requests 200] [--reseed]

Prints a table and writes the figures as JSON to bench-results/.
"""

from __future__ import annotations

import argparse
import gc
import json
import math
import os
import platform
import statistics
import subprocess
import sys
import time
from datetime import UTC, datetime, timedelta
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
BENCH_DB_NAME = "yhdistystori_bench"


def configure_database() -> str:
    """Point Django at the benchmark database before settings load. Returns a description."""
    if os.environ.get("DATABASE_URL"):
        bench_url = os.environ.get("BENCH_DATABASE_URL")
        if not bench_url:
            sys.exit(
                "DATABASE_URL is set: set BENCH_DATABASE_URL to a separate, disposable database "
                "too. The benchmark writes 100,000 rows and will not touch DATABASE_URL's."
            )
        if bench_url == os.environ["DATABASE_URL"]:
            sys.exit("BENCH_DATABASE_URL must differ from DATABASE_URL.")
        os.environ["DATABASE_URL"] = bench_url
        return "BENCH_DATABASE_URL"
    os.environ["EMBEDDED_DB_NAME"] = BENCH_DB_NAME
    os.environ.setdefault("DEBUG", "1")  # the embedded database is a development feature
    return f"embedded PostgreSQL, database {BENCH_DB_NAME}"


def percentile(values: list[float], fraction: float) -> float:
    ordered = sorted(values)
    return ordered[max(0, math.ceil(fraction * len(ordered)) - 1)]


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--requests", type=int, default=200, help="timed requests per case")
    parser.add_argument("--warmup", type=int, default=20, help="untimed requests per case first")
    parser.add_argument("--associations", type=int, default=100_000)
    parser.add_argument("--reseed", action="store_true", help="delete and seed the rows again")
    parser.add_argument("--only", help="run only cases whose name contains this")
    parser.add_argument(
        "--sweep-requests",
        type=int,
        default=20,
        help="timed requests per case of the filter sweep (0 skips the sweep)",
    )
    args = parser.parse_args()

    database = configure_database()
    sys.path.insert(0, str(ROOT))
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "yhdistystori.settings")
    os.environ.setdefault("SECRET_KEY", "bench-secret-key-not-for-production")
    import django

    django.setup()

    from django.core.management import call_command
    from django.db import connection, reset_queries
    from django.test import Client
    from django.test.utils import CaptureQueriesContext, override_settings

    from associations.demo_data.synthetic import SLUG_PREFIX
    from associations.management.commands import seed_scale
    from associations.models import Association
    from yhdistystori.desk import queue_counts

    print(f"Database: {database}")
    call_command("migrate", verbosity=0, interactive=False)
    seed_seconds = None
    seeded = Association.objects.filter(slug__startswith=SLUG_PREFIX)
    if args.reseed:
        seed_scale.clear_seeded()
        # Deleted rows would leave the table twice its size and slow every scan.
        with connection.cursor() as cursor:
            cursor.execute("VACUUM FULL")
    missing = args.associations - seeded.count()
    if missing > 0:
        print(f"Seeding {missing} associations…")
        started = time.perf_counter()
        seed_scale.seed(missing)
        seed_seconds = time.perf_counter() - started
        print(f"Seeded in {seed_seconds:.1f} s")
    else:
        print(f"{seeded.count()} synthetic associations are there already (--reseed to redo).")
    liaison = seed_moderation()
    started = time.perf_counter()
    with connection.cursor() as cursor:
        cursor.execute("VACUUM ANALYZE")
    print(f"VACUUM ANALYZE took {time.perf_counter() - started:.1f} s")

    published = Association.objects.published()
    total = published.count()
    profile_slugs = list(
        published.filter(slug__startswith=SLUG_PREFIX)
        .order_by("id")
        .values_list("slug", flat=True)[: args.requests + args.warmup]
    )
    # (name, target p95 in ms, URLs cycled through)
    cases = [
        ("search, common word (seura)", 50, ["/associations/?q=seura"]),
        ("search, rare word (kantele)", 50, ["/associations/?q=kantele"]),
        (
            "two filters, no word",
            50,
            ["/associations/?category=liikunta-ja-urheilu&district=kuokkala"],
        ),
        ("search, page 50 (yhdistys)", 50, ["/associations/?q=yhdistys&page=50"]),
        # Beyond the cases: words whose matches sit elsewhere than in names.
        ("search, word mostly in descriptions (toimintaa)", 50, ["/associations/?q=toimintaa"]),
        ("search, medium word (kuoro)", 50, ["/associations/?q=kuoro"]),
        ("search, inflected word (yhdistyksen)", 50, ["/associations/?q=yhdistyksen"]),
        ("search, one typo (urheilusera)", 50, ["/associations/?q=urheilusera"]),
        ("search by name order, page 20 (seura)", 50, ["/associations/?q=seura&sort=name&page=20"]),
        (
            "search and a filter (seura, category)",
            50,
            ["/associations/?q=seura&category=liikunta-ja-urheilu"],
        ),
        ("profile page", 15, [f"/associations/{slug}/" for slug in profile_slugs]),
        ("API list", 50, ["/api/v1/associations"]),
    ]
    # The liaison's desk with a national-sized queue: half the synthetic profiles are
    # stale (not confirmed for 18 months), plus listings, claims, reports and changes.
    desk_cases = [
        ("desk: the whole queue", 100, ["/moderation/"]),
        ("desk: stale profiles, page 50", 100, ["/moderation/?kind=stale&page=50"]),
        ("desk: change feed", 100, ["/moderation/changes/"]),
        ("desk: change feed, page 100", 100, ["/moderation/changes/?page=100"]),
    ]
    cases = [(*case, None) for case in cases] + [(*case, liaison) for case in desk_cases]
    if args.only:
        cases = [case for case in cases if args.only in case[0]]
    sweep = sweep_cases() if args.sweep_requests and not args.only else []

    # Measure as a production worker runs: DEBUG off (no query log), and the objects
    # made while starting frozen out of the garbage collector's way, as
    # gunicorn.conf.py does; otherwise each full collection walks them (~50 ms here).
    gc.collect()
    gc.freeze()
    resident = Client(HTTP_HOST="127.0.0.1")
    desk = Client(HTTP_HOST="127.0.0.1")
    desk.force_login(liaison)
    results = []
    with override_settings(DEBUG=False, ALLOWED_HOSTS=["127.0.0.1", "testserver"]):
        for name, target, urls, user in cases:
            client = desk if user else resident
            # The request_started signal empties the query log; start from empty so that
            # CaptureQueriesContext's slice of the log stays right.
            reset_queries()
            with CaptureQueriesContext(connection) as captured:
                response = client.get(urls[0])
            queries = len(captured.captured_queries)  # read now: later requests empty the log
            if response.status_code != 200:
                sys.exit(f"{name}: {urls[0]} answered {response.status_code}")
            row = time_case(client, name, urls, args.requests, args.warmup)
            target_met = row["p95_ms"] <= target
            results.append({**row, "queries": queries, "target_p95_ms": target, "met": target_met})

        sweep_results = [
            time_case(resident, name, urls, args.sweep_requests, warmup=5) for name, urls in sweep
        ]

    print(f"\n{total} published associations; {args.requests} requests per case.")
    print(f"Liaison's queue: {queue_counts()}\n")
    header = f"{'case':<48} {'median ms':>10} {'p95 ms':>8} {'queries':>8}   target p95"
    print(header)
    print("-" * len(header))
    for row in results:
        verdict = "ok" if row["met"] else "MISSED"
        print(
            f"{row['case']:<48} {row['median_ms']:>10.1f} {row['p95_ms']:>8.1f} "
            f"{row['queries']:>8}   ≤ {row['target_p95_ms']} ms {verdict}"
        )

    if sweep_results:
        print_sweep(sweep_results, args.sweep_requests)

    out_dir = ROOT / "bench-results"
    out_dir.mkdir(exist_ok=True)
    stamp = datetime.now(UTC).strftime("%Y%m%dT%H%M%SZ")
    report = {
        "benchmark": "directory",
        "when": stamp,
        "commit": _git_commit(),
        "machine": {"python": platform.python_version(), "cpus": os.cpu_count()},
        "database": database,
        "published_associations": total,
        "seed_seconds": round(seed_seconds, 1) if seed_seconds is not None else None,
        "results": results,
        "sweep": sweep_results,
    }
    path = out_dir / f"directory-{stamp}.json"
    path.write_text(json.dumps(report, indent=2, ensure_ascii=False) + "\n")
    print(f"\nWrote {path.relative_to(ROOT)}")


# A common, a medium and a rare word (about 52,000, 3,000 and 300 matches).
SWEEP_WORDS = ("seura", "kuoro", "kantele")


def sweep_cases() -> list[tuple[str, list[str]]]:
    """Residents search, then tap a field: every category and every district with each
    word, and each category with a district as a second filter."""
    from associations.models import Category, District

    categories = list(Category.objects.values_list("slug", flat=True))
    districts = list(District.objects.values_list("slug", flat=True))
    cases = []
    for word in SWEEP_WORDS:
        for slug in categories:
            cases.append(
                (f"{word} + category {slug}", [f"/associations/?q={word}&category={slug}"])
            )
        for slug in districts:
            cases.append(
                (f"{word} + district {slug}", [f"/associations/?q={word}&district={slug}"])
            )
        for i, slug in enumerate(categories):
            district = districts[i % len(districts)]
            cases.append(
                (
                    f"{word} + category {slug} + district {district}",
                    [f"/associations/?q={word}&category={slug}&district={district}"],
                )
            )
    return cases


def write_results(name: str, results: list[dict]) -> None:
    """Write a benchmark's cases as JSON to bench-results/<name>-<UTC time>.json."""
    out = ROOT / "bench-results"
    out.mkdir(exist_ok=True)
    stamp = datetime.now(UTC).strftime("%Y%m%dT%H%M%SZ")
    path = out / f"{name}-{stamp}.json"
    path.write_text(
        json.dumps(
            {"machine": platform.platform(), "python": platform.python_version(), "cases": results},
            indent=2,
        )
    )
    print(f"\nWrote {path.relative_to(ROOT)}")


def time_case(client, name: str, urls: list[str], requests: int, warmup: int) -> dict:
    """Median and p95 of `requests` GETs after `warmup` untimed ones."""
    for i in range(warmup):
        client.get(urls[i % len(urls)])
    timings = []
    for i in range(requests):
        url = urls[(warmup + i) % len(urls)]
        started = time.perf_counter()
        response = client.get(url)
        timings.append((time.perf_counter() - started) * 1000)
        assert response.status_code == 200, (url, response.status_code)
    return {
        "case": name,
        "url": urls[0],
        "requests": requests,
        "median_ms": round(statistics.median(timings), 2),
        "p95_ms": round(percentile(timings, 0.95), 2),
        "max_ms": round(max(timings), 2),
    }


def print_sweep(rows: list[dict], requests: int) -> None:
    """The sweep's worst cases and its median (targets: worst p95 ≤ 100 ms, median ≤ 50 ms)."""
    medians = [row["median_ms"] for row in rows]
    worst = sorted(rows, key=lambda row: row["p95_ms"], reverse=True)
    print(f"\nFilter sweep: {len(rows)} cases, {requests} requests each.")
    print(f"Median of the cases' medians: {statistics.median(medians):.1f} ms (target ≤ 50 ms)")
    print(f"Worst p95: {worst[0]['p95_ms']:.1f} ms (target ≤ 100 ms). The slowest ten:")
    for row in worst[:10]:
        print(f"  {row['case']:<60} median {row['median_ms']:>7.1f}  p95 {row['p95_ms']:>7.1f}")


def seed_moderation(changes: int = 20_000, claims: int = 300, reports: int = 300):
    """Items for the liaison's desk on the synthetic rows, once. Returns the liaison user."""
    from allauth.mfa.models import Authenticator
    from allauth.mfa.totp.internal.auth import TOTP, generate_totp_secret
    from django.contrib.auth import get_user_model
    from django.db import transaction
    from django.utils import timezone

    from associations.demo_data.synthetic import SLUG_PREFIX
    from associations.models import Association, Claim, ProfileChange, Report
    from yhdistystori.roles import Role, grant_role

    User = get_user_model()
    liaison, _ = User.objects.get_or_create(email="bench-liaison@example.invalid")
    grant_role(liaison, Role.LIAISON)
    if not Authenticator.objects.filter(user=liaison, type=Authenticator.Type.TOTP).exists():
        # Staff reach the desk only with two-factor authentication set up.
        TOTP.activate(liaison, generate_totp_secret())
    claimant, _ = User.objects.get_or_create(email="bench-claimant@example.invalid")
    synthetic = Association.objects.filter(slug__startswith=SLUG_PREFIX).order_by("id")
    if ProfileChange.objects.filter(association__in=synthetic).exists():
        return liaison
    print("Seeding the liaison's desk…")
    now = timezone.now()
    ids = list(synthetic.published().values_list("id", flat=True)[:changes])
    with transaction.atomic():
        ProfileChange.objects.bulk_create(
            [
                ProfileChange(
                    association_id=pk,
                    user=claimant,
                    changes=[
                        {"field": "phone", "old": "", "new": "040 123 4567"},
                        {"field": "seeks_volunteers", "old": False, "new": True},
                    ],
                    version=2,
                    to_published=True,
                    created_at=now - timedelta(minutes=i),
                )
                for i, pk in enumerate(ids)
            ],
            batch_size=2000,
        )
        ProfileChange.objects.bulk_create(
            ProfileChange(
                association_id=pk,
                user=claimant,
                changes=[{"field": "name", "old": "Vanha ry", "new": "Uusi ry"}],
                status=ProfileChange.Status.PENDING,
                version=2,
                to_published=True,
                created_at=now - timedelta(hours=i),
            )
            for i, pk in enumerate(ids[:100])
        )
        Claim.objects.bulk_create(
            Claim(association_id=pk, user=claimant, position="Sihteeri", created_at=now)
            for pk in ids[100 : 100 + claims]
        )
        Report.objects.bulk_create(
            Report(association_id=pk, reason="incorrect", message="Puhelin on väärä.")
            for pk in ids[1000 : 1000 + reports]
        )
        pending = ids[5000:5200]
        Association.objects.filter(pk__in=pending).update(status="pending", submitted_at=now)
    return liaison


def _git_commit() -> str | None:
    try:
        return subprocess.run(
            ["git", "rev-parse", "--short", "HEAD"],  # noqa: S607 - git from PATH is fine here
            cwd=ROOT,
            capture_output=True,
            text=True,
            check=True,
        ).stdout.strip()
    except (OSError, subprocess.CalledProcessError):
        return None


if __name__ == "__main__":
    main()
