"""Booking requests and the times they hold.

An association's editor asks for a facility once or weekly for a period (a series). The
request holds one Booking per time; the facilities manager accepts all or some of them
or declines the request, and either side may later cancel the whole series or one of its
times. Two accepted bookings of one facility never overlap: an exclusion constraint
(btree_gist) enforces it in the database, whoever writes.

The prices are copied onto the request when it is made, so that the support in kind
(hours × (normal price − price paid)) of past use does not change with later prices.
"""

from __future__ import annotations

from decimal import Decimal

from django.conf import settings
from django.contrib.postgres.constraints import ExclusionConstraint
from django.contrib.postgres.fields import ArrayField, DateTimeRangeField, RangeOperators
from django.core.validators import MinValueValidator
from django.db import models
from django.db.models import F, Q
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from associations.models import Association
from grants.models.facilities import PRICE, Facility
from yhdistystori.decisions import Decided


class BookingRequest(Decided, models.Model):
    class Repeat(models.TextChoices):
        ONCE = "once", _("Once")
        WEEKLY = "weekly", _("Weekly")

    class Status(models.TextChoices):
        PENDING = "pending", _("Waiting for an answer")
        ACCEPTED = "accepted", _("Accepted")
        PARTLY_ACCEPTED = "partly_accepted", _("Partly accepted")
        DECLINED = "declined", _("Declined")
        WITHDRAWN = "withdrawn", _("Withdrawn")
        CANCELLED = "cancelled", _("Cancelled")

    facility = models.ForeignKey(
        Facility,
        verbose_name=_("facility"),
        on_delete=models.PROTECT,
        related_name="booking_requests",
    )
    association = models.ForeignKey(
        Association,
        verbose_name=_("association"),
        on_delete=models.PROTECT,
        related_name="booking_requests",
    )
    requested_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("requested by"),
        null=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    purpose = models.CharField(_("purpose"), max_length=500)
    attendance = models.PositiveIntegerField(
        _("expected attendance"), validators=[MinValueValidator(1)]
    )
    repeat = models.CharField(
        _("repeat"), max_length=10, choices=Repeat.choices, default=Repeat.ONCE
    )
    # Local times (Europe/Helsinki). Weekly: every week on the first date's weekday, from
    # the first date to the last, without the exceptions (and the holidays, when asked).
    first_date = models.DateField(_("date"))
    last_date = models.DateField(_("last date"), null=True, blank=True)
    starts = models.TimeField(_("starts"))
    ends = models.TimeField(_("ends"))
    skip_holidays = models.BooleanField(_("skip public holidays"), default=True)
    exceptions = ArrayField(
        models.DateField(), verbose_name=_("dates left out"), default=list, blank=True
    )
    skipped_holidays = ArrayField(
        models.DateField(),
        verbose_name=_("public holidays left out"),
        default=list,
        blank=True,
        editable=False,
    )
    message = models.TextField(_("message to the manager"), max_length=2000, blank=True)

    status = models.CharField(
        _("status"), max_length=20, choices=Status.choices, default=Status.PENDING
    )
    # Copied from the facility when the request is made.
    price_per_hour = models.DecimalField(
        _("price per hour"), **PRICE, default=Decimal("0"), editable=False
    )
    normal_price_per_hour = models.DecimalField(
        _("normal price per hour"), **PRICE, default=Decimal("0"), editable=False
    )
    created_at = models.DateTimeField(_("requested"), default=timezone.now)
    updated_at = models.DateTimeField(_("updated"), auto_now=True)
    # Raised on every change, so that a manager's answer to an older version is refused.
    version = models.PositiveIntegerField(_("version"), default=1)

    class Meta:
        verbose_name = _("booking request")
        verbose_name_plural = _("booking requests")
        ordering = ["-created_at", "-id"]
        constraints = [
            models.CheckConstraint(
                condition=Q(ends__gt=F("starts")) | Q(ends="00:00"),
                name="booking_request_ends_after_start",
            ),
            models.CheckConstraint(
                condition=Q(last_date__isnull=True) | Q(last_date__gte=F("first_date")),
                name="booking_request_last_date_not_before_first",
            ),
        ]
        indexes = [models.Index(fields=["status", "created_at"])]

    def __str__(self) -> str:
        return f"{self.facility} · {self.association} · {self.first_date}"

    @property
    def support_per_hour(self) -> Decimal:
        return max(self.normal_price_per_hour - self.price_per_hour, Decimal("0"))


class BookingQuerySet(models.QuerySet):
    def accepted(self):
        return self.filter(status=Booking.Status.ACCEPTED)

    def busy(self, facility_ids, lower, upper):
        """Accepted bookings of the facilities that overlap [lower, upper)."""
        return self.accepted().filter(facility_id__in=facility_ids, during__overlap=(lower, upper))


class Booking(models.Model):
    """One time of a request: a range of time at one facility."""

    class Status(models.TextChoices):
        REQUESTED = "requested", _("Requested")
        ACCEPTED = "accepted", _("Accepted")
        DECLINED = "declined", _("Declined")
        CANCELLED = "cancelled", _("Cancelled")

    request = models.ForeignKey(
        BookingRequest,
        verbose_name=_("booking request"),
        on_delete=models.CASCADE,
        related_name="bookings",
    )
    # The request's facility, repeated here for the exclusion constraint.
    facility = models.ForeignKey(
        Facility, verbose_name=_("facility"), on_delete=models.PROTECT, related_name="bookings"
    )
    # [start, end) as aware datetimes; `on_date` is the local date it starts on.
    during = DateTimeRangeField(_("time"))
    on_date = models.DateField(_("date"))
    status = models.CharField(
        _("status"), max_length=12, choices=Status.choices, default=Status.REQUESTED
    )
    cancelled_at = models.DateTimeField(_("cancelled"), null=True, blank=True)
    cancelled_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("cancelled by"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    cancel_reason = models.CharField(_("reason for cancelling"), max_length=2000, blank=True)

    objects = BookingQuerySet.as_manager()

    class Meta:
        verbose_name = _("booking")
        verbose_name_plural = _("bookings")
        ordering = ["during", "id"]
        constraints = [
            ExclusionConstraint(
                name="accepted_bookings_never_overlap",
                expressions=[
                    ("facility", RangeOperators.EQUAL),
                    ("during", RangeOperators.OVERLAPS),
                ],
                condition=Q(status="accepted"),
                violation_error_message=_("The facility is already booked for part of this time."),
            ),
            models.CheckConstraint(
                condition=Q(during__isempty=False), name="booking_time_not_empty"
            ),
        ]
        indexes = [
            models.Index(fields=["request", "on_date"]),
        ]

    def __str__(self) -> str:
        return f"{self.facility} {self.during.lower:%Y-%m-%d %H:%M}"

    @property
    def starts_at(self):
        return self.during.lower

    @property
    def ends_at(self):
        return self.during.upper

    @property
    def hours(self) -> Decimal:
        seconds = (self.during.upper - self.during.lower).total_seconds()
        return (Decimal(seconds) / Decimal(3600)).quantize(Decimal("0.01"))
