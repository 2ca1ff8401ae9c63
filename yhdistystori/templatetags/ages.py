"""How long ago something happened, in words: `{{ claim.created_at|ago }}` → "3 days ago".

Django's `timesince` is the base, but its catalogues are not tidy in every language:
the Finnish plural "%(num)d kuukautta " ends in a space, which read as "8 kuukautta ,
1 viikko" and "8 kuukautta  sitten". The pieces are joined again here without stray
spaces: a no-break space inside a piece, the language's own ", " between them.
"""

from __future__ import annotations

import re
from datetime import datetime

from django import template
from django.utils.timesince import timesince
from django.utils.translation import gettext

register = template.Library()

NO_BREAK_SPACE = "\u00a0"
SPACES = re.compile(r"\s+")


def tidy_timesince(value: datetime, now: datetime | None = None) -> str:
    """`timesince` with each piece's spaces made one no-break space and none at its ends."""
    separator = gettext(", ")
    pieces = timesince(value, now).split(separator.strip())
    return separator.join(SPACES.sub(NO_BREAK_SPACE, piece.strip()) for piece in pieces)


@register.filter
def ago(value: datetime | None, now: datetime | None = None) -> str:
    if not value:
        return ""
    return gettext("%(age)s ago") % {"age": tidy_timesince(value, now)}
