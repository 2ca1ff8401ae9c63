"""The forms of registering: the registrant's own and the organiser's message."""

from __future__ import annotations

from django import forms
from django.db.models import Exists, OuterRef
from django.db.models.functions import Lower
from django.utils.translation import gettext_lazy as _

from associations.models import Association, Membership
from events.models.registrations import NEEDS_MAX_LENGTH
from yhdistystori.forms import HoneypotMixin

SUBJECT_MAX_LENGTH = 150
MESSAGE_MAX_LENGTH = 5000


def own_associations(user):
    """The published associations this user edits, for the form to offer first."""
    if not user.is_authenticated:
        return Association.objects.none()
    return Association.objects.published().filter(memberships__user=user).order_by("name")


def find_association(text: str, user) -> Association | None:
    """The published association named `text` (or with `text` as its address name).

    The directory holds many associations, some with the same name: the signed-in
    person's own one wins, else a name shared by several is refused as ambiguous.
    """
    text = text.strip()
    # A profile's address pasted whole: its last part is the slug.
    slug = text.rstrip("/").rsplit("/", 1)[-1]
    published = Association.objects.published()
    found = published.filter(slug=slug).first()
    if found:
        return found
    matches = published.alias(lower_name=Lower("name")).filter(lower_name=text.lower())
    if user.is_authenticated:
        # A subquery, not a join: a join repeats an association once per editor.
        own = Membership.objects.filter(association=OuterRef("pk"), user=user)
        matches = matches.annotate(own=Exists(own)).order_by("-own", "id")
    candidates = list(matches[:2])
    if not candidates:
        raise forms.ValidationError(
            _(
                "No association called “%(name)s” is in the directory. Check the spelling "
                "as it is on the association's page, or leave the field empty."
            ),
            params={"name": text},
        )
    if len(candidates) > 1 and not getattr(candidates[0], "own", False):
        raise forms.ValidationError(
            _(
                "Several associations are called “%(name)s”. Paste the address of the "
                "association's page in the directory instead."
            ),
            params={"name": text},
        )
    return candidates[0]


class RegistrationForm(HoneypotMixin, forms.Form):
    name = forms.CharField(label=_("Name"), max_length=200)
    email = forms.EmailField(
        label=_("Email"),
        max_length=254,
        help_text=_("The confirmation and the link to cancel come to this address."),
    )
    association = forms.CharField(
        label=_("Association"),
        required=False,
        max_length=300,
        help_text=_("If you come on behalf of an association: its name as in the directory."),
    )
    dietary_needs = forms.CharField(
        label=_("Dietary needs"),
        required=False,
        max_length=NEEDS_MAX_LENGTH,
        widget=forms.Textarea(attrs={"rows": 2}),
    )
    accessibility_needs = forms.CharField(
        label=_("Accessibility needs"),
        required=False,
        max_length=NEEDS_MAX_LENGTH,
        widget=forms.Textarea(attrs={"rows": 2}),
        help_text=_(
            "For example an induction loop, a sign language interpreter or step-free access."
        ),
    )

    def __init__(self, *args, user=None, **kwargs):
        super().__init__(*args, **kwargs)
        self.user = user
        self.fields["name"].widget.attrs["autocomplete"] = "name"
        self.fields["email"].widget.attrs["autocomplete"] = "email"
        self.own_associations = list(own_associations(user)) if user is not None else []
        if self.own_associations:
            # The person's own associations come up first as they type; any other
            # published one can still be typed (the list of all would be far too long).
            self.fields["association"].widget.attrs["list"] = "own-associations"

    def clean_name(self) -> str:
        name = " ".join(self.cleaned_data["name"].split())
        if not name:
            raise forms.ValidationError(_("Write your name."))
        return name

    def clean_email(self) -> str:
        return self.cleaned_data["email"].strip().lower()

    def clean_association(self) -> Association | None:
        text = self.cleaned_data["association"].strip()
        if not text:
            return None
        return find_association(text, self.user)


class RegistrantsMessageForm(forms.Form):
    subject = forms.CharField(label=_("Subject"), max_length=SUBJECT_MAX_LENGTH)
    message = forms.CharField(
        label=_("Message"),
        max_length=MESSAGE_MAX_LENGTH,
        widget=forms.Textarea(attrs={"rows": 10}),
    )
    include_waitlisted = forms.BooleanField(
        label=_("Send it to those on the waiting list too"), required=False
    )

    def clean_subject(self) -> str:
        subject = " ".join(self.cleaned_data["subject"].split())
        if not subject:
            raise forms.ValidationError(_("Write a subject."))
        return subject

    def clean_message(self) -> str:
        message = self.cleaned_data["message"].strip()
        if not message:
            raise forms.ValidationError(_("Write a message."))
        return message
