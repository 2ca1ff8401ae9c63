"""The forms of booking requests: asking for a time, cancelling, and the manager's answer.

The forms read and normalise what was typed; grants/booking_times.py and
grants/booking_requests.py decide whether it can be booked, and the views put their
refusals at the fields they name.
"""

from __future__ import annotations

import datetime
import re

from django import forms
from django.utils.translation import gettext_lazy as _

from grants import booking_times
from grants.booking_requests import RequestInput
from grants.models import BookingRequest
from yhdistystori.decisions import REASON_MAX_LENGTH

DATE_FORMATS = ["%Y-%m-%d", "%d.%m.%Y", "%d.%m.%y"]
TIME_FORMATS = ["%H:%M", "%H.%M", "%H"]
# More than a series of a year has dates: a bound on what the field reads.
MAX_EXCEPTIONS = 60


def _date_input():
    return forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d")


def _time_input():
    return forms.TimeInput(attrs={"type": "time"}, format="%H:%M")


def read_date(token: str) -> datetime.date | None:
    """A date written 24.12.2027 (or 2027-12-24), or None."""
    for pattern in DATE_FORMATS:
        try:
            return datetime.datetime.strptime(token, pattern).date()
        except ValueError:
            continue
    return None


class DateListField(forms.CharField):
    """Dates one per line or separated by commas, written the Finnish way (24.12.2027)."""

    widget = forms.Textarea(attrs={"rows": 3})

    def to_python(self, value) -> list[datetime.date]:
        text = super().to_python(value) or ""
        tokens = [token for token in re.split(r"[\s,;]+", text.strip()) if token]
        if len(tokens) > MAX_EXCEPTIONS:
            raise forms.ValidationError(
                _("Leave out at most %(max)s dates."), params={"max": MAX_EXCEPTIONS}
            )
        bad = [token[:20] for token in tokens if read_date(token) is None]
        if bad:
            raise forms.ValidationError(
                _(
                    "These are not dates: %(values)s. Write each date as day.month.year, "
                    "for example 24.12.2027, one per line or separated by commas."
                ),
                params={"values": ", ".join(f"“{token}”" for token in bad)},
            )
        return sorted({read_date(token) for token in tokens})

    def prepare_value(self, value):
        if isinstance(value, list | tuple):
            return "\n".join(booking_times.short_date(day) for day in value)
        return value


class RequestForm(forms.Form):
    association = forms.ModelChoiceField(
        queryset=None,
        label=_("Which association asks?"),
        widget=forms.RadioSelect,
        empty_label=None,
        error_messages={"required": _("Choose the association that asks for the facility.")},
    )
    repeat = forms.ChoiceField(
        label=_("How often"),
        choices=[
            (booking_times.ONCE, _("Once")),
            (booking_times.WEEKLY, _("Weekly for a period")),
        ],
        widget=forms.RadioSelect,
        initial=booking_times.ONCE,
    )
    first_date = forms.DateField(
        label=_("Date"),
        input_formats=DATE_FORMATS,
        widget=_date_input(),
        help_text=_("A weekly series repeats on this date's weekday. For example 14.1.2027."),
    )
    starts = forms.TimeField(
        label=_("From"), input_formats=TIME_FORMATS, widget=_time_input(), help_text=_("18:00")
    )
    ends = forms.TimeField(
        label=_("To"),
        input_formats=TIME_FORMATS,
        widget=_time_input(),
        help_text=_("20:00. 00:00 is midnight."),
    )
    last_date = forms.DateField(
        label=_("Last date"),
        required=False,
        input_formats=DATE_FORMATS,
        widget=_date_input(),
        help_text=_("For a weekly series: at most a year after the first date."),
    )
    exceptions = DateListField(
        label=_("Dates left out"),
        required=False,
        max_length=2000,
        help_text=_(
            "For a weekly series: the dates you do not need, one per line or separated by "
            "commas, for example 24.2.2027, 3.3.2027."
        ),
    )
    keep_holidays = forms.BooleanField(
        label=_("Keep the public holidays in the series"),
        required=False,
        help_text=_("Unless you tick this, a weekly series leaves out Finland's public holidays."),
    )
    purpose = forms.CharField(
        label=_("What the facility is for"),
        max_length=500,
        widget=forms.Textarea(attrs={"rows": 3, "maxlength": 500}),
        help_text=_("For example: the choir's weekly rehearsal."),
    )
    attendance = forms.IntegerField(
        label=_("Expected attendance"),
        min_value=1,
        max_value=100_000,
        help_text=_("How many people at most."),
    )
    message = forms.CharField(
        label=_("Message to the facilities manager"),
        required=False,
        max_length=2000,
        widget=forms.Textarea(attrs={"rows": 3, "maxlength": 2000}),
    )

    def __init__(self, *args, associations, facility, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["association"].queryset = associations
        self.fields["attendance"].help_text = _("At most %(capacity)s people.") % {
            "capacity": facility.capacity
        }

    def plan(self) -> booking_times.Plan:
        """The dates asked for; TimesError when none can be booked."""
        data = self.cleaned_data
        return booking_times.plan(
            repeat=data["repeat"],
            first_date=data["first_date"],
            last_date=data.get("last_date"),
            starts=data["starts"],
            ends=data["ends"],
            exceptions=data.get("exceptions") or [],
            skip_holidays=not data.get("keep_holidays"),
        )

    def values(self) -> RequestInput:
        data = self.cleaned_data
        return RequestInput(
            purpose=data["purpose"].strip(),
            attendance=data["attendance"],
            message=data.get("message", "").strip(),
        )


class CancelForm(forms.Form):
    scope = forms.ChoiceField(
        label=_("What to cancel"),
        choices=[("series", _("All the times still to come")), ("date", _("One date"))],
        widget=forms.RadioSelect,
        initial="date",
    )
    on_date = forms.TypedChoiceField(
        label=_("The date"),
        required=False,
        coerce=datetime.date.fromisoformat,
        empty_value=None,
    )
    reason = forms.CharField(
        label=_("Reason (the other side reads it)"),
        max_length=REASON_MAX_LENGTH,
        widget=forms.Textarea(attrs={"rows": 3, "maxlength": REASON_MAX_LENGTH}),
        error_messages={"required": _("Write the reason: the other side reads it.")},
    )

    def __init__(self, *args, dates, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["on_date"].choices = [
            (day.isoformat(), booking_times.short_date(day)) for day in dates
        ]

    def clean(self):
        data = super().clean()
        if data.get("scope") == "date" and not data.get("on_date"):
            self.add_error("on_date", _("Choose the date to cancel."))
        return data


class DecisionForm(forms.Form):
    """The manager's answer: accept all, accept the ticked dates, or decline."""

    version = forms.IntegerField(widget=forms.HiddenInput, min_value=1)
    dates = forms.TypedMultipleChoiceField(
        label=_("Dates to accept"),
        required=False,
        coerce=datetime.date.fromisoformat,
        widget=forms.CheckboxSelectMultiple,
    )
    reason = forms.CharField(
        label=_("Reason or note to the association"),
        required=False,
        max_length=REASON_MAX_LENGTH,
        widget=forms.Textarea(attrs={"rows": 3, "maxlength": REASON_MAX_LENGTH}),
        help_text=_("Required when you decline. The association reads it."),
    )

    def __init__(self, *args, request: BookingRequest, dates, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["version"].initial = request.version
        self.fields["dates"].choices = [
            (day.isoformat(), booking_times.short_date(day)) for day in dates
        ]
        self.fields["dates"].initial = [day.isoformat() for day in dates]
