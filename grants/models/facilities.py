"""The city's premises that associations may use: support in kind, kept by facilities
managers (the facilities role).

A facility is one bookable place (a school gym, a library meeting room, a resident
house). It may list the rooms it has; bookings are of the whole facility. Names, the
description, the accessibility notes and the rules of use are in fi/sv/en; the access
instructions (keys, door codes) are shown only to an association with an accepted
booking and to the managers.
"""

from __future__ import annotations

from decimal import Decimal

from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.db.models import F, Q
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from associations.models import District
from yhdistystori.translation import TranslatedNameMixin, translated

# A price per hour in euros: a few hundred at most, never negative.
PRICE = {"max_digits": 8, "decimal_places": 2}


class Equipment(TranslatedNameMixin, models.Model):
    """A kind of equipment a facility may have: a projector, a piano, a kitchen."""

    slug = models.SlugField(_("identifier"), max_length=80, unique=True)
    name_fi = models.CharField(_("name (Finnish)"), max_length=120)
    name_sv = models.CharField(_("name (Swedish)"), max_length=120, blank=True)
    name_en = models.CharField(_("name (English)"), max_length=120, blank=True)
    ordering = models.PositiveSmallIntegerField(_("order"), default=0)

    class Meta:
        verbose_name = _("equipment")
        verbose_name_plural = _("equipment")
        ordering = ["ordering", "slug"]


class FacilityQuerySet(models.QuerySet):
    def published(self):
        """Facilities residents see."""
        return self.filter(is_published=True)


