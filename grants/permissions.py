"""Who may do what with grants: the one place the grants views ask.

Grants officers (the grants role) run the rounds and see every application. An
association's editors see and change its own applications; nobody else sees an
application, its attachments or its comments. Published decisions are public.
"""

from __future__ import annotations

from django.core.exceptions import PermissionDenied
from django.http import Http404
from django.shortcuts import get_object_or_404

from associations.models import Association, Membership
from grants.models import Application, GrantRound
from yhdistystori.roles import Role, has_role


def is_grants_officer(user) -> bool:
    return has_role(user, Role.GRANTS)


def require_grants_officer(user) -> None:
    if not user.is_authenticated or not is_grants_officer(user):
        raise PermissionDenied


def round_for_viewer(user, slug: str) -> GrantRound:
    """An announced round for anyone; a draft for grants officers only (404 otherwise)."""
    rounds = GrantRound.objects.all() if is_grants_officer(user) else GrantRound.objects.announced()
    return get_object_or_404(rounds.select_related("programme"), slug=slug)


def edits_association(user, association: Association) -> bool:
    return (
        user.is_authenticated
        and Membership.objects.filter(user=user, association=association).exists()
    )


def application_for_viewer(user, pk: int) -> Application:
    """The application if this user may read it: its association's editors and grants
    officers. Others get 404, so that nobody learns who applied before it is public."""
    if not user.is_authenticated:
        raise PermissionDenied
    application = (
        Application.objects.select_related("round__programme", "association").filter(pk=pk).first()
    )
    if application is None:
        raise Http404
    if is_grants_officer(user) or edits_association(user, application.association):
        return application
    raise Http404


def application_for_editor(user, pk: int) -> Application:
    """The application if this user may change it: its association's editors only
    (officers review, they do not write applications)."""
    application = application_for_viewer(user, pk)
    if not edits_association(user, application.association):
        raise PermissionDenied
    return application
