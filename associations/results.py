"""Pages of search results that stay fast when a word matches half the country.

A broad word ('seura', 'yhdistys') matches tens of thousands of associations.
Counting all of them exactly and ranking all of them to show twenty means
reading every one of those rows on every request. A page needs neither:

* The count is exact up to COUNT_CAP; above it the page says "over 1,000"
  (as search engines do), and pages go as far as the cap.
* The ranking has tiers: associations whose name has every word as a word
  of its own come first, then those whose name matches every word otherwise
  (inside a compound, a typo), then the rest, each tier in name order. Each tier is read along the
  name index and the reading stops as soon as the page is full, so page 1
  of a broad word reads a few dozen rows and page 50 about a thousand.

`SearchResults` quacks like the part of a QuerySet that Django's Paginator
uses (`count()`, slicing, `ordered`), plus `prefetch_related()` and `defer()`
for the rows it shows.
"""

from __future__ import annotations

from django.db.models import Q, QuerySet

COUNT_CAP = 1000


class SearchResults:
    ordered = True  # tells the Paginator the order is deliberate

    def __init__(
        self, queryset: QuerySet, *, tiers: list[Q], order_by: list, cap: int | None = None
    ):
        self.queryset = queryset.order_by()
        self.tiers = tiers or [Q()]
        self.order_by = order_by
        self.cap = COUNT_CAP if cap is None else cap
        self._count: int | None = None
        self.count_is_exact = True
        self._prefetch: tuple = ()
        self._defer: tuple = ()

    def prefetch_related(self, *lookups) -> SearchResults:
        self._prefetch = lookups
        return self

    def defer(self, *fields) -> SearchResults:
        self._defer = fields
        return self

    def count(self) -> int:
        if self._count is None:
            found = self.queryset[: self.cap + 1].count()
            self.count_is_exact = found <= self.cap
            self._count = min(found, self.cap)
        return self._count

    def ids(self, stop: int) -> list[int]:
        """The ids of the first `stop` results in rank order, reading tier after tier."""
        ids: list[int] = []
        for tier in self.tiers:
            missing = stop - len(ids)
            if missing <= 0:
                break
            tier_rows = self.queryset.filter(tier).order_by(*self.order_by)
            ids += tier_rows.values_list("pk", flat=True)[:missing]
        return ids

    def __getitem__(self, item):
        if not isinstance(item, slice) or item.step is not None:
            raise TypeError("SearchResults supports plain slices only.")
        start, stop = item.start or 0, item.stop
        if stop is None:
            stop = self.count()
        page_ids = self.ids(stop)[start:stop]
        if not page_ids:
            return []
        rows = self.queryset.model._default_manager.filter(pk__in=page_ids)
        if self._defer:
            rows = rows.defer(*self._defer)
        if self._prefetch:
            rows = rows.prefetch_related(*self._prefetch)
        by_id = {row.pk: row for row in rows}
        return [by_id[pk] for pk in page_ids if pk in by_id]
