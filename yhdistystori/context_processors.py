from django.conf import settings
from django.urls import Resolver404, resolve, reverse, translate_url
from django.utils import translation

from yhdistystori.models import SiteConfiguration

LANGUAGE_NAMES = {"fi": "Suomeksi", "sv": "På svenska", "en": "In English"}


def site(request):
    """The city's configuration and links to this page in every language."""
    return {
        "site_config": SiteConfiguration.current(),
        "language_links": [
            {
                "code": code,
                "label": LANGUAGE_NAMES.get(code, code),
                "url": language_url(request, code),
            }
            for code, _name in settings.LANGUAGES
        ],
    }


def language_url(request, code: str) -> str:
    """This page in language `code`, always a path on this site.

    The raw path can be anything a client sent: `//evil.example/associations/`
    would read as another host to translate_url and to the browser. So the links
    are built only from a path this site resolves, with the query re-encoded from
    the parsed parameters; any other page links to each language's home page.
    """
    path = "/" + request.path.lstrip("/")
    try:
        resolve(path, getattr(request, "urlconf", None))
    except Resolver404:
        return home_url(code)
    query = request.GET.urlencode()
    url = translate_url(f"{path}?{query}" if query else path, code)
    if not url.startswith("/") or url.startswith(("//", "/\\")):
        return home_url(code)
    return url


def home_url(code: str) -> str:
    with translation.override(code):
        return reverse("home")
