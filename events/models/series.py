"""An event series, the occurrences its rule makes, and residents' reports of one.

A series keeps its rule the way RFC 5545 writes it (`rrule`, without DTSTART) with
the first start as a local date and time in the city's time zone; the occurrences
are rows made from it for a rolling horizon (events.recurrence), so that each can
carry its own registrations, topics, memo, cancellation or move.
"""

from __future__ import annotations

from datetime import timedelta

from django.conf import settings
from django.contrib.postgres.fields import ArrayField
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.db.models import Q
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from associations.models import Association, Category, District
from yhdistystori.decisions import REASON_MAX_LENGTH, Decided
from yhdistystori.translation import translated

TITLE_MAX_LENGTH = 200
DESCRIPTION_MAX_LENGTH = 5000
# A meeting of more than a day is not what the series are for; a festival is days of events.
LONGEST_DURATION = timedelta(hours=24)


class EventSeriesQuerySet(models.QuerySet):
    def public(self, now=None):
        """Series residents see: published, their publishing time come, not hidden."""
        now = now or timezone.now()
        return self.filter(status=EventSeries.Status.PUBLISHED).filter(
            Q(publish_at__isnull=True) | Q(publish_at__lte=now)
        )


class EventSeries(Decided):
    """One event, or a series of them that a recurrence rule repeats.

    Organisers are the city (`by_city`) and/or associations; co-organisers are equal.
    `status` is the publishing state; hiding is the liaison's decision (Decided).
    """

    class Status(models.TextChoices):
        DRAFT = "draft", _("Draft")
        PUBLISHED = "published", _("Published")
        HIDDEN = "hidden", _("Hidden by the liaison")

    class Audience(models.TextChoices):
        EVERYONE = "everyone", _("For everyone")
        ASSOCIATIONS = "associations", _("For associations")

    slug = models.SlugField(_("address name"), max_length=80, unique=True)
    title_fi = models.CharField(_("title (Finnish)"), max_length=TITLE_MAX_LENGTH)
    title_sv = models.CharField(_("title (Swedish)"), max_length=TITLE_MAX_LENGTH, blank=True)
    title_en = models.CharField(_("title (English)"), max_length=TITLE_MAX_LENGTH, blank=True)
    description_fi = models.TextField(
        _("description (Finnish)"), max_length=DESCRIPTION_MAX_LENGTH, blank=True
    )
    description_sv = models.TextField(
        _("description (Swedish)"), max_length=DESCRIPTION_MAX_LENGTH, blank=True
    )
    description_en = models.TextField(
        _("description (English)"), max_length=DESCRIPTION_MAX_LENGTH, blank=True
    )

    by_city = models.BooleanField(_("organised by the city"), default=False)
    organisers = models.ManyToManyField(
        Association,
        verbose_name=_("organising associations"),
        blank=True,
        related_name="organised_events",
    )

    place_name = models.CharField(_("place"), max_length=200, blank=True)
    street_address = models.CharField(_("street address"), max_length=200, blank=True)
    postal_code = models.CharField(_("postal code"), max_length=5, blank=True)
    post_office = models.CharField(_("post office"), max_length=100, blank=True)
    online_url = models.URLField(_("online meeting address"), max_length=500, blank=True)

    # The first start, in the city's local time (settings.TIME_ZONE): a rule repeats the
    # wall-clock time, so 17:00 stays 17:00 across daylight-saving changes.
    start_date = models.DateField(_("first date"))
    start_time = models.TimeField(_("starts at"))
    duration = models.DurationField(_("duration"), default=timedelta(hours=2))

    rrule = models.CharField(_("recurrence rule"), max_length=500, blank=True)
    excluded_dates = ArrayField(
        models.DateField(), verbose_name=_("dates left out"), default=list, blank=True
    )
    added_dates = ArrayField(
        models.DateField(), verbose_name=_("dates added"), default=list, blank=True
    )

    capacity = models.PositiveIntegerField(
        _("places"),
        null=True,
        blank=True,
        validators=[MinValueValidator(1), MaxValueValidator(100_000)],
        help_text=_("Leave empty when there is no limit."),
    )
    registration_required = models.BooleanField(_("registration needed"), default=False)
    registration_closes_before = models.DurationField(
        _("registration closes before the start"), default=timedelta(0)
    )

    audience = models.CharField(
        _("for whom"), max_length=12, choices=Audience.choices, default=Audience.EVERYONE
    )
    categories = models.ManyToManyField(
        Category, verbose_name=_("fields of activity"), blank=True, related_name="events"
    )
    districts = models.ManyToManyField(
        District, verbose_name=_("districts"), blank=True, related_name="events"
    )

    status = models.CharField(
        _("status"), max_length=10, choices=Status.choices, default=Status.DRAFT
    )
    # The city's own meeting series (the iltakahvit): its next meeting is on the home page.
    featured = models.BooleanField(_("shown on the home page"), default=False)
    publish_at = models.DateTimeField(
        _("publish at"),
        null=True,
        blank=True,
        help_text=_("Leave empty to publish at once."),
    )
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("created by"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    created_at = models.DateTimeField(_("created"), default=timezone.now)
    updated_at = models.DateTimeField(_("updated"), auto_now=True)
    version = models.PositiveIntegerField(_("version"), default=1)

    objects = EventSeriesQuerySet.as_manager()

    class Meta:
        verbose_name = _("event")
        verbose_name_plural = _("events")
        ordering = ["start_date", "start_time", "id"]
        constraints = [
            models.CheckConstraint(
                condition=Q(duration__gt=timedelta(0)) & Q(duration__lte=LONGEST_DURATION),
                name="event_duration_within_a_day",
            ),
            models.CheckConstraint(
                condition=Q(capacity__isnull=True) | Q(capacity__gte=1),
                name="event_capacity_positive",
            ),
        ]

    def __str__(self) -> str:
        return self.title

    @property
    def title(self) -> str:
        return translated(self, "title")

    @property
    def description(self) -> str:
        return translated(self, "description")

    @property
    def is_recurring(self) -> bool:
        return bool(self.rrule or self.added_dates)

    def is_public(self, now=None) -> bool:
        now = now or timezone.now()
        return self.status == self.Status.PUBLISHED and (
            self.publish_at is None or self.publish_at <= now
        )

    @property
    def address_line(self) -> str:
        town = " ".join(filter(None, [self.postal_code, self.post_office]))
        return ", ".join(filter(None, [self.place_name, self.street_address, town]))


class OccurrenceQuerySet(models.QuerySet):
    def public(self, now=None):
        return self.filter(series__in=EventSeries.objects.public(now))

    def upcoming(self, now=None):
        return self.filter(end__gt=now or timezone.now()).order_by("start", "id")

    def past(self, now=None):
        return self.filter(end__lte=now or timezone.now()).order_by("-start", "-id")

    def active(self):
        return self.filter(cancelled_at__isnull=True)


class Occurrence(models.Model):
    """One meeting of a series: made from the rule, or added, and can be moved or cancelled.

    `original_start` is where the rule put it (its RECURRENCE-ID in iCalendar) and
    never changes; `start` and `end` are where it is now.
    """

    series = models.ForeignKey(
        EventSeries,
        verbose_name=_("event"),
        on_delete=models.CASCADE,
        related_name="occurrences",
    )
    original_start = models.DateTimeField(_("start in the rule"))
    start = models.DateTimeField(_("starts"))
    end = models.DateTimeField(_("ends"))
    cancelled_at = models.DateTimeField(_("cancelled"), null=True, blank=True)
    cancel_reason = models.TextField(
        _("reason for cancelling"), max_length=REASON_MAX_LENGTH, blank=True
    )

    # What the meeting left behind (events.models.meetings holds the rest).
    closed_at = models.DateTimeField(_("closed"), null=True, blank=True)
    closed_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("closed by"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    memo = models.TextField(_("memo"), blank=True, max_length=50_000)
    attendance = models.PositiveIntegerField(_("people who came"), null=True, blank=True)
    participating_associations = models.ManyToManyField(
        Association,
        verbose_name=_("associations that took part"),
        blank=True,
        related_name="attended_events",
    )
    closing_reminded_at = models.DateTimeField(_("reminded to close"), null=True, blank=True)
    # Registrants' names and addresses are deleted some time after the meeting; counts stay.
    personal_data_deleted_at = models.DateTimeField(
        _("registrants' details deleted"), null=True, blank=True
    )

    objects = OccurrenceQuerySet.as_manager()

    class Meta:
        verbose_name = _("occurrence")
        verbose_name_plural = _("occurrences")
        ordering = ["start", "id"]
        constraints = [
            models.UniqueConstraint(
                fields=["series", "original_start"], name="one_occurrence_per_rule_start"
            ),
            models.CheckConstraint(condition=Q(end__gt=models.F("start")), name="ends_after_start"),
        ]
        indexes = [
            models.Index(fields=["start"], name="occurrence_start"),
            models.Index(fields=["series", "start"], name="occurrence_series_start"),
        ]

    def __str__(self) -> str:
        local = timezone.localtime(self.start)
        return f"{self.series} {local:%Y-%m-%d %H:%M}"

    @property
    def is_cancelled(self) -> bool:
        return self.cancelled_at is not None

    @property
    def is_moved(self) -> bool:
        return self.start != self.original_start

    @property
    def is_closed(self) -> bool:
        return self.closed_at is not None


class EventReportQuerySet(models.QuerySet):
    def open(self):
        return self.filter(status=EventReport.Status.OPEN)


class EventReport(Decided):
    """A resident's report that an event is wrong or inappropriate; the liaison decides."""

    class Reason(models.TextChoices):
        INCORRECT = "incorrect", _("The information is wrong or out of date")
        INAPPROPRIATE = "inappropriate", _("The content is inappropriate or offensive")
        NOT_HAPPENING = "not_happening", _("The event is not happening")
        OTHER = "other", _("Something else")

    class Status(models.TextChoices):
        OPEN = "open", _("Open")
        RESOLVED = "resolved", _("Handled")
        DISMISSED = "dismissed", _("Dismissed")

    series = models.ForeignKey(
        EventSeries,
        verbose_name=_("event"),
        on_delete=models.CASCADE,
        related_name="reports",
    )
    reason = models.CharField(_("reason"), max_length=20, choices=Reason.choices)
    message = models.TextField(_("what is wrong"), max_length=4000)
    contact = models.CharField(_("your contact details (optional)"), max_length=200, blank=True)
    reporter = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("reported by"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    language = models.CharField(_("language"), max_length=5, default="fi")
    created_at = models.DateTimeField(_("reported"), default=timezone.now)
    status = models.CharField(
        _("status"), max_length=10, choices=Status.choices, default=Status.OPEN
    )

    objects = EventReportQuerySet.as_manager()

    class Meta:
        verbose_name = _("event report")
        verbose_name_plural = _("event reports")
        ordering = ["created_at", "id"]

    def __str__(self) -> str:
        return f"{self.series} ({self.get_reason_display()})"
