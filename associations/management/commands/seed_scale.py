"""Add many synthetic associations, for benchmarks: `manage.py seed_scale --associations 100000`.

Rows are written with PostgreSQL COPY. Their search terms come from the
model's own Association.set_search_terms(), run on unsaved instances (the
words repeat, so associations.search's caches make that cheap). Their slugs
start with "seed-", which is how --clear finds them again.
"""

from __future__ import annotations

import time

from django.core.management.base import BaseCommand, CommandError
from django.db import connection, transaction

from associations.demo_data import CATEGORIES, DISTRICTS, LANGUAGES, TARGET_GROUPS
from associations.demo_data.synthetic import (
    SLUG_PREFIX,
    synthetic_association,
    synthetic_today,
)
from associations.management.commands.load_demo import load_vocabulary
from associations.models import ActivityLanguage, Association, Category, District, TargetGroup

BATCH_SIZE = 5000


class Command(BaseCommand):
    help = "Add synthetic associations (slugs starting with 'seed-') for scale tests."

    def add_arguments(self, parser):
        parser.add_argument("--associations", type=int, default=0, help="How many rows to add.")
        parser.add_argument(
            "--clear", action="store_true", help="Delete earlier synthetic rows first."
        )

    def handle(self, *args, associations: int, clear: bool, **options):
        if associations < 0:
            raise CommandError("--associations must be zero or more.")
        if clear:
            started = time.perf_counter()
            deleted = clear_seeded()
            self.stdout.write(f"Deleted {deleted} synthetic associations in {_since(started)}.")
        if associations:
            started = time.perf_counter()
            seed(associations, progress=self.stdout.write)
            self.stdout.write(
                self.style.SUCCESS(f"Added {associations} associations in {_since(started)}.")
            )


def _since(started: float) -> str:
    return f"{time.perf_counter() - started:.1f} s"


def clear_seeded() -> int:
    """Delete the synthetic rows; returns how many associations went."""
    seeded = Association.objects.filter(slug__startswith=SLUG_PREFIX)
    count = seeded.count()
    with transaction.atomic():
        seeded.delete()
    return count


def _vocabulary() -> dict[str, list]:
    """The terms to link to, creating the demo vocabulary in an empty database."""
    if not Category.objects.exists():
        load_vocabulary(Category, CATEGORIES)
    if not District.objects.exists():
        load_vocabulary(District, [row[:4] for row in DISTRICTS])
    if not TargetGroup.objects.exists():
        load_vocabulary(TargetGroup, TARGET_GROUPS)
    if not ActivityLanguage.objects.exists():
        load_vocabulary(ActivityLanguage, LANGUAGES)
    return {
        # In the model's ordering, so the search terms match set_search_terms() exactly.
        "categories": list(Category.objects.all()),
        "districts": list(District.objects.all()),
        "target_groups": list(TargetGroup.objects.all()),
        "languages": list(ActivityLanguage.objects.all()),
    }


def _next_number() -> int:
    """The first unused synthetic row number, so that a second run adds to the first."""
    last = (
        Association.objects.filter(slug__startswith=SLUG_PREFIX)
        .order_by("-id")
        .values_list("slug", flat=True)
        .first()
    )
    return int(last.removeprefix(SLUG_PREFIX).split("-")[0]) + 1 if last else 1


def _table(model) -> str:
    return connection.ops.quote_name(model._meta.db_table)


def seed(count: int, progress=None) -> None:
    vocab = _vocabulary()
    categories_by_slug = {c.slug: c for c in vocab["categories"]}
    category_order = {c.pk: i for i, c in enumerate(vocab["categories"])}
    finnish = next((lang for lang in vocab["languages"] if lang.slug == "fi"), None)
    fields = [
        f
        for f in Association._meta.concrete_fields
        if not f.primary_key and not getattr(f, "generated", False)
    ]
    today, now = synthetic_today()
    first = _next_number()

    for start in range(first, first + count, BATCH_SIZE):
        numbers = range(start, min(start + BATCH_SIZE, first + count))
        rows, links = [], {name: [] for name in vocab}
        ids = _reserve_ids(len(numbers))
        for pk, n in zip(ids, numbers, strict=True):
            item = synthetic_association(n, today, now)
            chosen = [categories_by_slug[s] for s in item["categories"] if s in categories_by_slug]
            if not chosen:  # a database with other categories than the demo's
                chosen = [vocab["categories"][n % len(vocab["categories"])]]
            chosen.sort(key=lambda c: category_order[c.pk])
            association = Association(
                id=pk,
                name=item["name"],
                slug=item["slug"],
                description=item["description"],
                **item["fields"],
            )
            related = {"categories": chosen, "languages": [finnish] if finnish else []}
            for relation, pick in (
                ("districts", "district_index"),
                ("target_groups", "group_index"),
            ):
                terms = vocab[relation]
                related[relation] = [terms[item[pick] % len(terms)]] if terms else []
            _prefetched(association, related)
            association.set_search_terms()  # the model's own code, so the terms are the same
            rows.append(
                [pk]
                + [f.get_db_prep_save(f.value_from_object(association), connection) for f in fields]
            )
            for relation, terms in related.items():
                links[relation] += [(pk, term.pk) for term in terms]
        with transaction.atomic():
            _copy_associations(fields, rows)
            for relation, pairs in links.items():
                _copy_links(relation, pairs)
        if progress:
            progress(f"  {numbers[-1] - first + 1} / {count}")


def _prefetched(instance, related: dict[str, list]) -> None:
    """Make `instance.<relation>.all()` return the given objects without a query, as
    prefetch does, for each relation in `related`."""
    instance._prefetched_objects_cache = {}
    for relation, objects in related.items():
        queryset = getattr(instance, relation).all()
        queryset._result_cache = objects
        queryset._prefetch_done = True
        instance._prefetched_objects_cache[relation] = queryset


def _reserve_ids(count: int) -> list[int]:
    """Take ids from the table's sequence, so the link rows can be written in the same go."""
    with connection.cursor() as cursor:
        cursor.execute(
            "SELECT nextval(pg_get_serial_sequence(%s, 'id')) FROM generate_series(1, %s)",
            [Association._meta.db_table, count],
        )
        return [row[0] for row in cursor.fetchall()]


def _copy_associations(fields, rows: list[list]) -> None:
    quote = connection.ops.quote_name
    columns = ", ".join([quote("id")] + [quote(f.column) for f in fields])
    with (
        connection.cursor() as cursor,
        cursor.copy(f"COPY {_table(Association)} ({columns}) FROM STDIN") as copy,
    ):
        for row in rows:
            copy.write_row(row)


def _copy_links(relation: str, pairs: list[tuple[int, int]]) -> None:
    if not pairs:
        return
    m2m = Association._meta.get_field(relation)
    quote = connection.ops.quote_name
    columns = f"{quote(m2m.m2m_column_name())}, {quote(m2m.m2m_reverse_name())}"
    with (
        connection.cursor() as cursor,
        cursor.copy(f"COPY {_table(m2m.remote_field.through)} ({columns}) FROM STDIN") as copy,
    ):
        for pair in pairs:
            copy.write_row(pair)
