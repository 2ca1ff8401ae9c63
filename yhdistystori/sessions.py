"""Shorter sessions for the people who can change what residents see."""

from __future__ import annotations

from django.conf import settings

from yhdistystori.roles import roles_of


def is_staff_person(user) -> bool:
    """Admins, staff and anyone with a city role."""
    return user.is_authenticated and (user.is_staff or user.is_superuser or bool(roles_of(user)))


class StaffSessionMiddleware:
    """A staff session ends after STAFF_SESSION_IDLE_SECONDS without a request.

    Each request of theirs moves the expiry forward (the session is saved with it);
    residents' sessions are left as they are.
    """

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        response = self.get_response(request)
        # After the view: a login or logout during it has set request.user already.
        user = getattr(request, "user", None)
        if user is not None and is_staff_person(user) and hasattr(request, "session"):
            request.session.set_expiry(settings.STAFF_SESSION_IDLE_SECONDS)
        return response
