import datetime
from decimal import Decimal

import factory
from django.utils import timezone

from associations.models import (
    ActivityLanguage,
    Association,
    Category,
    District,
    LiaisonContact,
    Membership,
    TargetGroup,
)
from yhdistystori.models import User

PASSWORD = "salasana-123"  # every factory-made user's
# The authenticator app secret (base32) of the staff personas (tests/conftest.py).
TOTP_SECRET = "JBSWY3DPEHPK3PXPJBSWY3DPEHPK3PXP"


def activate_totp(user, secret: str = TOTP_SECRET) -> None:
    """Give `user` an activated authenticator app, as allauth does once a code was right."""
    from allauth.mfa.totp.internal.auth import TOTP

    TOTP.activate(user, secret)


def totp_code(secret: str = TOTP_SECRET, *, periods_ago: int = 0) -> str:
    """The code an authenticator app with `secret` shows now (or `periods_ago` earlier)."""
    import time

    from allauth.mfa import app_settings
    from allauth.mfa.totp.internal.auth import format_hotp_value, hotp_value

    counter = int(time.time()) // app_settings.TOTP_PERIOD - periods_ago
    return format_hotp_value(hotp_value(secret, counter))


class UserFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = User
        skip_postgeneration_save = True

    email = factory.Sequence(lambda n: f"user{n}@example.fi")
    full_name = factory.Faker("name", locale="fi_FI")
    password = factory.PostGenerationMethodCall("set_password", PASSWORD)

    @factory.post_generation
    def save_password(obj, create, extracted, **kwargs):
        if create:
            obj.save()


class _VocabularyFactory(factory.django.DjangoModelFactory):
    slug = factory.Sequence(lambda n: f"term-{n}")
    name_fi = factory.Sequence(lambda n: f"Termi {n}")
    name_sv = factory.Sequence(lambda n: f"Term {n}")
    name_en = factory.Sequence(lambda n: f"Term {n} (en)")


class CategoryFactory(_VocabularyFactory):
    class Meta:
        model = Category
        django_get_or_create = ["slug"]


class DistrictFactory(_VocabularyFactory):
    class Meta:
        model = District
        django_get_or_create = ["slug"]


class TargetGroupFactory(_VocabularyFactory):
    class Meta:
        model = TargetGroup
        django_get_or_create = ["slug"]


class ActivityLanguageFactory(_VocabularyFactory):
    class Meta:
        model = ActivityLanguage
        django_get_or_create = ["slug"]


class AssociationFactory(factory.django.DjangoModelFactory):
    """A published association. Pass categories=[...] etc. for the M2M fields."""

    class Meta:
        model = Association
        skip_postgeneration_save = True

    name = factory.Sequence(lambda n: f"Testiyhdistys {n} ry")
    description = "Yhdistys järjestää toimintaa jäsenilleen."
    status = Association.Status.PUBLISHED
    municipality = "Jyväskylä"
    email = factory.Sequence(lambda n: f"info{n}@yhdistys.example.fi")
    last_verified_at = factory.LazyFunction(timezone.localdate)

    @factory.post_generation
    def categories(obj, create, extracted, **kwargs):
        if create and extracted:
            obj.categories.set(extracted)
            obj.update_search_terms()

    @factory.post_generation
    def districts(obj, create, extracted, **kwargs):
        if create and extracted:
            obj.districts.set(extracted)

    @factory.post_generation
    def target_groups(obj, create, extracted, **kwargs):
        if create and extracted:
            obj.target_groups.set(extracted)

    @factory.post_generation
    def languages(obj, create, extracted, **kwargs):
        if create and extracted:
            obj.languages.set(extracted)


class LiaisonContactFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = LiaisonContact

    name = factory.Faker("name", locale="fi_FI")
    title_fi = "Erikoissuunnittelija"
    title_sv = "Specialplanerare"
    title_en = "Senior planner"
    phone = "014 266 0000"
    email = factory.Sequence(lambda n: f"yhdyshenkilo{n}@kaupunki.example.fi")


