"""The city's staff roles: the one module that knows them.

Each role is an auth group of the same name. Everything else asks here: does this
user have the role (`has_role`; superusers have every role), guard a view with it
(`role_required`), who has it (`users_with_role`), give it (`grant_role`), and what
it may do in the Django admin (`ROLE_PERMISSIONS`, applied by `setup_roles`).

The groups are created by a migration (yhdistystori 0002). Their permissions are
set by `manage.py setup_roles`, because Django creates permissions only after all
migrations have run. Each feature adds its models to the table below.
"""

from __future__ import annotations

from collections.abc import Callable
from functools import wraps

from django.contrib.auth.decorators import login_required
from django.contrib.auth.models import Group, Permission
from django.core.cache import cache
from django.core.exceptions import PermissionDenied
from django.db import models, transaction
from django.utils.translation import gettext_lazy as _


class Role(models.TextChoices):
    LIAISON = "liaison", _("City liaison")
    GRANTS = "grants", _("Grants officer")
    FACILITIES = "facilities", _("Facilities manager")


# Every page's header asks whether the person has a desk: the answer is kept in the
# cache so that it costs no query, and forgotten when the person's groups change.
ROLES_CACHE_SECONDS = 300


def _cache_key(user_id) -> str:
    return f"roles:{user_id}"


def roles_of(user) -> frozenset[str]:
    """The roles of `user`: at most one query, remembered for the request and a few minutes.

    Superusers have every role; anonymous visitors none.
    """
    if user is None or not user.is_authenticated:
        return frozenset()
    if user.is_superuser:
        return frozenset(Role.values)
    remembered = getattr(user, "_city_roles", None)
    if remembered is None:
        names = cache.get(_cache_key(user.pk))
        if names is None:
            names = list(user.groups.filter(name__in=Role.values).values_list("name", flat=True))
            cache.set(_cache_key(user.pk), names, ROLES_CACHE_SECONDS)
        remembered = user._city_roles = frozenset(names)
    return remembered


def forget_roles(user_id) -> None:
    """After a change to someone's groups (connected to User.groups in apps.py)."""
    cache.delete(_cache_key(user_id))


def groups_changed(sender, instance, action, reverse, pk_set, **kwargs) -> None:
    """m2m_changed of User.groups, from either side: forget the roles of those concerned."""
    if not action.startswith("post_"):
        return
    if reverse:  # group.user_set changed: the users are in pk_set (None on clear)
        user_ids = pk_set if pk_set is not None else instance.user_set.values_list("pk", flat=True)
    else:
        user_ids = [instance.pk]
    cache.delete_many([_cache_key(user_id) for user_id in user_ids])


def has_role(user, role: Role) -> bool:
    return role in roles_of(user)


def require_role(user, role: Role) -> None:
    """403 for a signed-in user without the role (views sign people in first)."""
    if not has_role(user, role):
        raise PermissionDenied


def role_required(role: Role) -> Callable:
    """A view for one role: anonymous visitors go to the login page, others get 403."""

    def decorator(view):
        @login_required
        @wraps(view)
        def wrapped(request, *args, **kwargs):
            require_role(request.user, role)
            return view(request, *args, **kwargs)

        return wrapped

    return decorator


def users_with_role(role: Role):
    """Active users in the role's group (superusers only when they are in it too)."""
    from django.contrib.auth import get_user_model

    return get_user_model().objects.filter(is_active=True, groups__name=role).distinct()


def grant_role(user, role: Role) -> None:
    group, _created = Group.objects.get_or_create(name=role)
    user.groups.add(group)
    user.__dict__.pop("_city_roles", None)
    forget_roles(user.pk)


def revoke_role(user, role: Role) -> None:
    user.groups.remove(*Group.objects.filter(name=role))
    user.__dict__.pop("_city_roles", None)
    forget_roles(user.pk)


ALL = ("view", "add", "change", "delete")

# role -> {"app_label.model": actions}
ROLE_PERMISSIONS: dict[Role, dict[str, tuple[str, ...]]] = {
    Role.LIAISON: {
        "associations.association": ALL,
        "associations.category": ALL,
        "associations.district": ALL,
        "associations.targetgroup": ALL,
        "associations.activitylanguage": ALL,
        "associations.liaisoncontact": ALL,
        # Decisions on claims and reports are made on the desk (/moderation/); the admin
        # lets liaisons look them up and fix a detail. Records of changes and of the
        # liaisons' own actions are read-only.
        "associations.membership": ("view", "change", "delete"),
        "associations.invitation": ("view", "change", "delete"),
        "associations.claim": ("view", "change"),
        "associations.report": ("view", "change", "delete"),
        "associations.profilechange": ("view",),
        "associations.moderationaction": ("view",),
        "yhdistystori.feedback": ("view", "change"),
        "yhdistystori.siteconfiguration": ("view", "change"),
    },
    Role.GRANTS: {
        "associations.association": ("view",),
        "yhdistystori.feedback": ("view",),
    },
    Role.FACILITIES: {
        "associations.association": ("view",),
        "yhdistystori.feedback": ("view",),
        # Facilities are kept in the admin as well as on their own pages; requests are
        # answered on the desk, where every answer is recorded and emailed.
        "grants.facility": ALL,
        "grants.equipment": ALL,
        "grants.room": ALL,
        "grants.openinghours": ALL,
        "grants.facilityphoto": ALL,
        "grants.bookingrequest": ("view",),
        "grants.booking": ("view",),
    },
}


@transaction.atomic
def setup_roles() -> dict[str, int]:
    """Give each role's group exactly its permissions. Idempotent. Returns counts per role."""
    counts = {}
    for role, models_ in ROLE_PERMISSIONS.items():
        group, _created = Group.objects.get_or_create(name=role)
        wanted = []
        for label, actions in models_.items():
            app_label, model = label.split(".")
            codenames = [f"{action}_{model}" for action in actions]
            found = list(
                Permission.objects.filter(content_type__app_label=app_label, codename__in=codenames)
            )
            if len(found) != len(codenames):
                raise LookupError(f"Missing permissions for {label}: run migrate first.")
            wanted += found
        group.permissions.set(wanted)
        counts[str(role)] = len(wanted)
    return counts
