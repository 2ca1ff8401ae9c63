"""The events' filters, shared by /events/, the month view and /api/v1/events.

A page is lenient with a category, district or organiser that names nothing (an old
link still opens, the term is left out and named in `ignored`); the API refuses it,
as the directory and its API do (associations/filters.py).
"""

from __future__ import annotations

from datetime import datetime, time, timedelta

import django_filters
from django import forms
from django.db.models import Q
from django.utils import timezone
from django.utils.translation import get_language
from django.utils.translation import gettext_lazy as _

from associations.filters import TermChoiceField
from associations.models import Association, Category, District
from events.models import EventSeries, Occurrence
from events.models.series import LONGEST_DURATION

CITY = "city"
UPCOMING = "upcoming"
PAST = "past"
TERM_FILTERS = ("category", "district")
# Finnish first (1.11.2026), then ISO 8601 (2026-11-01), as the API's users write dates.
DATE_INPUT_FORMATS = ["%d.%m.%Y", "%Y-%m-%d", "%d.%m.%y"]


class SeriesTermFilter(django_filters.ModelMultipleChoiceFilter):
    """Occurrences of series linked to any of the ticked terms (by slug).

    Tested with a subquery on the link table, so that an occurrence linked to two
    ticked terms is listed once without DISTINCT.
    """

    field_class = TermChoiceField

    def __init__(self, *args, **kwargs):
        super().__init__(*args, to_field_name="slug", widget=forms.CheckboxSelectMultiple, **kwargs)

    def filter(self, qs, value):
        if not value:
            return qs
        relation = EventSeries._meta.get_field(self.field_name)
        term = relation.m2m_reverse_field_name()
        linked = relation.remote_field.through.objects.filter(
            **{f"{term}__in": [chosen.pk for chosen in value]}
        )
        return qs.filter(series_id__in=linked.values(relation.m2m_field_name()))


class OrganiserField(forms.CharField):
    """`city`, or the slug of a published association; gives CITY or the Association.

    When `lenient`, a slug that names no association gives None and is kept in `ignored`.
    """

    def __init__(self, *args, lenient: bool = False, **kwargs):
        kwargs.setdefault("max_length", 80)
        super().__init__(*args, **kwargs)
        self.lenient = lenient
        self.ignored: list[str] = []

    def clean(self, value):
        value = super().clean(value)
        if not value:
            return None
        if value == CITY:
            return CITY
        association = Association.objects.published().filter(slug=value).first()
        if association is None:
            if self.lenient and "\x00" not in value:
                self.ignored = [value]
                return None
            raise forms.ValidationError(
                _("No association has the address name %(slug)s.") % {"slug": value},
                code="invalid_choice",
            )
        return association


class OrganiserFilter(django_filters.Filter):
    field_class = OrganiserField

    def filter(self, qs, value):
        if value is None:
            return qs
        if value == CITY:
            return qs.filter(series__by_city=True)
        through = EventSeries.organisers.through
        organised = through.objects.filter(association=value).values("eventseries_id")
        return qs.filter(series_id__in=organised)


class OccurrenceFilterForm(forms.Form):
    def clean(self):
        data = super().clean()
        start, end = data.get("from"), data.get("to")
        if start and end and end < start:
            self.add_error("to", _("The end date is before the start date."))
        return data


