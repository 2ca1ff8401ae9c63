"""The filters of the published decisions, shared by /grants/decisions/, its CSV and JSON
downloads and /api/v1/grants/awards.

A page is lenient with a round, programme, category or district that names nothing (an
old link still opens, the term is left out and named in `ignored`); the API refuses it,
as the directory and the events do (associations/filters.py, events/filters.py).
"""

from __future__ import annotations

from datetime import date

import django_filters
from django import forms
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from associations.filters import TermChoiceField
from associations.models import RELATION_ID_COLUMNS, Association, Category, District
from grants.models import GrantDecision, GrantProgramme, GrantRound

FIRST_YEAR = 2000
LAST_YEAR = 2100
TERM_FILTERS = ("round", "programme", "category", "district")


class TermFilter(django_filters.ModelMultipleChoiceFilter):
    """Decisions linked to any of the ticked terms, by slug, through `field_name`."""

    field_class = TermChoiceField

    def __init__(self, *args, **kwargs):
        super().__init__(*args, to_field_name="slug", widget=forms.CheckboxSelectMultiple, **kwargs)

    def filter(self, qs, value):
        if not value:
            return qs
        return qs.filter(**{f"{self.field_name}__in": [term.pk for term in value]})


class AssociationTermFilter(TermFilter):
    """Decisions for associations linked to any of the ticked terms: tested on the
    association's own copy of the relation's ids (an array with a GIN index), so that an
    association in two ticked categories is listed once without DISTINCT."""

    def filter(self, qs, value):
        if not value:
            return qs
        column = RELATION_ID_COLUMNS[self.field_name]
        return qs.filter(
            **{f"application__association__{column}__overlap": [term.pk for term in value]}
        )


class DecisionFilter(django_filters.FilterSet):
    year = django_filters.NumberFilter(
        label=_("Year"),
        method="filter_year",
        min_value=FIRST_YEAR,
        max_value=LAST_YEAR,
        error_messages={"invalid": _("The year must be a number such as 2026.")},
    )
    round = TermFilter(
        label=_("Round"), queryset=GrantRound.objects.announced(), field_name="application__round"
    )
    programme = TermFilter(
        label=_("Programme"),
        queryset=GrantProgramme.objects.all(),
        field_name="application__round__programme",
    )
    category = AssociationTermFilter(
        label=_("Category"), queryset=Category.objects.all(), field_name="categories"
    )
    district = AssociationTermFilter(
        label=_("District"), queryset=District.objects.all(), field_name="districts"
    )
    association = django_filters.CharFilter(
        label=_("Association"), method="filter_association", max_length=200
    )

    class Meta:
        model = GrantDecision
        fields: list[str] = []

    def __init__(self, *args, lenient: bool = False, **kwargs):
        super().__init__(*args, **kwargs)
        for name in TERM_FILTERS:
            self.filters[name].extra["lenient"] = lenient

    def filter_year(self, queryset, name, value):
        # A range on the date, not its year, so that the index on `decided_on` serves.
        year = int(value)
        return queryset.filter(
            decided_on__gte=date(year, 1, 1), decided_on__lt=date(year + 1, 1, 1)
        )

    def filter_association(self, queryset, name, value):
        """An association's address name, or a word of its name."""
        value = value.strip()
        if not value:
            return queryset
        by_slug = Association.objects.filter(slug=value).values("pk")
        return queryset.filter(
            Q(application__association__in=by_slug)
            | Q(application__association__name__icontains=value)
        )

    @property
    def ignored(self) -> list[str]:
        if not self.is_bound:
            return []
        self.form.is_valid()
        return [slug for name in TERM_FILTERS for slug in self.form.fields[name].ignored]

    def chosen(self) -> list[tuple[str, str, str]]:
        """The filters in use as (parameter, value, label), in the form's order."""
        if not self.is_bound or not self.form.is_valid():
            return []
        data = self.form.cleaned_data
        chosen = []
        if data.get("year"):
            chosen.append(("year", self.data.get("year"), str(int(data["year"]))))
        for name in TERM_FILTERS:
            for term in data[name]:
                label = term.title if name == "round" else term.name
                chosen.append((name, term.slug, label))
        if (data.get("association") or "").strip():
            chosen.append(("association", self.data.get("association"), f"“{data['association']}”"))
        return chosen
