"""Our public forms, what every form anyone may send shares (the feedback form here,
the report form in associations), and the field for euro amounts."""

from decimal import Decimal

from django import forms
from django.core.exceptions import ValidationError
from django.utils.translation import gettext_lazy as _

from yhdistystori.models import Feedback
from yhdistystori.validators import parse_amount


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


# The largest amount a form takes: more than any city grants in one go, and a bound
# that keeps a typo of three extra zeros from passing as money.
MAX_AMOUNT = Decimal("10000000.00")


class AmountField(forms.Field):
    """A euro amount as people type it ('1 234,50', '1234,5 €', '1234.50'): a Decimal,
    never a float. Negative, empty (when required) and absurd amounts get a message."""

    widget = forms.TextInput

    def __init__(self, *, max_amount: Decimal = MAX_AMOUNT, **kwargs):
        super().__init__(**kwargs)
        self.max_amount = max_amount
        self.widget.attrs.setdefault("inputmode", "decimal")
        self.widget.attrs.setdefault("autocomplete", "off")
        self.widget.attrs.setdefault("maxlength", "30")

    def prepare_value(self, value):
        if isinstance(value, Decimal):
            return format_amount(value)
        return value

    def to_python(self, value):
        value = str(value).strip() if value is not None else ""
        if not value:
            return None
        if len(value) > 30:
            raise ValidationError(
                _("Enter an amount in euros, for example 1 234,50."), code="amount_format"
            )
        amount = parse_amount(value)
        if amount > self.max_amount:
            raise ValidationError(
                _("The amount is too large: at most %(max)s €.")
                % {"max": format_amount(self.max_amount)},
                code="amount_too_large",
            )
        return amount


def format_amount(amount: Decimal | None) -> str:
    """An amount the Finnish way: '1 234,50' (a no-break space between thousands)."""
    if amount is None:
        return ""
    whole, _dot, cents = f"{amount.quantize(Decimal('0.01')):,.2f}".partition(".")
    return whole.replace(",", "\u00a0") + "," + cents
