"""What goes into a meeting and what comes of it: topics proposed before, the memo's
attachments, and follow-up items with their dated status notes."""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from associations.models import Association
from events.models.series import Occurrence

TOPIC_TITLE_MAX_LENGTH = 200
TOPIC_TEXT_MAX_LENGTH = 2000


class Topic(models.Model):
    """A discussion topic someone proposed for an occurrence; the organiser puts it on
    the agenda (with a place in it) or declines it."""

    class Status(models.TextChoices):
        PROPOSED = "proposed", _("Proposed")
        ON_AGENDA = "agenda", _("On the agenda")
        DECLINED = "declined", _("Not taken up")

    occurrence = models.ForeignKey(
        Occurrence, verbose_name=_("occurrence"), on_delete=models.CASCADE, related_name="topics"
    )
    title = models.CharField(_("topic"), max_length=TOPIC_TITLE_MAX_LENGTH)
    description = models.TextField(_("more about it"), max_length=TOPIC_TEXT_MAX_LENGTH, blank=True)
    proposed_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("proposed by"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    # Set when a registrant without an account proposed it through their own link.
    proposed_by_registration = models.ForeignKey(
        "events.Registration",
        verbose_name=_("proposed by registrant"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="topics",
    )
    association = models.ForeignKey(
        Association,
        verbose_name=_("on behalf of"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="event_topics",
    )
    status = models.CharField(
        _("status"), max_length=10, choices=Status.choices, default=Status.PROPOSED
    )
    agenda_position = models.PositiveIntegerField(_("place on the agenda"), null=True, blank=True)
    created_at = models.DateTimeField(_("proposed"), default=timezone.now)

    class Meta:
        verbose_name = _("topic")
        verbose_name_plural = _("topics")
        ordering = ["agenda_position", "created_at", "id"]

    def __str__(self) -> str:
        return self.title


def memo_attachment_path(instance: MemoAttachment, filename: str) -> str:
    return f"events/memos/{instance.occurrence_id}/{filename}"


class MemoAttachment(models.Model):
    """A PDF attached to a meeting's memo; its type is checked from the content."""

    occurrence = models.ForeignKey(
        Occurrence,
        verbose_name=_("occurrence"),
        on_delete=models.CASCADE,
        related_name="memo_attachments",
    )
    file = models.FileField(_("file"), upload_to=memo_attachment_path, max_length=300)
    title = models.CharField(_("title"), max_length=200)
    size = models.PositiveIntegerField(_("size in bytes"))
    uploaded_at = models.DateTimeField(_("uploaded"), default=timezone.now)

    class Meta:
        verbose_name = _("memo attachment")
        verbose_name_plural = _("memo attachments")
        ordering = ["uploaded_at", "id"]

    def __str__(self) -> str:
        return self.title


class FollowUp(models.Model):
    """Something raised at a meeting that somebody in the city answers for."""

    class Status(models.TextChoices):
        OPEN = "open", _("Open")
        IN_PROGRESS = "in_progress", _("In progress")
        DONE = "done", _("Done")
        NOT_PURSUED = "not_pursued", _("Not pursued")

    occurrence = models.ForeignKey(
        Occurrence,
        verbose_name=_("raised at"),
        on_delete=models.CASCADE,
        related_name="follow_ups",
    )
    title = models.CharField(_("what was raised"), max_length=300)
    description = models.TextField(_("more about it"), max_length=4000, blank=True)
    responsible = models.CharField(
        _("who in the city answers for it"),
        max_length=200,
        help_text=_("A person's title or a unit, e.g. the city planner or Sports services."),
    )
    status = models.CharField(
        _("status"), max_length=12, choices=Status.choices, default=Status.OPEN
    )
    created_at = models.DateTimeField(_("recorded"), default=timezone.now)
    updated_at = models.DateTimeField(_("updated"), default=timezone.now)

    class Meta:
        verbose_name = _("follow-up")
        verbose_name_plural = _("follow-ups")
        ordering = ["created_at", "id"]
        indexes = [models.Index(fields=["status"], name="follow_up_status")]

    def __str__(self) -> str:
        return self.title


class FollowUpNote(models.Model):
    """A dated note on a follow-up, with the status it set: its public history."""

    follow_up = models.ForeignKey(
        FollowUp, verbose_name=_("follow-up"), on_delete=models.CASCADE, related_name="notes"
    )
    status = models.CharField(_("status"), max_length=12, choices=FollowUp.Status.choices)
    note = models.TextField(_("note"), max_length=4000, blank=True)
    date = models.DateField(_("date"), default=timezone.localdate)
    written_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("written by"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    created_at = models.DateTimeField(_("written"), default=timezone.now)

    class Meta:
        verbose_name = _("follow-up note")
        verbose_name_plural = _("follow-up notes")
        ordering = ["date", "created_at", "id"]

    def __str__(self) -> str:
        return f"{self.follow_up} {self.date}"
