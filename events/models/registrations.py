"""Registrations for an occurrence: confirmed while places last, then a waitlist.

No account is needed. The registrant's link to cancel carries a token of which
only the SHA-256 hash is stored (like the associations' invitations).
"""

from __future__ import annotations

import hashlib
import secrets

from django.db import models
from django.db.models import Q
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from associations.models import Association
from events.models.series import Occurrence

NEEDS_MAX_LENGTH = 500


def hash_token(token: str) -> str:
    return hashlib.sha256(token.encode()).hexdigest()


class RegistrationQuerySet(models.QuerySet):
    def confirmed(self):
        return self.filter(status=Registration.Status.CONFIRMED)

    def waitlisted(self):
        return self.filter(status=Registration.Status.WAITLISTED).order_by("created_at", "id")

    def active(self):
        return self.filter(
            status__in=[Registration.Status.CONFIRMED, Registration.Status.WAITLISTED]
        )


class Registration(models.Model):
    class Status(models.TextChoices):
        CONFIRMED = "confirmed", _("Confirmed")
        WAITLISTED = "waitlisted", _("On the waiting list")
        CANCELLED = "cancelled", _("Cancelled")

    occurrence = models.ForeignKey(
        Occurrence,
        verbose_name=_("occurrence"),
        on_delete=models.CASCADE,
        related_name="registrations",
    )
    name = models.CharField(_("name"), max_length=200)
    # Kept lower-case, so one address registers once whatever its case.
    email = models.EmailField(_("email"))
    association = models.ForeignKey(
        Association,
        verbose_name=_("association"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="event_registrations",
    )
    dietary_needs = models.TextField(_("dietary needs"), max_length=NEEDS_MAX_LENGTH, blank=True)
    accessibility_needs = models.TextField(
        _("accessibility needs"), max_length=NEEDS_MAX_LENGTH, blank=True
    )
    language = models.CharField(_("language"), max_length=5, default="fi")
    status = models.CharField(_("status"), max_length=10, choices=Status.choices)
    token_hash = models.CharField(max_length=64, unique=True, editable=False)
    created_at = models.DateTimeField(_("registered"), default=timezone.now)
    promoted_at = models.DateTimeField(_("moved off the waiting list"), null=True, blank=True)
    cancelled_at = models.DateTimeField(_("cancelled"), null=True, blank=True)
    # Set when the personal details are wiped after the meeting; the row stays for counts.
    anonymised_at = models.DateTimeField(_("details deleted"), null=True, blank=True)

    objects = RegistrationQuerySet.as_manager()

    class Meta:
        verbose_name = _("registration")
        verbose_name_plural = _("registrations")
        ordering = ["created_at", "id"]
        constraints = [
            models.UniqueConstraint(
                fields=["occurrence", "email"],
                condition=Q(status__in=["confirmed", "waitlisted"]) & ~Q(email=""),
                name="one_active_registration_per_email",
            ),
        ]
        indexes = [
            models.Index(fields=["occurrence", "status", "created_at"], name="registration_queue"),
        ]

    def __str__(self) -> str:
        return f"{self.name} – {self.occurrence}"

    @classmethod
    def new_token(cls) -> tuple[str, str]:
        """A token for the cancel link and its hash; the token itself is never stored."""
        token = secrets.token_urlsafe(32)
        return token, hash_token(token)

    @classmethod
    def find(cls, token: str) -> Registration | None:
        return (
            cls.objects.select_related("occurrence__series")
            .filter(token_hash=hash_token(token))
            .first()
        )
