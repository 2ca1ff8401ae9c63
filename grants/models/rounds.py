"""Grant programmes and their rounds.

A round's state is never a hand-edited field. Opening and closing follow the clock
(`opens_at`, `closes_at`); the rest follow the workflow, which sets `announced_at`,
`decided_at`, `decisions_published_at` and `reported_at` (and records each change in
StateChange). `GrantRound.state` reads them.
"""

from __future__ import annotations

from decimal import Decimal

from django.conf import settings
from django.core.validators import MinValueValidator
from django.db import models
from django.db.models import F, Q
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from associations.models import Category
from yhdistystori.translation import TranslatedNameMixin, translated

MONEY = {"max_digits": 12, "decimal_places": 2}


class GrantProgramme(TranslatedNameMixin, models.Model):
    """A kind of grant the city gives, such as operating grants (toiminta-avustus) or
    project grants (kohdeavustus)."""

    slug = models.SlugField(_("identifier"), max_length=80, unique=True)
    name_fi = models.CharField(_("name (Finnish)"), max_length=200)
    name_sv = models.CharField(_("name (Swedish)"), max_length=200, blank=True)
    name_en = models.CharField(_("name (English)"), max_length=200, blank=True)
    description_fi = models.TextField(_("description (Finnish)"), max_length=4000, blank=True)
    description_sv = models.TextField(_("description (Swedish)"), max_length=4000, blank=True)
    description_en = models.TextField(_("description (English)"), max_length=4000, blank=True)
    ordering = models.PositiveSmallIntegerField(_("order"), default=0)

    class Meta:
        verbose_name = _("grant programme")
        verbose_name_plural = _("grant programmes")
        ordering = ["ordering", "slug"]

    @property
    def description(self) -> str:
        return translated(self, "description")


class GrantRoundQuerySet(models.QuerySet):
    def announced(self):
        """Rounds residents see: announced by a grants officer (drafts are not)."""
        return self.filter(announced_at__isnull=False)

    def open(self, now=None):
        now = now or timezone.now()
        return self.announced().filter(opens_at__lte=now, closes_at__gt=now)


class GrantRound(models.Model):
    class State(models.TextChoices):
        DRAFT = "draft", _("Draft")
        UPCOMING = "upcoming", _("Opens later")
        OPEN = "open", _("Open for applications")
        CLOSED = "closed", _("Closed, in review")
        DECIDED = "decided", _("Decided")
        PUBLISHED = "published", _("Decisions published")
        REPORTED = "reported", _("Use of the grants reported")

    programme = models.ForeignKey(
        GrantProgramme,
        verbose_name=_("programme"),
        on_delete=models.PROTECT,
        related_name="rounds",
    )
    slug = models.SlugField(_("address name"), max_length=80, unique=True)
    title_fi = models.CharField(_("title (Finnish)"), max_length=200)
    title_sv = models.CharField(_("title (Swedish)"), max_length=200, blank=True)
    title_en = models.CharField(_("title (English)"), max_length=200, blank=True)
    description_fi = models.TextField(_("description (Finnish)"), max_length=8000, blank=True)
    description_sv = models.TextField(_("description (Swedish)"), max_length=8000, blank=True)
    description_en = models.TextField(_("description (English)"), max_length=8000, blank=True)
    criteria_fi = models.TextField(_("criteria (Finnish)"), max_length=8000, blank=True)
    criteria_sv = models.TextField(_("criteria (Swedish)"), max_length=8000, blank=True)
    criteria_en = models.TextField(_("criteria (English)"), max_length=8000, blank=True)

    budget = models.DecimalField(
        _("total budget"), **MONEY, validators=[MinValueValidator(Decimal("0.01"))]
    )
    max_grant = models.DecimalField(
        _("largest single grant"),
        **MONEY,
        null=True,
        blank=True,
        validators=[MinValueValidator(Decimal("0.01"))],
    )
    eligible_categories = models.ManyToManyField(
        Category,
        verbose_name=_("eligible fields of activity"),
        blank=True,
        related_name="grant_rounds",
        help_text=_("Leave empty when associations of every field may apply."),
    )
    opens_at = models.DateTimeField(_("opens"))
    closes_at = models.DateTimeField(_("closes"))
    decision_planned_on = models.DateField(_("decision planned for"), null=True, blank=True)
    deciding_body = models.CharField(
        _("deciding body"), max_length=200, help_text=_("For example the culture board.")
    )
    # How long after being told of the decision an applicant may ask for a review
    # (oikaisuvaatimus): 14 days in the Local Government Act.
    review_period_days = models.PositiveSmallIntegerField(_("days to ask for a review"), default=14)
    use_report_due_on = models.DateField(
        _("use reports due"),
        null=True,
        blank=True,
        help_text=_("When the associations granted money report how they used it."),
    )

    # Set by the workflow only (grants.rounds / grants.deciding), never edited by hand.
    announced_at = models.DateTimeField(_("announced"), null=True, blank=True, editable=False)
    decided_at = models.DateTimeField(_("decided"), null=True, blank=True, editable=False)
    decisions_published_at = models.DateTimeField(
        _("decisions published"), null=True, blank=True, editable=False
    )
    reported_at = models.DateTimeField(_("all use reported"), null=True, blank=True, editable=False)

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

    objects = GrantRoundQuerySet.as_manager()

    class Meta:
        verbose_name = _("grant round")
        verbose_name_plural = _("grant rounds")
        ordering = ["-opens_at", "id"]
        constraints = [
            models.CheckConstraint(
                condition=Q(closes_at__gt=F("opens_at")), name="round_closes_after_it_opens"
            ),
            models.CheckConstraint(
                condition=Q(max_grant__isnull=True) | Q(max_grant__lte=F("budget")),
                name="round_largest_grant_within_budget",
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
    def criteria(self) -> str:
        return translated(self, "criteria")

    def state_at(self, now=None) -> str:
        """The round's state now: the workflow's marks first, then the clock."""
        now = now or timezone.now()
        if self.reported_at:
            return self.State.REPORTED
        if self.decisions_published_at:
            return self.State.PUBLISHED
        if self.decided_at:
            return self.State.DECIDED
        if self.announced_at is None:
            return self.State.DRAFT
        if now < self.opens_at:
            return self.State.UPCOMING
        if now < self.closes_at:
            return self.State.OPEN
        return self.State.CLOSED

    @property
    def state(self) -> str:
        return self.state_at()

    def get_state_display(self) -> str:
        return self.State(self.state).label

    def is_open(self, now=None) -> bool:
        return self.state_at(now) == self.State.OPEN


def guideline_path(instance: GuidelineAttachment, filename: str) -> str:
    return f"grants/guidelines/{instance.round_id}/{filename}"


class GuidelineAttachment(models.Model):
    """A public document of a round: guidelines, a budget template, the criteria in full."""

    round = models.ForeignKey(
        GrantRound,
        verbose_name=_("round"),
        on_delete=models.CASCADE,
        related_name="guidelines",
    )
    file = models.FileField(_("file"), upload_to=guideline_path, max_length=300)
    title = models.CharField(_("title"), max_length=200)
    size = models.PositiveIntegerField(_("size in bytes"))
    uploaded_at = models.DateTimeField(_("uploaded"), default=timezone.now)

    class Meta:
        verbose_name = _("guideline attachment")
        verbose_name_plural = _("guideline attachments")
        ordering = ["uploaded_at", "id"]

    def __str__(self) -> str:
        return self.title
