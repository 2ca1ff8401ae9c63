"""The directory's search as a CSV file, in two forms.

* `export.csv`, for programs: comma-separated UTF-8 with a BOM, the same
  English column names in every language, 1/0 for yes/no, dates as ISO 8601.
* `export-excel.csv`, for spreadsheets: what Excel opens as columns when it
  runs in Finnish or Swedish (their list separator is the semicolon; the BOM
  tells it the file is UTF-8), with the column titles and yes/no in the
  language of the page it was downloaded from.

Both are the current search of the directory page, streamed, and defused
against formulas (CSV injection).
"""

from __future__ import annotations

import csv
from collections.abc import Callable, Iterator
from dataclasses import dataclass

from django.http import HttpRequest, HttpResponse, StreamingHttpResponse
from django.utils import timezone, translation
from django.utils.functional import Promise
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.decorators.http import require_safe

from associations.models import Association
from associations.views import directory_filter

CSV_MAX_ROWS = 100_000


@dataclass(frozen=True)
class Column:
    name: str  # the plain file's header
    title: Promise  # the spreadsheet file's header, in the page's language
    value: Callable[[Association, HttpRequest], object]


def _attr(name: str) -> Callable[[Association, HttpRequest], object]:
    return lambda association, request: getattr(association, name)


COLUMNS = [
    Column("name", gettext_lazy("Name"), _attr("name")),
    Column("alternate_name", gettext_lazy("Other name"), _attr("alternate_name")),
    Column("register_number", gettext_lazy("Register number"), _attr("register_number_display")),
    Column("business_id", gettext_lazy("Business ID"), _attr("business_id")),
    Column(
        "categories",
        gettext_lazy("Fields of activity"),
        lambda a, request: "; ".join(c.name for c in a.categories.all()),
    ),
    Column(
        "districts",
        gettext_lazy("Districts"),
        lambda a, request: "; ".join(d.name for d in a.districts.all()),
    ),
    Column("email", gettext_lazy("Email"), _attr("email")),
    Column("phone", gettext_lazy("Phone"), _attr("phone")),
    Column("website", gettext_lazy("Website"), _attr("website")),
    Column("street_address", gettext_lazy("Street address"), _attr("street_address")),
    Column("postal_code", gettext_lazy("Postal code"), _attr("postal_code")),
    Column("municipality", gettext_lazy("Municipality"), _attr("municipality")),
    Column("founded_year", gettext_lazy("Year founded"), _attr("founded_year")),
    Column(
        "accepts_new_members", gettext_lazy("Accepts new members"), _attr("accepts_new_members")
    ),
    Column("seeks_volunteers", gettext_lazy("Seeks volunteers"), _attr("seeks_volunteers")),
    Column("last_verified", gettext_lazy("Information last verified"), _attr("last_verified_at")),
    Column(
        "url",
        gettext_lazy("Profile page"),
        lambda a, request: request.build_absolute_uri(a.get_absolute_url()),
    ),
]


@dataclass(frozen=True)
class Flavour:
    delimiter: str
    localized: bool  # column titles and yes/no in the page's language
    filename_suffix: str


PLAIN = Flavour(delimiter=",", localized=False, filename_suffix="")
SPREADSHEET = Flavour(delimiter=";", localized=True, filename_suffix="-excel")


class _Echo:
    def write(self, value):
        return value


def _safe_cell(value: str) -> str:
    """Keep spreadsheet programs from running a cell as a formula (CSV injection)."""
    return "'" + value if value[:1] in ("=", "+", "-", "@", "\t", "\r") else value


def _header_and_words(flavour: Flavour) -> tuple[list[str], str, str]:
    """The header row and the words for yes and no, in the language active now."""
    if flavour.localized:
        return [str(column.title) for column in COLUMNS], _("yes"), _("no")
    return [column.name for column in COLUMNS], "1", "0"


def _lines(request: HttpRequest, associations, flavour: Flavour) -> Iterator[str]:
    # Made before streaming starts: the rows are written after the view has returned.
    header, yes, no = _header_and_words(flavour)
    writer = csv.writer(_Echo(), delimiter=flavour.delimiter)
    language = translation.get_language()

    def lines():
        # The BOM makes spreadsheet programs read the file as UTF-8.
        yield "\ufeff" + writer.writerow(header)
        with translation.override(language):  # the names of categories and districts
            yield from rows()

    def rows():
        for association in associations:
            row = []
            for column in COLUMNS:
                value = column.value(association, request)
                if value is None:
                    value = ""
                elif isinstance(value, bool):
                    value = yes if value else no
                elif hasattr(value, "isoformat"):
                    value = value.isoformat()
                row.append(_safe_cell(str(value)))
            yield writer.writerow(row)

    return lines()


def _export(request: HttpRequest, flavour: Flavour) -> HttpResponse:
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
    response = StreamingHttpResponse(
        _lines(request, associations, flavour), content_type="text/csv; charset=utf-8"
    )
    stamp = timezone.localdate().isoformat()
    response["Content-Disposition"] = (
        f'attachment; filename="yhdistykset-{stamp}{flavour.filename_suffix}.csv"'
    )
    return response


@require_safe
def export_csv(request: HttpRequest) -> HttpResponse:
    return _export(request, PLAIN)


@require_safe
def export_spreadsheet(request: HttpRequest) -> HttpResponse:
    return _export(request, SPREADSHEET)
