"""Forms of the organisers' pages: a series (with its schedule read as a sentence),
cancelling and moving one occurrence, and the public report form.

The forms only read and normalise what was typed; events.managing decides whether it
can be saved, and the views put its refusals at the fields they name.
"""

from __future__ import annotations

import re
from datetime import date, datetime, timedelta

from django import forms
from django.db.models import Q
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from associations.models import Association
from events.managing import SeriesInput
from events.models import EventReport, EventSeries
from events.recurrence import RuleError, parse, unparse
from yhdistystori.collation import sort_key
from yhdistystori.forms import HoneypotMixin, require_a_few_words

DATE_FORMATS = ["%Y-%m-%d", "%d.%m.%Y", "%d.%m.%y"]
TIME_FORMATS = ["%H:%M", "%H.%M", "%H"]
WEEKDAYS = [
    ("MO", _("Monday")),
    ("TU", _("Tuesday")),
    ("WE", _("Wednesday")),
    ("TH", _("Thursday")),
    ("FR", _("Friday")),
    ("SA", _("Saturday")),
    ("SU", _("Sunday")),
]
ORDINALS = [
    ("1", _("first")),
    ("2", _("second")),
    ("3", _("third")),
    ("4", _("fourth")),
    ("-1", _("last")),
]
MAX_INTERVAL = 99
MAX_COUNT = 1000


def _date_input():
    return forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d")


def _time_input():
    return forms.TimeInput(attrs={"type": "time"}, format="%H:%M")


def _lf(text: str) -> str:
    return text.replace("\r\n", "\n").replace("\r", "\n")


class HttpsURLField(forms.URLField):
    def __init__(self, **kwargs):
        super().__init__(assume_scheme="https", **kwargs)


class DateListField(forms.CharField):
    """Dates one per line (or separated by commas), as 24.12.2026 or 2026-12-24."""

    widget = forms.Textarea(attrs={"rows": 3})

    def to_python(self, value) -> list[date]:
        text = super().to_python(value) or ""
        dates = []
        for token in re.split(r"[\s,;]+", text.strip()):
            if not token:
                continue
            for pattern in DATE_FORMATS:
                try:
                    dates.append(datetime.strptime(token, pattern).date())
                    break
                except ValueError:
                    continue
            else:
                raise forms.ValidationError(
                    _("“%(value)s” is not a date. Write dates as 24.12.2026, one per line."),
                    params={"value": token[:20]},
                )
        return sorted(set(dates))

    def prepare_value(self, value):
        if isinstance(value, list | tuple):
            return "\n".join(f"{d.day}.{d.month}.{d.year}" for d in value)
        return value


