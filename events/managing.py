"""Managing events: save a series (and its occurrences), cancel or move one occurrence,
duplicate a series, and the liaison's decisions (hide, restore, look over, reports).

Called by the organisers' pages (events/manage_views.py), the desk and the admin.
Each function decides whether the action fits and raises WorkflowError with a
message for the person when it does not.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import datetime, timedelta

from django.db import transaction
from django.utils import timezone
from django.utils.text import slugify
from django.utils.translation import gettext as _

from associations.models import Membership
from events import emails, recurrence, registering
from events.models import EventReport, EventSeries, Occurrence
from events.models.series import LONGEST_DURATION
from yhdistystori import desk
from yhdistystori.roles import Role, has_role

# The first parts of the events' fixed addresses (events/urls.py) are never slugs.
RESERVED_SLUGS = {
    "new",
    "month",
    "calendar",
    "calendar-ics",
    "registration",
    "follow-ups",
    "association",
}
# What a series' form sets; organisers and terms go separately.
SERIES_FIELDS = (
    "title_fi",
    "title_sv",
    "title_en",
    "description_fi",
    "description_sv",
    "description_en",
    "by_city",
    "place_name",
    "street_address",
    "postal_code",
    "post_office",
    "online_url",
    "start_date",
    "start_time",
    "duration",
    "rrule",
    "excluded_dates",
    "added_dates",
    "capacity",
    "registration_required",
    "registration_closes_before",
    "audience",
    "status",
    "publish_at",
)


class WorkflowError(Exception):
    """An action that cannot be done as asked; the message is for the user."""

    def __init__(self, message, *, field: str | None = None):
        super().__init__(message)
        self.message = message
        self.field = field


class Conflict(WorkflowError):
    """Someone else saved the series after the form was opened."""


class ConfirmationNeeded(WorkflowError):
    """The change would drop future occurrences: the organiser confirms it first."""

    def __init__(self, plan: recurrence.Plan):
        super().__init__(
            _(
                "The new schedule leaves out occurrences that are now planned. "
                "Check them below and confirm."
            )
        )
        self.plan = plan


@dataclass
class SeriesInput:
    """What the form gives: the series' own fields, its organisers and terms."""

    values: dict
    organisers: list = field(default_factory=list)
    categories: list = field(default_factory=list)
    districts: list = field(default_factory=list)


def schedule_of(values: dict) -> recurrence.Schedule:
    return recurrence.Schedule(
        start_date=values["start_date"],
        start_time=values["start_time"],
        rrule=values.get("rrule", ""),
        excluded_dates=tuple(values.get("excluded_dates") or ()),
        added_dates=tuple(values.get("added_dates") or ()),
        duration=values["duration"],
    )


def editable_associations(user):
    """The associations whose events this user may organise."""
    from associations.models import Association

    return Association.objects.filter(memberships__user=user).order_by("name")


def _check_organisers(data: SeriesInput, *, user, was_by_city: bool) -> None:
    liaison = has_role(user, Role.LIAISON)
    if data.values.get("by_city") and not (liaison or was_by_city):
        raise WorkflowError(_("Only the city's liaisons organise the city's events."))
    if not data.values.get("by_city") and not data.organisers:
        raise WorkflowError(_("Choose at least one organising association."), field="organisers")
    if not liaison:
        own = set(
            Membership.objects.filter(user=user, association__in=data.organisers).values_list(
                "association_id", flat=True
            )
        )
        if not own:
            raise WorkflowError(
                _("Keep at least one of your own associations as an organiser."),
                field="organisers",
            )


def _check_times(data: SeriesInput, *, creating: bool, now: datetime) -> None:
    values = data.values
    duration = values["duration"]
    if duration <= timedelta(0):
        raise WorkflowError(_("The event must end after it starts."), field="end_time")
    if duration > LONGEST_DURATION:
        raise WorkflowError(_("An event can last at most 24 hours."), field="end_time")
    if creating and values["start_date"] < timezone.localdate(now):
        raise WorkflowError(_("The first date cannot be in the past."), field="start_date")
    if values.get("capacity") is not None and values["capacity"] < 1:
        raise WorkflowError(_("The number of places must be at least 1."), field="capacity")
    try:
        recurrence.validate(schedule_of(values))
    except recurrence.RuleError as error:
        raise WorkflowError(error.message, field="repeat") from None


def series_check(*, data: SeriesInput, by, series: EventSeries | None, now=None) -> None:
    """Refuse what cannot be saved (WorkflowError naming the field); used by the admin's
    form too, so that it shows the same messages."""
    now = now or timezone.now()
    _check_organisers(data, user=by, was_by_city=bool(series and series.by_city))
    _check_times(data, creating=series is None, now=now)


