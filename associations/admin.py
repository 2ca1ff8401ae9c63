from django import forms
from django.contrib import admin
from django.db import models
from django.utils.translation import gettext, ngettext
from django.utils.translation import gettext_lazy as _

from associations import workflows
from associations.logos import LogoField
from associations.models import (
    PROFILE_FIELDS,
    PROFILE_RELATIONS,
    ActivityLanguage,
    Association,
    Category,
    Claim,
    District,
    Invitation,
    LiaisonContact,
    Membership,
    ModerationAction,
    ProfileChange,
    Report,
    TargetGroup,
)


@admin.register(Category, District, TargetGroup, ActivityLanguage)
class VocabularyAdmin(admin.ModelAdmin):
    list_display = ["name_fi", "name_sv", "name_en", "slug", "ordering"]
    list_editable = ["ordering"]
    search_fields = ["name_fi", "name_sv", "name_en", "slug"]
    prepopulated_fields = {"slug": ["name_fi"]}


class AssociationAdminForm(forms.ModelForm):
    """The admin builds the model fields from the fieldsets; this adds the checked upload
    and the version the form was opened at, so that a save never undoes one made since."""

    # Uploads go through the same checks and re-encoding as the editors' form.
    new_logo = LogoField(label=_("New logo"), required=False)
    base_version = forms.IntegerField(widget=forms.HiddenInput, required=False)

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        if self.instance.pk:
            self.initial.setdefault("base_version", self.instance.version)

    def clean(self):
        cleaned = super().clean()
        if self.instance.pk:
            current = Association.objects.filter(pk=self.instance.pk).values_list(
                "version", flat=True
            )
            if cleaned.get("base_version") != current.first():
                raise forms.ValidationError(CHANGED_MEANWHILE)
        return cleaned


CHANGED_MEANWHILE = _(
    "Someone saved this profile after you opened it. Open it again to see their changes, "
    "then make yours."
)


@admin.register(Association)
class AssociationAdmin(admin.ModelAdmin):
    """City staff edit a profile through the same workflows as its editors: the save is
    recorded for the change feed and locks the row, and the status changes only through
    the actions (publish, hide), which log the decision and tell the editors."""

    form = AssociationAdminForm
    list_display = [
        "name",
        "status",
        "municipality",
        "register_number",
        "business_id",
        "is_claimed",
        "last_verified_at",
        "updated_at",
    ]
    list_filter = [
        "status",
        "is_claimed",
        "accepts_new_members",
        "seeks_volunteers",
        "categories",
        "districts",
        ("last_verified_at", admin.EmptyFieldListFilter),
    ]
    search_fields = ["name", "alternate_name", "register_number", "business_id", "email"]
    list_select_related = True
    date_hierarchy = "updated_at"
    filter_horizontal = list(PROFILE_RELATIONS)
    readonly_fields = [
        "slug",
        "status",
        "is_claimed",
        "logo",
        "last_verified_at",
        "version",
        "created_at",
        "updated_at",
    ]
    actions = ["publish", "hide"]
    list_per_page = 50
    # An address typed without a scheme is taken as https://, as Django 6 will do.
    formfield_overrides = {models.URLField: {"assume_scheme": "https"}}
    fieldsets = [
        (None, {"fields": ["slug", "status", "is_claimed", "base_version"]}),
        (_("Profile"), {"fields": [*PROFILE_FIELDS, *PROFILE_RELATIONS, "logo", "new_logo"]}),
        (_("Record"), {"fields": ["last_verified_at", "version", "created_at", "updated_at"]}),
    ]

    def save_model(self, request, obj, form, change):
        data = form.cleaned_data
        values = {name: data[name] for name in PROFILE_FIELDS if name in data}
        relations = {name: list(data[name]) for name in PROFILE_RELATIONS if name in data}
        logo = data.get("new_logo")
        if change:
            workflows.profile_update(
                association=Association.objects.get(pk=obj.pk),
                user=request.user,
                base_version=data["base_version"],
                values=values,
                relations=relations,
                logo=logo,
            )
        else:
            created = workflows.association_create(
                user=request.user, values=values, relations=relations, logo=logo, by_city=True
            )
            obj.pk = created.pk
        # The admin's redirect and messages read the saved row.
        obj.refresh_from_db()

    def save_related(self, request, form, formsets, change):
        # The workflow saved the lists of terms with the profile; only inlines remain.
        for formset in formsets:
            self.save_formset(request, form, formset, change=change)

    @admin.action(description=_("Publish the selected associations"))
    def publish(self, request, queryset):
        # Through the desk's workflows: recorded in the log, editors told.
        count = 0
        for association in queryset:
            if association.status == Association.Status.HIDDEN:
                workflows.association_restore(association=association, liaison=request.user)
            elif association.status != Association.Status.PUBLISHED:
                workflows.association_approve(association=association, liaison=request.user)
            else:
                continue
            count += 1
        message = ngettext(
            "%(count)d association published.", "%(count)d associations published.", count
        )
        self.message_user(request, message % {"count": count})

    @admin.action(description=_("Hide the selected associations"))
    def hide(self, request, queryset):
        reason = gettext("Hidden by the city's staff in the administration.")
        count = 0
        for association in queryset.exclude(status=Association.Status.HIDDEN):
            workflows.association_hide(association=association, liaison=request.user, reason=reason)
            count += 1
        message = ngettext("%(count)d association hidden.", "%(count)d associations hidden.", count)
        self.message_user(request, message % {"count": count})


