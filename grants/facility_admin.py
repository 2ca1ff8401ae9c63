"""The facilities in the Django admin: kept here as well as on their own pages. A photo
uploaded here is checked and re-encoded as on the pages (grants.facility_forms.PhotoForm)."""

from django.contrib import admin

from grants.facility_forms import FacilityForm, PhotoForm
from grants.models import (
    Booking,
    BookingRequest,
    Equipment,
    Facility,
    FacilityPhoto,
    OpeningHours,
    Room,
)


@admin.register(Equipment)
class EquipmentAdmin(admin.ModelAdmin):
    list_display = ["name_fi", "slug", "ordering"]
    search_fields = ["name_fi", "name_sv", "name_en", "slug"]
    prepopulated_fields = {"slug": ["name_fi"]}


class RoomInline(admin.TabularInline):
    model = Room
    extra = 0
    fields = ["name", "capacity", "notes", "ordering"]


class OpeningHoursInline(admin.TabularInline):
    model = OpeningHours
    extra = 0
    fields = ["weekday", "opens", "closes"]


class PhotoInline(admin.StackedInline):
    model = FacilityPhoto
    form = PhotoForm
    extra = 0
    fields = ["image", "alt_fi", "alt_sv", "alt_en", "ordering"]


@admin.register(Facility)
class FacilityAdmin(admin.ModelAdmin):
    form = FacilityForm
    list_display = ["name_fi", "kind", "district", "capacity", "pricing", "is_published"]
    list_filter = ["is_published", "kind", "pricing", "district"]
    search_fields = ["name_fi", "name_sv", "name_en", "street_address", "slug"]
    list_select_related = ["district"]
    filter_horizontal = ["equipment"]
    inlines = [RoomInline, OpeningHoursInline, PhotoInline]


@admin.register(Room)
class RoomAdmin(admin.ModelAdmin):
    list_display = ["name", "facility", "capacity"]
    search_fields = ["name", "facility__name_fi"]
    list_select_related = ["facility"]


@admin.register(OpeningHours)
class OpeningHoursAdmin(admin.ModelAdmin):
    list_display = ["facility", "weekday", "opens", "closes"]
    list_filter = ["weekday"]
    list_select_related = ["facility"]


@admin.register(FacilityPhoto)
class FacilityPhotoAdmin(admin.ModelAdmin):
    form = PhotoForm
    list_display = ["facility", "alt_fi", "ordering", "width", "height"]
    list_select_related = ["facility"]
    fields = ["facility", "image", "alt_fi", "alt_sv", "alt_en", "ordering"]


class BookingInline(admin.TabularInline):
    """A request's times, read-only: answered and cancelled on the desk and the request's
    page, which check the overlaps and email the association."""

    model = Booking
    extra = 0
    can_delete = False
    fields = ["on_date", "during", "status", "cancelled_at", "cancel_reason"]
    readonly_fields = fields

    def has_add_permission(self, request, obj=None):
        return False

    def has_change_permission(self, request, obj=None):
        return False


@admin.register(BookingRequest)
class BookingRequestAdmin(admin.ModelAdmin):
    """Booking requests to look up; answered on the desk (/moderation/), where every answer
    is recorded and emailed."""

    list_display = ["facility", "association", "first_date", "last_date", "status", "created_at"]
    list_filter = ["status", "repeat"]
    search_fields = ["facility__name_fi", "association__name", "purpose"]
    list_select_related = ["facility", "association"]
    date_hierarchy = "created_at"
    inlines = [BookingInline]

    def get_readonly_fields(self, request, obj=None):
        return [field.name for field in self.model._meta.fields]

    def has_add_permission(self, request, obj=None):
        return False

    def has_change_permission(self, request, obj=None):
        return False

    def has_delete_permission(self, request, obj=None):
        return False
