"""The errors of a form as the error summary lists them (templates/includes/error_summary.html)."""

from __future__ import annotations

from django import template
from django.forms import BaseForm

register = template.Library()


@register.filter
def error_links(form: BaseForm | None) -> list[dict]:
    """Each error of `form` with the id of the input it is about ("" for the whole form).

    Errors of hidden fields are left out: nobody can correct those, and a page that has
    them says what to do in its own words.
    """
    if form is None or not getattr(form, "errors", None):
        return []
    links = [{"error": error, "label": "", "anchor": ""} for error in form.non_field_errors()]
    for field in form.visible_fields():
        # A group of radio buttons or check boxes is named after its first option.
        anchor = field.id_for_label or (f"{field.auto_id}_0" if field.auto_id else "")
        links += [
            {"error": error, "label": field.label, "anchor": anchor} for error in field.errors
        ]
    return links
