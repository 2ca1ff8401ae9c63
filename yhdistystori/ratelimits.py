"""Rate limits for our own public forms (feedback, reports), counted per client address.

Built on allauth's rate limiting, so the counts live in the same cache, the client
address is found the same way (TRUSTED_PROXY_COUNT) and the same 429 page is shown.
The limits are in settings.PUBLIC_FORM_RATE_LIMITS, e.g. {"feedback": "5/10m/ip"}:
amount / period (s, m, h, d) / "ip" or "user", several separated by commas.
rate_limited_form runs the whole page of such a form; a form limited in some other
way (claims, invitations) calls limit_exceeded itself.
"""

from __future__ import annotations

from collections.abc import Callable
from http import HTTPStatus
from typing import Any, TypeVar

from allauth.core.internal import ratelimit
from django import forms
from django.conf import settings
from django.http import HttpRequest, HttpResponse
from django.shortcuts import render

APP = "yhdistystori"

FormT = TypeVar("FormT", bound=forms.BaseForm)


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


def rate_limited_form(
    request: HttpRequest,
    form_class: type[FormT],
    *,
    action: str,
    template: str,
    context: dict[str, Any] | None = None,
    initial: dict[str, Any] | None = None,
    on_valid: Callable[[FormT], HttpResponse],
) -> HttpResponse:
    """The page of a public form whose submissions count towards the limit of `action`.

    A valid submission within the limit goes to `on_valid`, which acts on it and
    returns the response (a redirect). Otherwise the page is shown again: 429 with
    the form as typed and `throttled` set for the template to explain, 400 with the
    form's errors, or 200 with the empty form (given `initial`) on GET.
    """
    throttled = False
    if request.method == "POST":
        form = form_class(request.POST)
        throttled = limit_exceeded(request, action)
        if throttled:
            # The form comes back as typed, with a note to send it again later.
            status = HTTPStatus.TOO_MANY_REQUESTS
        elif form.is_valid():
            return on_valid(form)
        else:
            status = HTTPStatus.BAD_REQUEST
    else:
        form = form_class(initial=initial)
        status = HTTPStatus.OK
    context = {**(context or {}), "form": form, "throttled": throttled}
    return render(request, template, context, status=status)
