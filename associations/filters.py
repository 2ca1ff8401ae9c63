"""The directory's filters, shared by the page, the CSV export and the API."""

from __future__ import annotations

import django_filters
from django import forms
from django.db.models import Q
from django.db.models.functions import Lower
from django.utils.translation import gettext_lazy as _

from associations import search
from associations.models import (
    RELATION_ID_COLUMNS,
    SEARCH_TERM_FIELDS,
    ActivityLanguage,
    Association,
    Category,
    District,
    SearchConditions,
    TargetGroup,
    search_conditions,
)
from associations.results import SearchResults, rank

SORT_RELEVANCE = "relevance"
SORT_NAME = "name"
SORT_UPDATED = "updated"
SEARCH_COLUMNS = [*SEARCH_TERM_FIELDS, "search_vector"]
LINKED_FILTERS = ("category", "district", "target_group", "language")


class TermChoiceField(django_filters.fields.ModelMultipleChoiceField):
    """Terms by slug. When `lenient`, a slug that names no term is left out (and kept in
    `ignored`) rather than refused: an old link still opens its page."""

    def __init__(self, *args, lenient: bool = False, **kwargs):
        super().__init__(*args, **kwargs)
        self.lenient = lenient
        self.ignored: list[str] = []

    def _check_values(self, value):
        if not self.lenient or any("\x00" in str(slug) for slug in value):
            return super()._check_values(value)  # a null character is no old link: refused
        wanted = [str(slug) for slug in value]
        terms = list(self.queryset.filter(slug__in=wanted))
        known = {term.slug for term in terms}
        self.ignored = [str(slug) for slug in dict.fromkeys(value) if str(slug) not in known]
        return terms


class LinkedFilter(django_filters.ModelMultipleChoiceFilter):
    """Rows linked to any of the ticked terms of the relation `field_name`.

    Tested on the row's own copy of the relation's ids (RELATION_ID_COLUMNS), not
    on the link table: an overlap test on an array with a GIN index, which PostgreSQL
    combines with the search's indexes before it reads a row, and which a results
    page can test on each row it walks without a lookup per row.
    """

    field_class = TermChoiceField

    def __init__(self, *args, **kwargs):
        super().__init__(*args, to_field_name="slug", widget=forms.CheckboxSelectMultiple, **kwargs)

    def filter(self, qs, value):
        if not value:
            return qs
        column = RELATION_ID_COLUMNS[self.field_name]
        return self.parent.narrow(qs, Q(**{f"{column}__overlap": [term.pk for term in value]}))


class TickBox(forms.CheckboxInput):
    """A checkbox that also reads the API's spellings: 1/true/on/yes tick it, anything else not."""

    def value_from_datadict(self, data, files, name):
        return (data.get(name) or "").strip().lower() in {"1", "true", "on", "yes"}


class CheckboxFilter(django_filters.BooleanFilter):
    """Ticked: only rows where the field is true. Unticked: no filtering."""

    def __init__(self, *args, **kwargs):
        kwargs.setdefault("widget", TickBox)
        super().__init__(*args, **kwargs)

    def filter(self, qs, value):
        return self.parent.narrow(qs, Q(**{self.field_name: True})) if value else qs


