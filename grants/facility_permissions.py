"""Who may see and keep the facilities: the one place the facilities' pages ask.

Facilities managers (the facilities role; superusers have every role) keep every
facility, published or not. Everyone else sees the published ones only: a facility not
shown to residents is a 404 to them, so that nobody learns it exists. The access
instructions are never on a public page.
"""

from __future__ import annotations

from django.shortcuts import get_object_or_404

from grants.models import Facility
from yhdistystori.roles import Role, has_role


def is_facilities_manager(user) -> bool:
    return has_role(user, Role.FACILITIES)


def facility_for_viewer(user, slug: str, queryset=None) -> Facility:
    """A published facility for anyone; an unpublished one for managers only (404 otherwise)."""
    facilities = Facility.objects.all() if queryset is None else queryset
    if not is_facilities_manager(user):
        facilities = facilities.published()
    return get_object_or_404(facilities.select_related("district"), slug=slug)
