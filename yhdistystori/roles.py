"""What each city role may do in the Django admin.

The groups themselves are created by a migration (yhdistystori 0002). Their
permissions are set here, by `manage.py setup_roles`, because Django creates
permissions only after all migrations have run. Each later feature adds its
models to the table below.
"""

from __future__ import annotations

from django.contrib.auth.models import Group, Permission
from django.db import transaction

ALL = ("view", "add", "change", "delete")

# group -> {"app_label.model": actions}
ROLE_PERMISSIONS: dict[str, dict[str, tuple[str, ...]]] = {
    "liaison": {
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
    "grants": {
        "associations.association": ("view",),
        "yhdistystori.feedback": ("view",),
    },
    "facilities": {
        "associations.association": ("view",),
        "yhdistystori.feedback": ("view",),
    },
}


@transaction.atomic
def setup_roles() -> dict[str, int]:
    """Give each city group exactly its permissions. Idempotent. Returns counts per group."""
    counts = {}
    for group_name, models in ROLE_PERMISSIONS.items():
        group, _created = Group.objects.get_or_create(name=group_name)
        wanted = []
        for label, actions in models.items():
            app_label, model = label.split(".")
            codenames = [f"{action}_{model}" for action in actions]
            found = list(
                Permission.objects.filter(content_type__app_label=app_label, codename__in=codenames)
            )
            if len(found) != len(codenames):
                raise LookupError(f"Missing permissions for {label}: run migrate first.")
            wanted += found
        group.permissions.set(wanted)
        counts[group_name] = len(wanted)
    return counts
