"""/api/v1/associations: read-only JSON with the directory's filters.

Field names follow the Open Referral HSDS 3.0 organization where they fit.
"""

from __future__ import annotations

from django.conf import settings
from django.core.paginator import EmptyPage, Paginator
from django.http import HttpRequest, JsonResponse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_safe

from associations.models import Association
from associations.views import directory_filter


def _error(message: str, status: int, **extra) -> JsonResponse:
    return JsonResponse({"error": message, **extra}, status=status)


def _vocab(items) -> list[dict]:
    return [{"id": item.slug, "name": item.name} for item in items]


def serialize(association: Association, request: HttpRequest) -> dict:
    identifiers = []
    if association.business_id:
        identifiers.append(
            {
                "identifier_scheme": "FI-PRO",
                "identifier_type": "Y-tunnus",
                "identifier": association.business_id,
            }
        )
    if association.register_number:
        identifiers.append(
            {
                "identifier_scheme": "FI-YR",
                "identifier_type": "yhdistysrekisterinumero",
                "identifier": association.register_number_display,
            }
        )
    return {
        "id": association.pk,
        "name": association.name,
        "alternate_name": association.alternate_name or None,
        "description": association.description,
        "email": association.email or None,
        "phone": association.phone or None,
        "website": association.website or None,
        "year_incorporated": association.founded_year,
        "legal_status": "registered association",
        "logo": request.build_absolute_uri(association.logo.url) if association.logo else None,
        "uri": request.build_absolute_uri(association.get_absolute_url()),
        "organization_identifiers": identifiers,
        "address": {
            "address_1": association.street_address,
            "postal_code": association.postal_code,
            "city": association.municipality,
            "country": "FI",
        },
        "categories": _vocab(association.categories.all()),
        "districts": _vocab(association.districts.all()),
        "target_groups": _vocab(association.target_groups.all()),
        "languages": [lang.slug for lang in association.languages.all()],
        "member_count": association.member_count,
        "accepts_new_members": association.accepts_new_members,
        "seeks_volunteers": association.seeks_volunteers,
        "meeting_info": association.meeting_info or None,
        "how_to_join": association.how_to_join or None,
        "membership_fee": association.membership_fee or None,
        "is_claimed": association.is_claimed,
        "last_verified": association.last_verified_at.isoformat()
        if association.last_verified_at
        else None,
        "updated": association.updated_at.isoformat(),
    }


@require_safe
def association_list(request: HttpRequest) -> JsonResponse:
    filterset = directory_filter(request)
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
    results = filterset.results().prefetch_related(
        "categories", "districts", "languages", "target_groups"
    )
    paginator = Paginator(results, page_size)
    try:
        page = paginator.page(page_number)
    except EmptyPage:
        return _error(_("There is no page %(page)s.") % {"page": page_number}, 404)

    def link(number: int) -> str:
        params = request.GET.copy()
        params["page"] = str(number)
        return request.build_absolute_uri(f"{request.path}?{params.urlencode()}")

    return JsonResponse(
        {
            "count": paginator.count,
            # A search for a broad word counts up to a limit (see associations/results.py).
            "count_is_exact": getattr(results, "count_is_exact", True),
            "next": link(page.next_page_number()) if page.has_next() else None,
            "previous": link(page.previous_page_number()) if page.has_previous() else None,
            "results": [serialize(a, request) for a in page.object_list],
        },
        json_dumps_params={"ensure_ascii": False},
    )


@require_safe
def association_detail(request: HttpRequest, pk: int) -> JsonResponse:
    association = Association.objects.published().with_lists().filter(pk=pk).first()
    if association is None:
        return _error(_("No published association has this id."), 404)
    return JsonResponse(serialize(association, request), json_dumps_params={"ensure_ascii": False})
