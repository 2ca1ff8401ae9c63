"""Who may edit an association's profile: memberships, invitations and claims."""

from __future__ import annotations

import hashlib
import secrets
from datetime import timedelta

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.db.models.functions import Length
from django.db.models.lookups import LessThanOrEqual
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from associations.models.directory import Association
from yhdistystori.decisions import Decided

INVITATION_VALID_FOR = timedelta(days=14)


class Membership(models.Model):
    """A user who edits an association's profile. Every edited association keeps one owner."""

    class Role(models.TextChoices):
        OWNER = "owner", _("Owner")
        EDITOR = "editor", _("Editor")

    association = models.ForeignKey(
        Association,
        verbose_name=_("association"),
        on_delete=models.CASCADE,
        related_name="memberships",
    )
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("user"),
        on_delete=models.CASCADE,
        related_name="memberships",
    )
    role = models.CharField(_("role"), max_length=10, choices=Role.choices, default=Role.EDITOR)
    created_at = models.DateTimeField(_("since"), default=timezone.now)

    class Meta:
        verbose_name = _("editor")
        verbose_name_plural = _("editors")
        ordering = ["created_at", "id"]
        constraints = [
            models.UniqueConstraint(
                fields=["association", "user"], name="membership_one_per_user_and_association"
            ),
        ]

    def __str__(self) -> str:
        return f"{self.user} – {self.association} ({self.get_role_display()})"

    @property
    def is_owner(self) -> bool:
        return self.role == self.Role.OWNER


def hash_token(token: str) -> str:
    return hashlib.sha256(token.encode()).hexdigest()


class InvitationQuerySet(models.QuerySet):
    def open(self):
        return self.filter(accepted_at=None, revoked_at=None, expires_at__gt=timezone.now())


class Invitation(models.Model):
    """An owner's invitation to edit a profile, sent by email. The link works once, for 14 days.

    Only a hash of the token is stored: a database leak does not give working links.
    """

    association = models.ForeignKey(
        Association,
        verbose_name=_("association"),
        on_delete=models.CASCADE,
        related_name="invitations",
    )
    email = models.EmailField(_("email"))
    token_hash = models.CharField(max_length=64, unique=True, editable=False)
    invited_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("invited by"),
        null=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    created_at = models.DateTimeField(_("sent"), default=timezone.now)
    expires_at = models.DateTimeField(_("expires"))
    accepted_at = models.DateTimeField(_("accepted"), null=True, blank=True)
    accepted_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("accepted by"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    revoked_at = models.DateTimeField(_("cancelled"), null=True, blank=True)

    objects = InvitationQuerySet.as_manager()

    class Meta:
        verbose_name = _("invitation")
        verbose_name_plural = _("invitations")
        ordering = ["-created_at"]

    def __str__(self) -> str:
        return f"{self.email} → {self.association}"

    @classmethod
    def new(cls, *, association: Association, email: str, invited_by) -> tuple[Invitation, str]:
        """An unsaved invitation and the token for its link (shown once, never stored)."""
        token = secrets.token_urlsafe(32)
        now = timezone.now()
        invitation = cls(
            association=association,
            email=email,
            token_hash=hash_token(token),
            invited_by=invited_by,
            created_at=now,
            expires_at=now + INVITATION_VALID_FOR,
        )
        return invitation, token

    @classmethod
    def find(cls, token: str) -> Invitation | None:
        return (
            cls.objects.select_related("association").filter(token_hash=hash_token(token)).first()
        )

    def is_addressed_to(self, user) -> bool:
        """Whether `user` has proved they own the invited address (verified, any case).

        The link alone is not enough: an email forwarded or a link leaked would let
        anyone edit the profile.
        """
        from allauth.account.models import EmailAddress

        if not user.is_authenticated:
            return False
        # The account's own address counts only once verified too: allauth keeps that
        # mark on its EmailAddress row.
        return EmailAddress.objects.filter(
            user=user, email__iexact=self.email, verified=True
        ).exists()

    @property
    def masked_email(self) -> str:
        """The invited address with the name hidden but its first letter: m***@example.fi."""
        local, _at, domain = self.email.partition("@")
        return f"{local[:1]}***@{domain}"

    @property
    def is_expired(self) -> bool:
        return timezone.now() >= self.expires_at

    @property
    def closed_reason(self) -> str:
        """Why the link no longer works, for the person who opens it; "" while it works."""
        if self.accepted_at is not None:
            return _("This invitation has been used already. Ask for a new invitation.")
        if self.revoked_at is not None:
            return _("This invitation has been cancelled. Ask for a new invitation.")
        if self.is_expired:
            return _("This invitation has expired. Ask for a new invitation.")
        return ""


class ClaimQuerySet(models.QuerySet):
    def pending(self):
        return self.filter(status=Claim.Status.PENDING)


CLAIM_MESSAGE_MAX_LENGTH = 2000


class Claim(Decided):
    """Someone from an association asks to take over a listing the city imported or created."""

    class Status(models.TextChoices):
        PENDING = "pending", _("Waiting for the liaison")
        APPROVED = "approved", _("Approved")
        REJECTED = "rejected", _("Rejected")

    association = models.ForeignKey(
        Association,
        verbose_name=_("association"),
        on_delete=models.CASCADE,
        related_name="claims",
    )
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("claimant"),
        on_delete=models.CASCADE,
        related_name="claims",
    )
    position = models.CharField(
        _("your role in the association"),
        max_length=200,
        help_text=_("For example chair, secretary or board member."),
    )
    message = models.TextField(
        _("message to the liaison"),
        blank=True,
        max_length=CLAIM_MESSAGE_MAX_LENGTH,
        help_text=_(
            "Anything that helps the liaison confirm that you represent the association. "
            "At most 2000 characters."
        ),
    )
    status = models.CharField(
        _("status"), max_length=10, choices=Status.choices, default=Status.PENDING
    )
    created_at = models.DateTimeField(_("sent"), default=timezone.now)

    objects = ClaimQuerySet.as_manager()

    class Meta:
        verbose_name = _("claim")
        verbose_name_plural = _("claims")
        ordering = ["created_at", "id"]
        constraints = [
            models.CheckConstraint(
                condition=LessThanOrEqual(Length("message"), CLAIM_MESSAGE_MAX_LENGTH),
                name="claim_message_length",
            ),
            models.UniqueConstraint(
                fields=["association", "user"],
                condition=Q(status="pending"),
                name="claim_one_pending_per_user",
                violation_error_message=_("You have already asked to take over this listing."),
            ),
        ]
        indexes = [
            models.Index(fields=["created_at"], condition=Q(status="pending"), name="claim_queue"),
        ]

    def __str__(self) -> str:
        return f"{self.user} → {self.association}"
