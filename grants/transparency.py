"""What the decisions page, its downloads and the awards API share: the published
decisions with the filters in use, and the totals of the filtered set drawn as bar
charts.

The grants are the current decisions. A correction replaces the decision it corrects
as the current one; both stay public, and the page shows the earlier ones under the
one in force.
"""

from __future__ import annotations

import hashlib
from dataclasses import dataclass
from decimal import Decimal

from django.core.cache import cache
from django.db.models import Count, F, Prefetch, QuerySet, Sum
from django.db.models.functions import ExtractYear
from django.http import HttpRequest, QueryDict
from django.utils.translation import get_language
from django.utils.translation import gettext_lazy as _

from associations.models import Association, Category, District
from grants.filters import TERM_FILTERS, DecisionFilter
from grants.models import GrantDecision, GrantProgramme
from yhdistystori.collation import sort_key


def published_current() -> QuerySet:
    """The grants in force that the public sees, with what a row shows, newest first."""
    return (
        GrantDecision.objects.published()
        .current()
        .select_related("application__round__programme")
        .prefetch_related(
            Prefetch(
                "application__association",
                queryset=Association.objects.only("pk", "name", "slug", "business_id"),
            )
        )
        .order_by("-decided_on", "-id")
    )


def with_earlier(decisions: QuerySet) -> QuerySet:
    """Each decision with the published decisions it replaced (its corrected ones)."""
    earlier = GrantDecision.objects.published().filter(is_current=False).order_by("-recorded_at")
    return decisions.prefetch_related(
        Prefetch("application__decisions", queryset=earlier, to_attr="corrected")
    )


def decision_filter(request: HttpRequest, *, lenient: bool) -> DecisionFilter:
    return DecisionFilter(request.GET or None, queryset=published_current(), lenient=lenient)


def kept_query(request: HttpRequest, filterset: DecisionFilter) -> QueryDict:
    """The query the page's links carry on: without unknown terms an old link named."""
    keep = request.GET.copy()
    keep.pop("page", None)
    ignored = set(filterset.ignored)
    for name in TERM_FILTERS:
        if name in keep:
            keep.setlist(name, [value for value in keep.getlist(name) if value not in ignored])
    return keep


def filter_chips(filterset: DecisionFilter, query: QueryDict) -> list[dict]:
    chips = []
    for name, value, label in filterset.chosen():
        rest = query.copy()
        rest.setlist(name, [v for v in rest.getlist(name) if v != value])
        chips.append({"label": label, "url": "?" + rest.urlencode()})
    return chips


def filter_groups(filterset: DecisionFilter) -> list[dict]:
    """The term filters as checkbox groups, one query each."""
    groups = []
    for name in TERM_FILTERS:
        bound = filterset.form[name]
        ticked = {str(value) for value in (bound.value() or [])}
        terms = bound.field.queryset
        if name == "round":
            terms = terms.order_by("-opens_at", "id")
        options = [
            (term.slug, term.title if name == "round" else term.name, term.slug in ticked)
            for term in terms
        ]
        if name == "district":
            options.sort(key=lambda option: sort_key(option[1]))
        groups.append({"field": bound, "options": options})
    return groups


@dataclass
class Bar:
    label: str
    amount: Decimal
    # How many decisions; or what the chart's `count_title` says (hours of use).
    count: int | Decimal
    # The bar's length in per cent of the longest.
    percent: float = 0.0


@dataclass
class Chart:
    slug: str
    title: str
    description: str
    bars: list[Bar]
    # The table's column titles, when not the decisions' own ("Decisions", "Granted").
    count_title: str = ""
    amount_title: str = ""

    # The SVG's geometry, in pixels: a label line above each bar.
    ROW = 44
    BAR = 18

    def __post_init__(self):
        largest = max((bar.amount for bar in self.bars), default=Decimal(0))
        for bar in self.bars:
            bar.percent = round(float(bar.amount / largest * 100), 2) if largest else 0.0

    @property
    def height(self) -> int:
        return max(len(self.bars), 1) * self.ROW

    @property
    def rows(self) -> list[dict]:
        return [
            {"bar": bar, "text_y": i * self.ROW + 14, "bar_y": i * self.ROW + 20}
            for i, bar in enumerate(self.bars)
        ]


