"""The header's link to the staff's desk, with how many items wait."""

from django import template

from yhdistystori.desk import has_desk, kinds_for, queue_total
from yhdistystori.desk_views import DESK_ROLE
from yhdistystori.roles import has_role

register = template.Library()


@register.inclusion_tag("moderation/includes/nav_link.html", takes_context=True)
def desk_nav_link(context) -> dict:
    request = context.get("request")
    user = getattr(request, "user", None)
    if user is None or not has_desk(user):
        return {"show": False}
    return {
        "show": True,
        "total": queue_total(kinds_for(user)),
        "current": getattr(request.resolver_match, "namespace", "") == "moderation",
    }


@register.simple_tag(takes_context=True)
def keeps_liaison_desk(context) -> bool:
    """Whether the person sees the liaison's own desk pages (the change feed, the log)."""
    user = getattr(context.get("request"), "user", None)
    return user is not None and has_role(user, DESK_ROLE)
