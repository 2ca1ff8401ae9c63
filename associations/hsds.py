"""/api/hsds/: the published associations as Open Referral HSDS 3.0 organizations.

Read-only, the three endpoints of the HSDS API that concern organizations: `/`
(which HSDS this is), `/organizations` (pages with HSDS's paging fields) and
`/organizations/<id>`. The JSON validates against HSDS's compiled schemas
(tests/associations/test_hsds.py). HSDS writes a missing value by leaving the
field out, not as null, so empty fields are omitted.

HSDS ids are UUIDs. An association's is derived from its primary key (see
`organization_id`), so it is stable without a stored column; the other
objects' ids (identifiers, phones, places, classifications) are uuid5 names of
what they belong to.
"""

from __future__ import annotations

import math
import uuid

from django.conf import settings
from django.core.paginator import Paginator
from django.db.models.functions import Lower
from django.http import HttpRequest, JsonResponse
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_safe

from associations.filters import SEARCH_COLUMNS
from associations.models import Association

HSDS_VERSION = "3.0"
# No HSDS profile is used: the base specification's canonical schema directory.
HSDS_PROFILE = "https://github.com/openreferral/specification/tree/3.0/schema"

# Fixed for good: every id below is derived from it, and clients keep the ids.
NAMESPACE = uuid.UUID("6f3c8d2e-4b1a-5c7e-9d0f-2a8b7c6e5d41")

_PK_BITS = 48
_PK_MASK = (1 << _PK_BITS) - 1


def _organization_prefix() -> int:
    """The 80 high bits every organization id shares: version 8 (custom), RFC 4122 variant."""
    value = uuid.uuid5(NAMESPACE, "organization").int & ~_PK_MASK
    value = (value & ~(0xF << 76)) | (0x8 << 76)
    return (value & ~(0x3 << 62)) | (0x2 << 62)


_ORGANIZATION_PREFIX = _organization_prefix()


def organization_id(pk: int) -> str:
    """The association's HSDS id: a fixed prefix and the primary key in the last 48 bits.

    A uuid5 of the key would be as stable, but it is a hash: the detail endpoint
    could not turn it back into the row without a stored column or a scan. This
    one is read back by `organization_pk`.
    """
    if not 0 < pk <= _PK_MASK:
        raise ValueError(f"primary key {pk} does not fit an organization id")
    return str(uuid.UUID(int=_ORGANIZATION_PREFIX | pk))


def organization_pk(value: str) -> int | None:
    """The primary key in an organization id, or None when `value` is not one."""
    try:
        number = uuid.UUID(value).int
    except (ValueError, AttributeError, TypeError):
        return None
    if number & ~_PK_MASK != _ORGANIZATION_PREFIX or not number & _PK_MASK:
        return None
    return number & _PK_MASK


def child_id(*parts) -> str:
    """A stable id for an object that belongs to an association (a phone, an identifier…)."""
    return str(uuid.uuid5(NAMESPACE, ":".join(str(part) for part in parts)))


def _without_empty(data: dict, keep: tuple[str, ...] = ()) -> dict:
    return {key: value for key, value in data.items() if key in keep or value not in ("", None, [])}


def organization_basic(association: Association, request: HttpRequest) -> dict:
    """The organization's own fields: a list item of /organizations."""
    return _without_empty(
        {
            "id": organization_id(association.pk),
            "name": association.name,
            "alternate_name": association.alternate_name,
            "description": association.description,  # required, may be empty
            "email": association.email,
            "website": association.website,
            "year_incorporated": association.founded_year,
            # Only a register number shows that the association is registered.
            "legal_status": "registered association" if association.register_number else "",
            "logo": request.build_absolute_uri(association.logo.url) if association.logo else "",
            # The profile's address: the association's page on this site.
            "uri": request.build_absolute_uri(association.get_absolute_url()),
        },
        keep=("description",),
    )


def _identifiers(association: Association, org_id: str) -> list[dict]:
    identifiers = []
    if association.business_id:
        identifiers.append(
            {
                "id": child_id("business_id", association.pk),
                "organization_id": org_id,
                # org-id.guide's scheme for the Finnish Patent and Registration Office.
                "identifier_scheme": "FI-PRO",
                "identifier_type": "Business ID (Y-tunnus)",
                "identifier": association.business_id,
            }
        )
    if association.register_number:
        # org-id.guide lists no scheme for the Register of Associations: the type says it.
        identifiers.append(
            {
                "id": child_id("register_number", association.pk),
                "organization_id": org_id,
                "identifier_type": "Register of Associations number (yhdistysrekisterinumero)",
                "identifier": association.register_number_display,
            }
        )
    return identifiers


