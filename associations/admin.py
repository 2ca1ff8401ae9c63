from django.contrib import admin
from django.db import models
from django.utils.translation import gettext_lazy as _
from django.utils.translation import ngettext

from associations.models import (
    ActivityLanguage,
    Association,
    Category,
    District,
    LiaisonContact,
    TargetGroup,
)


@admin.register(Category, District, TargetGroup, ActivityLanguage)
class VocabularyAdmin(admin.ModelAdmin):
    list_display = ["name_fi", "name_sv", "name_en", "slug", "ordering"]
    list_editable = ["ordering"]
    search_fields = ["name_fi", "name_sv", "name_en", "slug"]
    prepopulated_fields = {"slug": ["name_fi"]}


@admin.register(Association)
class AssociationAdmin(admin.ModelAdmin):
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
    prepopulated_fields = {"slug": ["name"]}
    filter_horizontal = ["categories", "districts", "target_groups", "languages"]
    readonly_fields = ["version", "created_at", "updated_at"]
    actions = ["publish", "hide"]
    list_per_page = 50
    # An address typed without a scheme is taken as https://, as Django 6 will do.
    formfield_overrides = {models.URLField: {"assume_scheme": "https"}}
    fieldsets = [
        (None, {"fields": ["name", "alternate_name", "slug", "status", "is_claimed"]}),
        (_("Identifiers"), {"fields": ["register_number", "business_id"]}),
        (
            _("Profile"),
            {
                "fields": [
                    "description",
                    "logo",
                    "categories",
                    "districts",
                    "target_groups",
                    "languages",
                    "founded_year",
                    "member_count",
                    "accepts_new_members",
                    "seeks_volunteers",
                ]
            },
        ),
        (
            _("Contact"),
            {
                "fields": [
                    "email",
                    "phone",
                    "website",
                    "facebook_url",
                    "instagram_url",
                    "street_address",
                    "postal_code",
                    "municipality",
                ]
            },
        ),
        (_("Record"), {"fields": ["last_verified_at", "version", "created_at", "updated_at"]}),
    ]

    def save_related(self, request, form, formsets, change):
        super().save_related(request, form, formsets, change)
        form.instance.update_search_terms()  # categories are part of the search terms

    @admin.action(description=_("Publish the selected associations"))
    def publish(self, request, queryset):
        count = queryset.update(status=Association.Status.PUBLISHED)
        message = ngettext(
            "%(count)d association published.", "%(count)d associations published.", count
        )
        self.message_user(request, message % {"count": count})

    @admin.action(description=_("Hide the selected associations"))
    def hide(self, request, queryset):
        count = queryset.update(status=Association.Status.HIDDEN)
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
