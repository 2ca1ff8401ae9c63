"""The public decisions: /grants/decisions/ with its totals, and its downloads in the
360Giving Data Standard (JSON and CSV)."""

from __future__ import annotations

import csv
import json

from django.conf import settings
from django.http import HttpRequest, HttpResponse, StreamingHttpResponse
from django.shortcuts import render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_safe

from grants import giving
from grants.transparency import (
    cached_totals,
    decision_filter,
    filter_chips,
    filter_groups,
    kept_query,
    with_earlier,
)
from yhdistystori.pagination import paginate

# A download holds every matching grant; a bound on its size all the same.
DOWNLOAD_MAX_ROWS = 100_000


@require_safe
def decisions(request: HttpRequest) -> HttpResponse:
    filterset = decision_filter(request, lenient=True)
    keep = kept_query(request, filterset)
    valid = not filterset.is_bound or filterset.form.is_valid()
    matching = filterset.qs if valid else filterset.queryset.none()
    pages_context = paginate(
        request, with_earlier(matching), settings.DIRECTORY_PAGE_SIZE, keep=keep
    )
    query = keep.urlencode()
    count = pages_context["page"].paginator.count
    context = {
        "filter": filterset,
        "ignored": filterset.ignored,
        "chips": filter_chips(filterset, keep),
        "filter_groups": filter_groups(filterset),
        "charts": cached_totals(filterset, matching, count) if count else [],
        "clear_url": reverse("grants:decisions"),
        "csv_url": reverse("grants:decisions_csv") + (f"?{query}" if query else ""),
        "json_url": reverse("grants:decisions_json") + (f"?{query}" if query else ""),
        **pages_context,
    }
    return render(request, "grants/decisions.html", context, status=200 if valid else 400)


def _download_rows(request: HttpRequest):
    """The grants matching the page's filters (leniently, as the page's links carry them),
    or None when a filter value is not understood."""
    filterset = decision_filter(request, lenient=True)
    if filterset.is_bound and not filterset.form.is_valid():
        return None
    shared = giving.context()
    return (
        giving.grant(decision, **shared)
        for decision in filterset.qs.only(*giving.GRANT_FIELDS)[:DOWNLOAD_MAX_ROWS].iterator(
            chunk_size=2000
        )
    )


def _bad_filters() -> HttpResponse:
    return HttpResponse(
        _("Some filter values were not understood."),
        status=400,
        content_type="text/plain; charset=utf-8",
    )


@require_safe
def decisions_json(request: HttpRequest) -> HttpResponse:
    grants = _download_rows(request)
    if grants is None:
        return _bad_filters()
    grants = list(grants)
    if not grants:
        # A 360Giving package holds at least one grant: none is not a package.
        return HttpResponse(
            _("No published decisions match these filters."),
            status=404,
            content_type="text/plain; charset=utf-8",
        )
    body = json.dumps({"grants": grants}, ensure_ascii=False)
    response = HttpResponse(body, content_type="application/json; charset=utf-8")
    response["Content-Disposition"] = 'inline; filename="grants-360giving.json"'
    return response


class _Echo:
    def write(self, value):
        return value


@require_safe
def decisions_csv(request: HttpRequest) -> HttpResponse:
    grants = _download_rows(request)
    if grants is None:
        return _bad_filters()
    writer = csv.writer(_Echo())

    def lines():
        # The BOM makes spreadsheet programs read the file as UTF-8.
        yield "\ufeff" + writer.writerow([title for title, _value in giving.CSV_COLUMNS])
        for data in grants:
            yield writer.writerow(giving.csv_row(data))

    response = StreamingHttpResponse(lines(), content_type="text/csv; charset=utf-8")
    response["Content-Disposition"] = 'attachment; filename="grants-360giving.csv"'
    return response
