"""What the meetings add to the shared pages (yhdistystori.contributions): on My page,
the meetings a person organises that wait to be closed. Registered in EventsConfig.ready()."""

from __future__ import annotations

from django.http import HttpRequest

from events.closing import meetings_to_close
from yhdistystori.contributions import Section


def meetings_to_close_context(request: HttpRequest) -> dict | None:
    meetings = meetings_to_close(request.user)
    return {"meetings_to_close": meetings} if meetings else None


MEETINGS_TO_CLOSE = Section(
    template="events/my/meetings_to_close.html", context=meetings_to_close_context
)
