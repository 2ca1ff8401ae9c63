"""Template helpers for the liaison's desk: the header link and field labels."""

from django import template
from django.core.cache import cache

from associations.models.directory import is_liaison
from associations.models.moderation import field_label as _field_label
from associations.queue import queue_total

register = template.Library()

LIAISON_CACHE_SECONDS = 300


def is_liaison_cached(user) -> bool:
    """is_liaison() remembered for a few minutes, so that the header that every page
    shows costs signed-in people who are not liaisons no database query."""
    if not user.is_authenticated:
        return False
    if user.is_superuser:
        return True
    key = f"moderation:is-liaison:{user.pk}"
    value = cache.get(key)
    if value is None:
        value = is_liaison(user)
        cache.set(key, value, LIAISON_CACHE_SECONDS)
    return value


@register.inclusion_tag("moderation/includes/nav_link.html", takes_context=True)
def moderation_nav_link(context) -> dict:
    request = context.get("request")
    user = getattr(request, "user", None)
    if user is None or not is_liaison_cached(user):
        return {"show": False}
    return {
        "show": True,
        "total": queue_total(),
        "current": getattr(request.resolver_match, "namespace", "") == "moderation",
    }


@register.filter
def field_label(name: str) -> str:
    """The readable label of a profile field ("register_number" → "register number")."""
    return _field_label(name)


@register.filter
def field_labels(names, exclude=None) -> str:
    """Labels of profile fields, comma-separated, leaving out `exclude` and the small logo
    (a copy of the logo, which people know as one field)."""
    skip = set(exclude or ()) | {"logo_small"}
    return ", ".join(_field_label(name) for name in names if name not in skip)