def unique_slug(title: str) -> str:
    base = slugify(title)[:70].strip("-") or "tapahtuma"
    if base in RESERVED_SLUGS:
        base = f"{base}-tapahtuma"
    slug, n = base, 1
    while EventSeries.objects.filter(slug=slug).exists():
        n += 1
        slug = f"{base}-{n}"
    return slug


def series_save(
    *,
    data: SeriesInput,
    by,
    series: EventSeries | None = None,
    seen_version: int | None = None,
    confirm_drops: bool = False,
    drop_reason: str = "",
    now: datetime | None = None,
) -> EventSeries:
    """Create a series, or update one at the version its editor saw; then make its
    occurrences. A change of schedule that would drop occurrences carrying something
    is refused with the plan (ConfirmationNeeded) unless `confirm_drops`; those are then
    cancelled and their registrants told."""
    now = now or timezone.now()
    creating = series is None
    with transaction.atomic():
        if creating:
            series = EventSeries(created_by=by, slug=unique_slug(data.values["title_fi"]))
        else:
            series = EventSeries.objects.select_for_update().get(pk=series.pk)
            if seen_version is not None and seen_version != series.version:
                raise Conflict(
                    _(
                        "Someone else saved this event while you were editing. Your changes "
                        "are in the form: check the event and save again."
                    )
                )
        series_check(data=data, by=by, series=None if creating else series, now=now)
        schedule = schedule_of(data.values)
        plan = recurrence.plan(series, schedule, now=now) if not creating else recurrence.Plan()
        if plan.dropped and not confirm_drops:
            raise ConfirmationNeeded(plan)
        capacity_before = series.capacity
        for name in SERIES_FIELDS:
            if name in data.values:
                setattr(series, name, data.values[name])
        if not creating:
            series.version += 1
        series.save()
        series.organisers.set(data.organisers)
        series.categories.set(data.categories)
        series.districts.set(data.districts)
        reason = drop_reason or _("The schedule of the event changed.")
        for occurrence in plan.dropped_with_attachments:
            if not occurrence.is_cancelled:
                occurrence_cancel(occurrence=occurrence, reason=reason, by=by, now=now)
        recurrence.materialise(series, now=now)
        if not creating and _more_places(capacity_before, series.capacity):
            # The places added go to those waiting, first come first served.
            for occurrence in series.occurrences.upcoming(now).active():
                registering.promote_waitlisted(occurrence=occurrence)
        if creating and not series.by_city:
            desk.announce("event", pk=series.pk, title=series.title_fi)
    return series


def _more_places(before: int | None, after: int | None) -> bool:
    """Whether a new capacity gives more places (None is no limit)."""
    if before is None:
        return False
    return after is None or after > before


def preview_change(series: EventSeries, data: SeriesInput, *, now=None) -> recurrence.Plan:
    """What saving `data` would do to the series' future occurrences (nothing is saved)."""
    try:
        return recurrence.plan(series, schedule_of(data.values), now=now)
    except recurrence.RuleError as error:
        raise WorkflowError(error.message, field="repeat") from None


# --- one occurrence -----------------------------------------------------------------------


def _lock(occurrence: Occurrence) -> Occurrence:
    return Occurrence.objects.select_for_update().select_related("series").get(pk=occurrence.pk)


def occurrence_cancel(*, occurrence: Occurrence, reason: str, by, now=None) -> Occurrence:
    """Cancel one meeting; its active registrants get the reason by email, and the
    reason stays on the occurrence for its page and the feeds."""
    now = now or timezone.now()
    with transaction.atomic():
        occurrence = _lock(occurrence)
        if occurrence.is_cancelled:
            raise WorkflowError(_("This occurrence has been cancelled already."))
        if occurrence.end <= now:
            raise WorkflowError(_("A meeting that is over cannot be cancelled."))
        occurrence.cancelled_at = now
        occurrence.cancel_reason = reason.strip()
        occurrence.save(update_fields=["cancelled_at", "cancel_reason"])
        emails.occurrence_cancelled(occurrence)
    return occurrence


def occurrence_move(*, occurrence: Occurrence, start: datetime, end: datetime, by, now=None):
    """Move one meeting to another time; its active registrants are told."""
    now = now or timezone.now()
    if end <= start:
        raise WorkflowError(_("The event must end after it starts."), field="end_time")
    if end - start > LONGEST_DURATION:
        raise WorkflowError(_("An event can last at most 24 hours."), field="end_time")
    if start <= now:
        raise WorkflowError(_("The new time cannot be in the past."), field="date")
    with transaction.atomic():
        occurrence = _lock(occurrence)
        if occurrence.is_cancelled:
            raise WorkflowError(_("A cancelled occurrence cannot be moved."))
        if occurrence.end <= now:
            raise WorkflowError(_("A meeting that is over cannot be moved."))
        previous = occurrence.start
        occurrence.start, occurrence.end = start, end
        occurrence.save(update_fields=["start", "end"])
        if previous != start:
            emails.occurrence_moved(occurrence, previous_start=previous)
    return occurrence


