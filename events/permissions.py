"""Who may do what with an event: the one place the events views ask.

The city's events are the liaisons'; an association's events are its editors' (any
co-organising association's editors, as co-organisers are equal), and liaisons may
manage every event, for they answer for what the site shows.
"""

from __future__ import annotations

from django.core.exceptions import PermissionDenied
from django.db.models import Q
from django.http import Http404
from django.shortcuts import get_object_or_404

from associations.models import Membership
from events.models import EventSeries, Occurrence
from yhdistystori.roles import Role, has_role


def can_manage_series(user, series: EventSeries) -> bool:
    if not user.is_authenticated:
        return False
    if has_role(user, Role.LIAISON):
        return True
    return Membership.objects.filter(user=user, association__in=series.organisers.all()).exists()


def series_visible_to(user):
    """Series this user may see: public ones, and those they manage (drafts, hidden)."""
    queryset = EventSeries.objects.all()
    if has_role(user, Role.LIAISON):
        return queryset
    public = Q(pk__in=EventSeries.objects.public().values("pk"))
    if user.is_authenticated:
        managed = Q(organisers__memberships__user=user)
        return queryset.filter(public | managed).distinct()
    return queryset.filter(public)


def series_for_viewer(user, slug: str) -> EventSeries:
    return get_object_or_404(series_visible_to(user), slug=slug)


def series_for_organiser(user, slug: str) -> EventSeries:
    """The series if this user may manage it; 404 for what they cannot see, 403 otherwise."""
    if not user.is_authenticated:
        raise PermissionDenied
    series = series_for_viewer(user, slug)
    if not can_manage_series(user, series):
        raise PermissionDenied
    return series


def occurrence_for_viewer(user, slug: str, pk: int) -> Occurrence:
    series = series_for_viewer(user, slug)
    occurrence = Occurrence.objects.filter(series=series, pk=pk).first()
    if occurrence is None:
        raise Http404
    occurrence.series = series
    return occurrence


def occurrence_for_organiser(user, slug: str, pk: int) -> Occurrence:
    series = series_for_organiser(user, slug)
    occurrence = Occurrence.objects.filter(series=series, pk=pk).first()
    if occurrence is None:
        raise Http404
    occurrence.series = series
    return occurrence