class SeriesForm(forms.ModelForm):
    """A series as its organisers keep it. The schedule is a few plain choices that
    `rule` turns into an RRULE, and that an existing RRULE is read back into."""

    version = forms.IntegerField(widget=forms.HiddenInput, min_value=1, required=False)
    organisers = forms.ModelMultipleChoiceField(
        label=_("Organising associations"),
        queryset=Association.objects.none(),
        required=False,
        widget=forms.CheckboxSelectMultiple,
    )
    co_organisers = forms.CharField(
        label=_("Other organising associations"),
        required=False,
        max_length=2000,
        widget=forms.Textarea(attrs={"rows": 2}),
        help_text=_("The names of associations in the directory, one per line."),
    )
    end_time = forms.TimeField(label=_("Ends at"), input_formats=TIME_FORMATS, widget=_time_input())
    registration_closes_hours = forms.IntegerField(
        label=_("Registration closes (hours before the start)"),
        min_value=0,
        max_value=24 * 60,
        required=False,
        initial=0,
    )
    publish = forms.ChoiceField(
        label=_("Publishing"),
        choices=[
            ("now", _("Publish now")),
            ("at", _("Publish at a given time")),
            ("draft", _("Save as a draft that only the organisers see")),
        ],
        widget=forms.RadioSelect,
        initial="now",
    )
    publish_date = forms.DateField(
        label=_("Publishing date"), required=False, input_formats=DATE_FORMATS, widget=_date_input()
    )
    publish_time = forms.TimeField(
        label=_("Publishing time"), required=False, input_formats=TIME_FORMATS, widget=_time_input()
    )

    # The schedule, read as a sentence: "Repeats weekly, every 2 weeks, on Tuesday".
    repeat = forms.ChoiceField(
        label=_("Repeats"),
        choices=[
            ("once", _("once")),
            ("DAILY", _("daily")),
            ("WEEKLY", _("weekly")),
            ("MONTHLY", _("monthly")),
            ("YEARLY", _("yearly")),
        ],
        initial="once",
    )
    interval = forms.IntegerField(
        label=_("every"), min_value=1, max_value=MAX_INTERVAL, initial=1, required=False
    )
    weekdays = forms.MultipleChoiceField(
        label=_("on these days"),
        choices=WEEKDAYS,
        required=False,
        widget=forms.CheckboxSelectMultiple,
    )
    monthly_by = forms.ChoiceField(
        label=_("in the month"),
        choices=[("day", _("on a day of the month")), ("weekday", _("on a weekday"))],
        initial="day",
        required=False,
        widget=forms.RadioSelect,
    )
    month_day = forms.IntegerField(label=_("on day"), min_value=1, max_value=31, required=False)
    month_ordinal = forms.ChoiceField(label=_("on the"), choices=ORDINALS, required=False)
    month_weekday = forms.ChoiceField(label=_("weekday"), choices=WEEKDAYS, required=False)
    ends = forms.ChoiceField(
        label=_("Ends"),
        choices=[
            ("never", _("goes on (dates are made two years ahead)")),
            ("until", _("on a date")),
            ("count", _("after a number of times")),
        ],
        initial="never",
        required=False,
        widget=forms.RadioSelect,
    )
    until = forms.DateField(
        label=_("last date"), required=False, input_formats=DATE_FORMATS, widget=_date_input()
    )
    count = forms.IntegerField(label=_("times"), min_value=1, max_value=MAX_COUNT, required=False)
    keep_rule = forms.BooleanField(
        label=_("Keep the current schedule as it is"), required=False, initial=True
    )
    excluded_dates = DateListField(
        label=_("Dates left out"),
        required=False,
        help_text=_("For example holidays: one date per line, such as 24.12.2026."),
    )
    added_dates = DateListField(
        label=_("Dates added"),
        required=False,
        help_text=_("Extra dates at the same time: one date per line, such as 7.1.2027."),
    )

    class Meta:
        model = EventSeries
        # People type "teams.example.fi"; take it as https, as the admin does.
        field_classes = {"online_url": HttpsURLField}
        fields = [
            "title_fi",
            "title_sv",
            "title_en",
            "description_fi",
            "description_sv",
            "description_en",
            "by_city",
            "place_name",
            "street_address",
            "postal_code",
            "post_office",
            "online_url",
            "start_date",
            "start_time",
            "capacity",
            "registration_required",
            "audience",
            "categories",
            "districts",
        ]
        widgets = {
            "description_fi": forms.Textarea(attrs={"rows": 6}),
            "description_sv": forms.Textarea(attrs={"rows": 4}),
            "description_en": forms.Textarea(attrs={"rows": 4}),
            "start_date": _date_input(),
            "start_time": _time_input(),
            "audience": forms.RadioSelect,
            "categories": forms.CheckboxSelectMultiple,
            "districts": forms.CheckboxSelectMultiple,
        }
        labels = {"start_date": _("First date")}

    def __init__(self, *args, user, liaison: bool, **kwargs):
        super().__init__(*args, **kwargs)
        self.user = user
        self.liaison = liaison
        series = self.instance if self.instance.pk else None
        self.fields["start_date"].input_formats = DATE_FORMATS
        self.fields["start_time"].input_formats = TIME_FORMATS
        self.fields["audience"].choices = EventSeries.Audience.choices
        self.fields["capacity"].min_value = None  # the workflow says what is wrong with 0
        self.fields["capacity"].widget.attrs.pop("min", None)
        own = Q(memberships__user=user)
        if series is not None:
            own |= Q(pk__in=series.organisers.values("pk"))
        self.fields["organisers"].queryset = (
            Association.objects.filter(own).distinct().order_by("name")
        )
        if not liaison:
            del self.fields["by_city"]
        if series is None:
            del self.fields["version"]
            self.initial.setdefault("start_time", "17:00")
            self.initial.setdefault("end_time", "19:00")
        else:
            self.initial.update(self._initial_from(series))
        if series is None or self.initial.get("repeat") != "custom":
            del self.fields["keep_rule"]

    def term_groups(self) -> list[dict]:
        """Categories and districts as the association form shows them (ticked first)."""
        groups = []
        for name in ("categories", "districts"):
            field = self[name]
            ticked = {str(value) for value in (field.value() or [])}
            options = [(t.pk, t.name, str(t.pk) in ticked) for t in field.field.queryset]
            if name == "districts":
                options.sort(key=lambda option: sort_key(option[1]))
            options.sort(key=lambda option: not option[2])
            groups.append({"field": field, "options": options})
        return groups

    # --- reading a series back into the fields -------------------------------------

    def _initial_from(self, series: EventSeries) -> dict:
        end = datetime.combine(series.start_date, series.start_time) + series.duration
        initial = {
            "version": series.version,
            "end_time": end.time(),
            "registration_closes_hours": int(series.registration_closes_before.total_seconds())
            // 3600,
            "publish": "draft"
            if series.status == EventSeries.Status.DRAFT
            else ("at" if series.publish_at else "now"),
            "excluded_dates": series.excluded_dates,
            "added_dates": series.added_dates,
            "organisers": list(series.organisers.all()),
        }
        if series.publish_at:
            local = timezone.localtime(series.publish_at)
            initial.update(publish_date=local.date(), publish_time=local.time())
        initial.update(rule_fields(series.rrule, series.start_date))
        return initial

    # --- the values --------------------------------------------------------------------

    def clean_capacity(self):
        capacity = self.cleaned_data.get("capacity")
        if capacity is not None and capacity < 1:
            raise forms.ValidationError(_("The number of places must be at least 1."))
        return capacity

    def clean_co_organisers(self) -> list[Association]:
        names = [n.strip() for n in _lf(self.cleaned_data["co_organisers"]).split("\n")]
        found, missing = [], []
        for name in filter(None, names):
            association = (
                Association.objects.published()
                .filter(Q(name__iexact=name) | Q(slug=name.lower()))
                .first()
            )
            (found.append(association) if association else missing.append(name))
        if missing:
            raise forms.ValidationError(
                _("No association in the directory is called: %(names)s"),
                params={"names": ", ".join(missing)},
            )
        return found

    def clean(self):
        cleaned = super().clean()
        if cleaned.get("publish") == "at" and not (
            cleaned.get("publish_date") and cleaned.get("publish_time")
        ):
            self.add_error("publish_date", _("Give the date and time of publishing."))
        repeat = cleaned.get("repeat")
        if repeat == "WEEKLY" and not cleaned.get("weekdays") and cleaned.get("start_date"):
            cleaned["weekdays"] = [WEEKDAYS[cleaned["start_date"].weekday()][0]]
        by_weekday = repeat in ("MONTHLY", "YEARLY") and cleaned.get("monthly_by") == "weekday"
        if by_weekday and not (cleaned.get("month_ordinal") and cleaned.get("month_weekday")):
            self.add_error("month_weekday", _("Choose which weekday of the month."))
        if cleaned.get("ends") == "until" and not cleaned.get("until"):
            self.add_error("until", _("Give the last date."))
        if cleaned.get("ends") == "count" and not cleaned.get("count"):
            self.add_error("count", _("Give the number of times."))
        start, end = cleaned.get("start_time"), cleaned.get("end_time")
        if start and end and end <= start:
            self.add_error("end_time", _("The event must end after it starts."))
        return cleaned

    def rule(self) -> str:
        """The RRULE the schedule fields say (or the series' own, when kept)."""
        c = self.cleaned_data
        if "keep_rule" in self.fields and c.get("keep_rule"):
            return self.instance.rrule
        repeat = c["repeat"]
        if repeat == "once":
            return ""
        parts = {"FREQ": repeat}
        if (c.get("interval") or 1) > 1:
            parts["INTERVAL"] = str(c["interval"])
        if repeat == "WEEKLY":
            parts["BYDAY"] = ",".join(c["weekdays"])
        elif repeat in ("MONTHLY", "YEARLY"):
            if repeat == "YEARLY":
                parts["BYMONTH"] = str(c["start_date"].month)
            if c.get("monthly_by") == "weekday":
                parts["BYDAY"] = f"{c['month_ordinal']}{c['month_weekday']}"
            else:
                parts["BYMONTHDAY"] = str(c.get("month_day") or c["start_date"].day)
        if c.get("ends") == "until":
            parts["UNTIL"] = c["until"].strftime("%Y%m%dT235959")
        elif c.get("ends") == "count":
            parts["COUNT"] = str(c["count"])
        return unparse(parts)

    def series_input(self) -> SeriesInput:
        c = self.cleaned_data
        start = datetime.combine(c["start_date"], c["start_time"])
        end = datetime.combine(c["start_date"], c["end_time"])
        publish = c["publish"]
        publish_at = None
        if publish == "at":
            publish_at = timezone.make_aware(datetime.combine(c["publish_date"], c["publish_time"]))
        values = {
            name: c[name]
            for name in self.Meta.fields
            if name not in ("categories", "districts") and name in c
        }
        values.update(
            title_fi=c["title_fi"].strip(),
            duration=end - start,
            rrule=self.rule(),
            excluded_dates=c["excluded_dates"],
            added_dates=c["added_dates"],
            registration_closes_before=timedelta(hours=c.get("registration_closes_hours") or 0),
            status=EventSeries.Status.DRAFT if publish == "draft" else EventSeries.Status.PUBLISHED,
            publish_at=publish_at,
        )
        if self.instance.pk and self.instance.status == EventSeries.Status.HIDDEN:
            values["status"] = EventSeries.Status.HIDDEN  # only the liaison shows it again
        if "by_city" not in self.fields:
            values["by_city"] = bool(self.instance.pk and self.instance.by_city)
        organisers = list(c.get("organisers") or []) + list(c.get("co_organisers") or [])
        return SeriesInput(
            values=values,
            organisers=list({a.pk: a for a in organisers}.values()),
            categories=list(c.get("categories") or []),
            districts=list(c.get("districts") or []),
        )


