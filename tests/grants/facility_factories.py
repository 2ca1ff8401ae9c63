"""Factories for the facilities and their bookings."""

import datetime
from decimal import Decimal
from zoneinfo import ZoneInfo

import factory
from django.db.backends.postgresql.psycopg_any import DateTimeTZRange

from grants.models import Booking, BookingRequest, Equipment, Facility, OpeningHours
from tests.factories import AssociationFactory

HELSINKI = ZoneInfo("Europe/Helsinki")


class EquipmentFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Equipment
        django_get_or_create = ("slug",)

    slug = factory.Sequence(lambda n: f"equipment-{n}")
    name_fi = factory.Sequence(lambda n: f"Varuste {n}")


class FacilityFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Facility
        skip_postgeneration_save = True

    slug = factory.Sequence(lambda n: f"tila-{n}")
    name_fi = factory.Sequence(lambda n: f"Tila {n}")
    name_sv = factory.Sequence(lambda n: f"Lokal {n}")
    kind = Facility.Kind.MEETING_ROOM
    street_address = factory.Sequence(lambda n: f"Kauppakatu {n + 1}")
    postal_code = "40100"
    capacity = 30
    pricing = Facility.Pricing.DISCOUNTED
    price_per_hour = Decimal("10.00")
    normal_price_per_hour = Decimal("40.00")
    is_published = True

    @factory.post_generation
    def open_every_day(self, create, extracted, **kwargs):
        """Open 8–22 every day unless `open_every_day=False`."""
        if create and extracted is not False:
            OpeningHours.objects.bulk_create(
                OpeningHours(
                    facility=self,
                    weekday=day,
                    opens=datetime.time(8),
                    closes=datetime.time(22),
                )
                for day in range(7)
            )


def local_range(day: datetime.date, starts: datetime.time, ends: datetime.time):
    """[starts, ends) on `day` in Helsinki time, as the range a Booking holds."""
    lower = datetime.datetime.combine(day, starts, HELSINKI)
    upper = datetime.datetime.combine(day, ends, HELSINKI)
    return DateTimeTZRange(lower, upper, "[)")


class BookingRequestFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = BookingRequest

    facility = factory.SubFactory(FacilityFactory)
    association = factory.SubFactory(AssociationFactory)
    purpose = "Harjoitukset"
    attendance = 12
    first_date = factory.LazyFunction(lambda: datetime.date.today() + datetime.timedelta(days=7))
    starts = datetime.time(18)
    ends = datetime.time(20)
    price_per_hour = factory.SelfAttribute("facility.price_per_hour")
    normal_price_per_hour = factory.SelfAttribute("facility.normal_price_per_hour")


def add_booking(request: BookingRequest, day: datetime.date, status=Booking.Status.ACCEPTED):
    """One time of `request` on `day`, at the request's hours."""
    return Booking.objects.create(
        request=request,
        facility=request.facility,
        during=local_range(day, request.starts, request.ends),
        on_date=day,
        status=status,
    )
