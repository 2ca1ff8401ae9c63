"""Things the city decides on, recorded the same way everywhere: who, when and why.

A model that waits for a decision (a claim, a requested change, a report, and later
grant applications, booking requests and registrations) inherits `Decided` and
has a `status` field of its own; `record_decision` is the one way to set them.
"""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

# A reason is a few sentences to the people it concerns; the desk's form says so.
REASON_MAX_LENGTH = 2000


class Decided(models.Model):
    decided_at = models.DateTimeField(_("decided"), null=True, blank=True)
    decided_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("decided by"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    decision_reason = models.TextField(_("reason"), blank=True, max_length=REASON_MAX_LENGTH)

    DECISION_FIELDS = ("status", "decided_at", "decided_by", "decision_reason")

    class Meta:
        abstract = True

    @property
    def is_decided(self) -> bool:
        return self.decided_at is not None

    def record_decision(self, *, status: str, by, reason: str = "", save: bool = True) -> None:
        """Set the new status with who decided, now, and the reason they gave.

        The caller holds the row's lock and has checked that the decision fits its state.
        """
        self.status = status
        self.decided_at = timezone.now()
        self.decided_by = by
        self.decision_reason = reason
        if save:
            self.save(update_fields=self.DECISION_FIELDS)