def rule_fields(rrule: str, start_date: date) -> dict:
    """The schedule fields that say `rrule`; `repeat` is "custom" when they cannot."""
    if not rrule:
        return {"repeat": "once"}
    try:
        parts = parse(rrule)
    except RuleError:
        return {"repeat": "custom"}
    fields = {"repeat": parts.pop("FREQ"), "interval": int(parts.pop("INTERVAL", 1))}
    parts.pop("WKST", None)
    if "COUNT" in parts:
        fields.update(ends="count", count=int(parts.pop("COUNT")))
    elif "UNTIL" in parts:
        value = parts.pop("UNTIL")
        fields.update(ends="until", until=date(int(value[:4]), int(value[4:6]), int(value[6:8])))
    else:
        fields["ends"] = "never"
    byday = parts.pop("BYDAY", "")
    if fields["repeat"] == "YEARLY" and parts.get("BYMONTH") == str(start_date.month):
        parts.pop("BYMONTH")
    if fields["repeat"] == "WEEKLY" and byday and all(len(d) == 2 for d in byday.split(",")):
        fields["weekdays"] = byday.split(",")
        byday = ""
    elif fields["repeat"] in ("MONTHLY", "YEARLY"):
        match = re.fullmatch(r"(-1|[1-4])(MO|TU|WE|TH|FR|SA|SU)", byday)
        if match:
            fields.update(monthly_by="weekday", month_ordinal=match[1], month_weekday=match[2])
            byday = ""
        elif not byday and re.fullmatch(r"[0-9]{1,2}", parts.get("BYMONTHDAY", "")):
            fields.update(monthly_by="day", month_day=int(parts.pop("BYMONTHDAY")))
        elif not byday and not parts:
            fields.update(monthly_by="day", month_day=start_date.day)
    if byday or parts:
        return {"repeat": "custom"}
    return fields