# --- a copy ------------------------------------------------------------------------------


COPIED_FIELDS = tuple(f for f in SERIES_FIELDS if f not in ("status", "publish_at"))


@transaction.atomic
def series_duplicate(*, series: EventSeries, by, now=None) -> EventSeries:
    """A new draft with the series' texts, place, organisers, terms and rule, without
    occurrences or registrations; its first date is moved on if it has passed."""
    today = timezone.localdate(now or timezone.now())
    copy = EventSeries(
        **{name: getattr(series, name) for name in COPIED_FIELDS},
        slug=unique_slug(series.title_fi),
        status=EventSeries.Status.DRAFT,
        created_by=by,
    )
    if copy.start_date < today:
        copy.start_date = today + timedelta(days=7)
        copy.excluded_dates = [d for d in copy.excluded_dates if d >= today]
        copy.added_dates = [d for d in copy.added_dates if d >= today]
    copy.save()
    copy.organisers.set(series.organisers.all())
    copy.categories.set(series.categories.all())
    copy.districts.set(series.districts.all())
    return copy


# --- the liaison's decisions ------------------------------------------------------------


def _lock_series(series: EventSeries) -> EventSeries:
    return EventSeries.objects.select_for_update().get(pk=series.pk)


@transaction.atomic
def series_hide(*, series: EventSeries, liaison, reason: str) -> EventSeries:
    """Take an event off the public lists, calendars and API; its organisers are told."""
    series = _lock_series(series)
    if series.status == EventSeries.Status.HIDDEN:
        raise WorkflowError(_("This event is hidden already."))
    if not reason.strip():
        raise WorkflowError(_("Give the reason: the organisers see it."))
    series.record_decision(status=EventSeries.Status.HIDDEN, by=liaison, reason=reason.strip())
    emails.series_hidden(series)
    return series


@transaction.atomic
def series_unhide(*, series: EventSeries, liaison, reason: str = "") -> EventSeries:
    series = _lock_series(series)
    if series.status != EventSeries.Status.HIDDEN:
        raise WorkflowError(_("This event is not hidden."))
    series.record_decision(status=EventSeries.Status.PUBLISHED, by=liaison, reason=reason)
    emails.series_restored(series)
    return series


@transaction.atomic
def series_look_over(*, series: EventSeries, liaison, reason: str = "") -> EventSeries:
    """The liaison has seen a new event by an association: it leaves the desk."""
    series = _lock_series(series)
    if series.decided_at is not None:
        raise WorkflowError(_("This event has been looked over already."))
    series.record_decision(status=series.status, by=liaison, reason=reason)
    return series


@transaction.atomic
def report_create(
    *, series: EventSeries, reason: str, message: str, contact="", reporter=None, language="fi"
) -> EventReport:
    report = EventReport.objects.create(
        series=series,
        reason=reason,
        message=message,
        contact=contact,
        reporter=reporter if reporter is not None and reporter.is_authenticated else None,
        language=language,
    )
    desk.announce(
        "event_report",
        pk=report.pk,
        title=series.title_fi,
        summary=EventReport.Reason(report.reason).label,
    )
    return report


def _lock_open_report(report: EventReport) -> EventReport:
    report = EventReport.objects.select_for_update().select_related("series").get(pk=report.pk)
    if report.status != EventReport.Status.OPEN:
        raise WorkflowError(_("This report has been handled already."))
    return report


@transaction.atomic
def report_dismiss(*, report: EventReport, liaison, reason: str = "") -> EventReport:
    report = _lock_open_report(report)
    report.record_decision(status=EventReport.Status.DISMISSED, by=liaison, reason=reason)
    return report


@transaction.atomic
def report_hide(*, report: EventReport, liaison, reason: str) -> EventReport:
    """Hide the reported event; its open reports are then handled."""
    report = _lock_open_report(report)
    if report.series.status != EventSeries.Status.HIDDEN:
        series_hide(series=report.series, liaison=liaison, reason=reason)
    for open_report in report.series.reports.open().select_for_update():
        open_report.record_decision(status=EventReport.Status.RESOLVED, by=liaison, reason=reason)
    report.refresh_from_db()
    return report
