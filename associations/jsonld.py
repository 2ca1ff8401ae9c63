"""schema.org JSON-LD for profile pages."""

from __future__ import annotations

import json

from django.http import HttpRequest
from django.utils.safestring import SafeString, mark_safe


def organization(association, request: HttpRequest) -> SafeString:
    data = {
        "@context": "https://schema.org",
        "@type": "Organization",
        "name": association.name,
        "url": request.build_absolute_uri(association.get_absolute_url()),
    }
    if association.alternate_name:
        data["alternateName"] = association.alternate_name
    if association.description:
        data["description"] = association.description
    if association.email:
        data["email"] = association.email
    if association.phone:
        data["telephone"] = association.phone
    # Social media pages identify the association even when it has no website of its own.
    same_as = [
        u for u in (association.website, association.facebook_url, association.instagram_url) if u
    ]
    if same_as:
        data["sameAs"] = same_as
    if association.logo:
        data["logo"] = request.build_absolute_uri(association.logo.url)
    if association.founded_year:
        data["foundingDate"] = str(association.founded_year)
    if association.business_id:
        data["taxID"] = association.business_id
        data["identifier"] = {
            "@type": "PropertyValue",
            "propertyID": "FI-PRO",
            "value": association.business_id,
        }
    if association.street_address or association.municipality:
        data["address"] = {
            "@type": "PostalAddress",
            "streetAddress": association.street_address,
            "postalCode": association.postal_code,
            "addressLocality": association.municipality,
            "addressCountry": "FI",
        }
    keywords = [c.name for c in association.categories.all()]
    if keywords:
        data["keywords"] = ", ".join(keywords)
    # Escape '<' so that no text can close the <script> element it lives in.
    return mark_safe(json.dumps(data, ensure_ascii=False).replace("<", "\\u003c"))  # noqa: S308
