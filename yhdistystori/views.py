from __future__ import annotations

import json
from functools import wraps

from django.conf import settings
from django.contrib import messages
from django.db import DatabaseError, connection
from django.http import HttpRequest, HttpResponse, JsonResponse
from django.shortcuts import redirect, render
from django.utils.http import url_has_allowed_host_and_scheme
from django.utils.translation import get_language
from django.utils.translation import gettext as _
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_http_methods, require_safe

from yhdistystori.contributions import api_description, registry, render_sections
from yhdistystori.forms import FeedbackForm
from yhdistystori.models import Feedback
from yhdistystori.ratelimits import rate_limited_form


@require_safe
def home(request: HttpRequest) -> HttpResponse:
    # What each app shows on the home page (yhdistystori.contributions).
    sections = render_sections(registry.home, request)
    return render(request, "yhdistystori/home.html", {"sections": sections})


def with_contributed_api_paths(view):
    """The OpenAPI description `view` serves, with the paths the apps contribute
    (yhdistystori.contributions `api_paths`) merged in."""

    @wraps(view)
    def described(request: HttpRequest, *args, **kwargs) -> HttpResponse:
        response = view(request, *args, **kwargs)
        if response.status_code != 200:
            return response
        merged = api_description(json.loads(response.content))
        return JsonResponse(merged, json_dumps_params={"ensure_ascii": False})

    return described


# The supervisory authority's pages in the visitor's language.
ACCESSIBILITY_AUTHORITY_SITES = {
    "fi": "https://www.saavutettavuusvaatimukset.fi/",
    "sv": "https://www.tillganglighetskrav.fi/",
    "en": "https://www.accessibilityrequirements.fi/",
}
DATA_PROTECTION_OMBUDSMAN_SITES = {
    "fi": "https://tietosuoja.fi/",
    "sv": "https://tietosuoja.fi/sv/",
    "en": "https://tietosuoja.fi/en/",
}


def _for_language(sites: dict[str, str]) -> str:
    """The address in `sites` for the page's language, the Finnish one otherwise."""
    return sites.get((get_language() or "fi")[:2], sites["fi"])


@require_safe
def accessibility(request: HttpRequest) -> HttpResponse:
    """The statement that the Act on the Provision of Digital Services (306/2019) requires."""
    return render(
        request,
        "yhdistystori/accessibility.html",
        {
            "compliance": settings.ACCESSIBILITY_COMPLIANCE,
            "prepared_on": settings.ACCESSIBILITY_STATEMENT_PREPARED,
            "reviewed_on": settings.ACCESSIBILITY_STATEMENT_REVIEWED,
            "authority_site": _for_language(ACCESSIBILITY_AUTHORITY_SITES),
            "feedback_topic": Feedback.Topic.ACCESSIBILITY,
        },
    )


@require_safe
def privacy(request: HttpRequest) -> HttpResponse:
    """The privacy notice (GDPR articles 13 and 14): who keeps what, why and for how long."""
    return render(
        request,
        "yhdistystori/privacy.html",
        {
            "controller": settings.PRIVACY_CONTROLLER,
            "controller_address": settings.PRIVACY_CONTROLLER_ADDRESS,
            "contact_email": settings.PRIVACY_CONTACT_EMAIL,
            "dpo_email": settings.PRIVACY_DPO_EMAIL,
            "ombudsman_site": _for_language(DATA_PROTECTION_OMBUDSMAN_SITES),
        },
    )


@require_http_methods(["GET", "POST"])
def feedback(request: HttpRequest) -> HttpResponse:
    page = request.GET.get("page") or request.POST.get("page_url") or ""
    if not url_has_allowed_host_and_scheme(page, allowed_hosts={request.get_host()}):
        page = ""

    def save(form: FeedbackForm) -> HttpResponse:
        item = form.save(commit=False)
        item.language = get_language() or ""
        item.save()
        messages.success(
            request,
            _("Thank you. Your feedback was received; we answer within 14 days."),
        )
        return redirect(page or "home")

    initial = {"page_url": page}
    # A link may choose the topic, as the accessibility statement's does.
    if request.GET.get("topic") in Feedback.Topic.values:
        initial["topic"] = request.GET["topic"]
    return rate_limited_form(
        request,
        FeedbackForm,
        action="feedback",
        template="yhdistystori/feedback.html",
        initial=initial,
        on_valid=save,
    )


@require_safe
def healthz(request: HttpRequest) -> HttpResponse:
    """The process is alive. Touches no database."""
    return HttpResponse("ok\n", content_type="text/plain")


@never_cache
@require_safe
def readyz(request: HttpRequest) -> HttpResponse:
    """The process can serve: the database answers."""
    try:
        with connection.cursor() as cursor:
            cursor.execute("SELECT 1")
    except DatabaseError:
        return HttpResponse("database unavailable\n", status=503, content_type="text/plain")
    return HttpResponse("ok\n", content_type="text/plain")
