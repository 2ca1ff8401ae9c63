from __future__ import annotations

import csv

from django.conf import settings
from django.core.paginator import Paginator
from django.http import HttpRequest, HttpResponse, StreamingHttpResponse
from django.shortcuts import get_object_or_404, render
from django.utils import timezone
from django.utils.formats import number_format
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET

from associations import jsonld
from associations.filters import AssociationFilter
from associations.models import Association, LiaisonContact
from associations.results import SearchResults

CSV_MAX_ROWS = 100_000


def directory_filter(request: HttpRequest) -> AssociationFilter:
    return AssociationFilter(request.GET or None, queryset=Association.objects.published())


FILTER_GROUPS = ("category", "district", "target_group", "language")


def filter_groups(filterset: AssociationFilter) -> list[dict]:
    """The vocabulary filters as (value, label, ticked) options, one query each."""
    groups = []
    for name in FILTER_GROUPS:
        field = filterset.form[name]
        ticked = {str(value) for value in (field.value() or [])}
        options = [(term.slug, term.name, term.slug in ticked) for term in field.field.queryset]
        groups.append({"field": field, "options": options})
    return groups


@require_GET
def directory(request: HttpRequest) -> HttpResponse:
    filterset = directory_filter(request)
    results = filterset.results().prefetch_related("categories", "districts")
    if isinstance(results, SearchResults):
        results.expect_page(request.GET.get("page"), settings.DIRECTORY_PAGE_SIZE)
    paginator = Paginator(results, settings.DIRECTORY_PAGE_SIZE)
    page = paginator.get_page(request.GET.get("page"))
    query_without_page = request.GET.copy()
    query_without_page.pop("page", None)
    # Links inside the live-search fragment must open full pages, not another fragment.
    query_without_page.pop("fragment", None)
    context = {
        "filter": filterset,
        "page": page,
        # False when a broad search found more than results.COUNT_CAP rows.
        "count_is_exact": getattr(results, "count_is_exact", True),
        "count_display": number_format(paginator.count, force_grouping=True),
        "query_without_page": query_without_page.urlencode(),
        "elided_pages": paginator.get_elided_page_range(page.number, on_each_side=2, on_ends=1),
    }
    status = 400 if filterset.is_bound and not filterset.form.is_valid() else 200
    if request.GET.get("fragment") == "results":
        template = "associations/includes/results.html"
    else:
        template = "associations/directory.html"
        context["filter_groups"] = filter_groups(filterset)
    return render(request, template, context, status=status)


@require_GET
def detail(request: HttpRequest, slug: str) -> HttpResponse:
    association = get_object_or_404(
        Association.objects.published().prefetch_related(
            "categories", "districts", "target_groups", "languages"
        ),
        slug=slug,
    )
    context = {
        "association": association,
        "liaison": LiaisonContact.for_association(association),
        "jsonld": jsonld.organization(association, request),
    }
    return render(request, "associations/detail.html", context)


class _Echo:
    def write(self, value):
        return value


CSV_COLUMNS = [
    ("name", "name"),
    ("alternate_name", "alternate_name"),
    ("register_number", "register_number_display"),
    ("business_id", "business_id"),
    ("categories", None),
    ("districts", None),
    ("email", "email"),
    ("phone", "phone"),
    ("website", "website"),
    ("street_address", "street_address"),
    ("postal_code", "postal_code"),
    ("municipality", "municipality"),
    ("founded_year", "founded_year"),
    ("accepts_new_members", "accepts_new_members"),
    ("seeks_volunteers", "seeks_volunteers"),
    ("last_verified", "last_verified_at"),
    ("url", None),
]


def _csv_rows(request: HttpRequest, associations):
    yield [column for column, _attr in CSV_COLUMNS]
    for association in associations:
        row = []
        for column, attr in CSV_COLUMNS:
            if column == "categories":
                value = "; ".join(c.name for c in association.categories.all())
            elif column == "districts":
                value = "; ".join(d.name for d in association.districts.all())
            elif column == "url":
                value = request.build_absolute_uri(association.get_absolute_url())
            else:
                value = getattr(association, attr)
                if value is None:
                    value = ""
                elif isinstance(value, bool):
                    value = "1" if value else "0"
            row.append(_safe_cell(str(value)))
        yield row


def _safe_cell(value: str) -> str:
    """Keep spreadsheet programs from running a cell as a formula (CSV injection)."""
    return "'" + value if value[:1] in ("=", "+", "-", "@", "\t", "\r") else value


@require_GET
def export_csv(request: HttpRequest) -> HttpResponse:
    filterset = directory_filter(request)
    if filterset.is_bound and not filterset.form.is_valid():
        return HttpResponse(
            _("The search has invalid values: %(errors)s")
            % {"errors": "; ".join(f"{k}: {' '.join(v)}" for k, v in filterset.errors.items())},
            status=400,
            content_type="text/plain; charset=utf-8",
        )
    associations = (
        filterset.qs.prefetch_related(None)
        .prefetch_related("categories", "districts")[:CSV_MAX_ROWS]
        .iterator(chunk_size=2000)
    )
    writer = csv.writer(_Echo())
    response = StreamingHttpResponse(
        ("\ufeff" if i == 0 else "") + writer.writerow(row)
        for i, row in enumerate(_csv_rows(request, associations))
    )
    response["Content-Type"] = "text/csv; charset=utf-8"
    stamp = timezone.localdate().isoformat()
    response["Content-Disposition"] = f'attachment; filename="yhdistykset-{stamp}.csv"'
    return response
