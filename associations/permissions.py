"""Who may do what with an association: the one place the views ask."""

from __future__ import annotations

from django.core.exceptions import PermissionDenied
from django.shortcuts import get_object_or_404

from associations.models import Association, Membership
from yhdistystori.roles import Role, has_role


def association_for_viewer(user, slug: str, queryset=None) -> Association:
    """The association if this user may see it: published, their own, or any for a liaison."""
    queryset = queryset if queryset is not None else Association.objects.all()
    return get_object_or_404(queryset.visible_to(user), slug=slug)


def association_for_editor(
    user, slug: str, *, owner: bool = False
) -> tuple[Association, Membership | None]:
    """The association and the user's membership, if the user may edit it.

    Editors edit; owners (owner=True) also manage the editors. Liaisons and admins may
    do both on any association (membership None). Others get 404 for what they
    cannot see and 403 for what they can see but not edit.
    """
    if not user.is_authenticated:
        raise PermissionDenied
    association = association_for_viewer(user, slug)
    membership = Membership.objects.filter(association=association, user=user).first()
    if has_role(user, Role.LIAISON):
        return association, membership
    if membership is None or (owner and not membership.is_owner):
        raise PermissionDenied
    return association, membership


def can_manage_editors(user, membership: Membership | None) -> bool:
    """Owners and liaisons invite, remove and promote; editors see the list and may leave."""
    return (membership is not None and membership.is_owner) or has_role(user, Role.LIAISON)
