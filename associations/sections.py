"""What the associations app adds to the shared pages (yhdistystori.contributions):
search and browsing on the home page, and a person's associations and claims on
My page. Registered in AssociationsConfig.ready()."""

from __future__ import annotations

from django.http import HttpRequest

from associations.models import Association, Category, LiaisonContact
from associations.my_page import my_associations, my_claims
from yhdistystori.contributions import Section


def home_context(request: HttpRequest) -> dict:
    return {
        "liaisons": LiaisonContact.objects.filter(is_active=True),
        "categories": Category.objects.all(),
        "recently_updated": Association.objects.published().order_by("-updated_at")[:5],
    }


HOME = Section(template="associations/home.html", context=home_context)
MY_PAGE = (
    Section(
        template="associations/my/associations.html",
        context=lambda request: {"my_associations": my_associations(request.user)},
    ),
    Section(
        template="associations/my/claims.html",
        context=lambda request: {"my_claims": my_claims(request.user)},
    ),
)
