"""Fields that the city enters in Finnish and residents read in fi, sv or en.

We store one column per language (`name_fi`, `name_sv`, `name_en`) and read
through `translated()`, which falls back to Finnish, the source language. Every
model with such fields uses this one way.
"""

from __future__ import annotations

from django.utils.translation import get_language

SOURCE_LANGUAGE = "fi"


def translated(obj, field: str, language: str | None = None) -> str:
    """The value of `field` in the active language, or in Finnish when that is empty."""
    language = (language or get_language() or SOURCE_LANGUAGE)[:2]
    value = getattr(obj, f"{field}_{language}", "") or ""
    return value or getattr(obj, f"{field}_{SOURCE_LANGUAGE}", "") or ""


class TranslatedNameMixin:
    """For models with name_fi/name_sv/name_en: `obj.name` is the name for the reader."""

    @property
    def name(self) -> str:
        return translated(self, "name")

    def __str__(self) -> str:
        return self.name
