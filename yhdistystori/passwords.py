"""Refusing passwords that are too short or have appeared in data breaches.

Django's MinimumLengthValidator has no Finnish for its refusal, so ours says it in
words we translate (`MinimumLengthValidator` below); its other validators' messages
are translated in Django's own catalogues.

Django's CommonPasswordValidator (20,000 passwords from breaches) always runs. When
PWNED_PASSWORDS_URL is set (for example https://api.pwnedpasswords.com), each new
password is also looked up in a Pwned Passwords range API: only the first five hex
digits of its SHA-1 hash leave the server (k-anonymity), and the answer lists the
hash suffixes that share them. A lookup that fails lets the password through and is
logged, so that signing up never depends on another service being up. Nothing is
fetched when the setting is empty, the default.
"""

from __future__ import annotations

import hashlib
import logging
from urllib.error import URLError
from urllib.request import Request, urlopen

from django.conf import settings
from django.contrib.auth import password_validation
from django.core.exceptions import ValidationError
from django.utils.translation import gettext as _
from django.utils.translation import ngettext

logger = logging.getLogger(__name__)

TIMEOUT_SECONDS = 2.0


def breach_count(password: str, base_url: str) -> int | None:
    """How many times the password appears in the breach corpus; None if the lookup failed."""
    digest = hashlib.sha1(password.encode("utf-8")).hexdigest().upper()  # noqa: S324 - the API's scheme
    prefix, suffix = digest[:5], digest[5:]
    request = Request(  # noqa: S310 - the scheme is checked in settings
        f"{base_url.rstrip('/')}/range/{prefix}",
        headers={"Add-Padding": "true", "User-Agent": "Yhdistystori"},
    )
    try:
        with urlopen(request, timeout=TIMEOUT_SECONDS) as response:  # noqa: S310
            body = response.read().decode("ascii", errors="replace")
    except (URLError, OSError, ValueError) as error:
        logger.warning("Could not check a password against %s: %s", base_url, error)
        return None
    for line in body.splitlines():
        found, _sep, count = line.strip().partition(":")
        if found == suffix:
            try:
                return int(count)
            except ValueError:
                return None
    return 0


class BreachedPasswordValidator:
    """AUTH_PASSWORD_VALIDATORS entry: a password seen in a breach is refused."""

    def validate(self, password: str, user=None) -> None:
        base_url = settings.PWNED_PASSWORDS_URL
        if not base_url:
            return
        if (breach_count(password, base_url) or 0) > 0:
            raise ValidationError(
                _(
                    "This password has appeared in a data breach, so others may try it. "
                    "Choose another one."
                ),
                code="password_breached",
            )

    def get_help_text(self) -> str:
        return _("Your password must not be one that has appeared in a data breach.")


class MinimumLengthValidator(password_validation.MinimumLengthValidator):
    """Django's, with its refusal and help in our catalogue (fi, sv, en)."""

    def get_error_message(self) -> str:
        return ngettext(
            "This password is too short. It must have at least %(min_length)d character.",
            "This password is too short. It must have at least %(min_length)d characters.",
            self.min_length,
        ) % {"min_length": self.min_length}

    def get_help_text(self) -> str:
        return ngettext(
            "Your password must have at least %(min_length)d character.",
            "Your password must have at least %(min_length)d characters.",
            self.min_length,
        ) % {"min_length": self.min_length}