class CompleteAssociationFactory(AssociationFactory):
    """A published association with every public field filled in, as a careful editor leaves it."""

    name = factory.Sequence(lambda n: f"Jyväskylän Kamarikuoro {n} ry")
    alternate_name = factory.Sequence(lambda n: f"Jyväskylä kammarkör {n} rf")
    register_number = factory.Sequence(lambda n: str(123456 + n))
    description = "Kamarikuoro laulaa kirkoissa ja konserttitaloissa. Harjoitukset tiistaisin."
    founded_year = 1978
    member_count = 42
    phone = "040 123 4567"
    website = "https://kamarikuoro.example.fi/"
    facebook_url = "https://facebook.example.com/kamarikuoro"
    instagram_url = "https://instagram.example.com/kamarikuoro"
    street_address = "Kauppakatu 1"
    postal_code = "40100"
    accepts_new_members = True
    seeks_volunteers = True
    is_claimed = True
    logo = factory.django.ImageField(filename="logo.png", color="navy", width=60, height=60)


class MembershipFactory(factory.django.DjangoModelFactory):
    """An editor of an association (role=Membership.Role.OWNER for an owner)."""

    class Meta:
        model = Membership

    association = factory.SubFactory(AssociationFactory)
    user = factory.SubFactory(UserFactory)
    role = Membership.Role.EDITOR


class EventSeriesFactory(factory.django.DjangoModelFactory):
    """A published one-off event a week from now at 17:00 local time, by the city."""

    class Meta:
        model = "events.EventSeries"
        skip_postgeneration_save = True

    slug = factory.Sequence(lambda n: f"tapahtuma-{n}")
    title_fi = factory.Sequence(lambda n: f"Tapahtuma {n}")
    description_fi = "Tervetuloa mukaan."
    by_city = True
    place_name = "Kaupungintalo"
    street_address = "Vapaudenkatu 32"
    postal_code = "40100"
    post_office = "Jyväskylä"
    start_date = factory.LazyFunction(lambda: timezone.localdate() + timezone.timedelta(days=7))
    start_time = datetime.time(17, 0)
    status = "published"

    @factory.post_generation
    def organisers(self, create, extracted, **kwargs):
        if create and extracted:
            self.organisers.set(extracted)


class OccurrenceFactory(factory.django.DjangoModelFactory):
    """An occurrence of a series at the series' first start, two hours long."""

    class Meta:
        model = "events.Occurrence"

    series = factory.SubFactory(EventSeriesFactory)
    original_start = factory.LazyAttribute(
        lambda o: timezone.make_aware(
            datetime.datetime.combine(o.series.start_date, o.series.start_time)
        )
    )
    start = factory.LazyAttribute(lambda o: o.original_start)
    end = factory.LazyAttribute(lambda o: o.start + o.series.duration)


class GrantProgrammeFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = "grants.GrantProgramme"
        django_get_or_create = ("slug",)

    slug = "toiminta-avustus"
    name_fi = "Toiminta-avustus"
    name_sv = "Verksamhetsunderstöd"
    name_en = "Operating grant"


class GrantRoundFactory(factory.django.DjangoModelFactory):
    """An announced round open from a week ago until three weeks from now."""

    class Meta:
        model = "grants.GrantRound"

    programme = factory.SubFactory(GrantProgrammeFactory)
    slug = factory.Sequence(lambda n: f"avustushaku-{n}")
    title_fi = factory.Sequence(lambda n: f"Toiminta-avustukset {n}")
    description_fi = "Avustus yhdistysten toimintaan."
    budget = Decimal("100000.00")
    max_grant = Decimal("10000.00")
    opens_at = factory.LazyFunction(lambda: timezone.now() - timezone.timedelta(days=7))
    closes_at = factory.LazyFunction(lambda: timezone.now() + timezone.timedelta(days=21))
    deciding_body = "Kulttuuri- ja liikuntalautakunta"
    announced_at = factory.LazyFunction(lambda: timezone.now() - timezone.timedelta(days=8))


class ApplicationFactory(factory.django.DjangoModelFactory):
    """A submitted application of a published association."""

    class Meta:
        model = "grants.Application"

    round = factory.SubFactory(GrantRoundFactory)
    association = factory.SubFactory(AssociationFactory)
    requested_amount = Decimal("5000.00")
    purpose = "Harjoitustilan vuokra ja ohjaajien kulut."
    status = "submitted"
    submitted_at = factory.LazyFunction(timezone.now)
