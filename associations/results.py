"""Pages of search results that stay fast when a word matches half the country.

A broad word ('seura', 'yhdistys') matches tens of thousands of associations.
Counting all of them exactly and ranking all of them to show twenty means
reading every one of those rows on every request. A page needs neither:

* The count is exact up to COUNT_CAP; above it the page says "over 1,000"
  (as search engines do), and pages go as far as the cap. It is counted
  through the search indexes, which stop at the cap.
* The ranking has tiers: associations whose name has every word as a word of
  its own come first, then those whose name matches every word otherwise
  (inside a compound, a typo), then the rest, each tier in the page's order
  (name, or last update).
* A search with few matches (no more than RANK_AT_ONCE, a rare word or a word
  with filters) is ranked as soon as it is counted: the count reads the matching
  ids through the indexes anyway, and ranking a thousand rows by primary key
  is cheaper than any walk. Every page of it is then known.
* A search within filters that leave few rows (a district, a small field of
  activity: no more than FILTERED_AT_ONCE by PostgreSQL's estimate, which is good
  for the filters' array tests) is ranked whole in one query that reads those
  rows through the filters' index: its cost is bounded by the filters, however
  the word's matches fall in the tiers, and its count is exact.

Otherwise each tier is read in one of two ways, chosen by what the rows show rather
than by PostgreSQL's estimate (which is poor for these OR-and-NOT conditions,
and a wrong guess costs a walk through the whole table):

* walking: read the next chunk of associations in page order along the
  index (a bounded read, whatever the words), test each against the tier, the
  words and the filters in the same query, keep those that pass; repeat with
  larger chunks until the page is full.
  A dense tier fills page 1 from the first chunk.
* looking up: when the rows read so far say that filling the page would mean
  walking more than MAX_WALK rows, ask PostgreSQL for the rest of the tier
  through the search indexes (GIN, trigram), sorted, with index walks turned
  off for that one query. A sparse tier is small, so that is quick.

`SearchResults` is given the rows to page through and, as one Q, the
conditions of the words and the filters (associations/filters.py gathers them;
a filter tests the association's own copy of a relation's ids, an array with a
GIN index, so it is one more bitmap for PostgreSQL and a cheap test in a walk).
It quacks like the part of a QuerySet that Django's Paginator uses (`count()`,
slicing, `ordered`), plus `prefetch_related()` and `defer()` for the rows it shows.
"""

from __future__ import annotations

import json

from django.core.exceptions import EmptyResultSet
from django.db import connection, transaction
from django.db.models import BooleanField, Case, F, Q, QuerySet, Value, When
from django.db.models.expressions import RawSQL
from django.db.models.functions import Lower

COUNT_CAP = 1000
# A walk reads at least this many rows at a time, and each further chunk twice as many
# as the one before, up to MAX_CHUNK.
WALK_CHUNK = 200
MAX_CHUNK = 5000
MAX_WALK = 20_000
# A search with no more matches than this has them all ranked as soon as they are
# counted (see SearchResults.count()): no walk and no look-up follows.
RANK_AT_ONCE = COUNT_CAP
# A search whose filters leave no more rows than this (by the planner's estimate) is
# ranked whole in one query (see SearchResults._rank_within_filters()). Reading a row
# and testing the words on it costs ~8 µs: 8,000 rows are about what the walks and
# look-ups of a sparse tier cost at worst, and far less than they cost on average.
FILTERED_AT_ONCE = 8000

SORT_NAME = "name"
SORT_UPDATED = "updated"


def compiled_sql(queryset: QuerySet) -> tuple[str, tuple]:
    """The SQL and parameters that `queryset` runs, to be read as a subquery.

    The one place this module leans on Django's query internals
    (`Query.sql_with_params()`, which `str(queryset.query)` is built on). A walk
    could aggregate the sliced queryset through the ORM instead (ArrayAgg over
    the slice gives the same SQL), but compiling that costs about 2 ms of Python
    per walk, a third of a search. tests/associations/test_results.py checks that
    this still returns SQL that runs and gives the queryset's rows, so an upgrade
    that changes it fails there, by name.
    """
    return queryset.query.sql_with_params()


