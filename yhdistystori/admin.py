from django.contrib import admin
from django.contrib.auth.admin import UserAdmin as BaseUserAdmin
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from yhdistystori.account_forms import AdminLoginForm
from yhdistystori.models import Feedback, SiteConfiguration, User

admin.site.login_form = AdminLoginForm


@admin.register(User)
class UserAdmin(BaseUserAdmin):
    ordering = ["email"]
    list_display = ["email", "full_name", "is_staff", "is_active", "date_joined", "last_login"]
    list_filter = ["is_staff", "is_superuser", "is_active", "groups", "language"]
    search_fields = ["email", "full_name"]
    fieldsets = [
        (None, {"fields": ["email", "password"]}),
        (_("Personal info"), {"fields": ["full_name", "language"]}),
        (
            _("Permissions"),
            {"fields": ["is_active", "is_staff", "is_superuser", "groups", "user_permissions"]},
        ),
        (_("Important dates"), {"fields": ["last_login", "date_joined"]}),
    ]
    add_fieldsets = [
        (None, {"classes": ["wide"], "fields": ["email", "password1", "password2"]}),
    ]


@admin.register(SiteConfiguration)
class SiteConfigurationAdmin(admin.ModelAdmin):
    list_display = ["city_name_fi", "contact_email", "accessibility_email"]

    def has_add_permission(self, request):
        return not SiteConfiguration.objects.exists()


class AnsweredFilter(admin.SimpleListFilter):
    title = _("answered")
    parameter_name = "answered"

    def lookups(self, request, model_admin):
        return [("no", _("Not answered")), ("yes", _("Answered"))]

    def queryset(self, request, queryset):
        if self.value() == "no":
            return queryset.filter(answered_at__isnull=True)
        if self.value() == "yes":
            return queryset.filter(answered_at__isnull=False)
        return queryset


@admin.register(Feedback)
class FeedbackAdmin(admin.ModelAdmin):
    list_display = ["created_at", "topic", "short_message", "email", "answer_due", "answered_at"]
    list_filter = [AnsweredFilter, "topic", "language"]
    search_fields = ["message", "email", "name"]
    date_hierarchy = "created_at"
    readonly_fields = ["created_at", "page_url", "language"]
    actions = ["mark_answered"]

    @admin.display(description=_("message"))
    def short_message(self, obj):
        return obj.message[:80]

    @admin.display(description=_("answer due"))
    def answer_due(self, obj):
        return obj.answer_due

    @admin.action(description=_("Mark as answered"))
    def mark_answered(self, request, queryset):
        queryset.filter(answered_at__isnull=True).update(answered_at=timezone.now())
