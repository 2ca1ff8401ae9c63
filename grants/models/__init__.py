"""The grants app's data: programmes and rounds, applications with their budgets and
attachments, the review (comments, proposals), decisions and their corrections, use
reports, and the record of every state change."""

from grants.models.applications import (
    Application,
    ApplicationAttachment,
    BudgetRow,
    InternalComment,
)
from grants.models.decisions import (
    GrantDecision,
    StateChange,
    UseReport,
    UseReportAttachment,
)
from grants.models.rounds import GrantProgramme, GrantRound, GuidelineAttachment

__all__ = [
    "Application",
    "ApplicationAttachment",
    "BudgetRow",
    "GrantDecision",
    "GrantProgramme",
    "GrantRound",
    "GuidelineAttachment",
    "InternalComment",
    "StateChange",
    "UseReport",
    "UseReportAttachment",
]