def rank(tiers: list[Q]) -> Case | Value:
    """The number of the first of `tiers` a row is in (one past the last if none)."""
    tiers = [tier for tier in tiers if tier]
    if not tiers:
        return Value(0)
    return Case(
        *(When(tier, then=Value(number)) for number, tier in enumerate(tiers)),
        default=Value(len(tiers)),
    )


class SearchResults:
    ordered = True  # tells the Paginator the order is deliberate

    def __init__(
        self,
        base: QuerySet,
        *,
        where: Q,
        tiers: list[Q],
        sort: str = SORT_NAME,
        cap: int | None = None,
        cheap: Q | None = None,
    ):
        """The rows of `base` that meet `where`, ranked by `tiers`.

        `where` (the search and its filters) must not join other tables: the walk tests
        it on each row of `base`, which a join would repeat. `cheap` is the part of it
        that costs least to test on a row (the filters' array and flag tests): a walk
        tests it first, so that a row outside the filters costs almost nothing.
        """
        self.base = base.order_by()
        self.where = where
        self.cheap = cheap or Q()
        self.queryset = self.base.filter(where)
        self.tiers = tiers or [Q()]
        self.sort = sort
        self.cap = COUNT_CAP if cap is None else cap
        self._count: int | None = None
        self.count_is_exact = True
        self._prefetch: tuple = ()
        self._defer: tuple = ()
        # The first ids in rank order, read ahead by expect_page() or count(); all of
        # them when `_complete`.
        self._ids: list[int] | None = None
        self._complete = False

    def prefetch_related(self, *lookups) -> SearchResults:
        self._prefetch = lookups
        return self

    def defer(self, *fields) -> SearchResults:
        self._defer = fields
        return self

    def expect_page(self, number, per_page: int) -> SearchResults:
        """Say which page comes next; a deep one is read ahead, which makes the count free.

        A page in the second half of the capped range reads most of the ids up to the
        cap anyway. Reading COUNT_CAP + 1 of them instead tells the count too: all of
        them arrive, so there are more than the cap, or fewer, and that is the count.
        """
        try:
            stop = int(number) * per_page
        except (TypeError, ValueError):
            return self
        if self.cap // 2 <= stop <= self.cap and self._count is None:
            if self._rank_within_filters():
                return self
            self._ids = self.ids(self.cap + 1)
            self._set_count(len(self._ids))
            self._complete = self.count_is_exact
        return self

    def count(self) -> int:
        """How many rows match, exactly up to the cap (`count_is_exact` says which)."""
        if self._count is None and not self._rank_within_filters():
            found = self._read_few()
            self._set_count(len(found))
            if len(found) <= min(self.cap, RANK_AT_ONCE):
                # That is every match: rank them now, and every page is known.
                self._ids, self._complete = self._ranked(found), True
        return self._count

    def _ranked_sql(self) -> tuple[str, tuple] | None:
        """The ids of the matches in rank order; None if none can match."""
        rows = self._keyed(self.queryset).annotate(rank=rank(self.tiers))
        rows = rows.values_list("pk", "key", "rank")
        try:
            inner_sql, params = compiled_sql(rows)
        except EmptyResultSet:  # a condition nothing meets, such as pk__in=[]
            return None
        direction = "DESC" if self.sort == SORT_UPDATED else "ASC"
        # Only our own compiled SQL and constant words are formatted in.
        sql = (
            f"SELECT pk FROM ({inner_sql}) AS found "  # noqa: S608
            f"ORDER BY rank, key {direction}, pk {direction}"
        )
        return sql, params

    def _read_few(self) -> list[int]:
        """Up to cap + 1 of the matching ids, in no particular order.

        Only the ids: ranking the rows here would cost a broad word, whose cap + 1 rows
        are read only to say "over", as much again.
        """
        with transaction.atomic(), connection.cursor() as cursor:
            # Through the search indexes. Left to itself PostgreSQL often reads the table
            # in order until it has cap + 1 rows, which is quick for a broad word but
            # reads most of the table when it overestimates how many rows match (a
            # prefix in a tsquery, several ORed conditions).
            cursor.execute("SET LOCAL enable_seqscan = off; SET LOCAL enable_indexscan = off")
            return list(self.queryset.values_list("pk", flat=True)[: self.cap + 1])

    def _ranked(self, ids: list[int]) -> list[int]:
        """`ids` (all of them matches) in rank order, read by primary key."""
        if not ids:
            return []
        rows = self._keyed(self.base.model._default_manager.filter(pk__in=ids))
        rows = rows.annotate(rank=rank(self.tiers)).order_by("rank", *self._ordering())
        return list(rows.values_list("pk", flat=True))

    def _read_ranked(self) -> list[int]:
        """Every match in rank order, read through the filters' indexes."""
        query = self._ranked_sql()
        if query is None:
            return []
        with transaction.atomic(), connection.cursor() as cursor:
            # Through the filters' indexes (or any the planner prefers to combine with
            # them), never along the name index, which would read the whole table.
            cursor.execute("SET LOCAL enable_seqscan = off; SET LOCAL enable_indexscan = off")
            cursor.execute(*query)
            return [pk for (pk,) in cursor.fetchall()]

    def _rank_within_filters(self) -> bool:
        """Rank every match in one query when the filters leave few rows; whether it did.

        The count is then exact, even above the cap: every match was read.
        """
        if not self.cheap or self._rows_in_filters() > FILTERED_AT_ONCE:
            return False
        self._ids = self._read_ranked()
        self._complete, self.count_is_exact, self._count = True, True, len(self._ids)
        return True

    def _rows_in_filters(self) -> float:
        """How many rows the filters alone leave, by PostgreSQL's estimate (no rows read).

        The filters test arrays that have statistics of their elements, so the estimate
        is close: within a few per cent for a field of activity or a district.
        """
        try:
            plan = json.loads(self.base.filter(self.cheap).explain(format="json"))
        except EmptyResultSet:
            return 0
        return plan[0]["Plan"]["Plan Rows"]

    def _set_count(self, found: int) -> None:
        """Record a count made with a limit of cap + 1."""
        self.count_is_exact = found <= self.cap
        self._count = min(found, self.cap)

    # Page order ---------------------------------------------------------------------

    def _keyed(self, queryset: QuerySet) -> QuerySet:
        """Rows with their position in page order, as `key` and `pk`."""
        if self.sort == SORT_UPDATED:
            return queryset.annotate(key=F("updated_at"))
        return queryset.annotate(key=Lower("name"))

    def _ordering(self) -> list[str]:
        return ["-key", "-pk"] if self.sort == SORT_UPDATED else ["key", "pk"]

    def _after(self, queryset: QuerySet, position: tuple | None) -> QuerySet:
        """Rows after `position` (key, id) in page order: a row comparison the index serves."""
        if position is None:
            return queryset
        key, pk = position
        operator = "<" if self.sort == SORT_UPDATED else ">"
        column = (
            '"associations_association"."updated_at"'
            if self.sort == SORT_UPDATED
            else 'LOWER("associations_association"."name")'
        )
        # Only our constant column names are formatted in; the values are parameters.
        return queryset.filter(
            RawSQL(  # noqa: S611
                f'({column}, "associations_association"."id") {operator} (%s, %s)',  # noqa: S608
                [key, pk],
                output_field=BooleanField(),
            )
        )

    # Reading a tier -----------------------------------------------------------------

    def _condition(self, tier: Q) -> Case | Value:
        """The whole condition of a tier (`cheap`, its own test, then `where`) as one
        expression.

        Tested on each walked row in place: a correlated EXISTS would let PostgreSQL
        turn the test into a join over every matching row, which is what walking avoids.
        PostgreSQL tests the parts left to right and stops at the first that fails. The
        filters come first: an array overlap or a flag. Then the tier's own test: it
        reads only the short name columns, and most rows fail it before the costlier
        full-text test is reached.
        """
        condition = self.cheap & tier & self.where
        if not condition:  # no condition at all, which When() does not take
            return Value(True)
        # A CASE rather than the bare condition: in a SELECT list Django writes a
        # condition nothing can meet (`pk__in=[]`) as 0, which is no boolean.
        return Case(When(condition, then=True), default=False)

    def _walk(
        self, tier: Case | Value, position: tuple | None, size: int
    ) -> tuple[list[int], tuple | None, bool]:
        """`size` rows along the index: (ids in the tier, last position read, end reached).

        The rows are tested and gathered in the database, which sends back one row: the
        passing ids in order, where the chunk ended, and how many rows it read.
        """
        chunk = self._after(self._keyed(self.base), position)
        inner = chunk.annotate(in_tier=tier).order_by(*self._ordering())
        inner_sql, params = compiled_sql(inner.values_list("pk", "key", "in_tier")[:size])
        forward, backward = ("DESC", "ASC") if self.sort == SORT_UPDATED else ("ASC", "DESC")
        # Only our own compiled SQL and constant words are formatted in.
        sql = (
            f"SELECT array_agg(pk ORDER BY key {forward}, pk {forward}) FILTER (WHERE in_tier), "  # noqa: S608
            f"(array_agg(key ORDER BY key {backward}, pk {backward}))[1], "
            f"(array_agg(pk ORDER BY key {backward}, pk {backward}))[1], "
            f"count(*) FROM ({inner_sql}) AS chunk"
        )
        with connection.cursor() as cursor:
            cursor.execute(sql, params)
            ids, last_key, last_pk, read = cursor.fetchone()
        last = (last_key, last_pk) if read else position
        return ids or [], last, read < size

    def _look_up(self, tier: Q, position: tuple | None, missing: int) -> list[int]:
        """The next `missing` ids of a sparse tier, found through the search indexes."""
        rows = self._after(self._keyed(self.queryset.filter(tier)), position)
        rows = rows.order_by(*self._ordering()).values_list("pk", flat=True)[:missing]
        with transaction.atomic(), connection.cursor() as cursor:
            # Without this PostgreSQL may walk the name index for rows it expects to be
            # many, which for a sparse tier means reading the whole table.
            cursor.execute("SET LOCAL enable_indexscan = off")
            return list(rows)

    def _tier_ids(self, tier: Q, need: int) -> list[int]:
        found: list[int] = []
        position = None
        walked = 0
        condition = self._condition(tier)
        size = min(WALK_CHUNK, MAX_CHUNK)  # a first look tells how dense the tier is
        while len(found) < need:
            ids, position, at_end = self._walk(condition, position, size)
            found += ids
            walked += size
            if at_end or len(found) >= need:
                break
            missing = need - len(found)
            density = len(found) / walked
            if density == 0 or walked + missing / density > MAX_WALK:
                found += self._look_up(tier, position, missing)
                break
            # Enough for the rest at the density seen so far, with a margin.
            size = max(WALK_CHUNK, min(int(missing / density * 1.25) + 1, MAX_CHUNK))
        return found[:need]

    def ids(self, stop: int) -> list[int]:
        """The ids of the first `stop` results in rank order, reading tier after tier."""
        ids: list[int] = []
        for tier in self.tiers:
            if len(ids) >= stop:
                break
            ids += self._tier_ids(tier, stop - len(ids))
        return ids

    def __getitem__(self, item):
        if not isinstance(item, slice) or item.step is not None:
            raise TypeError("SearchResults supports plain slices only.")
        start, stop = item.start or 0, item.stop
        if stop is None:
            stop = self.count()
        known = self._ids is not None and (self._complete or len(self._ids) >= stop)
        page_ids = (self._ids if known else self.ids(stop))[start:stop]
        if not page_ids:
            return []
        rows = self.queryset.model._default_manager.filter(pk__in=page_ids)
        if self._defer:
            rows = rows.defer(*self._defer)
        if self._prefetch:
            rows = rows.prefetch_related(*self._prefetch)
        by_id = {row.pk: row for row in rows}
        return [by_id[pk] for pk in page_ids if pk in by_id]
