"""Grants benchmark: the decisions page, a filtered one, its CSV and the awards API with
50,000 published decisions. Run with `make bench` (after the events' benchmark) or alone:

    python tests/perf/bench_grants.py [--requests 100]

Uses the benchmark's own database (see bench_directory.py). The bench's programmes,
rounds, applications and decisions are made once, in bulk, for the seeded associations,
and kept between runs. Prints a table and writes the figures as JSON to bench-results/.
"""

from __future__ import annotations

import argparse
import gc
import os
import sys
from datetime import date, datetime, timedelta
from decimal import Decimal
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
from bench_directory import ROOT, configure_database, time_case, write_results  # noqa: E402

SLUG_PREFIX = "bench-grants-"
DECISIONS = 50_000
YEARS = (2021, 2022, 2023, 2024, 2025)
PROGRAMMES = ("toiminta", "kohde")


def seed_decisions(total: int) -> int:
    """One round per programme and year, each association applying once to each, until
    there are `total` published bench decisions. Returns how many were added."""
    from django.utils import timezone

    from associations.models import Association
    from grants.models import Application, GrantDecision, GrantProgramme, GrantRound

    existing = GrantDecision.objects.filter(
        application__round__slug__startswith=SLUG_PREFIX
    ).count()
    if existing >= total:
        return 0
    GrantDecision.objects.filter(application__round__slug__startswith=SLUG_PREFIX).delete()
    Application.objects.filter(round__slug__startswith=SLUG_PREFIX).delete()
    rounds = []
    for code in PROGRAMMES:
        programme, _ = GrantProgramme.objects.get_or_create(
            slug=f"{SLUG_PREFIX}{code}", defaults={"name_fi": f"Avustus {code}"}
        )
        for year in YEARS:
            opens = timezone.make_aware(datetime(year, 1, 10))
            grant_round, _ = GrantRound.objects.get_or_create(
                slug=f"{SLUG_PREFIX}{code}-{year}",
                defaults={
                    "programme": programme,
                    "title_fi": f"Avustukset {code} {year}",
                    "budget": Decimal("100000000"),
                    "opens_at": opens,
                    "closes_at": opens + timedelta(days=30),
                    "deciding_body": "Lautakunta",
                    "announced_at": opens,
                    "decided_at": opens + timedelta(days=60),
                    "decisions_published_at": opens + timedelta(days=61),
                },
            )
            rounds.append((grant_round, year))
    per_round = -(-total // len(rounds))
    associations = list(
        Association.objects.published().order_by("pk").values_list("pk", flat=True)[:per_round]
    )
    now = timezone.now()
    added = 0
    for grant_round, year in rounds:
        count = min(len(associations), total - added)
        applications = Application.objects.bulk_create(
            Application(
                round=grant_round,
                association_id=pk,
                requested_amount=Decimal(1000 + (i % 50) * 100),
                proposed_amount=Decimal(800 + (i % 50) * 80),
                purpose="Toiminnan kulut ja tilavuokrat.",
                status="submitted",
                submitted_at=now,
            )
            for i, pk in enumerate(associations[:count])
        )
        GrantDecision.objects.bulk_create(
            GrantDecision(
                application=application,
                amount=Decimal(800 + (i % 50) * 80),
                decided_on=date(year, 3, 1) + timedelta(days=i % 200),
                section=f"{i % 90 + 1} §",
                deciding_body="Lautakunta",
                rationale="Toiminta on vakiintunutta.",
                published_at=now,
            )
            for i, application in enumerate(applications)
        )
        added += count
        if added >= total:
            break
    return added


def ensure_recipients() -> None:
    """Enough published associations for every round's applicants: the directory
    benchmark's, or as many seeded here (some seeded ones are not published, so seeding
    goes on until there are enough)."""
    from associations.management.commands import seed_scale
    from associations.models import Association

    recipients = -(-DECISIONS // (len(YEARS) * len(PROGRAMMES))) + 100
    while (missing := recipients - Association.objects.published().count()) > 0:
        print(f"Seeding associations: {missing} more published ones needed.")
        seed_scale.seed(missing + missing // 4 + 50)


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

    from django.core.cache import cache
    from django.core.management import call_command
    from django.db import connection
    from django.test import Client
    from django.test.utils import override_settings

    from grants.models import GrantDecision

    print(f"Database: {database}")
    call_command("migrate", verbosity=0, interactive=False)
    ensure_recipients()
    added = seed_decisions(DECISIONS)
    total = GrantDecision.objects.published().current().count()
    print(f"Added {added} decisions, {total} published in force.")
    with connection.cursor() as cursor:
        cursor.execute("VACUUM ANALYZE")

    class ReadingClient(Client):
        """Reads a streamed answer to its end, so the CSV's time includes writing it."""

        def get(self, *args, **kwargs):
            response = super().get(*args, **kwargs)
            if response.streaming:
                response.content_length = sum(len(chunk) for chunk in response.streaming_content)
            return response

    class ForgettingClient(ReadingClient):
        """Empties the cache before each request: a filter nobody asked for since the last
        decision was published, whose totals are read from the database."""

        def get(self, *args, **kwargs):
            cache.clear()
            return super().get(*args, **kwargs)

    resident = ReadingClient(HTTP_HOST="127.0.0.1")
    forgetting = ForgettingClient(HTTP_HOST="127.0.0.1")
    code = f"{SLUG_PREFIX}{PROGRAMMES[0]}"
    cases = [
        ("decisions page", 100, "/grants/decisions/"),
        ("decisions page, a year", 100, "/grants/decisions/?year=2024"),
        (
            "decisions page, year and programme",
            100,
            f"/grants/decisions/?year=2024&programme={code}",
        ),
        ("decisions page, page 50", 100, "/grants/decisions/?page=50"),
        ("decisions page, totals not kept", None, "/grants/decisions/"),
        ("decisions page, a year, totals not kept", None, "/grants/decisions/?year=2024"),
        ("CSV, year and programme", None, f"/grants/decisions.csv?year=2024&programme={code}"),
        ("awards API", 100, "/api/v1/grants/awards"),
        ("awards API, a year", 100, "/api/v1/grants/awards?year=2023"),
    ]
    results = []
    gc.collect()
    gc.freeze()
    with override_settings(DEBUG=False, ALLOWED_HOSTS=["127.0.0.1", "testserver"]):
        for name, target, url in cases:
            requests = args.requests if target else max(args.requests // 5, 1)
            client = forgetting if "not kept" in name else resident
            row = time_case(client, name, [url], requests, args.warmup)
            met = target is None or row["p95_ms"] <= target
            results.append({**row, "decisions": total, "target_p95_ms": target, "met": met})
    gc.unfreeze()

    header = f"{'case':<36} {'decisions':>9} {'median ms':>10} {'p95 ms':>8}   target p95"
    print("\n" + header)
    print("-" * len(header))
    for row in results:
        verdict = "ok" if row["met"] else "MISSED"
        target = f"≤ {row['target_p95_ms']} ms {verdict}" if row["target_p95_ms"] else "(no target)"
        print(
            f"{row['case']:<36} {row['decisions']:>9} {row['median_ms']:>10.1f} "
            f"{row['p95_ms']:>8.1f}   {target}"
        )
    write_results("grants", results)


if __name__ == "__main__":
    main()
