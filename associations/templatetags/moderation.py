"""Template helpers for profile changes: readable field labels."""

from django import template

from associations.models.moderation import field_label as _field_label

register = template.Library()


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
