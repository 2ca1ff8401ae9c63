"""Staff set up two-factor authentication before they reach the admin or the desk.

Anyone may protect their account with an authenticator app (allauth.mfa, linked from
My page); for the people who can change what residents see it is required. The MFA
pages, logout and everything outside the admin and the desk stay open, so that a
staff person without an authenticator can still set one up or leave.
"""

from __future__ import annotations

from allauth.mfa.models import Authenticator
from django.conf import settings
from django.contrib import messages
from django.shortcuts import redirect
from django.utils.translation import gettext as _

from yhdistystori.sessions import is_staff_person

# URL namespaces that need a second factor, and the pages in them that do not.
GUARDED_NAMESPACES = {"admin", "moderation"}
OPEN_URL_NAMES = {"logout"}


def has_totp(user) -> bool:
    """An activated authenticator app (allauth stores one only once a code was right)."""
    return Authenticator.objects.filter(user=user, type=Authenticator.Type.TOTP).exists()


def needs_mfa_setup(user) -> bool:
    return settings.STAFF_MFA_REQUIRED and is_staff_person(user) and not has_totp(user)


class StaffMFAMiddleware:
    """Sends staff without an authenticator app from the admin and the desk to its setup."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        return self.get_response(request)

    def process_view(self, request, view_func, view_args, view_kwargs):
        match = request.resolver_match
        if match is None or match.url_name in OPEN_URL_NAMES:
            return None
        if not GUARDED_NAMESPACES.intersection(match.namespaces):
            return None
        if not needs_mfa_setup(request.user):
            return None
        messages.warning(
            request,
            _(
                "City staff and administrators must use two-factor authentication. "
                "Set up an authenticator app to continue."
            ),
        )
        return redirect("mfa_activate_totp")
