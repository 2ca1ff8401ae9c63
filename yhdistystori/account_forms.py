"""The forms of the account pages: allauth's with our labels, the admin's login, and /my/."""

from __future__ import annotations

from typing import Any

from allauth.account import forms as allauth_forms
from allauth.mfa.utils import is_mfa_enabled
from django import forms
from django.contrib.admin.forms import AdminAuthenticationForm
from django.utils.translation import gettext_lazy as _

from yhdistystori.models import User

# --- allauth's pages -----------------------------------------------------------------
# allauth's fields carry placeholders that repeat their labels; a placeholder that
# disappears on typing helps nobody, so ours have labels only.


class _OurFields:
    """Put before an allauth form: its fields get our labels, help texts and
    autocomplete hints, and lose their placeholders."""

    labels: dict[str, Any] = {}
    help_texts: dict[str, Any] = {}
    autocomplete: dict[str, str] = {}

    def __init__(self, *args, **kwargs) -> None:
        super().__init__(*args, **kwargs)
        for name, field in self.fields.items():
            field.widget.attrs.pop("placeholder", None)
            if name in self.labels:
                field.label = self.labels[name]
            if name in self.help_texts:
                field.help_text = self.help_texts[name]
            if name in self.autocomplete:
                field.widget.attrs["autocomplete"] = self.autocomplete[name]


PASSWORD_HELP = _(
    "At least 12 characters. Not a common password, not only digits, "
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


class AddEmailForm(_OurFields, allauth_forms.AddEmailForm):
    labels = {"email": _("New email address")}
    help_texts = {
        "email": _("We send a link to the new address. It replaces the old one once you open it.")
    }


class ChangePasswordForm(_OurFields, allauth_forms.ChangePasswordForm):
    labels = {
        "oldpassword": _("Current password"),
        "password1": _("New password"),
        "password2": _("New password again"),
    }
    help_texts = {"oldpassword": "", "password1": PASSWORD_HELP}


class SetPasswordForm(_OurFields, allauth_forms.SetPasswordForm):
    labels = {"password1": _("Password"), "password2": _("Password again")}
    help_texts = {"password1": PASSWORD_HELP}


class ResetPasswordForm(_OurFields, allauth_forms.ResetPasswordForm):
    labels = {"email": _("Email address")}


class ResetPasswordKeyForm(_OurFields, allauth_forms.ResetPasswordKeyForm):
    labels = {"password1": _("New password"), "password2": _("New password again")}
    help_texts = {"password1": PASSWORD_HELP}


# --- The admin's login ---------------------------------------------------------------


class AdminLoginForm(AdminAuthenticationForm):
    """The admin's login form, checking the password through allauth so that failed
    attempts there count towards the same limits as on /accounts/login/: staff
    accounts are the ones most worth guessing. A password alone does not sign in an
    account that has two-factor authentication: that is done on /accounts/login/,
    which asks for the code."""

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
            if is_mfa_enabled(self.user_cache):
                raise forms.ValidationError(
                    _(
                        "This account uses two-factor authentication. Log in on the "
                        "site's login page, which asks for the code."
                    ),
                    code="mfa_required",
                )
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
