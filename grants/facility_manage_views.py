"""The facilities managers' pages: every facility, published or not, and the forms that
create and edit one with its rooms and opening hours, and keep its photos."""

from __future__ import annotations

from http import HTTPStatus

from django.conf import settings
from django.contrib import messages
from django.db.models import Count
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods, require_safe

from grants import facility_keeping
from grants.facility_forms import (
    FacilityForm,
    PhotoForm,
    hours_formset,
    overlap_message,
    photo_formset,
    room_formset,
)
from grants.facility_permissions import facility_for_viewer
from grants.models import Facility
from yhdistystori.pagination import paginate
from yhdistystori.roles import Role, role_required
from yhdistystori.templatetags.form_errors import error_links


@require_safe
@role_required(Role.FACILITIES)
def manage(request: HttpRequest) -> HttpResponse:
    facilities = (
        Facility.objects.select_related("district")
        .annotate(photo_count=Count("photos", distinct=True))
        .order_by("name_fi", "id")
    )
    context = paginate(request, facilities, settings.DIRECTORY_PAGE_SIZE)
    return render(request, "grants/facilities/manage.html", context)


def summary_links(form, *formsets) -> list[dict]:
    """The errors of the form and of each row of its formsets, for the error summary."""
    links = error_links(form)
    for formset in formsets:
        links += [
            {"error": error, "label": "", "anchor": formset.prefix}
            for error in formset.non_form_errors()
        ]
        for number, row in enumerate(formset.forms, start=1):
            for link in error_links(row):
                label = f"{formset.label}, {_('row')} {number}"
                link["label"] = f"{label}: {link['label']}" if link["label"] else label
                link["anchor"] = link["anchor"] or formset.prefix
                links.append(link)
    return links


def _form_page(request, form, rooms, hours, *, facility=None, status=HTTPStatus.OK, message=""):
    rooms.label, hours.label = _("Rooms"), _("Opening hours")
    context = {
        "form": form,
        "rooms": rooms,
        "hours": hours,
        "facility": facility,
        "error_links": summary_links(form, rooms, hours),
        "message": message,
    }
    return render(request, "grants/facilities/form.html", context, status=status)


def _save(request, form, rooms, hours, *, facility=None) -> HttpResponse:
    valid = form.is_valid()
    valid = rooms.is_valid() and valid
    valid = hours.is_valid() and valid
    if not valid:
        return _form_page(
            request, form, rooms, hours, facility=facility, status=HTTPStatus.BAD_REQUEST
        )
    try:
        saved = facility_keeping.facility_save(form=form, rooms=rooms, hours=hours)
    except facility_keeping.HoursOverlap as error:
        if facility is None:
            form.instance.pk = None
        message = " ".join(overlap_message(*found) for found in error.found)
        return _form_page(
            request,
            form,
            rooms,
            hours,
            facility=facility,
            status=HTTPStatus.CONFLICT,
            message=message,
        )
    messages.success(request, _("The facility is saved."))
    return redirect("facilities:detail", slug=saved.slug)


@require_http_methods(["GET", "POST"])
@role_required(Role.FACILITIES)
def facility_create(request: HttpRequest) -> HttpResponse:
    data = request.POST if request.method == "POST" else None
    form = FacilityForm(data)
    rooms, hours = room_formset(data=data), hours_formset(data=data)
    if request.method != "POST":
        return _form_page(request, form, rooms, hours)
    return _save(request, form, rooms, hours)


@require_http_methods(["GET", "POST"])
@role_required(Role.FACILITIES)
def facility_edit(request: HttpRequest, slug: str) -> HttpResponse:
    facility = facility_for_viewer(request.user, slug)
    data = request.POST if request.method == "POST" else None
    form = FacilityForm(data, instance=facility)
    rooms = room_formset(data=data, instance=facility)
    hours = hours_formset(data=data, instance=facility)
    if request.method != "POST":
        return _form_page(request, form, rooms, hours, facility=facility)
    return _save(request, form, rooms, hours, facility=facility)


@require_http_methods(["GET", "POST"])
@role_required(Role.FACILITIES)
def facility_photos(request: HttpRequest, slug: str) -> HttpResponse:
    """The photos: upload one (action=upload), or save the descriptions, the order and the
    deletions of the others (action=edit)."""
    facility = facility_for_viewer(request.user, slug)
    action = request.POST.get("action") if request.method == "POST" else None
    upload = PhotoForm(request.POST, request.FILES) if action == "upload" else PhotoForm()
    edits = photo_formset(facility=facility, data=request.POST if action == "edit" else None)
    if action == "upload" and upload.is_valid():
        facility_keeping.photo_add(facility=facility, form=upload)
        messages.success(request, _("The photo is added."))
        return redirect("facilities:photos", slug=facility.slug)
    if action == "edit" and edits.is_valid():
        facility_keeping.photos_update(facility=facility, formset=edits)
        messages.success(request, _("The photos are saved."))
        return redirect("facilities:photos", slug=facility.slug)
    status = HTTPStatus.BAD_REQUEST if request.method == "POST" else HTTPStatus.OK
    edits.label = _("Photos")
    context = {
        "facility": facility,
        "upload": upload,
        "edits": edits,
        "edit_links": summary_links(None, edits) if action == "edit" else [],
    }
    return render(request, "grants/facilities/photos.html", context, status=status)
