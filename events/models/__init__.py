"""The events app's data: series and their occurrences, registrations, and what a
meeting leaves behind (topics, memo, follow-ups)."""

from events.models.meetings import FollowUp, FollowUpNote, MemoAttachment, Topic
from events.models.registrations import Registration
from events.models.series import EventReport, EventSeries, Occurrence

__all__ = [
    "EventReport",
    "EventSeries",
    "FollowUp",
    "FollowUpNote",
    "MemoAttachment",
    "Occurrence",
    "Registration",
    "Topic",
]