# The totals change only when decisions are published or corrected: kept a while, under
# a key that changes when either happens (the matching count or the newest decision).
TOTALS_SECONDS = 600


def cached_totals(filterset: DecisionFilter, decisions: QuerySet, count: int) -> list[Chart]:
    """`totals(decisions)`, read from the cache when the same filters were asked for since
    the last decision was published."""
    newest = GrantDecision.objects.published().order_by("-id").values_list("id", flat=True).first()
    query = sorted(
        (name, value)
        for name, values in kept_query_data(filterset).lists()
        for value in values
        if name in filterset.filters
    )
    digest = hashlib.sha256(repr(query).encode()).hexdigest()[:32]
    key = f"grants-totals:{get_language()}:{digest}:{count}:{newest}"
    charts = cache.get(key)
    if charts is None:
        charts = totals(decisions)
        cache.set(key, charts, TOTALS_SECONDS)
    return charts


def kept_query_data(filterset: DecisionFilter) -> QueryDict:
    data = filterset.data.copy() if filterset.data is not None else QueryDict(mutable=True)
    ignored = set(filterset.ignored)
    for name in TERM_FILTERS:
        if name in data:
            data.setlist(name, [v for v in data.getlist(name) if v not in ignored])
    return data


def _bars(rows, names: dict) -> list[Bar]:
    return [
        Bar(label=names.get(row["key"], ""), amount=row["amount"] or Decimal(0), count=row["count"])
        for row in rows
        if row["key"] in names
    ]


def totals(decisions: QuerySet) -> list[Chart]:
    """The sums granted in `decisions` by year, programme, category and district.

    A grant to an association in two categories (or districts) counts in both, so those
    two charts may add up to more than the whole.
    """
    plain = decisions.order_by().values()  # no select_related, no ordering

    def grouped(key):
        return list(
            plain.annotate(key=key)
            .values("key")
            .annotate(amount=Sum("amount"), count=Count("id"))
            .order_by("key")
        )

    years = grouped(ExtractYear("decided_on"))
    by_year = [
        Bar(label=str(row["key"]), amount=row["amount"], count=row["count"])
        for row in reversed(years)
    ]
    programme_rows = grouped(F("application__round__programme_id"))
    programmes = {p.pk: p.name for p in GrantProgramme.objects.filter(pk__in=_keys(programme_rows))}
    charts = [
        Chart(
            "year", str(_("By year")), str(_("Sums granted by the year of the decision.")), by_year
        ),
        Chart(
            "programme",
            str(_("By programme")),
            str(_("Sums granted by grant programme.")),
            _bars(programme_rows, programmes),
        ),
    ]
    for slug, relation, model, title, description in (
        (
            "category",
            "application__association__categories",
            Category,
            _("By field of activity"),
            _(
                "Sums granted by the recipient's field of activity; a grant counts in each "
                "of its recipient's fields."
            ),
        ),
        (
            "district",
            "application__association__districts",
            District,
            _("By district"),
            _(
                "Sums granted by the district the recipient serves; a grant counts in each "
                "of its recipient's districts."
            ),
        ),
    ):
        rows = grouped(F(relation))
        names = {term.pk: term.name for term in model.objects.filter(pk__in=_keys(rows))}
        bars = sorted(_bars(rows, names), key=lambda bar: (-bar.amount, sort_key(bar.label)))
        charts.append(Chart(slug, str(title), str(description), bars))
    charts[1].bars.sort(key=lambda bar: (-bar.amount, sort_key(bar.label)))
    return charts


def _keys(rows) -> list:
    return [row["key"] for row in rows if row["key"] is not None]
