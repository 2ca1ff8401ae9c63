from django.conf import settings
from django.urls import translate_url

from yhdistystori.models import SiteConfiguration

LANGUAGE_NAMES = {"fi": "Suomeksi", "sv": "På svenska", "en": "In English"}


def site(request):
    """The city's configuration and links to this page in every language."""
    current = request.get_full_path()
    return {
        "site_config": SiteConfiguration.current(),
        "language_links": [
            {
                "code": code,
                "label": LANGUAGE_NAMES.get(code, code),
                "url": translate_url(current, code),
            }
            for code, _name in settings.LANGUAGES
        ],
    }
