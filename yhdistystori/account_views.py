"""A person's own pages: log in (allauth's, answering 429 when throttled), /my/,
the language of their emails, and deleting the account."""

from __future__ import annotations

from http import HTTPStatus

from allauth.account.views import login as allauth_login
from django.contrib import messages
from django.contrib.auth import logout
from django.contrib.auth.decorators import login_required
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods, require_POST, require_safe

from yhdistystori.account_forms import DeleteAccountForm, LanguageForm
from yhdistystori.accounts import user_delete
from yhdistystori.contributions import registry, render_sections
from yhdistystori.models import User


def login(request: HttpRequest) -> HttpResponse:
    """allauth's login page; a login refused for too many failed attempts is a 429,
    with the form and what was typed still on it."""
    response = allauth_login(request)
    form = (getattr(response, "context_data", None) or {}).get("form")
    if form is not None and form.is_bound and _is_throttled(form, "__all__"):
        response.status_code = HTTPStatus.TOO_MANY_REQUESTS
    return response


def _is_throttled(form, field: str) -> bool:
    """Whether allauth refused the password check because of too many failed logins."""
    errors = form.errors.as_data().get(field, [])
    return any(error.code == "too_many_login_attempts" for error in errors)


def _my_page(request: HttpRequest, *, language_form: LanguageForm, status: int = 200):
    # What each app shows a person (yhdistystori.contributions), then the account.
    sections = render_sections(registry.my_page, request)
    context = {"language_form": language_form, "sections": sections}
    return render(request, "my/index.html", context, status=status)


@login_required
@require_safe
def my_page(request: HttpRequest) -> HttpResponse:
    return _my_page(request, language_form=LanguageForm(instance=request.user))


@login_required
@require_POST
def my_language(request: HttpRequest) -> HttpResponse:
    form = LanguageForm(request.POST, instance=request.user)
    if not form.is_valid():
        return _my_page(request, language_form=form, status=HTTPStatus.BAD_REQUEST)
    form.save()
    messages.success(request, _("Saved. Emails to you are now in the language you chose."))
    return redirect("my_page")


@login_required
@require_http_methods(["GET", "POST"])
def account_delete(request: HttpRequest) -> HttpResponse:
    user: User = request.user
    if request.method == "POST":
        form = DeleteAccountForm(request.POST, user=user)
        if form.is_valid():
            user_delete(user=user)
            logout(request)
            messages.success(request, _("Your account has been deleted."))
            return redirect("home")
        throttled = _is_throttled(form, "password")
        status = HTTPStatus.TOO_MANY_REQUESTS if throttled else HTTPStatus.BAD_REQUEST
    else:
        form = DeleteAccountForm(user=user)
        status = HTTPStatus.OK
    return render(request, "my/delete.html", {"form": form}, status=status)
