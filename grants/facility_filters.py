"""The filters of the facilities, shared by /facilities/ and /api/v1/facilities.

A page is lenient with a district or an equipment that names nothing (an old link still
opens, the term is left out and named in `ignored`); the API refuses it, as the other
APIs do (grants/filters.py). Values of one term filter: any district, but every ticked
equipment and accessibility feature.

"Free at this time" is a date, or a weekday over a period, with a start and an end time
(grants.facility_availability). Its parameters are read together: the form's `clean()`
checks that they make one question, and `filter_queryset()` asks it.
"""

from __future__ import annotations

import datetime

import django_filters
from django import forms
from django.db.models import Exists, OuterRef, Q
from django.utils.translation import gettext_lazy as _
from django.utils.translation import override

from associations.filters import TermChoiceField
from associations.models import District
from grants import facility_availability
from grants.facility_hours import MIDNIGHT
from grants.models import Equipment, Facility, OpeningHours

DATE_FORMATS = ["%Y-%m-%d", "%d.%m.%Y", "%d.%m.%y"]
TIME_FORMATS = ["%H:%M", "%H.%M", "%H"]
TERM_FILTERS = ("district", "equipment")
# The parameters of "free at this time".
TIME_PARAMETERS = ("date", "weekday", "from", "to", "starts_on", "ends_on")
ACCESS_CHOICES = [
    ("step_free", _("Step-free access")),
    ("accessible_toilet", _("Accessible toilet")),
    ("induction_loop", _("Induction loop")),
]
ACCESS_FIELDS = {
    "step_free": "step_free_access",
    "accessible_toilet": "accessible_toilet",
    "induction_loop": "induction_loop",
}
MAX_CAPACITY = 100_000
MAX_WORDS = 8


class TermFilter(django_filters.ModelMultipleChoiceFilter):
    """Terms by slug (TermChoiceField: lenient on a page, strict in the API)."""

    field_class = TermChoiceField

    def __init__(self, *args, **kwargs):
        super().__init__(*args, to_field_name="slug", widget=forms.CheckboxSelectMultiple, **kwargs)


class DistrictFilter(TermFilter):
    """Facilities in any of the ticked districts."""

    def filter(self, qs, value):
        return qs.filter(district__in=[term.pk for term in value]) if value else qs


class EquipmentFilter(TermFilter):
    """Facilities with every ticked equipment: one EXISTS each, so no row is repeated."""

    def filter(self, qs, value):
        links = Facility.equipment.through.objects
        for term in value or ():
            qs = qs.filter(Exists(links.filter(facility_id=OuterRef("pk"), equipment_id=term.pk)))
        return qs


class WholeNumberFilter(django_filters.NumberFilter):
    field_class = forms.IntegerField


def _date_input():
    return forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d")


def _time_input():
    return forms.TimeInput(attrs={"type": "time"}, format="%H:%M")


class FacilityFilterForm(forms.Form):
    """Checks that the "free at this time" parameters make one question."""

    def clean(self):
        data = super().clean()
        if any(name in self.errors for name in TIME_PARAMETERS):
            return data
        if data.get("weekday") in ("", None):
            data["weekday"] = None
        else:
            data["weekday"] = int(data["weekday"])
        day, weekday = data.get("date"), data.get("weekday")
        starts, ends = data.get("from"), data.get("to")
        starts_on, ends_on = data.get("starts_on"), data.get("ends_on")
        if day is None and weekday is None:
            if starts is not None or ends is not None:
                self.add_error("date", _("Choose a date or a weekday for the time."))
            elif starts_on or ends_on:
                self.add_error("weekday", _("Choose a weekday for the period."))
            return data
        if day is not None and weekday is not None:
            self.add_error("weekday", _("Choose either a date or a weekday, not both."))
            return data
        if starts is None:
            self.add_error("from", _("Give the time the use starts."))
        if ends is None:
            self.add_error("to", _("Give the time the use ends."))
        if starts is None or ends is None:
            return data
        if ends != MIDNIGHT and ends <= starts:
            self.add_error("to", _("The end time must be after the start time."))
        if day is not None and (starts_on or ends_on):
            self.add_error("starts_on", _("A period goes with a weekday, not with a date."))
        if weekday is not None:
            default_start, default_end = facility_availability.default_period()
            starts_on = starts_on or default_start
            ends_on = ends_on or starts_on + (default_end - default_start)
            if ends_on < starts_on:
                self.add_error("ends_on", _("The period must end on or after its first day."))
            elif (ends_on - starts_on).days >= facility_availability.MAX_PERIOD_DAYS:
                self.add_error("ends_on", _("The period may be at most a year long."))
            data["starts_on"], data["ends_on"] = starts_on, ends_on
        return data


