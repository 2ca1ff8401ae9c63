from __future__ import annotations

import calendar
import contextlib
from datetime import date

from django.contrib.postgres.fields import ArrayField
from django.contrib.postgres.indexes import GinIndex, OpClass
from django.contrib.postgres.search import SearchVector, SearchVectorField
from django.core.exceptions import ValidationError
from django.core.validators import MinValueValidator
from django.db import models
from django.db.models import OuterRef, Q
from django.db.models.functions import Length, Lower
from django.db.models.lookups import LessThanOrEqual
from django.urls import reverse
from django.utils import timezone
from django.utils.text import slugify
from django.utils.translation import gettext_lazy as _

from associations import search
from associations.models.search_conditions import search_conditions
from yhdistystori.roles import Role, has_role
from yhdistystori.translation import TranslatedNameMixin
from yhdistystori.validators import (
    format_register_number,
    normalize_business_id,
    normalize_register_number,
    validate_business_id,
    validate_not_in_future,
    validate_phone,
    validate_postal_code,
    validate_register_number,
)


class Vocabulary(TranslatedNameMixin, models.Model):
    """A term residents filter by, named in Finnish, Swedish and English."""

    slug = models.SlugField(_("identifier"), max_length=80, unique=True)
    name_fi = models.CharField(_("name (Finnish)"), max_length=120)
    name_sv = models.CharField(_("name (Swedish)"), max_length=120, blank=True)
    name_en = models.CharField(_("name (English)"), max_length=120, blank=True)
    ordering = models.PositiveSmallIntegerField(_("order"), default=0)

    class Meta:
        abstract = True
        ordering = ["ordering", "name_fi"]

    def all_names(self) -> str:
        return " ".join(filter(None, [self.name_fi, self.name_sv, self.name_en]))


class Category(Vocabulary):
    """Field of activity (toimiala)."""

    class Meta(Vocabulary.Meta):
        verbose_name = _("category")
        verbose_name_plural = _("categories")


class District(Vocabulary):
    """An area of the city that an association serves."""

    class Meta(Vocabulary.Meta):
        verbose_name = _("district")
        verbose_name_plural = _("districts")


class TargetGroup(Vocabulary):
    class Meta(Vocabulary.Meta):
        verbose_name = _("target group")
        verbose_name_plural = _("target groups")


class ActivityLanguage(Vocabulary):
    """A language an association works in; `slug` is the ISO 639-1 code."""

    class Meta(Vocabulary.Meta):
        verbose_name = _("language of activity")
        verbose_name_plural = _("languages of activity")


class AssociationQuerySet(models.QuerySet):
    def published(self):
        return self.filter(status=Association.Status.PUBLISHED)

    def with_lists(self):
        """Everything a directory row or API item shows, in a fixed number of queries."""
        return self.prefetch_related("categories", "districts", "languages", "target_groups")

    def visible_to(self, user):
        """Published rows, plus the ones this user edits or, for a liaison, all of them."""
        if has_role(user, Role.LIAISON):
            return self
        if user.is_authenticated:
            # A subquery, not a join: a join repeats a published row once per editor.
            from associations.models.editors import Membership

            edited = Membership.objects.filter(user=user).values("association_id")
            return self.filter(Q(status=Association.Status.PUBLISHED) | Q(pk__in=edited))
        return self.published()

    def edited_by(self, user):
        return self.filter(memberships__user=user)

    def stale(self, today=None):
        """Published profiles not confirmed for 18 months: residents see a notice."""
        return self.published().filter(last_verified_at__lte=months_ago(STALE_AFTER_MONTHS, today))

    def search(self, text: str):
        """Rows matching every word of `text` (see associations/search.py).

        Ranking is the caller's: `search_conditions()` also gives the condition
        that the name matches, and associations/results.py pages by it.
        """
        conditions = search_conditions(text)
        return self.filter(conditions.matches) if conditions else self

    def refresh_relation_ids(self, relations=None) -> int:
        """Copy each relation's ids from its link table into RELATION_ID_COLUMNS, in SQL.

        For writes that bypass Association.save(): the ORM's add(), set(), remove() and
        clear() on a relation call this (associations/signals.py). Returns the row count.
        """
        from django.contrib.postgres.expressions import ArraySubquery

        values = {}
        for relation in relations or RELATION_ID_COLUMNS:
            field = Association._meta.get_field(relation)
            through = field.remote_field.through
            term = field.m2m_reverse_name()
            linked = through.objects.filter(**{field.m2m_column_name(): OuterRef("pk")})
            values[RELATION_ID_COLUMNS[relation]] = ArraySubquery(
                linked.order_by(term).values(term)
            )
        return self.update(**values)

    def refresh_search_terms(self) -> int:
        """Recompute the stored search terms of these rows (after bulk changes). Returns count."""
        updated = []
        for association in self.prefetch_related(*RELATION_ID_COLUMNS):
            association.set_search_terms()
            updated.append(association)
        Association.objects.bulk_update(updated, SEARCH_TERM_FIELDS, batch_size=1000)
        return len(updated)


