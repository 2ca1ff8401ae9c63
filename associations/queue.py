"""The liaison's queue: everything that waits for a decision, across kinds, oldest first.

Five kinds of item wait: new listings, claims, reports, name/ID changes and stale
profiles. Each kind is read along its own partial index (oldest first); a page of
the merged queue needs at most the first `page end` keys of each kind, which are
merged in Python, and then only that page's rows are fetched whole. So a page
costs two queries per kind whatever the queue's size (stale profiles can number
thousands), plus the counts.
"""

from __future__ import annotations

import heapq
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from datetime import date, datetime, time

from django.core.cache import cache
from django.db.models import Expression, F, QuerySet
from django.db.models.functions import Coalesce
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from associations.models import Association, Claim, ProfileChange, Report
from associations.models.directory import STALE_AFTER_MONTHS, months_ago


@dataclass(frozen=True)
class Kind:
    name: str
    label: str  # one item
    plural: str  # the filter link and the count
    queryset: Callable[[date | None], QuerySet]  # what waits, unordered
    since: Expression  # the oldest first by this (and pk)
    url_name: str
    related: tuple[str, ...] = ()

    def keys(self, today: date | None = None) -> QuerySet:
        """(pk, since) of what waits, oldest first."""
        return (
            self.queryset(today)
            .annotate(since=self.since)
            .order_by("since", "pk")
            .values_list("pk", "since")
        )


KINDS: dict[str, Kind] = {
    kind.name: kind
    for kind in (
        Kind(
            name="listing",
            label=_("New listing"),
            plural=_("New listings"),
            queryset=lambda today: Association.objects.filter(status=Association.Status.PENDING),
            # A listing set to pending in the admin has no submitted_at.
            since=Coalesce("submitted_at", "created_at"),
            url_name="moderation:association",
        ),
        Kind(
            name="claim",
            label=_("Claim"),
            plural=_("Claims"),
            queryset=lambda today: Claim.objects.pending(),
            since=F("created_at"),
            url_name="moderation:claim",
            related=("association", "user"),
        ),
        Kind(
            name="report",
            label=_("Report"),
            plural=_("Reports"),
            queryset=lambda today: Report.objects.open(),
            since=F("created_at"),
            url_name="moderation:report",
            related=("association",),
        ),
        Kind(
            name="change",
            label=_("Name or ID change"),
            plural=_("Name and ID changes"),
            queryset=lambda today: ProfileChange.objects.pending(),
            since=F("created_at"),
            url_name="moderation:change",
            related=("association", "user"),
        ),
        Kind(
            name="stale",
            label=_("Not confirmed for 18 months"),
            plural=_("Stale profiles"),
            queryset=lambda today: Association.objects.stale(today),
            since=F("last_verified_at"),
            url_name="moderation:association",
        ),
    )
}
KIND_ORDER = {name: n for n, name in enumerate(KINDS)}


def stale_since(last_verified: date) -> date:
    """The day a profile confirmed on `last_verified` became stale."""
    return months_ago(-STALE_AFTER_MONTHS, last_verified)


def waiting_since(kind: str, value: datetime | date) -> datetime:
    """When an item joined the queue, as an aware datetime to merge the kinds by.

    A stale profile joined the queue when it became stale, not when it was last
    confirmed: merged by the confirmation date, a few thousand profiles confirmed
    years ago would bury this week's new listings and claims.
    """
    if kind == "stale":
        return timezone.make_aware(datetime.combine(stale_since(value), time.min))
    return value


@dataclass
class QueueItem:
    kind: str
    pk: int
    since: datetime
    obj: object = None

    @property
    def kind_label(self) -> str:
        return KINDS[self.kind].label

    @property
    def association(self) -> Association:
        return self.obj if isinstance(self.obj, Association) else self.obj.association

    @property
    def url(self) -> str:
        return reverse(KINDS[self.kind].url_name, kwargs={"pk": self.pk})


def queue_counts(today: date | None = None) -> dict[str, int]:
    """How many items of each kind wait, by kind name."""
    return {name: kind.queryset(today).count() for name, kind in KINDS.items()}


class Queue(Sequence):
    """The waiting items of some kinds (all by default), oldest first, for a Paginator.

    Slicing fetches only what the slice needs (see the module docstring).
    """

    def __init__(self, kinds: Sequence[str] | None = None, *, today: date | None = None):
        self.kinds = list(kinds or KINDS)
        self.today = today
        self._counts: dict[str, int] | None = None

    @property
    def counts(self) -> dict[str, int]:
        """Counts of every kind, also those not shown, for the filter links."""
        if self._counts is None:
            self._counts = queue_counts(self.today)
        return self._counts

    def count(self) -> int:
        return sum(self.counts[name] for name in self.kinds)

    def __len__(self) -> int:
        return self.count()

    def __getitem__(self, index):
        if isinstance(index, slice):
            start, stop, _step = index.indices(self.count())
            return self.items(start, stop)
        items = self.items(index, index + 1)
        if not items:
            raise IndexError(index)
        return items[0]

    def keys(self, stop: int) -> list[tuple[datetime, int, int, str]]:
        """The first `stop` items' sort keys, merged across the kinds."""
        streams = []
        for name in self.kinds:
            if not self.counts[name] or stop <= 0:
                continue
            rows = KINDS[name].keys(self.today)[:stop]
            streams.append(
                [(waiting_since(name, value), KIND_ORDER[name], pk, name) for pk, value in rows]
            )
        return list(heapq.merge(*streams))[:stop]

    def items(self, start: int, stop: int) -> list[QueueItem]:
        keys = self.keys(stop)[start:stop]
        wanted: dict[str, list[int]] = {}
        for _since, _order, pk, name in keys:
            wanted.setdefault(name, []).append(pk)
        objects = {}
        for name, pks in wanted.items():
            kind = KINDS[name]
            model = kind.queryset(self.today).model
            found = model.objects.select_related(*kind.related).in_bulk(pks)
            objects.update({(name, pk): obj for pk, obj in found.items()})
        return [
            QueueItem(kind=name, pk=pk, since=since, obj=objects[(name, pk)])
            for since, _order, pk, name in keys
            if (name, pk) in objects  # decided between the two queries
        ]


# --- the total in the header ---------------------------------------------------------

TOTAL_CACHE_KEY = "moderation:queue-total"
TOTAL_CACHE_SECONDS = 60


def queue_total() -> int:
    """All waiting items, cached for a minute: every page a liaison opens shows it."""
    total = cache.get(TOTAL_CACHE_KEY)
    if total is None:
        total = sum(queue_counts().values())
        cache.set(TOTAL_CACHE_KEY, total, TOTAL_CACHE_SECONDS)
    return total


def remember_queue_total(total: int) -> None:
    """The queue page has just counted everything: the header need not count again."""
    cache.set(TOTAL_CACHE_KEY, total, TOTAL_CACHE_SECONDS)


def forget_queue_total() -> None:
    """After a liaison's decision, so that the header shows the new total at once."""
    cache.delete(TOTAL_CACHE_KEY)
