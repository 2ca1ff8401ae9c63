"""A series' schedule for its pages: the rule as a sentence and the next dates."""

from django import template
from django.utils.translation import get_language

from events.describing import describe
from events.recurrence import RuleError, Schedule

register = template.Library()

NEXT_DATES = 5


@register.simple_tag
def schedule_summary(series) -> dict:
    try:
        return {
            "sentence": describe(series, get_language() or "fi"),
            "next": Schedule.of(series).next_starts(NEXT_DATES),
        }
    except RuleError as error:
        return {"error": error.message, "next": []}
