"""The staff's desk queue: everything that waits for a decision, across kinds, the most
urgent first and the oldest first within the same urgency.

The apps contribute the kinds (yhdistystori.contributions); a kind says what waits
(a queryset), since when, how urgent it is, how an item is named and which page
decides it. Each kind is read along its own partial index, oldest first: a page of
the merged queue needs at most the first `page end` keys of each kind (fewer when
more urgent kinds fill part of the page, none when they fill all of it), which are
merged in Python, and then only that page's rows are fetched whole. So a page costs
at most two queries per kind whatever the queue's size, plus the counts.

This module also tells staff about the queue: an email per new item
(`announce`) or a daily digest (`send_digests`), as each person chose.
"""

from __future__ import annotations

import heapq
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from datetime import date, datetime
from enum import IntEnum

from django.contrib.auth import get_user_model
from django.core.cache import cache
from django.db import transaction
from django.db.models import Expression, QuerySet
from django.urls import reverse
from django.utils import timezone

from yhdistystori import emails
from yhdistystori.contributions import registry
from yhdistystori.roles import Role, has_role, users_with_role


def _name_of_association(obj) -> str:
    return obj.association.name


class Urgency(IntEnum):
    """How soon a kind of item wants a decision; the queue shows the lower value first."""

    # Someone waits on the other side, or the public site may show something wrong.
    HIGH = 10
    # A person waits, but nothing wrong is shown meanwhile.
    NORMAL = 20
    # Upkeep: nobody waits on it.
    LOW = 30


@dataclass(frozen=True)
class DeskKind:
    name: str
    label: str  # one item
    plural: str  # the filter link and the count
    announcement: str  # the first line of the email that tells of a new item
    queryset: Callable[[date | None], QuerySet]  # what waits, unordered
    since: Expression  # the oldest first by this (and pk)
    url_name: str  # the page that decides an item; takes `pk`
    summary_template: str  # a line on the item in the queue (gets `item`, `obj`)
    related: tuple[str, ...] = ()
    title: Callable[[object], str] = _name_of_association  # what the queue's row names
    # When an item joined the queue, from its `since` value (default: that value).
    joined: Callable[[object], datetime] | None = None
    role: Role = Role.LIAISON
    urgency: Urgency = Urgency.NORMAL

    def keys(self, today: date | None = None) -> QuerySet:
        """(pk, since) of what waits, oldest first."""
        return (
            self.queryset(today)
            .annotate(since=self.since)
            .order_by("since", "pk")
            .values_list("pk", "since")
        )

    def waiting_since(self, value) -> datetime:
        return self.joined(value) if self.joined else value


def desk_kinds() -> dict[str, DeskKind]:
    """Every kind by name, the most urgent first (in the apps' order within an urgency)."""
    kinds = registry.desk_kinds
    return {name: kinds[name] for name in sorted(kinds, key=lambda name: kinds[name].urgency)}


def desk_roles() -> set[str]:
    """The roles that keep a desk: the liaison's, and any that decides a kind of item."""
    return {Role.LIAISON, *(kind.role for kind in registry.desk_kinds.values())}


def has_desk(user) -> bool:
    return any(has_role(user, role) for role in desk_roles())


def kinds_for(user) -> list[str]:
    """The names of the kinds this person decides: each role sees only its own items."""
    return [name for name, kind in desk_kinds().items() if has_role(user, kind.role)]


@dataclass
class QueueItem:
    kind: DeskKind
    pk: int
    since: datetime
    obj: object = None

    @property
    def title(self) -> str:
        return self.kind.title(self.obj)

    @property
    def url(self) -> str:
        return reverse(self.kind.url_name, kwargs={"pk": self.pk})


def queue_counts(today: date | None = None, names: Sequence[str] | None = None) -> dict[str, int]:
    """How many items of each kind (of `names`, default all) wait, by kind name."""
    return {
        name: kind.queryset(today).count()
        for name, kind in desk_kinds().items()
        if names is None or name in names
    }


class Queue(Sequence):
    """The waiting items of some kinds (all by default), the most urgent first and the
    oldest first within an urgency, for a Paginator.

    Slicing fetches only what the slice needs (see the module docstring).
    """

    def __init__(
        self,
        kinds: Sequence[str] | None = None,
        *,
        today: date | None = None,
        visible: Sequence[str] | None = None,
    ):
        # `visible`: the kinds the person decides (default all); `kinds`: those shown.
        self.visible = list(visible if visible is not None else desk_kinds())
        self.kinds = list(kinds or self.visible)
        self.today = today
        self._counts: dict[str, int] | None = None

    @property
    def counts(self) -> dict[str, int]:
        """Counts of every visible kind, also those not shown, for the filter links."""
        if self._counts is None:
            self._counts = queue_counts(self.today, self.visible)
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

    def keys(self, stop: int) -> list[tuple[int, datetime, int, int, str]]:
        """The first `stop` items' sort keys, merged across the kinds."""
        kinds = desk_kinds()
        order = {name: n for n, name in enumerate(kinds)}
        shown = sorted(self.kinds, key=order.__getitem__)
        streams = []
        for name in shown:
            kind = kinds[name]
            # Items of more urgent kinds come first whatever their age: only the rest of
            # the page is left for this kind.
            before = sum(
                self.counts[other] for other in shown if kinds[other].urgency < kind.urgency
            )
            wanted = stop - before
            if not self.counts[name] or wanted <= 0:
                continue
            rows = kind.keys(self.today)[:wanted]
            streams.append(
                [
                    (kind.urgency, kind.waiting_since(value), order[name], pk, name)
                    for pk, value in rows
                ]
            )
        return list(heapq.merge(*streams))[:stop]

    def items(self, start: int, stop: int) -> list[QueueItem]:
        kinds = desk_kinds()
        keys = self.keys(stop)[start:stop]
        wanted: dict[str, list[int]] = {}
        for _urgency, _since, _order, pk, name in keys:
            wanted.setdefault(name, []).append(pk)
        objects = {}
        for name, pks in wanted.items():
            kind = kinds[name]
            model = kind.queryset(self.today).model
            found = model.objects.select_related(*kind.related).in_bulk(pks)
            objects.update({(name, pk): obj for pk, obj in found.items()})
        return [
            QueueItem(kind=kinds[name], pk=pk, since=since, obj=objects[(name, pk)])
            for _urgency, since, _order, pk, name in keys
            if (name, pk) in objects  # decided between the two queries
        ]


