"""The grants app's data: programmes and rounds, applications with their budgets and
attachments, the review (comments, proposals), decisions and their corrections, use
reports, the record of every state change; and the support in kind: facilities and
their booking requests."""

from grants.models.applications import (
    Application,
    ApplicationAttachment,
    BudgetRow,
    InternalComment,
)
from grants.models.bookings import Booking, BookingRequest
from grants.models.decisions import (
    GrantDecision,
    StateChange,
    UseReport,
    UseReportAttachment,
)
from grants.models.facilities import Equipment, Facility, FacilityPhoto, OpeningHours, Room
from grants.models.rounds import GrantProgramme, GrantRound, GuidelineAttachment

__all__ = [
    "Application",
    "ApplicationAttachment",
    "Booking",
    "BookingRequest",
    "BudgetRow",
    "Equipment",
    "Facility",
    "FacilityPhoto",
    "GrantDecision",
    "GrantProgramme",
    "GrantRound",
    "GuidelineAttachment",
    "InternalComment",
    "OpeningHours",
    "Room",
    "StateChange",
    "UseReport",
    "UseReportAttachment",
]
