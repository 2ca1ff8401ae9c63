from __future__ import annotations

from http import HTTPStatus

from django.conf import settings
from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils.formats import number_format
from django.utils.translation import get_language
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods, require_safe

from associations import jsonld, search, workflows
from associations.filters import LINKED_FILTERS, AssociationFilter
from associations.forms import ClaimForm, ReportForm
from associations.models import Association, Claim, LiaisonContact, Membership, ModerationAction
from associations.permissions import association_for_viewer
from associations.results import SearchResults
from yhdistystori.collation import sort_key
from yhdistystori.contributions import registry, render_object_sections
from yhdistystori.pagination import paginate
from yhdistystori.ratelimits import limit_exceeded, rate_limited_form
from yhdistystori.roles import Role, has_role


def directory_filter(request: HttpRequest, *, lenient: bool = False) -> AssociationFilter:
    return AssociationFilter(
        request.GET or None, queryset=Association.objects.published(), lenient=lenient
    )


def filter_chips(filterset: AssociationFilter, query) -> list[dict]:
    """Each filter in use, with the address of the same search without it."""
    chips = []
    for name, value, label in filterset.chosen():
        rest = query.copy()
        rest.setlist(name, [v for v in rest.getlist(name) if v != value])
        rest.pop("page", None)
        chips.append({"label": label, "url": "?" + rest.urlencode()})
    return chips


def filter_groups(filterset: AssociationFilter) -> list[dict]:
    """The vocabulary filters as (value, label, ticked) options, one query each."""
    groups = []
    for name in LINKED_FILTERS:
        field = filterset.form[name]
        ticked = {str(value) for value in (field.value() or [])}
        options = [(term.slug, term.name, term.slug in ticked) for term in field.field.queryset]
        if name == "district":  # places read best in alphabetical order
            options.sort(key=lambda option: sort_key(option[1]))
        groups.append({"field": field, "options": options})
    return groups


def mark_where_found(filterset: AssociationFilter, associations) -> None:
    """Set `found_in` on each result of a search whose name does not show why it is there:
    "description", or "category" with the categories that matched (`found_categories`)."""
    if filterset.conditions is None:
        return
    words = search.parse_query(filterset.form.cleaned_data.get("q") or "")
    for association in associations:
        names = [association.name, association.alternate_name]
        categories = list(association.categories.all())
        where, matched = search.found_in(words, names, [c.all_names() for c in categories])
        if where != search.FOUND_IN_NAME:
            association.found_in = where
            association.found_categories = [categories[i] for i in matched]


@require_safe
def directory(request: HttpRequest) -> HttpResponse:
    filterset = directory_filter(request, lenient=True)
    results = filterset.results().prefetch_related("categories", "districts")
    if isinstance(results, SearchResults):
        results.expect_page(request.GET.get("page"), settings.DIRECTORY_PAGE_SIZE)
    keep = request.GET.copy()
    # Links inside the live-search fragment must open full pages, not another fragment.
    keep.pop("fragment", None)
    # Links carry on only the terms that exist (an old link may name others).
    ignored = filterset.ignored
    for name in LINKED_FILTERS:
        if name in keep:
            keep.setlist(name, [value for value in keep.getlist(name) if value not in ignored])
    pages = paginate(request, results, settings.DIRECTORY_PAGE_SIZE, keep=keep)
    mark_where_found(filterset, pages["page"].object_list)
    chips = filter_chips(filterset, keep)
    context = {
        "filter": filterset,
        "ignored": ignored,
        "chips": chips,
        "title_parts": [chip["label"] for chip in chips],
        **pages,
        # False when a broad search found more than results.COUNT_CAP rows.
        "count_is_exact": getattr(results, "count_is_exact", True),
        "count_display": number_format(pages["page"].paginator.count, force_grouping=True),
    }
    status = 400 if filterset.is_bound and not filterset.form.is_valid() else 200
    if request.GET.get("fragment") == "results":
        template = "associations/includes/results.html"
    else:
        template = "associations/directory.html"
        context["filter_groups"] = filter_groups(filterset)
    return render(request, template, context, status=status)


