"""Security headers that Django's SecurityMiddleware does not set.

- Content-Security-Policy (settings.CONTENT_SECURITY_POLICY): the site has no
  inline script or style, so the policy allows only its own files.
- Permissions-Policy (settings.PERMISSIONS_POLICY): the browser features the
  site never uses are turned off.
- Cache-Control: private, no-store on every response to a signed-in person and on
  responses that set or clear the session cookie (signing in and out), so that
  neither a shared cache nor the browser's history keeps a person's pages.
  Public pages for anonymous visitors keep their own caching.

It sits after WhiteNoise (static files need none of this) and before the session
middleware, so that it sees the session cookie that signing in or out sets.
"""

from __future__ import annotations

from collections.abc import Callable

from django.conf import settings
from django.http import HttpRequest, HttpResponse

PRIVATE = "private, no-store"


class SecurityHeadersMiddleware:
    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]):
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        response = self.get_response(request)
        if "Content-Security-Policy" not in response.headers:
            response.headers["Content-Security-Policy"] = settings.CONTENT_SECURITY_POLICY
        if "Permissions-Policy" not in response.headers:
            response.headers["Permissions-Policy"] = settings.PERMISSIONS_POLICY
        if is_private(request, response) and "no-store" not in response.get("Cache-Control", ""):
            response.headers["Cache-Control"] = PRIVATE
        return response


def is_private(request: HttpRequest, response: HttpResponse) -> bool:
    """The response is for one signed-in person, or signs someone in or out."""
    user = getattr(request, "user", None)
    return bool(
        (user is not None and user.is_authenticated)
        or settings.SESSION_COOKIE_NAME in response.cookies
    )