# Enough for what an association does, for whom and how to join in; the search
# index reads no more than this of a description either.
DESCRIPTION_MAX_LENGTH = 5000
JOINING_MAX_LENGTH = 1000


class Association(models.Model):
    class Status(models.TextChoices):
        DRAFT = "draft", _("Draft")
        PENDING = "pending", _("Pending review")
        PUBLISHED = "published", _("Published")
        HIDDEN = "hidden", _("Hidden")

    name = models.CharField(_("name"), max_length=200)
    alternate_name = models.CharField(
        _("name in another language"),
        max_length=200,
        blank=True,
        help_text=_("For example the association's Swedish or English name."),
    )
    slug = models.SlugField(_("address"), max_length=220, unique=True)
    register_number = models.CharField(
        _("register number"),
        max_length=10,
        blank=True,
        validators=[validate_register_number],
        help_text=_("The number in the Finnish Register of Associations, for example 123.456."),
    )
    business_id = models.CharField(
        _("business ID"),
        max_length=9,
        blank=True,
        validators=[validate_business_id],
        help_text=_("Y-tunnus, for example 1234567-8."),
    )
    description = models.TextField(_("description"), blank=True, max_length=DESCRIPTION_MAX_LENGTH)
    categories = models.ManyToManyField(
        Category, verbose_name=_("categories"), blank=True, related_name="associations"
    )
    districts = models.ManyToManyField(
        District, verbose_name=_("districts served"), blank=True, related_name="associations"
    )
    target_groups = models.ManyToManyField(
        TargetGroup, verbose_name=_("target groups"), blank=True, related_name="associations"
    )
    languages = models.ManyToManyField(
        ActivityLanguage,
        verbose_name=_("languages of activity"),
        blank=True,
        related_name="associations",
    )
    founded_year = models.PositiveSmallIntegerField(
        _("year founded"),
        null=True,
        blank=True,
        validators=[MinValueValidator(1800), validate_not_in_future],
    )
    member_count = models.PositiveIntegerField(_("number of members"), null=True, blank=True)
    email = models.EmailField(_("email"), blank=True)
    phone = models.CharField(_("phone"), max_length=40, blank=True, validators=[validate_phone])
    website = models.URLField(_("website"), blank=True)
    facebook_url = models.URLField(_("Facebook"), blank=True)
    instagram_url = models.URLField(_("Instagram"), blank=True)
    street_address = models.CharField(_("street address"), max_length=200, blank=True)
    postal_code = models.CharField(
        _("postal code"), max_length=10, blank=True, validators=[validate_postal_code]
    )
    municipality = models.CharField(_("municipality"), max_length=100, blank=True)
    logo = models.ImageField(_("logo"), upload_to="logos/", blank=True)
    # The logo re-encoded small for directory rows (associations/logos.py makes both).
    logo_small = models.ImageField(_("logo (small)"), upload_to="logos/", blank=True)
    # Joining in: what a newcomer asks first.
    meeting_info = models.TextField(
        _("when and where we meet"),
        blank=True,
        max_length=JOINING_MAX_LENGTH,
        help_text=_("For example: Tuesdays at 18–20 in the Kuokkala school gym."),
    )
    how_to_join = models.TextField(
        _("how to join"),
        blank=True,
        max_length=JOINING_MAX_LENGTH,
        help_text=_("For example: come to a practice, or fill in the form on our website."),
    )
    membership_fee = models.CharField(
        _("membership fee"),
        max_length=200,
        blank=True,
        help_text=_("For example: 20 € a year, children 10 €."),
    )
    accepts_new_members = models.BooleanField(_("accepts new members"), default=False)
    seeks_volunteers = models.BooleanField(_("seeks volunteers"), default=False)
    status = models.CharField(
        _("status"), max_length=20, choices=Status.choices, default=Status.DRAFT
    )
    submitted_at = models.DateTimeField(_("submitted for review"), null=True, blank=True)
    is_claimed = models.BooleanField(
        _("claimed by the association"),
        default=False,
        help_text=_("False for listings imported from a register or created by the city."),
    )
    last_verified_at = models.DateField(_("information last verified"), null=True, blank=True)
    # Set when the editors were reminded to check the profile; cleared when they do.
    verification_reminded_at = models.DateTimeField(
        _("verification reminder sent"), null=True, blank=True
    )
    version = models.PositiveIntegerField(_("version"), default=1)
    created_at = models.DateTimeField(_("created"), default=timezone.now)
    updated_at = models.DateTimeField(_("updated"), default=timezone.now, db_index=True)

    # Search: terms prepared in Python (see associations/search.py), vector generated here.
    search_name = models.TextField(editable=False, default="")
    search_terms_name = models.TextField(editable=False, default="")
    search_terms_other = models.TextField(editable=False, default="")
    search_typo_keys = ArrayField(models.TextField(), editable=False, default=list)
    # The ids of each relation the directory filters by, copied from the link tables
    # (RELATION_ID_COLUMNS): with GIN indexes a filter is one more bitmap to combine with
    # the search's own, and a cheap test on each row a results page walks.
    search_category_ids = ArrayField(models.IntegerField(), editable=False, default=list)
    search_district_ids = ArrayField(models.IntegerField(), editable=False, default=list)
    search_language_ids = ArrayField(models.IntegerField(), editable=False, default=list)
    search_target_group_ids = ArrayField(models.IntegerField(), editable=False, default=list)
    search_vector = models.GeneratedField(
        expression=SearchVector("search_terms_name", config="simple", weight="A")
        + SearchVector("search_terms_other", config="simple", weight="C"),
        output_field=SearchVectorField(),
        db_persist=True,
    )

    objects = AssociationQuerySet.as_manager()

    class Meta:
        verbose_name = _("association")
        verbose_name_plural = _("associations")
        ordering = ["name"]
        constraints = [
            # The importer and the workflows write it too, not only the form.
            models.CheckConstraint(
                condition=LessThanOrEqual(Length("description"), DESCRIPTION_MAX_LENGTH),
                name="association_description_length",
            ),
            models.CheckConstraint(
                condition=LessThanOrEqual(Length("meeting_info"), JOINING_MAX_LENGTH)
                & LessThanOrEqual(Length("how_to_join"), JOINING_MAX_LENGTH),
                name="association_joining_length",
            ),
            models.UniqueConstraint(
                fields=["register_number"],
                condition=~Q(register_number=""),
                name="association_register_number_unique",
                violation_error_message=_(
                    "An association with this register number exists already."
                ),
            ),
            models.UniqueConstraint(
                fields=["business_id"],
                condition=~Q(business_id=""),
                name="association_business_id_unique",
                violation_error_message=_("An association with this business ID exists already."),
            ),
        ]
        indexes = [
            GinIndex(fields=["search_vector"], name="association_search_gin"),
            GinIndex(fields=["search_typo_keys"], name="association_typo_keys_gin"),
            GinIndex(fields=["search_category_ids"], name="association_category_ids_gin"),
            GinIndex(fields=["search_district_ids"], name="association_district_ids_gin"),
            GinIndex(fields=["search_language_ids"], name="association_lang_ids_gin"),
            GinIndex(fields=["search_target_group_ids"], name="association_group_ids_gin"),
            GinIndex(OpClass("search_name", name="gin_trgm_ops"), name="association_name_trgm"),
            # Serves the name-match test of a sparse ranking tier (associations/results.py).
            GinIndex(
                OpClass("search_terms_name", name="gin_trgm_ops"),
                name="association_name_terms_trgm",
            ),
            models.Index(Lower("name"), "id", name="association_name_sort"),
            models.Index(fields=["status", "-updated_at"], name="association_recent"),
            # The liaison's queue: listings waiting for review, and published profiles
            # by the date they were last confirmed (stale ones first).
            models.Index(
                fields=["submitted_at"],
                condition=Q(status="pending"),
                name="association_review_queue",
            ),
            models.Index(
                fields=["last_verified_at"],
                condition=Q(status="published"),
                name="association_verified",
            ),
        ]

    def __str__(self) -> str:
        return self.name

    def get_absolute_url(self) -> str:
        return reverse("associations:detail", kwargs={"slug": self.slug})

    @property
    def address_line(self) -> str:
        """'Kuokkalantie 5, 40520 Jyväskylä', leaving out the parts not given."""
        place = " ".join(filter(None, [self.postal_code, self.municipality]))
        return ", ".join(filter(None, [self.street_address, place]))

    @property
    def register_number_display(self) -> str:
        return format_register_number(self.register_number)

    @property
    def is_public(self) -> bool:
        return self.status == self.Status.PUBLISHED

    @property
    def verification_overdue(self) -> bool:
        """Residents are told when a profile has not been confirmed for 18 months."""
        if self.last_verified_at is None:
            return False
        return self.last_verified_at <= months_ago(STALE_AFTER_MONTHS)

    def set_search_terms(self) -> None:
        """Prepare the stored search columns from the name, description and relations.

        The relations are read through their prefetched cache where there is one.
        """
        self.search_name = search.fold(f"{self.name} {self.alternate_name}").strip()
        self.search_terms_name = search.document_terms(self.name, self.alternate_name)
        self.search_typo_keys = search.typo_keys(self.name, self.alternate_name)
        related = {
            relation: list(getattr(self, relation).all()) if self.pk else []
            for relation in RELATION_ID_COLUMNS
        }
        # The names of its fields of activity, districts and target groups, in all three
        # languages: a search in Swedish or English finds the association through them.
        term_names = " ".join(
            term.all_names() for relation in SEARCHED_RELATIONS for term in related[relation]
        )
        self.search_terms_other = search.document_terms(term_names, self.description)
        for relation, column in RELATION_ID_COLUMNS.items():
            setattr(self, column, sorted(term.pk for term in related[relation]))

    def update_search_terms(self) -> None:
        """Store fresh search columns, for when the relations changed after save()."""
        self.set_search_terms()
        type(self).objects.filter(pk=self.pk).update(
            **{name: getattr(self, name) for name in SEARCH_TERM_FIELDS}
        )

    def normalize_identifiers(self) -> None:
        """Store identifiers in one spelling, so that uniqueness holds however they were typed."""
        for field, normalize in (
            ("business_id", normalize_business_id),
            ("register_number", normalize_register_number),
        ):
            value = getattr(self, field)
            if value:
                with contextlib.suppress(ValidationError):  # invalid values fail full_clean()
                    setattr(self, field, normalize(value))

    def clean(self):
        super().clean()
        self.normalize_identifiers()

    def save(self, *args, **kwargs):
        self.normalize_identifiers()
        if not self.slug:
            self.slug = unique_slug(self.name, exclude_pk=self.pk)
        self.set_search_terms()
        super().save(*args, **kwargs)