def profile_context(request: HttpRequest, association: Association) -> dict:
    """The profile page: what residents see, and the editors' tools for those who edit it."""
    user = request.user
    membership = None
    if user.is_authenticated:
        membership = Membership.objects.filter(association=association, user=user).first()
    can_edit = membership is not None or has_role(user, Role.LIAISON)
    context = {
        "association": association,
        "liaison": LiaisonContact.for_association(association),
        "jsonld": jsonld.organization(association, request),
        "membership": membership,
        "can_edit": can_edit,
        # The listing came from a register or the city: its association may take it over.
        "can_claim": not can_edit and not association.is_claimed,
        # What other apps show on a profile (yhdistystori.contributions).
        "contributed_sections": render_object_sections(
            registry.association_profile, request, association
        ),
    }
    if can_edit:
        context["moderation_note"] = ModerationAction.note_for(association)
        context["pending_change"] = association.changes.pending().first()
    elif context["can_claim"] and user.is_authenticated:
        context["my_claim"] = (
            Claim.objects.pending().filter(association=association, user=user).first()
        )
    return context


def profile_response(
    request: HttpRequest, association: Association, status: int = HTTPStatus.OK
) -> HttpResponse:
    return render(
        request, "associations/detail.html", profile_context(request, association), status=status
    )


@require_safe
def detail(request: HttpRequest, slug: str) -> HttpResponse:
    association = association_for_viewer(
        request.user,
        slug,
        Association.objects.prefetch_related(
            "categories", "districts", "target_groups", "languages"
        ),
    )
    return profile_response(request, association)


@login_required
@require_http_methods(["GET", "POST"])
def claim(request: HttpRequest, slug: str) -> HttpResponse:
    """Someone from the association asks the liaison to let them take over the listing."""
    association = association_for_viewer(request.user, slug)
    refusal = workflows.claim_refusal(association=association, user=request.user)
    pending = Claim.objects.pending().filter(association=association, user=request.user).first()
    status = HTTPStatus.OK
    form = ClaimForm(request.POST or None)
    if request.method == "POST":
        status = HTTPStatus.BAD_REQUEST
        if not refusal and limit_exceeded(request, "claim"):
            form.is_valid()  # what was typed stays in the form
            form.add_error(None, _("You have sent many requests. Try again in an hour."))
            status = HTTPStatus.TOO_MANY_REQUESTS
        elif not refusal and form.is_valid():
            try:
                workflows.claim_create(
                    association=association,
                    user=request.user,
                    position=form.cleaned_data["position"],
                    message=form.cleaned_data["message"],
                )
            except workflows.WorkflowError as error:
                refusal = error.message
            else:
                messages.success(
                    request,
                    _(
                        "Thank you. The city's liaison checks your request and you get an "
                        "email when it is decided. You can follow it on My page."
                    ),
                )
                return redirect(association)
    context = {"association": association, "form": form, "refusal": refusal, "claim": pending}
    return render(request, "associations/claim.html", context, status=status)


@require_http_methods(["GET", "POST"])
def report(request: HttpRequest, slug: str) -> HttpResponse:
    """Anyone may tell the liaison that a listing is wrong, defunct or inappropriate."""
    association = association_for_viewer(request.user, slug)

    def send(form: ReportForm) -> HttpResponse:
        workflows.report_create(
            association=association,
            reason=form.cleaned_data["reason"],
            message=form.cleaned_data["message"],
            contact=form.cleaned_data["contact"],
            reporter=request.user,
            language=(get_language() or settings.LANGUAGE_CODE)[:2],
        )
        messages.success(
            request,
            _("Thank you for the report. The city's liaison will look into it."),
        )
        return redirect(association)

    return rate_limited_form(
        request,
        ReportForm,
        action="report",
        template="associations/report.html",
        context={"association": association},
        on_valid=send,
    )
