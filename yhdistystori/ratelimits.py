"""Rate limits for our own public forms (feedback, reports), counted per client address.

Built on allauth's rate limiting, so the counts live in the same cache, the client
address is found the same way (TRUSTED_PROXY_COUNT) and the same 429 page is shown.
The limits are in settings.PUBLIC_FORM_RATE_LIMITS, e.g. {"feedback": "5/10m/ip"}:
amount / period (s, m, h, d) / "ip" or "user", several separated by commas.
"""

from __future__ import annotations

from http import HTTPStatus

from allauth.core.internal import ratelimit
from django.conf import settings
from django.http import HttpRequest, HttpResponse
from django.shortcuts import render

APP = "yhdistystori"


def limit_exceeded(request: HttpRequest, action: str) -> bool:
    """Count one use of `action` from this client; True when it is over the limit.

    Call it once per submission (POST), before the form is validated, so that
    invalid submissions count too.
    """
    if action not in settings.PUBLIC_FORM_RATE_LIMITS:
        raise KeyError(f"No rate limit for {action!r} in PUBLIC_FORM_RATE_LIMITS.")
    usage = ratelimit.consume(
        request,
        app=APP,
        action=action,
        config=settings.PUBLIC_FORM_RATE_LIMITS,
        limit_get=True,
    )
    return usage is None


def too_many_requests(request: HttpRequest) -> HttpResponse:
    """The generic "wait and try again" page with status 429 (for pages without a form)."""
    return render(request, "429.html", status=HTTPStatus.TOO_MANY_REQUESTS)
