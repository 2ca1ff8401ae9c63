"""Decisions on applications and their corrections, use reports, and the record of every
state change of a round or an application."""

from __future__ import annotations

from decimal import Decimal

from django.conf import settings
from django.core.validators import MinValueValidator
from django.db import models
from django.db.models import Q
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from grants.models.applications import Application, private_storage
from grants.models.rounds import MONEY, GrantRound
from yhdistystori.decisions import Decided


class GrantDecisionQuerySet(models.QuerySet):
    def current(self):
        """The decisions in force: each application's latest, corrections included."""
        return self.filter(is_current=True)

    def published(self):
        return self.filter(published_at__isnull=False)


class GrantDecision(models.Model):
    """The deciding body's decision (päätös) on one application: the amount granted (0
    when refused), the rationale, the date and the section (§) of the minutes.

    A published decision is never edited: a correction is a new entry that names the
    one it corrects and why; both stay visible, and only the newest is current.
    """

    application = models.ForeignKey(
        Application,
        verbose_name=_("application"),
        on_delete=models.PROTECT,
        related_name="decisions",
    )
    amount = models.DecimalField(
        _("amount granted"), **MONEY, validators=[MinValueValidator(Decimal("0"))]
    )
    rationale = models.TextField(_("rationale"), max_length=4000, blank=True)
    decided_on = models.DateField(_("date of the decision"))
    section = models.CharField(
        _("section of the minutes"), max_length=20, blank=True, help_text=_("For example 45 §.")
    )
    deciding_body = models.CharField(_("deciding body"), max_length=200)
    is_current = models.BooleanField(_("in force"), default=True)
    corrects = models.ForeignKey(
        "self",
        verbose_name=_("corrects"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="corrections",
    )
    correction_reason = models.TextField(
        _("reason for the correction"), max_length=2000, blank=True
    )
    recorded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("recorded by"),
        null=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    recorded_at = models.DateTimeField(_("recorded"), default=timezone.now)
    published_at = models.DateTimeField(_("published"), null=True, blank=True)

    objects = GrantDecisionQuerySet.as_manager()

    class Meta:
        verbose_name = _("grant decision")
        verbose_name_plural = _("grant decisions")
        ordering = ["recorded_at", "id"]
        constraints = [
            models.UniqueConstraint(
                fields=["application"],
                condition=Q(is_current=True),
                name="one_current_decision_per_application",
            ),
            models.CheckConstraint(
                condition=Q(corrects__isnull=True) | ~Q(correction_reason=""),
                name="a_correction_says_why",
            ),
        ]
        indexes = [
            models.Index(
                fields=["-decided_on", "id"],
                condition=Q(is_current=True, published_at__isnull=False),
                name="published_current_decisions",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.application}: {self.amount} €"


class UseReport(Decided):
    """How an association used a grant (käyttöselvitys); the officer accepts it or asks
    for more with a reason (Decided's fields)."""

    class Status(models.TextChoices):
        SUBMITTED = "submitted", _("Waiting for the officer")
        ACCEPTED = "accepted", _("Accepted")
        MORE_REQUESTED = "more", _("More information asked for")

    application = models.ForeignKey(
        Application,
        verbose_name=_("application"),
        on_delete=models.PROTECT,
        related_name="use_reports",
    )
    text = models.TextField(_("how the grant was used"), max_length=8000)
    amount_used = models.DecimalField(
        _("amount used"), **MONEY, validators=[MinValueValidator(Decimal("0"))]
    )
    total_costs = models.DecimalField(
        _("total costs of the activity"),
        **MONEY,
        null=True,
        blank=True,
        validators=[MinValueValidator(Decimal("0"))],
    )
    status = models.CharField(
        _("status"), max_length=10, choices=Status.choices, default=Status.SUBMITTED
    )
    submitted_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("submitted by"),
        null=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    submitted_at = models.DateTimeField(_("submitted"), default=timezone.now)

    class Meta:
        verbose_name = _("use report")
        verbose_name_plural = _("use reports")
        ordering = ["submitted_at", "id"]

    def __str__(self) -> str:
        return f"{self.application} ({self.get_status_display()})"


def use_report_file_path(instance: UseReportAttachment, filename: str) -> str:
    return f"grants/use-reports/{instance.use_report_id}/{filename}"


class UseReportAttachment(models.Model):
    use_report = models.ForeignKey(
        UseReport,
        verbose_name=_("use report"),
        on_delete=models.CASCADE,
        related_name="attachments",
    )
    file = models.FileField(
        _("file"), upload_to=use_report_file_path, storage=private_storage, max_length=300
    )
    title = models.CharField(_("title"), max_length=200)
    content_type = models.CharField(_("type"), max_length=50)
    size = models.PositiveIntegerField(_("size in bytes"))
    uploaded_at = models.DateTimeField(_("uploaded"), default=timezone.now)

    class Meta:
        verbose_name = _("use report attachment")
        verbose_name_plural = _("use report attachments")
        ordering = ["uploaded_at", "id"]

    def __str__(self) -> str:
        return self.title


class StateChange(Decided):
    """One change of state of a round or an application: from, to, and (Decided's
    fields) who, when and why. The audit trail an auditor reads."""

    round = models.ForeignKey(
        GrantRound,
        verbose_name=_("round"),
        null=True,
        blank=True,
        on_delete=models.CASCADE,
        related_name="state_changes",
    )
    application = models.ForeignKey(
        Application,
        verbose_name=_("application"),
        null=True,
        blank=True,
        on_delete=models.CASCADE,
        related_name="state_changes",
    )
    from_state = models.CharField(_("from"), max_length=20, blank=True)
    to_state = models.CharField(_("to"), max_length=20)
    # Decided's `status` is the state it changed to.
    status = models.CharField(_("status"), max_length=20)

    class Meta:
        verbose_name = _("state change")
        verbose_name_plural = _("state changes")
        ordering = ["decided_at", "id"]
        constraints = [
            models.CheckConstraint(
                condition=Q(round__isnull=False, application__isnull=True)
                | Q(round__isnull=True, application__isnull=False),
                name="a_change_of_a_round_or_an_application",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.from_state} → {self.to_state}"
