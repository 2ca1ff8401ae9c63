"""Euro amounts typed the Finnish way, read as Decimal and shown the Finnish way."""

from decimal import Decimal

import pytest
from django import forms
from django.utils import translation

from yhdistystori.forms import AmountField, format_amount
from yhdistystori.templatetags.text import euros


class AmountForm(forms.Form):
    amount = AmountField(label="Summa")
    optional = AmountField(label="Muu", required=False)


@pytest.mark.parametrize(
    ("typed", "expected"),
    [
        ("1 234,50", Decimal("1234.50")),
        ("1234,5 €", Decimal("1234.50")),
        ("1234.50", Decimal("1234.50")),
        ("1\u00a0000", Decimal("1000.00")),
        ("0,5", Decimal("0.50")),
    ],
)
def test_amounts_are_read_the_finnish_way_as_decimals(typed, expected):
    form = AmountForm({"amount": typed})
    assert form.is_valid(), form.errors
    assert form.cleaned_data["amount"] == expected
    assert isinstance(form.cleaned_data["amount"], Decimal)
    assert form.cleaned_data["optional"] is None


@pytest.mark.parametrize(
    ("typed", "message"),
    [
        ("", "This field is required."),
        ("-5", "The amount cannot be negative."),
        ("paljon", "Enter an amount in euros"),
        ("12,345", "Enter an amount in euros"),
        ("99 000 000", "The amount is too large"),
    ],
)
def test_bad_amounts_get_a_clear_message(typed, message):
    with translation.override("en"):
        form = AmountForm({"amount": typed})
        assert not form.is_valid()
        assert message in form.errors["amount"][0]


def test_amounts_are_shown_the_finnish_way():
    assert format_amount(Decimal("1234567.5")) == "1\u00a0234\u00a0567,50"
    assert euros(Decimal("12")) == "12,00\u00a0€"
    assert euros(None) == ""
    assert AmountForm(initial={"amount": Decimal("2500")})["amount"].value() == "2\u00a0500,00"
