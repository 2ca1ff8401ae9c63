"""Accounts on top of django-allauth: our adapter and the forms its pages use.

The adapter keeps each person's language (taken from the page they signed up
on, changed on /my/) and sends every account email in it, through the same
templates and pieces as the rest of our emails (yhdistystori/emails.py). The
forms only change how fields look: our labels, no placeholders repeating them.
"""

from __future__ import annotations

from typing import Any

from allauth.account import forms as allauth_forms
from allauth.account.adapter import DefaultAccountAdapter
from django import forms
from django.conf import settings
from django.contrib.admin.forms import AdminAuthenticationForm
from django.db import transaction
from django.http import HttpRequest
from django.template import TemplateDoesNotExist
from django.template.loader import get_template
from django.urls import translate_url
from django.utils import translation
from django.utils.translation import gettext_lazy as _

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


# --- Forms ---------------------------------------------------------------------------
# allauth's fields carry placeholders that repeat their labels; a placeholder that
# disappears on typing helps nobody, so ours have labels only.


class _OurFields:
    labels: dict[str, Any] = {}
    help_texts: dict[str, Any] = {}
    autocomplete: dict[str, str] = {}

    def _restyle(self) -> None:
        for name, field in self.fields.items():
            field.widget.attrs.pop("placeholder", None)
            if name in self.labels:
                field.label = self.labels[name]
            if name in self.help_texts:
                field.help_text = self.help_texts[name]
            if name in self.autocomplete:
                field.widget.attrs["autocomplete"] = self.autocomplete[name]


PASSWORD_HELP = _(
    "At least 8 characters. Not a common password, not only digits, "
    "and not too like your email address."
)


class LoginForm(_OurFields, allauth_forms.LoginForm):
    labels = {
        "login": _("Email address"),
        "password": _("Password"),
        "remember": _("Keep me logged in on this device"),
    }
    # The "Forgot your password?" link stands under the form, not in the field's description.
    help_texts = {"password": ""}
    autocomplete = {"login": "email"}

    def __init__(self, *args, **kwargs) -> None:
        super().__init__(*args, **kwargs)
        self._restyle()


class SignupForm(_OurFields, allauth_forms.SignupForm):
    labels = {
        "email": _("Email address"),
        "password1": _("Password"),
        "password2": _("Password again"),
    }
    help_texts = {
        "email": _("We send a link to this address to check that it is yours."),
        "password1": PASSWORD_HELP,
    }

    def __init__(self, *args, **kwargs) -> None:
        super().__init__(*args, **kwargs)
        self._restyle()


class AddEmailForm(_OurFields, allauth_forms.AddEmailForm):
    labels = {"email": _("New email address")}
    help_texts = {
        "email": _("We send a link to the new address. It replaces the old one once you open it.")
    }

    def __init__(self, *args, **kwargs) -> None:
        super().__init__(*args, **kwargs)
        self._restyle()


class ChangePasswordForm(_OurFields, allauth_forms.ChangePasswordForm):
    labels = {
        "oldpassword": _("Current password"),
        "password1": _("New password"),
        "password2": _("New password again"),
    }
    help_texts = {"oldpassword": "", "password1": PASSWORD_HELP}

    def __init__(self, *args, **kwargs) -> None:
        super().__init__(*args, **kwargs)
        self._restyle()


class SetPasswordForm(_OurFields, allauth_forms.SetPasswordForm):
    labels = {"password1": _("Password"), "password2": _("Password again")}
    help_texts = {"password1": PASSWORD_HELP}

    def __init__(self, *args, **kwargs) -> None:
        super().__init__(*args, **kwargs)
        self._restyle()


class ResetPasswordForm(_OurFields, allauth_forms.ResetPasswordForm):
    labels = {"email": _("Email address")}

    def __init__(self, *args, **kwargs) -> None:
        super().__init__(*args, **kwargs)
        self._restyle()


class ResetPasswordKeyForm(_OurFields, allauth_forms.ResetPasswordKeyForm):
    labels = {"password1": _("New password"), "password2": _("New password again")}
    help_texts = {"password1": PASSWORD_HELP}

    def __init__(self, *args, **kwargs) -> None:
        super().__init__(*args, **kwargs)
        self._restyle()


class AdminLoginForm(AdminAuthenticationForm):
    """The admin's login form, checking the password through allauth so that failed
    attempts there count towards the same limits as on /accounts/login/: staff
    accounts are the ones most worth guessing."""

    def clean(self):
        from allauth.account.adapter import get_adapter

        email = self.cleaned_data.get("username")
        password = self.cleaned_data.get("password")
        if email is not None and password:
            self.user_cache = get_adapter(self.request).authenticate(
                self.request, email=email, password=password
            )
            if self.user_cache is None:
                raise self.get_invalid_login_error()
            self.confirm_login_allowed(self.user_cache)
        return self.cleaned_data


# --- Our own account forms (/my/) ----------------------------------------------------


class LanguageForm(forms.ModelForm):
    class Meta:
        model = User
        fields = ["language"]
        labels = {"language": _("Language of emails")}
        widgets = {"language": forms.RadioSelect}


class DeleteAccountForm(forms.Form):
    password = forms.CharField(
        label=_("Your password"),
        strip=False,
        help_text=_("Type your password to confirm that you want to delete your account."),
        widget=forms.PasswordInput(attrs={"autocomplete": "current-password"}),
    )

    def __init__(self, *args, user: User, **kwargs) -> None:
        self.user = user
        super().__init__(*args, **kwargs)

    def clean_password(self) -> str:
        from allauth.account.adapter import get_adapter

        password = self.cleaned_data["password"]
        # Through allauth, so that wrong passwords count as failed logins and are
        # throttled the same way (a stolen session cannot guess on and on).
        if not get_adapter().reauthenticate(self.user, password):
            raise forms.ValidationError(_("The password is not correct."), code="wrong_password")
        return password


@transaction.atomic
def user_delete(*, user: User) -> None:
    """Delete an account and the personal data with it (its email addresses go along).

    The associations it edits are left first: one with other editors stays as it is,
    one without is hidden and the liaisons are told (associations.workflows).
    """
    from associations.workflows import memberships_release

    memberships_release(user=user)
    user.delete()
