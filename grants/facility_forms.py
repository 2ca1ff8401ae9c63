"""The facilities managers' forms: a facility with its rooms and opening hours, and its
photos. The forms read and normalise what was typed; grants.facility_keeping saves."""

from __future__ import annotations

from decimal import Decimal

from django import forms
from django.core.exceptions import ValidationError
from django.core.files.uploadedfile import UploadedFile
from django.utils.functional import lazy
from django.utils.text import slugify
from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _

from associations.logos import ACCEPT, MAX_UPLOAD_MB, process_logo
from associations.models import District
from grants.facility_hours import MIDNIGHT
from grants.facility_keeping import overlaps
from grants.models import Equipment, Facility, FacilityPhoto, OpeningHours, Room
from grants.models.facilities import PRICE
from yhdistystori.forms import AmountField

TIME_FORMATS = ["%H:%M", "%H.%M", "%H"]
# The facilities' own addresses under /facilities/: no facility may be named like them.
RESERVED_SLUGS = {"manage", "new", "requests", "bookings", "calendar", "desk", "api"}
MAX_PRICE = Decimal(10 ** (PRICE["max_digits"] - PRICE["decimal_places"])) - Decimal("0.01")
LANGUAGES = ("fi", "sv", "en")


def _textarea(rows: int = 4):
    return forms.Textarea(attrs={"rows": rows})


class FacilityForm(forms.ModelForm):
    price_per_hour = AmountField(
        label=_("Associations' price per hour (€)"),
        required=False,
        max_amount=MAX_PRICE,
        help_text=_("0 when the facility is free for associations."),
    )
    normal_price_per_hour = AmountField(
        label=_("Normal price per hour (€)"),
        required=False,
        max_amount=MAX_PRICE,
        help_text=_("What others pay: the difference is the city's support in kind."),
    )

    class Meta:
        model = Facility
        fields = [
            "name_fi",
            "name_sv",
            "name_en",
            "slug",
            "kind",
            "description_fi",
            "description_sv",
            "description_en",
            "street_address",
            "postal_code",
            "city",
            "district",
            "latitude",
            "longitude",
            "capacity",
            "step_free_access",
            "accessible_toilet",
            "induction_loop",
            "accessibility_fi",
            "accessibility_sv",
            "accessibility_en",
            "equipment",
            "pricing",
            "price_per_hour",
            "normal_price_per_hour",
            "rules_fi",
            "rules_sv",
            "rules_en",
            "access_instructions",
            "contact_name",
            "contact_email",
            "contact_phone",
            "is_published",
        ]
        widgets = {
            **{f"description_{lang}": _textarea(6) for lang in LANGUAGES},
            **{f"accessibility_{lang}": _textarea(3) for lang in LANGUAGES},
            **{f"rules_{lang}": _textarea(6) for lang in LANGUAGES},
            "access_instructions": _textarea(4),
            "equipment": forms.CheckboxSelectMultiple,
            "pricing": forms.RadioSelect,
        }
        help_texts = {
            "slug": _(
                "The end of the facility's web address: lower-case letters, numbers and "
                "hyphens. Left empty, it is made from the Finnish name."
            ),
            "latitude": _("For the map link, e.g. 62.241678. Optional."),
            "longitude": _("For the map link, e.g. 25.749498. Optional."),
        }

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["slug"].required = False
        self.fields["district"].queryset = District.objects.order_by("name_fi")
        self.fields["equipment"].queryset = Equipment.objects.all()
        for name in ("latitude", "longitude"):
            self.fields[name].widget.attrs.update({"inputmode": "decimal"})
        self.fields["capacity"].widget.attrs.update({"inputmode": "numeric"})

    def clean_slug(self) -> str:
        slug = self.cleaned_data.get("slug") or ""
        if slug in RESERVED_SLUGS:
            raise ValidationError(
                _("“%(slug)s” is a word of the site's own addresses: choose another."),
                params={"slug": slug},
            )
        return slug

    def clean_latitude(self):
        return _within(self.cleaned_data.get("latitude"), 90)

    def clean_longitude(self):
        return _within(self.cleaned_data.get("longitude"), 180)

    def clean_price_per_hour(self) -> Decimal:
        return self.cleaned_data.get("price_per_hour") or Decimal("0")

    def clean_normal_price_per_hour(self) -> Decimal:
        return self.cleaned_data.get("normal_price_per_hour") or Decimal("0")

    def clean(self):
        data = super().clean()
        if not data.get("slug") and data.get("name_fi") and "slug" not in self.errors:
            data["slug"] = self._free_slug(slugify(data["name_fi"])[:70] or "tila")
        pricing, price = data.get("pricing"), data.get("price_per_hour")
        normal = data.get("normal_price_per_hour")
        if pricing == Facility.Pricing.NORMAL and price is not None and normal is not None:
            # At the normal price both are the same: one typed is enough.
            data["price_per_hour"] = data["normal_price_per_hour"] = price or normal
        if pricing == Facility.Pricing.FREE and price:
            self.add_error(
                "price_per_hour",
                _("A free facility costs nothing: set the price to 0 or choose another pricing."),
            )
        if (
            pricing == Facility.Pricing.DISCOUNTED
            and price is not None
            and normal is not None
            and price >= normal
        ):
            self.add_error(
                "normal_price_per_hour",
                _("A discounted price is below the normal price: give the normal price too."),
            )
        if (data.get("latitude") is None) != (data.get("longitude") is None) and not (
            "latitude" in self.errors or "longitude" in self.errors
        ):
            self.add_error("longitude", _("Give both the latitude and the longitude, or neither."))
        return data

    def _free_slug(self, base: str) -> str:
        taken = set(
            Facility.objects.filter(slug__startswith=base)
            .exclude(pk=self.instance.pk)
            .values_list("slug", flat=True)
        )
        slug, n = base, 2
        while slug in taken or slug in RESERVED_SLUGS:
            slug, n = f"{base}-{n}", n + 1
        return slug


