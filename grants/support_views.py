"""The city's support to associations in money and in kind: /grants/support/ with a
year's totals by field of activity and district, and its CSV (/grants/support.csv).

What counts is decided in grants/support.py; this module parses the year and draws the
totals with the decisions page's charts (grants.transparency.Chart).
"""

from __future__ import annotations

import csv

from django import forms
from django.http import HttpRequest, HttpResponse, StreamingHttpResponse
from django.shortcuts import render
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.decorators.http import require_safe

from associations.models import Association, Category, District
from grants.filters import FIRST_YEAR, LAST_YEAR
from grants.giving import safe_cell
from grants.support import (
    Support,
    YearSupport,
    association_years,
    cached_year_support,
    years_with_support,
)
from grants.transparency import Bar, Chart
from grants.transparency_views import _Echo
from yhdistystori.collation import sort_key


class SupportYearForm(forms.Form):
    year = forms.IntegerField(
        label=gettext_lazy("Year"),
        required=False,
        min_value=FIRST_YEAR,
        max_value=LAST_YEAR,
        error_messages={
            "invalid": gettext_lazy("The year must be a number such as 2026."),
            "min_value": gettext_lazy("The year must be between %(first)s and %(last)s.")
            % {"first": FIRST_YEAR, "last": LAST_YEAR},
            "max_value": gettext_lazy("The year must be between %(first)s and %(last)s.")
            % {"first": FIRST_YEAR, "last": LAST_YEAR},
        },
    )


def _by_term(supports: dict[int, Support], model) -> list[tuple[str, Support]]:
    names = {term.pk: term.name for term in model.objects.filter(pk__in=list(supports))}
    rows = [(names[pk], support) for pk, support in supports.items() if pk in names]
    return sorted(rows, key=lambda row: (-row[1].total, sort_key(row[0])))


def _charts(slug: str, titles: dict, rows: list[tuple[str, Support]]) -> list[Chart]:
    """A money chart and an in-kind chart of the same terms."""
    money = [
        Bar(label=label, amount=support.amount, count=support.grants)
        for label, support in rows
        if support.grants
    ]
    kind = [
        Bar(label=label, amount=support.value, count=support.hours)
        for label, support in rows
        if support.times
    ]
    money.sort(key=lambda bar: (-bar.amount, sort_key(bar.label)))
    kind.sort(key=lambda bar: (-bar.amount, sort_key(bar.label)))
    return [
        Chart(
            f"money-{slug}",
            titles["money"],
            titles["money_description"],
            money,
            count_title=_("Grants"),
            amount_title=_("Granted"),
        ),
        Chart(
            f"kind-{slug}",
            titles["kind"],
            titles["kind_description"],
            kind,
            count_title=_("Hours"),
            amount_title=_("Support in kind"),
        ),
    ]


def _category_titles() -> dict:
    return {
        "term": _("Field of activity"),
        "money": _("Grants by field of activity"),
        "money_description": _(
            "Sums granted in the year by the recipient's field of activity; a grant counts "
            "in each of its recipient's fields."
        ),
        "kind": _("Support in kind by field of activity"),
        "kind_description": _(
            "The value of the facility use in the year by the user's field of activity; "
            "a time counts in each of its user's fields."
        ),
    }


def _district_titles() -> dict:
    return {
        "term": _("District"),
        "money": _("Grants by district"),
        "money_description": _(
            "Sums granted in the year by the district the recipient serves; a grant counts "
            "in each of its recipient's districts."
        ),
        "kind": _("Support in kind by district"),
        "kind_description": _(
            "The value of the facility use in the year by the district the user serves; a "
            "time counts in each of its user's districts."
        ),
    }


def _year_links(years: list[int], chosen: int | None) -> list[dict]:
    shown = sorted(set(years) | ({chosen} if chosen else set()), reverse=True)
    base = reverse("grants:support")
    return [{"year": y, "url": f"{base}?year={y}", "current": y == chosen} for y in shown]


@require_safe
def support(request: HttpRequest) -> HttpResponse:
    form = SupportYearForm(request.GET or None)
    valid = not form.is_bound or form.is_valid()
    now = timezone.now()
    years = years_with_support(now=now)
    context = {"form": form, "csv_url": reverse("grants:support_csv")}
    if not valid:
        context["year_links"] = _year_links(years, None)
        return render(request, "grants/support/support.html", context, status=400)
    year = (form.cleaned_data or {}).get("year") if form.is_bound else None
    if year is None:
        year = years[-1] if years else timezone.localdate().year
    data: YearSupport = cached_year_support(year, now=now)
    categories = _by_term(data.categories, Category)
    districts = _by_term(data.districts, District)
    context.update(
        {
            "year": year,
            "whole": data.whole,
            "year_links": _year_links(years, year),
            "csv_url": f"{reverse('grants:support_csv')}?year={year}",
            "all_csv_url": reverse("grants:support_csv"),
            "categories": categories,
            "districts": districts,
            "category_titles": _category_titles(),
            "district_titles": _district_titles(),
            "category_charts": _charts("category", _category_titles(), categories),
            "district_charts": _charts("district", _district_titles(), districts),
        }
    )
    return render(request, "grants/support/support.html", context)


# The CSV's columns: stable names, the same in every language (see the README).
CSV_COLUMNS = (
    "year",
    "association",
    "business_id",
    "association_url",
    "grants",
    "grants_eur",
    "facility_times",
    "facility_hours",
    "in_kind_eur",
    "total_eur",
)


def _number(value) -> str:
    """A decimal with a point and two decimals, without thousands separators."""
    return f"{value:.2f}"


@require_safe
def support_csv(request: HttpRequest) -> HttpResponse:
    form = SupportYearForm(request.GET or None)
    if form.is_bound and not form.is_valid():
        return HttpResponse(
            " ".join(form.errors["year"]),
            status=400,
            content_type="text/plain; charset=utf-8",
        )
    year = form.cleaned_data.get("year") if form.is_bound else None
    rows = list(association_years(year=year))
    associations = {
        pk: (name, business_id, slug)
        for pk, name, business_id, slug in Association.objects.filter(
            pk__in={row.association_id for row in rows}
        ).values_list("pk", "name", "business_id", "slug")
    }
    site = request.build_absolute_uri("/")[:-1]
    writer = csv.writer(_Echo())

    def lines():
        # The BOM makes spreadsheet programs read the file as UTF-8.
        yield "\ufeff" + writer.writerow(CSV_COLUMNS)
        for row in rows:
            name, business_id, slug = associations.get(row.association_id, ("", "", ""))
            support = row.support
            yield writer.writerow(
                [
                    row.year,
                    safe_cell(name),
                    business_id,
                    site + reverse("associations:detail", kwargs={"slug": slug}) if slug else "",
                    support.grants,
                    _number(support.amount),
                    support.times,
                    _number(support.hours),
                    _number(support.value),
                    _number(support.total),
                ]
            )

    response = StreamingHttpResponse(lines(), content_type="text/csv; charset=utf-8")
    name = f"support-{year}.csv" if year else "support.csv"
    response["Content-Disposition"] = f'attachment; filename="{name}"'
    return response
