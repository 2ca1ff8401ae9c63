"""Forms of the association editors' pages and the public report form."""

from __future__ import annotations

from django import forms
from django.db import models
from django.utils.translation import gettext_lazy as _

from associations.logos import LogoField
from associations.models import PROFILE_FIELDS, PROFILE_RELATIONS, Association, Claim, Report
from yhdistystori.collation import sort_key
from yhdistystori.forms import HoneypotMixin, require_a_few_words
from yhdistystori.validators import (
    normalize_business_id,
    normalize_phone,
    normalize_register_number,
)


def _one_line_breaks(text: str) -> str:
    """Browsers send CRLF; stored text has LF, so an unchanged text compares equal."""
    return text.replace("\r\n", "\n").replace("\r", "\n")


class _TextAreaField(forms.CharField):
    """Line breaks made LF before the length is checked.

    The browser's maxlength counts a line break as one character but sends two
    (CRLF): a text that fits the box must fit the limit here too.
    """

    def to_python(self, value):
        return _one_line_breaks(super().to_python(value))


def _formfield(field: models.Field, **kwargs) -> forms.Field | None:
    # People type "kuoro.fi"; take it as https, as the admin does.
    if isinstance(field, models.URLField):
        kwargs["assume_scheme"] = "https"
    if isinstance(field, models.TextField):
        kwargs["form_class"] = _TextAreaField
    return field.formfield(**kwargs)


class ProfileForm(forms.ModelForm):
    """Every field of a profile as its editors keep it.

    The form only validates: the views hand the cleaned values to
    workflows.association_create / profile_update, which save and record them.
    `editing` adds the version the form was opened at and "remove the logo".
    """

    version = forms.IntegerField(widget=forms.HiddenInput, min_value=1)
    logo = LogoField(required=False)
    remove_logo = forms.BooleanField(label=_("Remove the logo"), required=False)

    class Meta:
        model = Association
        fields = [*PROFILE_FIELDS, *PROFILE_RELATIONS]
        formfield_callback = _formfield
        widgets = {
            "description": forms.Textarea(attrs={"rows": 8}),
            "meeting_info": forms.Textarea(attrs={"rows": 3}),
            "how_to_join": forms.Textarea(attrs={"rows": 3}),
            **dict.fromkeys(PROFILE_RELATIONS, forms.CheckboxSelectMultiple),
        }
        help_texts = {
            "description": _(
                "What the association does, for whom, and how to join in. At most 5000 characters."
            ),
            "email": _("An address of the association that residents may write to."),
        }

    def __init__(self, *args, editing: bool = False, **kwargs):
        super().__init__(*args, **kwargs)
        self.editing = editing
        if not editing:
            del self.fields["version"]
            del self.fields["remove_logo"]
        elif not (self.instance.logo):
            del self.fields["remove_logo"]

    def clean_register_number(self) -> str:
        value = self.cleaned_data["register_number"].strip()
        return normalize_register_number(value) if value else ""

    def clean_business_id(self) -> str:
        value = self.cleaned_data["business_id"].strip()
        return normalize_business_id(value) if value else ""

    def clean_description(self) -> str:
        return _one_line_breaks(self.cleaned_data["description"])

    def clean_phone(self) -> str:
        value = self.cleaned_data["phone"]
        return normalize_phone(value) if value else ""

    @property
    def values(self) -> dict:
        return {name: self.cleaned_data[name] for name in PROFILE_FIELDS}

    @property
    def relations(self) -> dict[str, list]:
        return {name: list(self.cleaned_data[name]) for name in PROFILE_RELATIONS}

    def term_groups(self) -> list[dict]:
        """The four term lists as checkbox groups (associations/includes/checkbox_group.html),
        each with the association's own terms first, so that the form shows at once what
        is chosen; districts in alphabetical order."""
        groups = []
        for name in PROFILE_RELATIONS:
            field = self[name]
            ticked = {str(value) for value in (field.value() or [])}
            options = [
                (term.pk, term.name, str(term.pk) in ticked) for term in field.field.queryset
            ]
            if name == "districts":
                options.sort(key=lambda option: sort_key(option[1]))
            options.sort(key=lambda option: not option[2])  # stable: the order stays within
            groups.append({"field": field, "options": options})
        return groups


class ClaimForm(forms.ModelForm):
    class Meta:
        model = Claim
        fields = ["position", "message"]
        formfield_callback = _formfield
        widgets = {"message": forms.Textarea(attrs={"rows": 5})}

    def clean_position(self) -> str:
        return self.cleaned_data["position"].strip()

    def clean_message(self) -> str:
        return _one_line_breaks(self.cleaned_data["message"].strip())


class InvitationForm(forms.Form):
    email = forms.EmailField(
        label=_("Email address of the new editor"),
        help_text=_("We send a link to this address. It works once, for 14 days."),
        max_length=254,
    )


class ReportForm(HoneypotMixin, forms.ModelForm):
    class Meta:
        model = Report
        fields = ["reason", "message", "contact"]
        widgets = {
            "reason": forms.RadioSelect,
            "message": forms.Textarea(attrs={"rows": 6}),
        }

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        # A ModelForm adds an empty "---------" choice to a radio select; a reason is required.
        self.fields["reason"].choices = Report.Reason.choices

    def clean_message(self) -> str:
        return require_a_few_words(_one_line_breaks(self.cleaned_data["message"].strip()))
