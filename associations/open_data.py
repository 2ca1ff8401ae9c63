"""The open-data page and the API descriptions it points to.

The OpenAPI descriptions are written by hand (associations/api_descriptions/) and
served as they are; tests check the API's real answers against them.
"""

from __future__ import annotations

import json
from functools import cache
from pathlib import Path

from django.conf import settings
from django.http import HttpRequest, HttpResponse, JsonResponse
from django.shortcuts import render
from django.views.decorators.http import require_safe

from associations import exports
from associations.hsds import organization_id
from associations.models import Association, Category

DESCRIPTIONS = Path(__file__).parent / "api_descriptions"


@cache
def description(name: str) -> dict:
    return json.loads((DESCRIPTIONS / f"{name}.json").read_text(encoding="utf-8"))


def _description_response(name: str) -> JsonResponse:
    return JsonResponse(description(name), json_dumps_params={"ensure_ascii": False})


@require_safe
def openapi_v1(request: HttpRequest) -> JsonResponse:
    return _description_response("v1")


@require_safe
def openapi_hsds(request: HttpRequest) -> JsonResponse:
    return _description_response("hsds")


@require_safe
def open_data(request: HttpRequest) -> HttpResponse:
    """How to use the API and the CSV files, with examples that work on this site."""
    example = Association.objects.published().order_by("pk").only("pk").first()
    category = Category.objects.order_by("ordering", "slug").first()
    context = {
        "site_root": request.build_absolute_uri("/").rstrip("/"),
        "example_pk": example.pk if example else 1,
        "example_hsds_id": organization_id(example.pk if example else 1),
        "example_category": category.slug if category else "musiikki",
        "api_page_size": settings.API_PAGE_SIZE,
        "api_max_page_size": settings.API_MAX_PAGE_SIZE,
        "csv_columns": exports.COLUMNS,
    }
    return render(request, "associations/open_data.html", context)
