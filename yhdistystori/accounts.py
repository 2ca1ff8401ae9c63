"""Accounts on top of django-allauth: our adapter, and deleting an account.

The adapter keeps each person's language (taken from the page they signed up
on, changed on /my/) and sends every account email in it, through the same
templates and pieces as the rest of our emails (yhdistystori/emails.py). The
forms of the account pages are in yhdistystori/account_forms.py.
"""

from __future__ import annotations

from typing import Any

from allauth.account.adapter import DefaultAccountAdapter
from django.conf import settings
from django.db import transaction
from django.http import HttpRequest
from django.template import TemplateDoesNotExist
from django.template.loader import get_template
from django.urls import reverse, translate_url
from django.utils import translation

from yhdistystori.contributions import registry
from yhdistystori.desk import has_desk
from yhdistystori.emails import Recipient, render_message
from yhdistystori.models import User

SUPPORTED_LANGUAGES = {code for code, _name in settings.LANGUAGES}


def current_language() -> str:
    """The active language if it is one of ours, else the site's default."""
    language = (translation.get_language() or "")[:2]
    return language if language in SUPPORTED_LANGUAGES else settings.LANGUAGE_CODE


def find_user_by_email(email: str) -> User | None:
    from allauth.account.models import EmailAddress

    user = User.objects.filter(email__iexact=email).first()
    if user is None:
        address = EmailAddress.objects.filter(email__iexact=email).select_related("user").first()
        user = address.user if address else None
    return user


def recipient_language(*, email: str, user: User | None = None) -> str:
    """The language of an email: the recipient's own when they have an account
    (the user given, else the one with this address), otherwise the page's."""
    if user is None or user.pk is None:
        user = find_user_by_email(email)
    language = getattr(user, "language", "")
    return language if language in SUPPORTED_LANGUAGES else current_language()


class AccountAdapter(DefaultAccountAdapter):
    def get_login_redirect_url(self, request: HttpRequest) -> str:
        """Staff who decide on the desk land there, everyone else on My page.

        allauth asks only when the login names no safe `next`, and asks again after
        the two-factor code step, so both ways in land in the same place.
        """
        if has_desk(request.user):
            return reverse("moderation:queue")
        return super().get_login_redirect_url(request)

    def save_user(self, request: HttpRequest, user: User, form, commit: bool = True) -> User:
        # Later emails (verification, reminders, decisions) go in the language of
        # the pages the person signed up on, until they choose another on /my/.
        user.language = current_language()
        return super().save_user(request, user, form, commit=commit)

    def send_notification_mail(
        self,
        template_prefix: str,
        user: User,
        context: dict[str, Any] | None = None,
        email: str | None = None,
    ) -> None:
        # The "your address changed" mail goes to the old address, which no longer
        # finds the account: name the person so that it is in their language.
        super().send_notification_mail(
            template_prefix, user, {**(context or {}), "user": user}, email
        )

    def send_mail(self, template_prefix: str, email: str, context: dict[str, Any]) -> None:
        user = context.get("user")
        language = recipient_language(email=email, user=user if isinstance(user, User) else None)
        # allauth built the links in the page's language; the email's may differ.
        # translate_url resolves in the active language, so this runs before the override.
        context = {
            key: translate_url(value, language)
            if key.endswith("_url") and isinstance(value, str)
            else value
            for key, value in context.items()
        }
        name = template_prefix.removeprefix("account/email/")
        ours = f"account/{name}"
        with translation.override(language):
            if not _has_template(f"emails/{ours}.txt"):
                # An allauth mail we have not written (a feature we do not use).
                return super().send_mail(template_prefix, email, context)
            to = Recipient(email=email, language=language)
            message = render_message(ours, {"email": email, **context}, to)
        message.send()


def _has_template(name: str) -> bool:
    try:
        get_template(name)
    except TemplateDoesNotExist:
        return False
    return True


@transaction.atomic
def user_delete(*, user: User) -> None:
    """Delete an account and the personal data with it (its email addresses go along).

    Each app first hands over or hides what the person kept (the account_deletion
    contributions, yhdistystori.contributions): an association they edited alone is
    hidden and the liaisons are told, for example.
    """
    for release in registry.account_deletion:
        release(user=user)
    user.delete()