class OccurrenceFilter(django_filters.FilterSet):
    q = django_filters.CharFilter(
        label=_("Word in the title"), method="filter_text", max_length=200
    )
    organiser = OrganiserFilter(label=_("Organiser"))
    category = SeriesTermFilter(
        label=_("Category"), queryset=Category.objects.all(), field_name="categories"
    )
    district = SeriesTermFilter(
        label=_("District"), queryset=District.objects.all(), field_name="districts"
    )
    audience = django_filters.ChoiceFilter(
        label=_("For whom"),
        choices=EventSeries.Audience.choices,
        field_name="series__audience",
        empty_label=_("Everyone's and associations' events"),
    )
    when = django_filters.ChoiceFilter(
        label=_("Events"),
        choices=[(UPCOMING, _("Upcoming")), (PAST, _("Past"))],
        method="filter_when",
        empty_label=None,
    )

    class Meta:
        model = Occurrence
        fields: list[str] = []
        form = OccurrenceFilterForm

    def __init__(self, *args, lenient: bool = False, now=None, **kwargs):
        super().__init__(*args, **kwargs)
        self.now = now or timezone.now()
        for name in (*TERM_FILTERS, "organiser"):
            self.filters[name].extra["lenient"] = lenient

    def filter_text(self, queryset, name, value):
        value = value.strip()
        if not value:
            return queryset
        language = (get_language() or "fi")[:2]
        matches = Q(series__title_fi__icontains=value)
        if language in ("sv", "en"):
            matches |= Q(**{f"series__title_{language}__icontains": value})
        return queryset.filter(matches)

    def filter_when(self, queryset, name, value):
        return queryset  # `qs` orders and bounds by it

    def filter_from(self, queryset, name, value):
        return queryset.filter(start__gte=_local_midnight(value))

    def filter_to(self, queryset, name, value):
        return queryset.filter(start__lt=_local_midnight(value + timedelta(days=1)))

    @property
    def is_past(self) -> bool:
        if not self.is_bound:
            return False
        self.form.is_valid()  # a bad value elsewhere leaves `when` as it was given
        return self.form.cleaned_data.get("when") == PAST

    @property
    def matching(self):
        """Every occurrence the filters let through, in no particular order."""
        return super().qs

    @property
    def qs(self):
        """Upcoming occurrences soonest first, or past ones newest first."""
        queryset = self.matching
        if self.is_past:
            # `start` bounds the scan of its index: what ended has started.
            return queryset.filter(start__lte=self.now).past(self.now)
        # Nothing that started more than the longest duration ago is still going on.
        return queryset.filter(start__gt=self.now - LONGEST_DURATION).upcoming(self.now)

    @property
    def ignored(self) -> list[str]:
        if not self.is_bound:
            return []
        self.form.is_valid()
        return [
            slug for name in (*TERM_FILTERS, "organiser") for slug in self.form.fields[name].ignored
        ]

    def chosen(self) -> list[tuple[str, str, str]]:
        """The filters in use as (parameter, value, label), in the form's order."""
        if not self.is_bound or not self.form.is_valid():
            return []
        data = self.form.cleaned_data
        chosen = []
        if data.get("q"):
            chosen.append(("q", self.data.get("q"), f"“{data['q']}”"))
        organiser = data.get("organiser")
        if organiser == CITY:
            chosen.append(("organiser", CITY, str(_("The city"))))
        elif organiser is not None:
            chosen.append(("organiser", organiser.slug, organiser.name))
        chosen += [(name, term.slug, term.name) for name in TERM_FILTERS for term in data[name]]
        if data.get("audience"):
            label = EventSeries.Audience(data["audience"]).label
            chosen.append(("audience", data["audience"], str(label)))
        for name, label in (("from", _("From %(date)s")), ("to", _("Until %(date)s"))):
            if data.get(name):
                chosen.append(
                    (name, self.data.get(name), str(label) % {"date": f"{data[name]:%-d.%-m.%Y}"})
                )
        return chosen


def _local_midnight(day) -> datetime:
    return timezone.make_aware(datetime.combine(day, time.min))


# `from` is a Python keyword, so the date range's filters are added by name.
OccurrenceFilter.base_filters["from"] = django_filters.DateFilter(
    field_name="from", label=_("From"), method="filter_from", input_formats=DATE_INPUT_FORMATS
)
OccurrenceFilter.base_filters["to"] = django_filters.DateFilter(
    field_name="to", label=_("Until"), method="filter_to", input_formats=DATE_INPUT_FORMATS
)