class AssociationFilter(django_filters.FilterSet):
    q = django_filters.CharFilter(label=_("Search"), method="filter_text", max_length=200)
    category = LinkedFilter(
        label=_("Category"),
        queryset=Category.objects.all(),
        field_name="categories",
    )
    district = LinkedFilter(
        label=_("District"),
        queryset=District.objects.all(),
        field_name="districts",
    )
    language = LinkedFilter(
        label=_("Language of activity"),
        queryset=ActivityLanguage.objects.all(),
        field_name="languages",
    )
    target_group = LinkedFilter(
        label=_("Target group"),
        queryset=TargetGroup.objects.all(),
        field_name="target_groups",
    )
    accepts_new_members = CheckboxFilter(label=_("Accepts new members"))
    seeks_volunteers = CheckboxFilter(label=_("Seeks volunteers"))
    sort = django_filters.ChoiceFilter(
        label=_("Sort by"),
        choices=[
            (SORT_RELEVANCE, _("Relevance")),
            (SORT_NAME, _("Name")),
            (SORT_UPDATED, _("Recently updated")),
        ],
        method="filter_sort",
        empty_label=None,
    )

    class Meta:
        model = Association
        fields: list[str] = []

    def __init__(self, *args, lenient: bool = False, **kwargs):
        """`lenient`: unknown terms in the vocabulary filters are left out (`ignored`)
        rather than refused, as a page does for an old link; the API refuses them."""
        super().__init__(*args, **kwargs)
        for name in LINKED_FILTERS:
            self.filters[name].extra["lenient"] = lenient
        self.conditions: SearchConditions | None = None
        # Every condition the filters apply, for SearchResults to test rows with;
        # `cheap` holds those of them other than the search words'.
        self.where = Q()
        self.cheap = Q()

    def narrow(self, queryset, condition: Q, *, cheap: bool = True):
        """`queryset` filtered by `condition`, which is also added to `where`."""
        self.where &= condition
        if cheap:
            self.cheap &= condition
        return queryset.filter(condition)

    def filter_text(self, queryset, name, value):
        self.conditions = search_conditions(value)
        if self.conditions is None:
            return queryset
        return self.narrow(queryset, self.conditions.matches, cheap=False)

    def filter_sort(self, queryset, name, value):
        return queryset  # ordering is applied by `qs` and `results()`

    @property
    def has_text(self) -> bool:
        """A search with at least one word (punctuation alone is no search)."""
        if not self.form.is_valid():
            return False
        return bool(search.parse_query(self.form.cleaned_data.get("q") or ""))

    @property
    def sort_choice(self) -> str:
        chosen = self.form.cleaned_data.get("sort") if self.form.is_valid() else ""
        if not chosen:
            return SORT_RELEVANCE if self.has_text else SORT_NAME
        if chosen == SORT_RELEVANCE and not self.has_text:
            return SORT_NAME
        return chosen

    @property
    def selected_sort(self) -> str:
        """The choice the sort menu shows: the one made, or relevance. Relevance without
        words lists by name; with the menu left there, a word typed next (with or without
        JavaScript) is ranked by relevance rather than alphabetically."""
        chosen = self.form.cleaned_data.get("sort") if self.form.is_valid() else ""
        return chosen or SORT_RELEVANCE

    def _order(self, sort: str) -> list:
        if sort == SORT_UPDATED:
            return ["-updated_at", "-id"]  # as results.SearchResults reads that order
        return [Lower("name"), "id"]

    @property
    def qs(self):
        """Every matching row in order: for the CSV export, which reads them all."""
        # The search columns are for matching only; no page or file shows them.
        queryset = super().qs.defer(*SEARCH_COLUMNS)
        sort = self.sort_choice
        if sort == SORT_RELEVANCE and self.conditions is not None:
            return queryset.order_by(rank(self.conditions.rank_tiers), *self._order(sort))
        return queryset.order_by(*self._order(sort))

    def results(self):
        """What a page of the directory or the API shows (see associations/results.py).

        Without search words: an ordered QuerySet with an exact count. With them:
        SearchResults, whose count stops at COUNT_CAP and whose relevance order
        puts associations whose name matches every word first.
        """
        queryset = super().qs.defer(*SEARCH_COLUMNS)
        sort = self.sort_choice
        if self.conditions is None:
            return queryset.order_by(*self._order(sort))
        tiers = [Q()]
        if sort == SORT_RELEVANCE:
            tiers = self.conditions.rank_tiers
        # The filters that made `queryset` gathered their conditions in `where`.
        base = self.queryset.defer(*SEARCH_COLUMNS)
        return SearchResults(base, where=self.where, cheap=self.cheap, tiers=tiers, sort=sort)

    @property
    def ignored(self) -> list[str]:
        """The terms of the query that name nothing (a lenient filterset leaves them out)."""
        if not self.is_bound:
            return []
        self.form.is_valid()
        return [slug for name in LINKED_FILTERS for slug in self.form.fields[name].ignored]

    def chosen(self) -> list[tuple[str, str, str]]:
        """The filters in use as (parameter, value, label), in the form's order."""
        if not self.is_bound or not self.form.is_valid():
            return []
        data = self.form.cleaned_data
        chosen = [(name, term.slug, term.name) for name in LINKED_FILTERS for term in data[name]]
        for name in ("accepts_new_members", "seeks_volunteers"):
            if data.get(name):
                chosen.append((name, self.data.get(name), str(self.filters[name].label)))
        return chosen

    @property
    def active_filter_count(self) -> int:
        if not self.form.is_valid():
            return 0
        data = self.form.cleaned_data
        return sum(
            1 for key in ("category", "district", "language", "target_group") if data.get(key)
        ) + sum(1 for key in ("accepts_new_members", "seeks_volunteers") if data.get(key))