def _locations(association: Association, org_id: str) -> list[dict]:
    """The association's address as a postal location, when it is complete.

    HSDS requires a street, a city, a postal code and a state or province; Finnish
    addresses have no state or province, so that field is empty.
    """
    if not (association.street_address and association.postal_code and association.municipality):
        return []
    location_id = child_id("location", association.pk)
    address = {
        "id": child_id("address", association.pk),
        "location_id": location_id,
        "address_1": association.street_address,
        "city": association.municipality,
        "state_province": "",
        "postal_code": association.postal_code,
        "country": "FI",
        "address_type": "postal",
    }
    return [
        {
            "id": location_id,
            "organization_id": org_id,
            "location_type": "postal",
            "addresses": [address],
        }
    ]


# The vocabularies an association is classified by, as HSDS attributes with taxonomy terms.
TAXONOMIES = [
    ("categories", "category", "Yhdistystori fields of activity"),
    ("districts", "district", "Yhdistystori districts"),
    ("target_groups", "target_group", "Yhdistystori target groups"),
    ("languages", "language", "Yhdistystori languages of activity"),
]


def _attributes(association: Association, org_id: str) -> list[dict]:
    attributes = []
    for relation, kind, taxonomy in TAXONOMIES:
        for term in getattr(association, relation).all():
            attributes.append(
                {
                    "id": child_id("attribute", association.pk, kind, term.pk),
                    "link_id": org_id,
                    "link_type": kind,
                    "link_entity": "organization",
                    "taxonomy_term": {
                        "id": child_id(kind, term.pk),
                        "code": term.slug,
                        "name": term.name,
                        "description": "",
                        "taxonomy": taxonomy,
                        "taxonomy_id": child_id("taxonomy", kind),
                    },
                }
            )
    return attributes


def organization_full(association: Association, request: HttpRequest) -> dict:
    """The organization with its identifiers, phone, address and classifications."""
    data = organization_basic(association, request)
    org_id = data["id"]
    phones = []
    if association.phone:
        phones.append(
            {
                "id": child_id("phone", association.pk),
                "organization_id": org_id,
                "number": association.phone,
            }
        )
    return data | _without_empty(
        {
            "organization_identifiers": _identifiers(association, org_id),
            "phones": phones,
            "locations": _locations(association, org_id),
            "attributes": _attributes(association, org_id),
        }
    )


def _json(data: dict, status: int = 200) -> JsonResponse:
    return JsonResponse(data, status=status, json_dumps_params={"ensure_ascii": False})


def _error(message: str, status: int) -> JsonResponse:
    return _json({"error": message}, status=status)


def _published():
    return Association.objects.published().defer(*SEARCH_COLUMNS)


@require_safe
def api_root(request: HttpRequest) -> JsonResponse:
    return _json(
        {
            "version": HSDS_VERSION,
            "profile": HSDS_PROFILE,
            "openapi_url": request.build_absolute_uri(reverse("hsds-openapi")),
        }
    )


def _whole_number(request: HttpRequest, name: str, default: int) -> int | None:
    value = request.GET.get(name, "").strip()
    if not value:
        return default
    return int(value) if value.isascii() and value.isdigit() else None


@require_safe
def organization_list(request: HttpRequest) -> JsonResponse:
    """A page of organizations: their own fields, or everything with `full=true`."""
    if "search" in request.GET:
        return _error(
            _("This list cannot be searched; search with /api/v1/associations?q=… instead."),
            400,
        )
    page_number = _whole_number(request, "page", 1)
    if page_number is None or page_number < 1:
        return _error(_("page must be a whole number from 1 up."), 400)
    per_page = _whole_number(request, "per_page", settings.API_PAGE_SIZE)
    if per_page is None or not 1 <= per_page <= settings.API_MAX_PAGE_SIZE:
        return _error(
            _("per_page must be a whole number from 1 to %(max)d.")
            % {"max": settings.API_MAX_PAGE_SIZE},
            400,
        )
    full = request.GET.get("full", "").strip().lower()
    if full not in ("", "true", "false", "1", "0"):
        return _error(_("full must be true or false."), 400)
    associations = _published().order_by(Lower("name"), "id")
    serialize = organization_basic
    if full in ("true", "1"):
        associations = associations.with_lists()
        serialize = organization_full
    paginator = Paginator(associations, per_page)
    total_pages = math.ceil(paginator.count / per_page)
    if page_number > max(total_pages, 1):
        return _error(_("There is no page %(page)s.") % {"page": page_number}, 404)
    contents = [serialize(a, request) for a in paginator.page(page_number).object_list]
    return _json(
        {
            "total_items": paginator.count,
            "total_pages": total_pages,
            "page_number": page_number,
            "size": len(contents),
            "first_page": page_number == 1,
            "last_page": page_number >= total_pages,
            "empty": not contents,
            "contents": contents,
        }
    )


@require_safe
def organization_detail(request: HttpRequest, id: str) -> JsonResponse:
    pk = organization_pk(id)
    association = None
    if pk is not None:
        association = _published().with_lists().filter(pk=pk).first()
    if association is None:
        return _error(_("No published association has this id."), 404)
    return _json(organization_full(association, request))