# Profiles not confirmed for this long show residents a notice and enter the liaison's queue.
STALE_AFTER_MONTHS = 18


def months_ago(months: int, today: date | None = None) -> date:
    """The same day `months` months before `today` (the month's last day where it is shorter)."""
    today = today or timezone.localdate()
    month_index = today.year * 12 + today.month - 1 - months
    year, month = divmod(month_index, 12)
    day = min(today.day, calendar.monthrange(year, month + 1)[1])
    return date(year, month + 1, day)


# Paths under /associations/ that are not profiles (associations/urls.py): a profile
# with one of these addresses could never be opened.
RESERVED_SLUGS = frozenset({"new", "invitations", "export-csv", "exportcsv", "export"})


def unique_slug(name: str, exclude_pk: int | None = None) -> str:
    base = slugify(search.fold(name))[:200] or "yhdistys"
    slug, n = base, 1
    taken = Association.objects.exclude(pk=exclude_pk).filter(slug__startswith=base)
    existing = set(taken.values_list("slug", flat=True)) | RESERVED_SLUGS
    while slug in existing:
        n += 1
        slug = f"{base}-{n}"
    return slug


# The profile as its editors edit it: plain fields, then the lists of terms.
PROFILE_FIELDS = (
    "name",
    "alternate_name",
    "register_number",
    "business_id",
    "description",
    "founded_year",
    "member_count",
    "email",
    "phone",
    "website",
    "facebook_url",
    "instagram_url",
    "street_address",
    "postal_code",
    "municipality",
    "accepts_new_members",
    "seeks_volunteers",
    "meeting_info",
    "how_to_join",
    "membership_fee",
)
PROFILE_RELATIONS = ("categories", "districts", "target_groups", "languages")
# The relations whose names (in every language) a search reads, besides the name and
# the description.
SEARCHED_RELATIONS = ("categories", "districts", "target_groups")
# Each relation the directory filters by, and the column of Association that holds
# its ids for the search (kept by set_search_terms()).
RELATION_ID_COLUMNS = {
    "categories": "search_category_ids",
    "districts": "search_district_ids",
    "target_groups": "search_target_group_ids",
    "languages": "search_language_ids",
}

# The stored search columns that Association.set_search_terms() fills; the search
# vector is generated from them by PostgreSQL.
SEARCH_TERM_FIELDS = [
    field.name
    for field in Association._meta.concrete_fields
    if field.name.startswith("search_") and not field.generated
]
