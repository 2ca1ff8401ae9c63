"""The events in the Django admin. A series is saved through events.managing.series_save,
with the same checks as the organisers' form, so that its occurrences are made."""

from django import forms
from django.contrib import admin
from django.utils.translation import gettext_lazy as _

from events import managing
from events.forms import HttpsURLField
from events.models import (
    EventReport,
    EventSeries,
    FollowUp,
    FollowUpNote,
    MemoAttachment,
    Occurrence,
    Registration,
    Topic,
)


class EventSeriesAdminForm(forms.ModelForm):
    base_version = forms.IntegerField(widget=forms.HiddenInput, required=False)

    class Meta:
        model = EventSeries
        fields = [*managing.SERIES_FIELDS, "organisers", "categories", "districts"]
        field_classes = {"online_url": HttpsURLField}

    def __init__(self, *args, user=None, **kwargs):
        super().__init__(*args, **kwargs)
        self.user = user
        if self.instance.pk:
            self.initial.setdefault("base_version", self.instance.version)

    def series_input(self) -> managing.SeriesInput:
        c = self.cleaned_data
        values = {name: c[name] for name in managing.SERIES_FIELDS if name in c}
        return managing.SeriesInput(
            values=values,
            organisers=list(c.get("organisers") or []),
            categories=list(c.get("categories") or []),
            districts=list(c.get("districts") or []),
        )

    def clean(self):
        cleaned = super().clean()
        if self.errors:
            return cleaned
        series = self.instance if self.instance.pk else None
        if series and cleaned.get("base_version") != series.version:
            raise forms.ValidationError(
                _("Someone saved this event after you opened it. Open it again.")
            )
        try:
            managing.series_check(data=self.series_input(), by=self.user, series=series)
        except managing.WorkflowError as error:
            raise forms.ValidationError(error.message) from None
        return cleaned


@admin.register(EventSeries)
class EventSeriesAdmin(admin.ModelAdmin):
    form = EventSeriesAdminForm
    list_display = ["title_fi", "start_date", "start_time", "rrule", "status", "by_city"]
    list_filter = ["status", "by_city", "audience"]
    search_fields = ["title_fi", "title_sv", "title_en", "slug"]
    readonly_fields = ["slug", "version", "decided_at", "decided_by", "decision_reason"]
    filter_horizontal = ["categories", "districts"]
    autocomplete_fields = ["organisers"]
    date_hierarchy = "start_date"

    def get_form(self, request, obj=None, change=False, **kwargs):
        form = super().get_form(request, obj, change=change, **kwargs)

        class WithUser(form):
            def __init__(self, *args, **kw):
                super().__init__(*args, user=request.user, **kw)

        return WithUser

    def save_model(self, request, obj, form, change):
        # The admin confirms dropping occurrences by saving: it has no second step.
        saved = managing.series_save(
            data=form.series_input(),
            by=request.user,
            series=obj if change else None,
            confirm_drops=True,
        )
        obj.pk, obj.slug, obj.version = saved.pk, saved.slug, saved.version

    def save_related(self, request, form, formsets, change):
        # series_save set the organisers and terms; only inlines are left.
        for formset in formsets:
            self.save_formset(request, form, formset, change=change)


@admin.register(Occurrence)
class OccurrenceAdmin(admin.ModelAdmin):
    list_display = ["series", "start", "end", "cancelled_at", "closed_at"]
    list_filter = ["cancelled_at", "closed_at"]
    search_fields = ["series__title_fi"]
    list_select_related = ["series"]
    date_hierarchy = "start"
    raw_id_fields = ["series", "closed_by"]
    readonly_fields = ["original_start"]
    filter_horizontal = ["participating_associations"]


@admin.register(Registration)
class RegistrationAdmin(admin.ModelAdmin):
    list_display = ["name", "email", "occurrence", "status", "created_at"]
    list_filter = ["status"]
    search_fields = ["name", "email"]
    raw_id_fields = ["occurrence", "association"]
    readonly_fields = ["token_hash"]
    list_select_related = ["occurrence__series"]


@admin.register(EventReport)
class EventReportAdmin(admin.ModelAdmin):
    list_display = ["series", "reason", "status", "created_at"]
    list_filter = ["status", "reason"]
    raw_id_fields = ["series", "reporter", "decided_by"]
    list_select_related = ["series"]


@admin.register(Topic)
class TopicAdmin(admin.ModelAdmin):
    list_display = ["title", "occurrence", "status", "agenda_position"]
    list_filter = ["status"]
    raw_id_fields = ["occurrence", "proposed_by", "proposed_by_registration", "association"]
    list_select_related = ["occurrence__series"]


@admin.register(MemoAttachment)
class MemoAttachmentAdmin(admin.ModelAdmin):
    list_display = ["__str__", "occurrence"]
    raw_id_fields = ["occurrence"]


class FollowUpNoteInline(admin.TabularInline):
    model = FollowUpNote
    extra = 0
    raw_id_fields = ["written_by"]


@admin.register(FollowUp)
class FollowUpAdmin(admin.ModelAdmin):
    list_display = ["__str__", "occurrence", "status"]
    list_filter = ["status"]
    raw_id_fields = ["occurrence"]
    inlines = [FollowUpNoteInline]


@admin.register(FollowUpNote)
class FollowUpNoteAdmin(admin.ModelAdmin):
    list_display = ["__str__", "follow_up"]
    raw_id_fields = ["follow_up", "written_by"]
