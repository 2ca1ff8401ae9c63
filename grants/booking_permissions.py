"""Who may do what with booking requests: the one place the booking pages ask.

An association's editors make its requests, read them, withdraw them and cancel their
times; facilities managers (the facilities role) read every request and answer it.
Nobody else learns that a request exists (404), and only these two read a facility's
access instructions, once a time is accepted.
"""

from __future__ import annotations

from django.core.exceptions import PermissionDenied
from django.http import Http404
from django.shortcuts import get_object_or_404

from grants.models import BookingRequest, Facility
from grants.permissions import edits_association
from yhdistystori.roles import Role, has_role


def is_facilities_manager(user) -> bool:
    return has_role(user, Role.FACILITIES)


def bookable_facility(slug: str) -> Facility:
    """A published facility (404 for any other)."""
    return get_object_or_404(Facility.objects.published(), slug=slug)


def request_for_viewer(user, pk: int) -> BookingRequest:
    """The request if this user may read it: the association's editors and the facilities
    managers; others get 404. Views sign anonymous visitors in first."""
    if not user.is_authenticated:
        raise PermissionDenied
    request = (
        BookingRequest.objects.select_related("facility", "association", "requested_by")
        .filter(pk=pk)
        .first()
    )
    if request is None:
        raise Http404
    if is_facilities_manager(user) or edits_association(user, request.association):
        return request
    raise Http404


def request_for_editor(user, pk: int) -> BookingRequest:
    """The request if this user edits its association (managers answer on the desk)."""
    request = request_for_viewer(user, pk)
    if not edits_association(user, request.association):
        raise PermissionDenied
    return request