class Facility(TranslatedNameMixin, models.Model):
    class Kind(models.TextChoices):
        SCHOOL_GYM = "school_gym", _("School gym")
        SPORTS_HALL = "sports_hall", _("Sports hall")
        YOUTH_CENTRE = "youth_centre", _("Youth centre")
        LIBRARY_ROOM = "library_room", _("Library meeting room")
        RESIDENT_HOUSE = "resident_house", _("Resident house")
        MEETING_ROOM = "meeting_room", _("Meeting room")
        CLASSROOM = "classroom", _("Classroom")
        HALL = "hall", _("Hall or auditorium")
        OUTDOOR = "outdoor", _("Outdoor venue")
        OTHER = "other", _("Other")

    class Pricing(models.TextChoices):
        FREE = "free", _("Free for associations")
        DISCOUNTED = "discounted", _("Discounted for associations")
        NORMAL = "normal", _("Normal price")

    slug = models.SlugField(_("address name"), max_length=80, unique=True)
    name_fi = models.CharField(_("name (Finnish)"), max_length=200)
    name_sv = models.CharField(_("name (Swedish)"), max_length=200, blank=True)
    name_en = models.CharField(_("name (English)"), max_length=200, blank=True)
    kind = models.CharField(_("kind"), max_length=20, choices=Kind.choices, default=Kind.OTHER)
    description_fi = models.TextField(_("description (Finnish)"), max_length=4000, blank=True)
    description_sv = models.TextField(_("description (Swedish)"), max_length=4000, blank=True)
    description_en = models.TextField(_("description (English)"), max_length=4000, blank=True)

    street_address = models.CharField(_("street address"), max_length=200)
    postal_code = models.CharField(_("postal code"), max_length=10, blank=True)
    city = models.CharField(_("city"), max_length=100, default="Jyväskylä")
    district = models.ForeignKey(
        District,
        verbose_name=_("district"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="facilities",
    )
    # For the map link only; nothing is fetched from a map service when a page renders.
    latitude = models.DecimalField(
        _("latitude"), max_digits=9, decimal_places=6, null=True, blank=True
    )
    longitude = models.DecimalField(
        _("longitude"), max_digits=9, decimal_places=6, null=True, blank=True
    )
    capacity = models.PositiveIntegerField(
        _("capacity"),
        validators=[MinValueValidator(1), MaxValueValidator(100_000)],
        help_text=_("How many people may be in the facility at once."),
    )

    step_free_access = models.BooleanField(_("step-free access"), default=False)
    accessible_toilet = models.BooleanField(_("accessible toilet"), default=False)
    induction_loop = models.BooleanField(_("induction loop"), default=False)
    accessibility_fi = models.TextField(
        _("more on accessibility (Finnish)"), max_length=2000, blank=True
    )
    accessibility_sv = models.TextField(
        _("more on accessibility (Swedish)"), max_length=2000, blank=True
    )
    accessibility_en = models.TextField(
        _("more on accessibility (English)"), max_length=2000, blank=True
    )
    equipment = models.ManyToManyField(
        Equipment, verbose_name=_("equipment"), blank=True, related_name="facilities"
    )

    pricing = models.CharField(
        _("price for associations"), max_length=12, choices=Pricing.choices, default=Pricing.FREE
    )
    price_per_hour = models.DecimalField(
        _("associations' price per hour"),
        **PRICE,
        default=Decimal("0"),
        validators=[MinValueValidator(Decimal("0"))],
    )
    normal_price_per_hour = models.DecimalField(
        _("normal price per hour"),
        **PRICE,
        default=Decimal("0"),
        validators=[MinValueValidator(Decimal("0"))],
        help_text=_("What others pay: the difference is the city's support in kind."),
    )

    rules_fi = models.TextField(_("rules of use (Finnish)"), max_length=8000, blank=True)
    rules_sv = models.TextField(_("rules of use (Swedish)"), max_length=8000, blank=True)
    rules_en = models.TextField(_("rules of use (English)"), max_length=8000, blank=True)
    # Private: only an association with an accepted booking and the managers see it.
    access_instructions = models.TextField(
        _("access instructions"),
        max_length=4000,
        blank=True,
        help_text=_("Keys, door codes and alarms: shown only to associations with a booking."),
    )

    contact_name = models.CharField(_("booking contact"), max_length=200, blank=True)
    contact_email = models.EmailField(_("booking contact's email"), blank=True)
    contact_phone = models.CharField(_("booking contact's phone"), max_length=40, blank=True)

    is_published = models.BooleanField(_("shown to residents"), default=False)
    created_at = models.DateTimeField(_("created"), default=timezone.now)
    updated_at = models.DateTimeField(_("updated"), auto_now=True)

    objects = FacilityQuerySet.as_manager()

    class Meta:
        verbose_name = _("facility")
        verbose_name_plural = _("facilities")
        ordering = ["name_fi", "id"]
        constraints = [
            models.CheckConstraint(
                condition=Q(price_per_hour__gte=0) & Q(normal_price_per_hour__gte=0),
                name="facility_prices_not_negative",
            ),
            models.CheckConstraint(
                condition=~Q(pricing="free") | Q(price_per_hour=0),
                name="facility_free_costs_nothing",
            ),
        ]
        indexes = [models.Index(fields=["is_published", "capacity"])]

    @property
    def description(self) -> str:
        return translated(self, "description")

    @property
    def accessibility(self) -> str:
        return translated(self, "accessibility")

    @property
    def rules(self) -> str:
        return translated(self, "rules")

    @property
    def support_per_hour(self) -> Decimal:
        """What the city gives in kind for an hour's use: the normal price less the price
        paid, never below zero."""
        return max(self.normal_price_per_hour - self.price_per_hour, Decimal("0"))


class Room(models.Model):
    """A room of a facility, for its description (bookings are of the facility)."""

    facility = models.ForeignKey(
        Facility, verbose_name=_("facility"), on_delete=models.CASCADE, related_name="rooms"
    )
    name = models.CharField(_("name"), max_length=200)
    capacity = models.PositiveIntegerField(_("capacity"), null=True, blank=True)
    notes = models.CharField(_("notes"), max_length=500, blank=True)
    ordering = models.PositiveSmallIntegerField(_("order"), default=0)

    class Meta:
        verbose_name = _("room")
        verbose_name_plural = _("rooms")
        ordering = ["ordering", "id"]

    def __str__(self) -> str:
        return self.name


class OpeningHours(models.Model):
    """When a facility may be booked on a weekday (local time, Europe/Helsinki). A day
    may have several spans; a day without one is closed."""

    class Weekday(models.IntegerChoices):
        MONDAY = 0, _("Monday")
        TUESDAY = 1, _("Tuesday")
        WEDNESDAY = 2, _("Wednesday")
        THURSDAY = 3, _("Thursday")
        FRIDAY = 4, _("Friday")
        SATURDAY = 5, _("Saturday")
        SUNDAY = 6, _("Sunday")

    facility = models.ForeignKey(
        Facility,
        verbose_name=_("facility"),
        on_delete=models.CASCADE,
        related_name="opening_hours",
    )
    weekday = models.PositiveSmallIntegerField(_("weekday"), choices=Weekday.choices)
    opens = models.TimeField(_("opens"))
    # 00:00 closes at midnight.
    closes = models.TimeField(_("closes"))

    class Meta:
        verbose_name = _("opening hours")
        verbose_name_plural = _("opening hours")
        ordering = ["weekday", "opens"]
        constraints = [
            models.CheckConstraint(
                condition=Q(closes__gt=F("opens")) | Q(closes="00:00"),
                name="opening_hours_close_after_opening",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.get_weekday_display()} {self.opens:%H:%M}–{self.closes:%H:%M}"


def photo_path(instance: FacilityPhoto, filename: str) -> str:
    return f"facilities/{instance.facility_id}/{filename}"


class FacilityPhoto(models.Model):
    """A photo of a facility, checked and re-encoded like a logo (associations/logos.py)."""

    facility = models.ForeignKey(
        Facility, verbose_name=_("facility"), on_delete=models.CASCADE, related_name="photos"
    )
    image = models.ImageField(_("photo"), upload_to=photo_path, max_length=300)
    width = models.PositiveIntegerField(_("width"), default=0)
    height = models.PositiveIntegerField(_("height"), default=0)
    alt_fi = models.CharField(_("description of the photo (Finnish)"), max_length=300)
    alt_sv = models.CharField(_("description of the photo (Swedish)"), max_length=300, blank=True)
    alt_en = models.CharField(_("description of the photo (English)"), max_length=300, blank=True)
    ordering = models.PositiveSmallIntegerField(_("order"), default=0)

    class Meta:
        verbose_name = _("photo")
        verbose_name_plural = _("photos")
        ordering = ["ordering", "id"]

    @property
    def alt(self) -> str:
        return translated(self, "alt")


__all__ = ["PRICE", "Equipment", "Facility", "FacilityPhoto", "OpeningHours", "Room"]