# --- the total in the header ---------------------------------------------------------

TOTAL_CACHE_KEY = "desk:queue-total"
TOTAL_CACHE_SECONDS = 60


def _total_key(names: Sequence[str]) -> str:
    # Each person's total is of the kinds they decide. A decision forgets every total at
    # once by starting a new generation of keys.
    generation = cache.get(f"{TOTAL_CACHE_KEY}:generation", 0)
    return f"{TOTAL_CACHE_KEY}:{generation}:{','.join(sorted(names))}"


def queue_total(names: Sequence[str] | None = None) -> int:
    """The waiting items of the kinds `names` (default all), cached for a minute: every
    page a member of staff opens shows it."""
    names = list(desk_kinds()) if names is None else names
    key = _total_key(names)
    total = cache.get(key)
    if total is None:
        total = sum(queue_counts(names=names).values())
        cache.set(key, total, TOTAL_CACHE_SECONDS)
    return total


def remember_queue_total(total: int, names: Sequence[str] | None = None) -> None:
    """The queue page has just counted everything: the header need not count again."""
    key = _total_key(list(desk_kinds()) if names is None else names)
    cache.set(key, total, TOTAL_CACHE_SECONDS)


def forget_queue_total() -> None:
    """After a decision, so that the header shows the new total at once."""
    try:
        cache.incr(f"{TOTAL_CACHE_KEY}:generation")
    except ValueError:
        cache.set(f"{TOTAL_CACHE_KEY}:generation", 1, None)


# --- telling staff -------------------------------------------------------------------


def announce(kind_name: str, *, pk: int, title: str, summary: str = "") -> None:
    """Staff of the kind's role who asked for an email per item hear of a new one now."""
    kind = desk_kinds()[kind_name]
    User = get_user_model()
    recipients = users_with_role(kind.role).filter(moderation_email=User.ModerationEmail.EACH)
    emails.send(
        "desk/new_item",
        to=recipients,
        context={"kind": kind, "pk": pk, "title": title, "summary": summary},
    )
    forget_queue_total()


DIGEST_ITEMS = 10


def digest_recipients(today: date, role: str = Role.LIAISON):
    """Staff of `role` who chose the daily digest and have not had today's."""
    User = get_user_model()
    return (
        users_with_role(role)
        .filter(moderation_email=User.ModerationEmail.DIGEST)
        .exclude(moderation_digest_sent_on=today)
    )


def send_digest(user, *, today: date, queue: Queue, items: list[QueueItem]) -> bool:
    """Mark the person's digest sent today and queue it, unless another run did already."""
    User = get_user_model()
    with transaction.atomic():
        claimed = (
            User.objects.filter(pk=user.pk)
            .exclude(moderation_digest_sent_on=today)
            .update(moderation_digest_sent_on=today)
        )
        if not claimed:
            return False
        kinds = desk_kinds()
        counts = [
            {"label": kinds[name].plural, "count": queue.counts[name]} for name in queue.visible
        ]
        emails.send(
            "desk/digest",
            to=[user],
            context={"total": queue.count(), "counts": counts, "items": items},
        )
    return True


@dataclass
class DigestRun:
    recipients: list
    queue: Queue
    sent: int = 0
    role: str = Role.LIAISON


def send_digests(*, today: date | None = None, dry_run: bool = False) -> list[DigestRun]:
    """Email each desk role's queue (its own kinds) to its staff due a digest today: the
    liaisons theirs, the facilities managers the booking requests. Nothing when a role's
    queue is empty.

    Safe to run again, or twice at the same time: each person gets one a day, of their
    first role in this order (the liaison's first).
    """
    today = today or timezone.localdate()
    kinds = desk_kinds()
    roles = sorted(desk_roles(), key=lambda role: (role != Role.LIAISON, role))
    runs, told = [], set()
    for role in roles:
        recipients = [user for user in digest_recipients(today, role) if user.pk not in told]
        told.update(user.pk for user in recipients)
        visible = [name for name, kind in kinds.items() if kind.role == role]
        run = DigestRun(recipients=recipients, queue=Queue(today=today, visible=visible), role=role)
        runs.append(run)
        if not run.recipients or not run.queue.count() or dry_run:
            continue
        items = run.queue[:DIGEST_ITEMS]
        run.sent = sum(
            send_digest(user, today=today, queue=run.queue, items=items) for user in run.recipients
        )
    return runs
    items = run.queue[:DIGEST_ITEMS]
    run.sent = sum(
        send_digest(user, today=today, queue=run.queue, items=items) for user in run.recipients
    )
    return run
