"""/api/v1/grants/awards: read-only JSON of the published grants in force, with the
decisions page's filters, paged like /api/v1/associations (associations/api.py)."""

from __future__ import annotations

from django.conf import settings
from django.core.paginator import EmptyPage, Paginator
from django.http import HttpRequest, JsonResponse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_safe

from grants import giving
from grants.models import GrantDecision
from grants.transparency import decision_filter


def _error(message: str, status: int, **extra) -> JsonResponse:
    return JsonResponse({"error": message, **extra}, status=status)


def _amount(value) -> str | None:
    return None if value is None else f"{value:.2f}"


def serialize(decision: GrantDecision, request: HttpRequest, prefix: str) -> dict:
    application = decision.application
    association = application.association
    grant_round = application.round
    programme = grant_round.programme
    return {
        "id": decision.pk,
        "identifier": f"{prefix}-{decision.pk}",
        "recipient": {
            "id": association.pk,
            "name": association.name,
            "slug": association.slug,
            "business_id": association.business_id or None,
            "uri": request.build_absolute_uri(association.get_absolute_url()),
        },
        "round": {
            "slug": grant_round.slug,
            "title": {
                "fi": grant_round.title_fi,
                "sv": grant_round.title_sv,
                "en": grant_round.title_en,
            },
        },
        "programme": {
            "slug": programme.slug,
            "name": {"fi": programme.name_fi, "sv": programme.name_sv, "en": programme.name_en},
        },
        "currency": giving.CURRENCY,
        "amount_applied": _amount(application.requested_amount),
        "amount_proposed": _amount(application.proposed_amount),
        "amount_granted": _amount(decision.amount),
        "purpose": application.purpose,
        "rationale": decision.rationale,
        "decided_on": decision.decided_on.isoformat(),
        "section": decision.section,
        "deciding_body": decision.deciding_body,
        "corrects": decision.corrects_id,
        "correction_reason": decision.correction_reason or None,
        "published_at": decision.published_at.isoformat(),
    }


@require_safe
def award_list(request: HttpRequest) -> JsonResponse:
    filterset = decision_filter(request, lenient=False)
    if filterset.is_bound and not filterset.form.is_valid():
        return _error(_("Invalid filter values."), 400, fields=filterset.errors.get_json_data())
    try:
        page_size = int(request.GET.get("page_size", settings.API_PAGE_SIZE))
        page_number = int(request.GET.get("page", 1))
    except ValueError:
        return _error(_("page and page_size must be whole numbers."), 400)
    if not 1 <= page_size <= settings.API_MAX_PAGE_SIZE:
        return _error(
            _("page_size must be between 1 and %(max)d.") % {"max": settings.API_MAX_PAGE_SIZE},
            400,
        )
    paginator = Paginator(filterset.qs, page_size)
    try:
        page = paginator.page(page_number)
    except EmptyPage:
        return _error(_("There is no page %(page)s.") % {"page": page_number}, 404)

    def link(number: int) -> str:
        params = request.GET.copy()
        params["page"] = str(number)
        return request.build_absolute_uri(f"{request.path}?{params.urlencode()}")

    prefix = giving.city_prefix()
    return JsonResponse(
        {
            "count": paginator.count,
            "count_is_exact": True,
            "next": link(page.next_page_number()) if page.has_next() else None,
            "previous": link(page.previous_page_number()) if page.has_previous() else None,
            "results": [serialize(d, request, prefix) for d in page.object_list],
        },
        json_dumps_params={"ensure_ascii": False},
    )
