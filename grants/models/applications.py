"""Applications: one per association per round, with a budget of income and expense
rows, private attachments, and the officers' internal comments and proposal."""

from __future__ import annotations

from decimal import Decimal

from django.conf import settings
from django.core.files.storage import storages
from django.core.validators import MinValueValidator
from django.db import models
from django.db.models import Q
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from associations.models import Association
from grants.models.rounds import MONEY, GrantRound
from yhdistystori.decisions import Decided

PURPOSE_MAX_LENGTH = 4000


def private_storage():
    """Where files only some people may open are kept: never served as public media."""
    return storages["private"]


class ApplicationQuerySet(models.QuerySet):
    def submitted(self):
        return self.filter(status=Application.Status.SUBMITTED)


class Application(Decided):
    """An association's application to a round.

    `status` is the applicant's side (draft, submitted, withdrawn); the officers' review
    is the proposal here and the decisions in GrantDecision. Decided's fields hold the
    last change of status, and StateChange keeps them all.
    """

    class Status(models.TextChoices):
        DRAFT = "draft", _("Draft")
        SUBMITTED = "submitted", _("Submitted")
        WITHDRAWN = "withdrawn", _("Withdrawn")

    round = models.ForeignKey(
        GrantRound, verbose_name=_("round"), on_delete=models.PROTECT, related_name="applications"
    )
    association = models.ForeignKey(
        Association,
        verbose_name=_("association"),
        on_delete=models.PROTECT,
        related_name="grant_applications",
    )
    requested_amount = models.DecimalField(
        _("amount applied for"),
        **MONEY,
        null=True,
        blank=True,
        validators=[MinValueValidator(Decimal("0.01"))],
    )
    purpose = models.TextField(
        _("what the grant is for"), max_length=PURPOSE_MAX_LENGTH, blank=True
    )
    other_funding = models.TextField(
        _("other funding"),
        max_length=2000,
        blank=True,
        help_text=_("Other grants applied for or received for the same purpose."),
    )
    contact_name = models.CharField(_("contact person"), max_length=200, blank=True)
    contact_email = models.EmailField(_("contact email"), blank=True)
    status = models.CharField(
        _("status"), max_length=10, choices=Status.choices, default=Status.DRAFT
    )
    submitted_at = models.DateTimeField(_("submitted"), null=True, blank=True)
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

    # The officers' proposal (esitys), before the deciding body decides.
    proposed_amount = models.DecimalField(
        _("proposed amount"),
        **MONEY,
        null=True,
        blank=True,
        validators=[MinValueValidator(Decimal("0"))],
    )
    proposal_rationale = models.TextField(
        _("rationale of the proposal"), max_length=4000, blank=True
    )
    proposed_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("proposed by"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    proposed_at = models.DateTimeField(_("proposed"), null=True, blank=True)

    # The use report (käyttöselvitys) of a granted application.
    use_report_due_on = models.DateField(_("use report due"), null=True, blank=True)
    use_report_reminded_at = models.DateTimeField(
        _("reminded of the use report"), null=True, blank=True
    )
    use_report_overdue_reminded_at = models.DateTimeField(
        _("reminded of the overdue use report"), null=True, blank=True
    )

    objects = ApplicationQuerySet.as_manager()

    class Meta:
        verbose_name = _("grant application")
        verbose_name_plural = _("grant applications")
        ordering = ["round", "association__name", "id"]
        constraints = [
            models.UniqueConstraint(
                fields=["round", "association"], name="one_application_per_association_per_round"
            ),
            models.CheckConstraint(
                condition=Q(proposed_amount__isnull=True)
                | Q(requested_amount__isnull=True)
                | Q(proposed_amount__lte=models.F("requested_amount")),
                name="proposal_at_most_what_was_asked",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.association} – {self.round}"


class BudgetRow(models.Model):
    """One line of an application's budget: an income or an expense."""

    class Kind(models.TextChoices):
        INCOME = "income", _("Income")
        EXPENSE = "expense", _("Expense")

    application = models.ForeignKey(
        Application, verbose_name=_("application"), on_delete=models.CASCADE, related_name="budget"
    )
    kind = models.CharField(_("kind"), max_length=7, choices=Kind.choices)
    description = models.CharField(_("what"), max_length=200)
    amount = models.DecimalField(_("amount"), **MONEY, validators=[MinValueValidator(Decimal("0"))])
    position = models.PositiveSmallIntegerField(_("order"), default=0)

    class Meta:
        verbose_name = _("budget row")
        verbose_name_plural = _("budget rows")
        ordering = ["kind", "position", "id"]

    def __str__(self) -> str:
        return f"{self.description}: {self.amount}"


def application_file_path(instance: ApplicationAttachment, filename: str) -> str:
    return f"grants/applications/{instance.application_id}/{filename}"


class ApplicationAttachment(models.Model):
    """A PDF or an image attached to an application; private to the association's
    editors and the grants officers, served only through a view that checks."""

    application = models.ForeignKey(
        Application,
        verbose_name=_("application"),
        on_delete=models.CASCADE,
        related_name="attachments",
    )
    file = models.FileField(
        _("file"), upload_to=application_file_path, storage=private_storage, max_length=300
    )
    title = models.CharField(_("title"), max_length=200)
    content_type = models.CharField(_("type"), max_length=50)
    size = models.PositiveIntegerField(_("size in bytes"))
    uploaded_at = models.DateTimeField(_("uploaded"), default=timezone.now)

    class Meta:
        verbose_name = _("application attachment")
        verbose_name_plural = _("application attachments")
        ordering = ["uploaded_at", "id"]

    def __str__(self) -> str:
        return self.title


class InternalComment(models.Model):
    """A grants officer's note on an application; never shown to the applicant."""

    application = models.ForeignKey(
        Application,
        verbose_name=_("application"),
        on_delete=models.CASCADE,
        related_name="comments",
    )
    author = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("written by"),
        null=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    text = models.TextField(_("comment"), max_length=4000)
    created_at = models.DateTimeField(_("written"), default=timezone.now)

    class Meta:
        verbose_name = _("internal comment")
        verbose_name_plural = _("internal comments")
        ordering = ["created_at", "id"]

    def __str__(self) -> str:
        return self.text[:60]
