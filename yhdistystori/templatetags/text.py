"""Filters that shape text for reading."""

from django import template
from django.utils.html import conditional_escape, format_html
from django.utils.safestring import SafeString

register = template.Library()


@register.filter
def email_breaks(address: str) -> SafeString:
    """An email address that a narrow screen wraps after the @, not in mid-word.

    The page's `overflow-wrap: anywhere` breaks a long word only where no other
    break is possible, so the <wbr> after the @ is taken first.
    """
    local, at, domain = str(address).partition("@")
    if not at:
        return conditional_escape(address)
    return format_html("{}@<wbr>{}", local, domain)