class FacilityFilter(django_filters.FilterSet):
    q = django_filters.CharFilter(label=_("Search"), method="filter_text", max_length=200)
    district = DistrictFilter(label=_("District"), queryset=District.objects.all())
    kind = django_filters.ChoiceFilter(
        label=_("Kind of facility"), choices=Facility.Kind.choices, empty_label=_("Any kind")
    )
    capacity = WholeNumberFilter(
        label=_("Room for at least (people)"),
        field_name="capacity",
        lookup_expr="gte",
        min_value=1,
        max_value=MAX_CAPACITY,
        error_messages={"invalid": _("The number of people must be a whole number, such as 20.")},
    )
    access = django_filters.MultipleChoiceFilter(
        label=_("Accessibility"),
        choices=ACCESS_CHOICES,
        method="filter_access",
        widget=forms.CheckboxSelectMultiple,
    )
    equipment = EquipmentFilter(label=_("Equipment"), queryset=Equipment.objects.all())
    date = django_filters.DateFilter(
        label=_("Date"),
        method="filter_nothing",
        input_formats=DATE_FORMATS,
        widget=_date_input(),
        error_messages={"invalid": _("Enter a real date, such as 2026-03-14 or 14.3.2026.")},
    )
    weekday = django_filters.ChoiceFilter(
        label=_("Or every week on"),
        choices=[(str(value), label) for value, label in OpeningHours.Weekday.choices],
        empty_label=_("No weekday"),
        method="filter_nothing",
    )
    starts_on = django_filters.DateFilter(
        label=_("Period from"),
        method="filter_nothing",
        input_formats=DATE_FORMATS,
        widget=_date_input(),
        error_messages={"invalid": _("Enter a real date, such as 2026-03-14 or 14.3.2026.")},
    )
    ends_on = django_filters.DateFilter(
        label=_("Period to"),
        method="filter_nothing",
        input_formats=DATE_FORMATS,
        widget=_date_input(),
        error_messages={"invalid": _("Enter a real date, such as 2026-03-14 or 14.3.2026.")},
    )

    class Meta:
        model = Facility
        fields: list[str] = []
        form = FacilityFilterForm

    def __init__(self, *args, lenient: bool = False, **kwargs):
        super().__init__(*args, **kwargs)
        for name in TERM_FILTERS:
            self.filters[name].extra["lenient"] = lenient

    def filter_nothing(self, queryset, name, value):
        # Read together with the other time parameters in filter_queryset().
        return queryset

    def filter_access(self, queryset, name, value):
        return queryset.filter(**{ACCESS_FIELDS[key]: True for key in value})

    def filter_text(self, queryset, name, value):
        """Every word in the name, address, district, kind or description, in any language."""
        for word in value.split()[:MAX_WORDS]:
            match = Q()
            for field in (
                "name_fi",
                "name_sv",
                "name_en",
                "street_address",
                "postal_code",
                "city",
                "district__name_fi",
                "district__name_sv",
                "description_fi",
                "description_sv",
                "description_en",
            ):
                match |= Q(**{f"{field}__icontains": word})
            kinds = kinds_named(word)
            if kinds:
                match |= Q(kind__in=kinds)
            queryset = queryset.filter(match)
        return queryset

    def filter_queryset(self, queryset):
        queryset = super().filter_queryset(queryset)
        data = self.form.cleaned_data
        starts, ends = data.get("from"), data.get("to")
        if starts is None or ends is None:
            return queryset
        if data.get("date") is not None:
            return facility_availability.free_on_date(queryset, data["date"], starts, ends)
        if data.get("weekday") is not None:
            return facility_availability.free_every_week(
                queryset, data["weekday"], starts, ends, data["starts_on"], data["ends_on"]
            )
        return queryset

    @property
    def ignored(self) -> list[str]:
        if not self.is_bound:
            return []
        self.form.is_valid()
        return [slug for name in TERM_FILTERS for slug in self.form.fields[name].ignored]


# "from" is a keyword in Python, so these two are added by name.
FacilityFilter.base_filters["from"] = django_filters.TimeFilter(
    label=_("From"),
    method="filter_nothing",
    input_formats=TIME_FORMATS,
    widget=_time_input(),
    error_messages={"invalid": _("Enter a time such as 18:00.")},
)
FacilityFilter.base_filters["to"] = django_filters.TimeFilter(
    label=_("To"),
    method="filter_nothing",
    input_formats=TIME_FORMATS,
    widget=_time_input(),
    error_messages={"invalid": _("Enter a time such as 20:00; 00:00 is midnight.")},
    help_text=_("00:00 is midnight."),
)
FacilityFilter.base_filters["from"].field_name = "from"
FacilityFilter.base_filters["to"].field_name = "to"


def kinds_named(word: str) -> list[str]:
    """The kinds whose name, in any of the site's languages, contains `word`."""
    word = word.casefold()
    found = []
    for value, label in Facility.Kind.choices:
        for language in ("fi", "sv", "en"):
            with override(language):
                if word in str(label).casefold():
                    found.append(value)
                    break
    return found


def time_label(value: datetime.time) -> str:
    return f"{value.hour}.{value.minute:02d}"
