"""Dates typed the way people in Finland write them are read in every language."""

import datetime

import pytest
from django import forms
from django.utils import translation


class DateForm(forms.Form):
    day = forms.DateField()


@pytest.mark.parametrize("language", ["fi", "sv", "en"])
@pytest.mark.parametrize("typed", ["29.11.2026", "2026-11-29"])
def test_a_finnish_date_is_read_in_every_language(language, typed):
    with translation.override(language):
        form = DateForm({"day": typed})
        assert form.is_valid(), form.errors
        assert form.cleaned_data["day"] == datetime.date(2026, 11, 29)
