from django import forms
from django.utils.translation import gettext_lazy as _

from yhdistystori.models import Feedback


class FeedbackForm(forms.ModelForm):
    # A field people do not see; bots fill it in.
    website = forms.CharField(
        required=False,
        label="",
        widget=forms.TextInput(attrs={"tabindex": "-1", "autocomplete": "off"}),
    )

    class Meta:
        model = Feedback
        fields = ["kind", "message", "name", "email", "page_url"]
        widgets = {
            "kind": forms.RadioSelect,
            "message": forms.Textarea(attrs={"rows": 6}),
            "page_url": forms.HiddenInput,
        }
        help_texts = {
            "email": _("Give an email address if you want an answer."),
        }

    def clean_message(self):
        message = self.cleaned_data["message"].strip()
        if len(message) < 5:
            raise forms.ValidationError(_("Please write a few words."))
        return message

    def clean_website(self):
        if self.cleaned_data.get("website"):
            raise forms.ValidationError(_("This form could not be sent."))
        return ""