@admin.register(LiaisonContact)
class LiaisonContactAdmin(admin.ModelAdmin):
    list_display = ["name", "title_fi", "phone", "email", "is_active", "ordering"]
    list_filter = ["is_active", "categories", "districts"]
    list_editable = ["is_active", "ordering"]
    search_fields = ["name", "email", "title_fi"]
    filter_horizontal = ["categories", "districts"]
    autocomplete_fields = ["user"]


# --- editors, claims, reports and the liaison's record -------------------------------------
# Decisions are made on the liaison's desk (/moderation/), which runs the workflows and
# emails the people concerned; the admin is for looking things up and small fixes.


@admin.register(Membership)
class MembershipAdmin(admin.ModelAdmin):
    """Change a role or remove an editor. People become editors through an invitation or an
    approved claim, so that they have agreed to it; liaisons cannot browse user accounts."""

    list_display = ["association", "user", "role", "created_at"]
    list_filter = ["role"]
    search_fields = ["association__name", "user__email", "user__full_name"]
    readonly_fields = ["association", "user", "created_at"]
    list_select_related = ["association", "user"]

    def has_add_permission(self, request):
        return False


@admin.register(Invitation)
class InvitationAdmin(admin.ModelAdmin):
    list_display = ["email", "association", "invited_by", "created_at", "expires_at", "accepted_at"]
    search_fields = ["email", "association__name"]
    list_select_related = ["association", "invited_by"]
    # The token is stored only as a hash; an invitation is sent from the editors page.
    readonly_fields = ["association", "email", "invited_by", "created_at", "accepted_by"]
    exclude = ["token_hash"]

    def has_add_permission(self, request):
        return False


@admin.register(Claim)
class ClaimAdmin(admin.ModelAdmin):
    list_display = ["association", "user", "position", "status", "created_at", "decided_at"]
    list_filter = ["status"]
    search_fields = ["association__name", "user__email", "position"]
    list_select_related = ["association", "user"]
    # Claims are decided on the desk, which makes the claimant an owner.
    readonly_fields = ["association", "user", "status", "created_at", "decided_at", "decided_by"]

    def has_add_permission(self, request):
        return False


@admin.register(Report)
class ReportAdmin(admin.ModelAdmin):
    list_display = ["association", "reason", "status", "created_at", "decided_at"]
    list_filter = ["status", "reason"]
    search_fields = ["association__name", "message", "contact"]
    list_select_related = ["association"]
    # Reports are closed on the desk, which logs it and tells the reporter.
    readonly_fields = [
        "association",
        "reason",
        "message",
        "contact",
        "reporter",
        "language",
        "status",
        "created_at",
        "decided_at",
        "decided_by",
    ]

    def has_add_permission(self, request):
        return False


class ReadOnlyAdmin(admin.ModelAdmin):
    """A record nobody edits: it says who did what, so it stays as it was written."""

    def has_add_permission(self, request):
        return False

    def has_change_permission(self, request, obj=None):
        return False

    def has_delete_permission(self, request, obj=None):
        return False


@admin.register(ProfileChange)
class ProfileChangeAdmin(ReadOnlyAdmin):
    list_display = ["association", "user", "created_at", "status", "to_published"]
    list_filter = ["status", "to_published"]
    search_fields = ["association__name", "user__email"]
    list_select_related = ["association", "user"]
    date_hierarchy = "created_at"


@admin.register(ModerationAction)
class ModerationActionAdmin(ReadOnlyAdmin):
    list_display = ["created_at", "action", "association_name", "actor"]
    list_filter = ["action"]
    search_fields = ["association_name", "reason", "actor__email"]
    list_select_related = ["actor"]
    date_hierarchy = "created_at"
