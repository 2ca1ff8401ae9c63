"""The record of changes to profiles, residents' reports and the liaison's actions."""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from associations.models.directory import Association
from yhdistystori.decisions import REASON_MAX_LENGTH, Decided

# Changing these on a published profile waits for the liaison: they identify the
# association, and a wrong one would attach the profile to another association.
FIELDS_NEEDING_APPROVAL = ("name", "register_number", "business_id")


class ProfileChangeQuerySet(models.QuerySet):
    def pending(self):
        return self.filter(status=ProfileChange.Status.PENDING)

    def feed(self):
        """Changes to published profiles, newest first: the liaison's change feed."""
        return self.filter(to_published=True).exclude(status=ProfileChange.Status.PENDING)


class ProfileChange(Decided):
    """One save of a profile: who changed which fields from what to what.

    `changes` is a list of {"field", "old", "new"}: the raw values (a list of ids for
    categories and the like, the file name for the logo) to revert or apply the
    change; lists of terms also carry "old_names" and "new_names" to show it.
    """

    class Status(models.TextChoices):
        APPLIED = "applied", _("Live")
        PENDING = "pending", _("Waiting for the liaison")
        REJECTED = "rejected", _("Rejected")
        REVERTED = "reverted", _("Reverted")

    association = models.ForeignKey(
        Association,
        verbose_name=_("association"),
        on_delete=models.CASCADE,
        related_name="changes",
    )
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("changed by"),
        null=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    created_at = models.DateTimeField(_("changed"), default=timezone.now)
    changes = models.JSONField(_("changes"), default=list)
    status = models.CharField(
        _("status"), max_length=10, choices=Status.choices, default=Status.APPLIED
    )
    # The profile's version after this change (pending ones: when they were asked for).
    version = models.PositiveIntegerField(_("version"))
    to_published = models.BooleanField(_("made to a published profile"), default=False)

    objects = ProfileChangeQuerySet.as_manager()

    class Meta:
        verbose_name = _("profile change")
        verbose_name_plural = _("profile changes")
        ordering = ["-created_at", "-id"]
        indexes = [
            models.Index(fields=["association", "-created_at"], name="change_history"),
            models.Index(
                fields=["-created_at"], condition=Q(to_published=True), name="change_feed"
            ),
            models.Index(fields=["created_at"], condition=Q(status="pending"), name="change_queue"),
        ]

    def __str__(self) -> str:
        return f"{self.association} {self.created_at:%Y-%m-%d %H:%M}"

    @property
    def field_names(self) -> list[str]:
        return [change["field"] for change in self.changes]

    @property
    def rows(self) -> list[dict]:
        """The changes with each field's label, for templates."""
        return [{**change, "label": field_label(change["field"])} for change in self.changes]


def field_label(name: str) -> str:
    try:
        return str(Association._meta.get_field(name).verbose_name)
    except Exception:  # a field removed since the change was recorded
        return name


class ReportQuerySet(models.QuerySet):
    def open(self):
        return self.filter(status=Report.Status.OPEN)


class Report(Decided):
    """A resident's report that a listing is wrong, defunct or inappropriate."""

    class Reason(models.TextChoices):
        INCORRECT = "incorrect", _("The information is wrong or out of date")
        INACTIVE = "inactive", _("The association no longer operates")
        INAPPROPRIATE = "inappropriate", _("The content is inappropriate or offensive")
        IMPERSONATION = "impersonation", _("The listing is not made by the association")
        OTHER = "other", _("Something else")

    class Status(models.TextChoices):
        OPEN = "open", _("Open")
        RESOLVED = "resolved", _("Handled")
        DISMISSED = "dismissed", _("Dismissed")

    association = models.ForeignKey(
        Association,
        verbose_name=_("association"),
        on_delete=models.CASCADE,
        related_name="reports",
    )
    reason = models.CharField(_("reason"), max_length=20, choices=Reason.choices)
    message = models.TextField(_("what is wrong"), max_length=4000)
    contact = models.CharField(
        _("your contact details (optional)"),
        max_length=200,
        blank=True,
        help_text=_("An email address or phone number, if the liaison may ask you more."),
    )
    reporter = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("reported by"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    language = models.CharField(_("language"), max_length=5, default="fi")
    created_at = models.DateTimeField(_("reported"), default=timezone.now)
    status = models.CharField(
        _("status"), max_length=10, choices=Status.choices, default=Status.OPEN
    )

    objects = ReportQuerySet.as_manager()

    class Meta:
        verbose_name = _("report")
        verbose_name_plural = _("reports")
        ordering = ["created_at", "id"]
        indexes = [
            models.Index(fields=["created_at"], condition=Q(status="open"), name="report_queue"),
        ]

    def __str__(self) -> str:
        return f"{self.association}: {self.get_reason_display()}"


class ModerationAction(models.Model):
    """One thing a liaison did, with the reason given: the desk's audit record."""

    class Action(models.TextChoices):
        APPROVE_LISTING = "approve_listing", _("Approved a new listing")
        REJECT_LISTING = "reject_listing", _("Returned a listing to its editors")
        HIDE = "hide", _("Hid a profile")
        RESTORE = "restore", _("Published a hidden profile again")
        APPROVE_CLAIM = "approve_claim", _("Approved a claim")
        REJECT_CLAIM = "reject_claim", _("Rejected a claim")
        APPROVE_CHANGE = "approve_change", _("Approved a change")
        REJECT_CHANGE = "reject_change", _("Rejected a change")
        REVERT_CHANGE = "revert_change", _("Reverted a change")
        RESOLVE_REPORT = "resolve_report", _("Handled a report")
        DISMISS_REPORT = "dismiss_report", _("Dismissed a report")
        MARK_VERIFIED = "mark_verified", _("Confirmed a stale profile")
        ORPHANED = "orphaned", _("Profile hidden: its last editor left")

    action = models.CharField(_("action"), max_length=20, choices=Action.choices)
    actor = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("by"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    association = models.ForeignKey(
        Association,
        verbose_name=_("association"),
        null=True,
        on_delete=models.SET_NULL,
        related_name="moderation_actions",
    )
    association_name = models.CharField(_("association"), max_length=200)
    reason = models.TextField(_("reason"), blank=True, max_length=REASON_MAX_LENGTH)
    claim = models.ForeignKey(
        "associations.Claim", null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    report = models.ForeignKey(
        Report, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    change = models.ForeignKey(
        ProfileChange, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    created_at = models.DateTimeField(_("when"), default=timezone.now)

    class Meta:
        verbose_name = _("moderation action")
        verbose_name_plural = _("moderation actions")
        ordering = ["-created_at", "-id"]

    def __str__(self) -> str:
        return f"{self.get_action_display()}: {self.association_name}"

    @classmethod
    def note_for(cls, association: Association) -> ModerationAction | None:
        """Why the liaison returned or hid this profile, if that is its current state."""
        actions = NOTE_ACTIONS.get(association.status)
        if not actions:
            return None
        return association.moderation_actions.filter(action__in=actions).first()


# The actions whose reason the editors see while their profile is in that state.
NOTE_ACTIONS = {
    Association.Status.DRAFT: [ModerationAction.Action.REJECT_LISTING],
    Association.Status.HIDDEN: [ModerationAction.Action.HIDE, ModerationAction.Action.ORPHANED],
}
