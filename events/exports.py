"""An occurrence's registrations as a spreadsheet file for its organisers.

The file is what Excel opens as columns when it runs in Finnish or Swedish, like the
directory's spreadsheet export (associations/exports.py): semicolons between the
columns, UTF-8 with a BOM, column titles in the page's language, and cells defused
against formulas (CSV injection), for anyone may type anything into a registration.
"""

from __future__ import annotations

import csv
import io

from django.http import HttpResponse
from django.utils import timezone
from django.utils.translation import gettext as _

from events.models import Occurrence

FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r")


def safe_cell(value: str) -> str:
    """Keep spreadsheet programs from running a cell as a formula."""
    return "'" + value if value[:1] in FORMULA_STARTS else value


def registrations_csv(occurrence: Occurrence) -> HttpResponse:
    registrations = (
        occurrence.registrations.active()
        .select_related("association")
        .order_by("status", "created_at", "id")  # "confirmed" sorts before "waitlisted"
    )
    out = io.StringIO()
    writer = csv.writer(out, delimiter=";")
    writer.writerow(
        [
            _("Status"),
            _("Name"),
            _("Email"),
            _("Association"),
            _("Dietary needs"),
            _("Accessibility needs"),
            _("Registered"),
            _("Language"),
        ]
    )
    for registration in registrations:
        registered = timezone.localtime(registration.created_at)
        row = [
            registration.get_status_display(),
            registration.name,
            registration.email,
            registration.association.name if registration.association else "",
            registration.dietary_needs,
            registration.accessibility_needs,
            registered.strftime("%Y-%m-%d %H:%M"),
            registration.language,
        ]
        writer.writerow([safe_cell(str(value)) for value in row])
    # The BOM makes spreadsheet programs read the file as UTF-8.
    response = HttpResponse("\ufeff" + out.getvalue(), content_type="text/csv; charset=utf-8")
    day = timezone.localtime(occurrence.start).date().isoformat()
    response["Content-Disposition"] = (
        f'attachment; filename="{occurrence.series.slug}-{day}-registrations.csv"'
    )
    response["Cache-Control"] = "private, no-store"
    return response
