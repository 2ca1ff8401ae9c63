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
from django.db import connections
from django.db.models import F, Prefetch, QuerySet
from django.db.models.functions import ExtractYear
from django.http import HttpRequest, QueryDict
from django.utils.translation import gettext_lazy as _

from associations.models import RELATION_ID_COLUMNS, Association, Category, District
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
    """`totals(decisions)`, its sums read from the cache when the same filters were asked
    for since the last decision was published (in any language: the sums are the same)."""
    newest = GrantDecision.objects.published().order_by("-id").values_list("id", flat=True).first()
    query = sorted(
        (name, value)
        for name, values in kept_query_data(filterset).lists()
        for value in values
        if name in filterset.filters
    )
    digest = hashlib.sha256(repr(query).encode()).hexdigest()[:32]
    key = f"grants-totals:{digest}:{count}:{newest}"
    sums = cache.get(key)
    if sums is None:
        sums = grouped_sums(decisions)
        cache.set(key, sums, TOTALS_SECONDS)
    return charts_of(sums)


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


# What a grant is counted by in the totals, in the order of the query's columns.
TOTAL_KEYS = ("year", "programme", "category", "district")


def grouped_sums(decisions: QuerySet) -> dict[str, list[dict]]:
    """The sum and number of `decisions` by year, programme, category and district, read in
    one pass: the filtered decisions are grouped by four grouping sets at once.

    Categories and districts are grouped by the recipient's whole list of them (the
    association's own copy of the ids, as the filters read them) and then counted in each
    id here, which costs far less than joining the relation tables.
    """
    columns = decisions.order_by().values_list(
        "amount",
        ExtractYear("decided_on"),
        F("application__round__programme_id"),
        F(f"application__association__{RELATION_ID_COLUMNS['categories']}"),
        F(f"application__association__{RELATION_ID_COLUMNS['districts']}"),
    )
    # Django's own compiled query, its values passed as parameters.
    sql, params = columns.query.sql_with_params()
    grouped = "GROUP BY GROUPING SETS ((year), (programme), (categories), (districts))"
    query = (
        "SELECT GROUPING(year, programme, categories, districts), year, programme, "  # noqa: S608
        "categories, districts, SUM(amount), COUNT(*) "
        f"FROM ({sql}) AS decision(amount, year, programme, categories, districts) {grouped}"
    )
    sums: dict[str, dict] = {key: {} for key in TOTAL_KEYS}
    # GROUPING() has a 0 bit for the column the row is grouped by: 7 is the year's row.
    which = {7: "year", 11: "programme", 13: "category", 14: "district"}
    with connections[decisions.db].cursor() as cursor:
        cursor.execute(query, params)
        for grouping, year, programme, categories, districts, amount, count in cursor:
            key = which[grouping]
            values = {
                "year": [year],
                "programme": [programme],
                "category": categories or [],
                "district": districts or [],
            }[key]
            for value in values:
                if value is None:
                    continue
                total = sums[key].setdefault(value, {"amount": Decimal(0), "count": 0})
                total["amount"] += amount
                total["count"] += count
    return {
        key: [{"key": value, **total} for value, total in sorted(found.items())]
        for key, found in sums.items()
    }


def totals(decisions: QuerySet) -> list[Chart]:
    """The sums granted in `decisions` by year, programme, category and district, as charts.

    A grant to an association in two categories (or districts) counts in both, so those
    two charts may add up to more than the whole.
    """
    return charts_of(grouped_sums(decisions))


def charts_of(sums: dict[str, list[dict]]) -> list[Chart]:
    """The charts of `grouped_sums()`, named in the reader's language."""
    by_year = [
        Bar(label=str(int(row["key"])), amount=row["amount"], count=row["count"])
        for row in reversed(sums["year"])
    ]
    programme_rows = sums["programme"]
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
    for slug, model, title, description in (
        (
            "category",
            Category,
            _("By field of activity"),
            _(
                "Sums granted by the recipient's field of activity; a grant counts in each "
                "of its recipient's fields."
            ),
        ),
        (
            "district",
            District,
            _("By district"),
            _(
                "Sums granted by the district the recipient serves; a grant counts in each "
                "of its recipient's districts."
            ),
        ),
    ):
        rows = sums[slug]
        names = {term.pk: term.name for term in model.objects.filter(pk__in=_keys(rows))}
        bars = sorted(_bars(rows, names), key=lambda bar: (-bar.amount, sort_key(bar.label)))
        charts.append(Chart(slug, str(title), str(description), bars))
    charts[1].bars.sort(key=lambda bar: (-bar.amount, sort_key(bar.label)))
    return charts


def _keys(rows) -> list:
    return [row["key"] for row in rows if row["key"] is not None]
