from __future__ import annotations

from django.contrib import messages
from django.db import DatabaseError, connection
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils.http import url_has_allowed_host_and_scheme
from django.utils.translation import get_language
from django.utils.translation import gettext as _
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_http_methods, require_safe

from yhdistystori.contributions import registry, render_sections
from yhdistystori.forms import FeedbackForm
from yhdistystori.models import Feedback
from yhdistystori.ratelimits import rate_limited_form


@require_safe
def home(request: HttpRequest) -> HttpResponse:
    # What each app shows on the home page (yhdistystori.contributions).
    sections = render_sections(registry.home, request)
    return render(request, "yhdistystori/home.html", {"sections": sections})


@require_safe
def accessibility(request: HttpRequest) -> HttpResponse:
    return render(request, "yhdistystori/accessibility.html")


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