def _within(value, limit: int):
    if value is not None and not -limit <= value <= limit:
        raise ValidationError(
            _("Give degrees between -%(limit)s and %(limit)s."), params={"limit": limit}
        )
    return value


class RoomForm(forms.ModelForm):
    class Meta:
        model = Room
        fields = ["name", "capacity", "notes"]


class OpeningHoursForm(forms.ModelForm):
    opens = forms.TimeField(
        label=_("Opens"),
        input_formats=TIME_FORMATS,
        widget=forms.TimeInput(attrs={"type": "time"}, format="%H:%M"),
    )
    closes = forms.TimeField(
        label=_("Closes"),
        input_formats=TIME_FORMATS,
        widget=forms.TimeInput(attrs={"type": "time"}, format="%H:%M"),
        help_text=_("00:00 is midnight."),
    )

    class Meta:
        model = OpeningHours
        fields = ["weekday", "opens", "closes"]

    def clean(self):
        data = super().clean()
        opens, closes = data.get("opens"), data.get("closes")
        if opens is not None and closes is not None and closes != MIDNIGHT and closes <= opens:
            self.add_error(
                "closes", _("The closing time must be after the opening time (00:00 is midnight).")
            )
        return data


class BaseOpeningHoursFormSet(forms.BaseInlineFormSet):
    def clean(self):
        super().clean()
        if any(form.errors for form in self.forms):
            return
        spans = [
            (form.cleaned_data["weekday"], form.cleaned_data["opens"], form.cleaned_data["closes"])
            for form in self.forms
            if form.cleaned_data
            and not form.cleaned_data.get("DELETE")
            and form.cleaned_data.get("weekday") is not None
        ]
        messages = [overlap_message(*found) for found in overlaps(spans)]
        if messages:
            raise ValidationError(messages)


def overlap_message(weekday: int, first, second) -> str:
    return _(
        "The opening hours on %(weekday)s overlap: %(first)s and %(second)s. Give each time once."
    ) % {
        "weekday": OpeningHours.Weekday(weekday).label.lower(),
        "first": _span(*first),
        "second": _span(*second),
    }


def _span(opens, closes) -> str:
    return f"{opens:%H.%M}–{closes:%H.%M}"


def room_formset(*, data=None, instance=None):
    formset_class = forms.inlineformset_factory(
        Facility, Room, form=RoomForm, extra=2, can_delete=True
    )
    return formset_class(data=data, instance=instance or Facility(), prefix="rooms")


def hours_formset(*, data=None, instance=None):
    has_hours = instance is not None and instance.pk and instance.opening_hours.exists()
    formset_class = forms.inlineformset_factory(
        Facility,
        OpeningHours,
        form=OpeningHoursForm,
        formset=BaseOpeningHoursFormSet,
        extra=3 if has_hours else 7,
        can_delete=True,
    )
    return formset_class(data=data, instance=instance or Facility(), prefix="hours")


# A facility's page shows its photos larger than a profile shows a logo.
PHOTO_BOX = (1280, 960)


class PhotoForm(forms.ModelForm):
    """A new photo: checked and re-encoded as association logos are
    (associations.logos.process_logo), with its description for those who cannot see it."""

    image = forms.FileField(
        label=_("Photo"),
        widget=forms.ClearableFileInput(attrs={"accept": ACCEPT}),
        help_text=lazy(
            lambda: (
                gettext("JPEG, PNG or WebP, at most %(max_mb)s MB.") % {"max_mb": MAX_UPLOAD_MB}
            ),
            str,
        )(),
    )

    class Meta:
        model = FacilityPhoto
        fields = ["image", "alt_fi", "alt_sv", "alt_en"]
        help_texts = {
            "alt_fi": _("What the photo shows, for those who cannot see it. Required."),
        }

    processed = None

    def clean_image(self):
        value = self.cleaned_data.get("image")
        if not isinstance(value, UploadedFile):
            return value  # no new file: the stored photo stays (the admin's change form)
        self.processed = process_logo(value, main_box=PHOTO_BOX)
        return self.processed.main.file

    def save(self, commit=True):
        photo = super().save(commit=False)
        if self.processed is not None:
            photo.width = self.processed.main.width
            photo.height = self.processed.main.height
        if commit:
            photo.save()
        return photo


class PhotoEditForm(forms.ModelForm):
    class Meta:
        model = FacilityPhoto
        fields = ["alt_fi", "alt_sv", "alt_en", "ordering"]


def photo_formset(*, facility: Facility, data=None):
    formset_class = forms.modelformset_factory(
        FacilityPhoto, form=PhotoEditForm, extra=0, can_delete=True
    )
    return formset_class(data=data, queryset=facility.photos.all(), prefix="photos")
