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


@register.filter
def euros(amount) -> str:
    """A euro amount the Finnish way, whatever the page's language: '1 234,50 €'."""
    from decimal import Decimal, InvalidOperation

    from yhdistystori.forms import format_amount

    if amount is None or amount == "":
        return ""
    try:
        return f"{format_amount(Decimal(str(amount)))}\u00a0€"
    except InvalidOperation:
        return ""
