"""Template helpers for the directory page."""

from django import template
from django.utils.html import format_html_join

register = template.Library()


@register.simple_tag
def checkbox_options(group: dict) -> str:
    """The checkboxes of one filter group.

    Built here rather than with a template loop: a directory page has some seventy
    of them, and the template engine spent more time on them than on the results.
    """
    field = group["field"]
    return format_html_join(
        "\n",
        '<div class="check"><input type="checkbox" name="{}" value="{}" id="{}_{}"{}>'
        ' <label for="{}_{}">{}</label></div>',
        (
            (
                field.html_name,
                value,
                field.auto_id,
                n,
                " checked" if checked else "",
                field.auto_id,
                n,
                label,
            )
            for n, (value, label, checked) in enumerate(group["options"])
        ),
    )


@register.filter
def web_address(url: str) -> str:
    """A web address as people read it: `https://www.kuoro.fi/` -> `www.kuoro.fi`."""
    shown = url.split("://", 1)[-1]
    return shown[:-1] if shown.endswith("/") and shown.count("/") == 1 else shown
