"""The grants in the Django admin. Programmes are kept here; everything else changes only
through the workflows (the officers' pages), so the admin shows it read-only, and the
private attachments by their title, never as a link to a file."""

from django.contrib import admin
from django.utils.translation import gettext_lazy as _

from grants.models import (
    Application,
    ApplicationAttachment,
    BudgetRow,
    GrantDecision,
    GrantProgramme,
    GrantRound,
    GuidelineAttachment,
    InternalComment,
    StateChange,
    UseReport,
    UseReportAttachment,
)


@admin.register(GrantProgramme)
class GrantProgrammeAdmin(admin.ModelAdmin):
    list_display = ["name_fi", "slug", "ordering"]
    prepopulated_fields = {"slug": ["name_fi"]}


class ReadOnlyMixin:
    """Seen here, changed through the workflows, which check and record each change."""

    def has_add_permission(self, request, obj=None):
        return False

    def has_change_permission(self, request, obj=None):
        return False

    def has_delete_permission(self, request, obj=None):
        return False


class ReadOnlyInline(ReadOnlyMixin, admin.TabularInline):
    extra = 0
    can_delete = False


class GuidelineInline(ReadOnlyInline):
    model = GuidelineAttachment
    fields = ["title", "file", "size", "uploaded_at"]


class RoundStateChangeInline(ReadOnlyInline):
    model = StateChange
    fk_name = "round"
    fields = ["from_state", "to_state", "decided_at", "decided_by", "decision_reason"]


@admin.register(GrantRound)
class GrantRoundAdmin(ReadOnlyMixin, admin.ModelAdmin):
    list_display = ["title_fi", "programme", "opens_at", "closes_at", "state_display"]
    list_filter = ["programme"]
    search_fields = ["title_fi", "slug"]
    list_select_related = ["programme"]
    readonly_fields = [
        "announced_at",
        "decided_at",
        "decisions_published_at",
        "reported_at",
        "created_by",
        "created_at",
        "version",
    ]
    inlines = [GuidelineInline, RoundStateChangeInline]

    @admin.display(description=_("state"))
    def state_display(self, obj):
        return obj.get_state_display()


class BudgetRowInline(ReadOnlyInline):
    model = BudgetRow
    fields = ["kind", "description", "amount"]


class ApplicationAttachmentInline(ReadOnlyInline):
    # The file itself is private: its name only, no link that would not open anyway.
    model = ApplicationAttachment
    fields = ["title", "content_type", "size", "uploaded_at"]


class DecisionInline(ReadOnlyInline):
    model = GrantDecision
    fields = ["amount", "decided_on", "section", "is_current", "published_at", "correction_reason"]


@admin.register(Application)
class ApplicationAdmin(ReadOnlyMixin, admin.ModelAdmin):
    list_display = ["association", "round", "status", "requested_amount", "proposed_amount"]
    list_filter = ["status", "round__programme", "round"]
    search_fields = ["association__name", "round__title_fi"]
    list_select_related = ["association", "round"]
    exclude = ["use_report_reminded_at", "use_report_overdue_reminded_at"]
    inlines = [BudgetRowInline, ApplicationAttachmentInline, DecisionInline]


@admin.register(GrantDecision)
class GrantDecisionAdmin(ReadOnlyMixin, admin.ModelAdmin):
    list_display = ["application", "amount", "decided_on", "section", "is_current", "published_at"]
    list_filter = ["is_current", "deciding_body"]
    search_fields = ["application__association__name"]
    list_select_related = ["application__association", "application__round"]


class UseReportAttachmentInline(ReadOnlyInline):
    model = UseReportAttachment
    fields = ["title", "content_type", "size", "uploaded_at"]


@admin.register(UseReport)
class UseReportAdmin(ReadOnlyMixin, admin.ModelAdmin):
    list_display = ["application", "status", "amount_used", "submitted_at"]
    list_filter = ["status"]
    search_fields = ["application__association__name"]
    list_select_related = ["application__association", "application__round"]
    inlines = [UseReportAttachmentInline]


@admin.register(StateChange)
class StateChangeAdmin(ReadOnlyMixin, admin.ModelAdmin):
    list_display = ["decided_at", "round", "application", "from_state", "to_state", "decided_by"]
    list_select_related = ["round", "application__association", "application__round", "decided_by"]


@admin.register(GuidelineAttachment)
class GuidelineAttachmentAdmin(ReadOnlyMixin, admin.ModelAdmin):
    list_display = ["title", "round", "size", "uploaded_at"]
    list_select_related = ["round"]


@admin.register(BudgetRow)
class BudgetRowAdmin(ReadOnlyMixin, admin.ModelAdmin):
    list_display = ["application", "kind", "description", "amount"]
    list_select_related = ["application__association", "application__round"]


@admin.register(ApplicationAttachment)
class ApplicationAttachmentAdmin(ReadOnlyMixin, admin.ModelAdmin):
    list_display = ["title", "application", "content_type", "size", "uploaded_at"]
    fields = ["application", "title", "content_type", "size", "uploaded_at"]
    list_select_related = ["application__association", "application__round"]


@admin.register(UseReportAttachment)
class UseReportAttachmentAdmin(ReadOnlyMixin, admin.ModelAdmin):
    list_display = ["title", "use_report", "content_type", "size", "uploaded_at"]
    fields = ["use_report", "title", "content_type", "size", "uploaded_at"]
    list_select_related = ["use_report__application__association", "use_report__application__round"]


@admin.register(InternalComment)
class InternalCommentAdmin(ReadOnlyMixin, admin.ModelAdmin):
    list_display = ["application", "author", "created_at"]
    list_select_related = ["application__association", "application__round", "author"]


# The facilities' own admin pages.
from grants import facility_admin  # noqa: E402, F401
