"""Our public forms, and what every form anyone may send shares (the feedback
form here, the report form in associations)."""

from django import forms
from django.utils.translation import gettext_lazy as _

from yhdistystori.models import Feedback


def require_a_few_words(text: str) -> str:
    """The text of a message, refused when it is too short to say anything."""
    if len(text) < 5:
        raise forms.ValidationError(_("Please write a few words."))
    return text


class HoneypotMixin(forms.Form):
    """A field people do not see; robots fill it in, and then the form is refused.

    A Form itself so that its field is collected; put it before the form's own base.
    The template shows `website` in a `.trap` hidden from people and assistive technology.
    """

    website = forms.CharField(
        required=False,
        label="",
        widget=forms.TextInput(attrs={"tabindex": "-1", "autocomplete": "off"}),
    )

    def clean_website(self) -> str:
        if self.cleaned_data.get("website"):
            raise forms.ValidationError(_("This form could not be sent."))
        return ""


class FeedbackForm(HoneypotMixin, forms.ModelForm):
    class Meta:
        model = Feedback
        fields = ["topic", "message", "name", "email", "page_url"]
        widgets = {
            "topic": forms.RadioSelect,
            "message": forms.Textarea(attrs={"rows": 6}),
            "page_url": forms.HiddenInput,
        }
        help_texts = {
            "email": _("Give an email address if you want an answer."),
        }

    def clean_message(self) -> str:
        return require_a_few_words(self.cleaned_data["message"].strip())