class CancelForm(forms.Form):
    reason = forms.CharField(
        label=_("Reason for cancelling"),
        max_length=2000,
        widget=forms.Textarea(attrs={"rows": 4}),
        help_text=_("Registrants get it by email, and it is shown on the event's page."),
    )

    def clean_reason(self) -> str:
        return require_a_few_words(_lf(self.cleaned_data["reason"].strip()))


class MoveForm(forms.Form):
    date = forms.DateField(label=_("New date"), input_formats=DATE_FORMATS, widget=_date_input())
    start_time = forms.TimeField(
        label=_("Starts at"), input_formats=TIME_FORMATS, widget=_time_input()
    )
    end_time = forms.TimeField(label=_("Ends at"), input_formats=TIME_FORMATS, widget=_time_input())

    def clean(self):
        cleaned = super().clean()
        start, end = cleaned.get("start_time"), cleaned.get("end_time")
        if start and end and end <= start:
            self.add_error("end_time", _("The event must end after it starts."))
        return cleaned

    def times(self) -> tuple[datetime, datetime]:
        c = self.cleaned_data
        return (
            timezone.make_aware(datetime.combine(c["date"], c["start_time"])),
            timezone.make_aware(datetime.combine(c["date"], c["end_time"])),
        )


class ConfirmDropForm(forms.Form):
    drop_reason = forms.CharField(
        label=_("Reason told to the registrants of cancelled occurrences (optional)"),
        required=False,
        max_length=2000,
        widget=forms.Textarea(attrs={"rows": 2}),
    )


class EventReportForm(HoneypotMixin, forms.ModelForm):
    class Meta:
        model = EventReport
        fields = ["reason", "message", "contact"]
        widgets = {
            "reason": forms.RadioSelect,
            "message": forms.Textarea(attrs={"rows": 6}),
        }

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["reason"].choices = EventReport.Reason.choices

    def clean_message(self) -> str:
        return require_a_few_words(_lf(self.cleaned_data["message"].strip()))
