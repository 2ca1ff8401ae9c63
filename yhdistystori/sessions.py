"""Shorter sessions for the people who can change what residents see."""

from __future__ import annotations

import time

from django.conf import settings

from yhdistystori.roles import roles_of

# When the staff session's end was last moved forward (seconds since the epoch).
SEEN_KEY = "staff_seen"
# Move it at most this often: each move writes the session.
REFRESH_SECONDS = 60


def is_staff_person(user) -> bool:
    """Admins, staff and anyone with a city role."""
    return user.is_authenticated and (user.is_staff or user.is_superuser or bool(roles_of(user)))


def start_staff_session(request) -> None:
    """Give a staff person's session the short idle time (at login, and once a minute)."""
    request.session.set_expiry(settings.STAFF_SESSION_IDLE_SECONDS)
    request.session[SEEN_KEY] = int(time.time())


def on_login(sender, request, user, **kwargs) -> None:
    """user_logged_in (connected in apps.py): the login response already has the short
    session, so the first page afterwards writes nothing."""
    if request is not None and hasattr(request, "session") and is_staff_person(user):
        start_staff_session(request)


class StaffSessionMiddleware:
    """A staff session ends after STAFF_SESSION_IDLE_SECONDS without a request.

    Their requests move the end forward, at most once a minute, so that a busy
    desk does not write its session on every page; residents' sessions are left
    as they are.
    """

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        response = self.get_response(request)
        # After the view: a login or logout during it has set request.user already.
        user = getattr(request, "user", None)
        session = getattr(request, "session", None)
        if user is None or session is None or not is_staff_person(user):
            return response
        stale = int(time.time()) - session.get(SEEN_KEY, 0) >= REFRESH_SECONDS
        if stale or session.get("_session_expiry") != settings.STAFF_SESSION_IDLE_SECONDS:
            start_staff_session(request)
        return response
