"""The grants officer's form of a round. It reads and normalises what was typed;
grants.rounds decides whether it can be saved, and the views put its refusals at the
fields they name."""

from __future__ import annotations

from datetime import datetime
from zoneinfo import ZoneInfo

from django import forms
from django.conf import settings
from django.core.validators import MaxValueValidator
from django.utils.text import capfirst
from django.utils.translation import gettext_lazy as _

from associations.models import Category
from grants.guidelines import ACCEPT, check_guideline_file
from grants.models import GrantProgramme, GrantRound, GuidelineAttachment
from grants.rounds import NewGuideline, RoundInput
from yhdistystori.forms import AmountField

DATE_FORMATS = ["%Y-%m-%d", "%d.%m.%Y", "%d.%m.%y"]
TIME_FORMATS = ["%H:%M", "%H.%M", "%H"]
# Rounds open and close by the city's clock, whatever the server's.
CITY_TIME = ZoneInfo(settings.TIME_ZONE)
# The days to ask for a review: the law gives 14, a round may give more, up to a year.
MAX_REVIEW_PERIOD_DAYS = 365


def _label(name: str) -> str:
    return capfirst(GrantRound._meta.get_field(name).verbose_name)


def _date_input():
    return forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d")


def _time_input():
    return forms.TimeInput(attrs={"type": "time"}, format="%H:%M")


def _lf(text: str) -> str:
    return text.replace("\r\n", "\n").replace("\r", "\n")


class RoundForm(forms.ModelForm):
    version = forms.IntegerField(widget=forms.HiddenInput, min_value=1, required=False)
    budget = AmountField(label=_label("budget"))
    max_grant = AmountField(label=_label("max_grant"), required=False)
    opens_date = forms.DateField(
        label=_("Opening date"), input_formats=DATE_FORMATS, widget=_date_input()
    )
    opens_time = forms.TimeField(
        label=_("Opening time"), input_formats=TIME_FORMATS, widget=_time_input(), initial="08:00"
    )
    closes_date = forms.DateField(
        label=_("Closing date"), input_formats=DATE_FORMATS, widget=_date_input()
    )
    closes_time = forms.TimeField(
        label=_("Closing time"), input_formats=TIME_FORMATS, widget=_time_input(), initial="16:00"
    )
    guideline_file = forms.FileField(
        label=_("New guideline attachment"),
        required=False,
        widget=forms.ClearableFileInput(attrs={"accept": ACCEPT}),
        help_text=_("A PDF document or a PNG, JPEG or WebP image, at most 10 MB."),
    )
    guideline_title = forms.CharField(
        label=_("Title of the attachment"), required=False, max_length=200
    )
    remove_guidelines = forms.ModelMultipleChoiceField(
        label=_("Remove attachments"),
        queryset=GuidelineAttachment.objects.none(),
        required=False,
        widget=forms.CheckboxSelectMultiple,
    )

    class Meta:
        model = GrantRound
        fields = [
            "programme",
            "title_fi",
            "description_fi",
            "criteria_fi",
            "title_sv",
            "description_sv",
            "criteria_sv",
            "title_en",
            "description_en",
            "criteria_en",
            "eligible_categories",
            "decision_planned_on",
            "deciding_body",
            "review_period_days",
            "use_report_due_on",
        ]
        widgets = {
            **{
                f"{name}_{language}": forms.Textarea(attrs={"rows": 6 if language == "fi" else 4})
                for name in ("description", "criteria")
                for language in ("fi", "sv", "en")
            },
            "eligible_categories": forms.CheckboxSelectMultiple,
            "decision_planned_on": _date_input(),
            "use_report_due_on": _date_input(),
        }

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        grant_round = self.instance if self.instance.pk else None
        self.fields["programme"].queryset = GrantProgramme.objects.all()
        self.fields["programme"].empty_label = None
        self.fields["eligible_categories"].queryset = Category.objects.order_by("name_fi")
        for name in ("description_fi", "criteria_fi"):
            self.fields[name].required = True
        for name in ("decision_planned_on", "use_report_due_on"):
            self.fields[name].input_formats = DATE_FORMATS
        # Setting max_value after the field is made would only draw it in the input: the
        # validator is what refuses a larger number.
        review_period = self.fields["review_period_days"]
        review_period.max_value = MAX_REVIEW_PERIOD_DAYS
        review_period.validators.append(MaxValueValidator(MAX_REVIEW_PERIOD_DAYS))
        review_period.widget.attrs["max"] = MAX_REVIEW_PERIOD_DAYS
        if grant_round is None:
            del self.fields["version"]
            del self.fields["remove_guidelines"]
            return
        self.fields["remove_guidelines"].queryset = grant_round.guidelines.all()
        if not grant_round.guidelines.exists():
            del self.fields["remove_guidelines"]
        opens = grant_round.opens_at.astimezone(CITY_TIME)
        closes = grant_round.closes_at.astimezone(CITY_TIME)
        self.initial.update(
            version=grant_round.version,
            budget=grant_round.budget,
            max_grant=grant_round.max_grant,
            opens_date=opens.date(),
            opens_time=opens.time(),
            closes_date=closes.date(),
            closes_time=closes.time(),
        )

    def clean(self):
        cleaned = super().clean()
        for name in self.Meta.fields:
            if isinstance(cleaned.get(name), str):
                cleaned[name] = _lf(cleaned[name].strip())
        if cleaned.get("guideline_file") and not cleaned.get("guideline_title", "").strip():
            self.add_error("guideline_title", _("Give the attachment a title."))
        return cleaned

    def clean_budget(self):
        budget = self.cleaned_data["budget"]
        if budget is not None and budget <= 0:
            raise forms.ValidationError(_("The budget must be more than zero."))
        return budget

    def clean_max_grant(self):
        max_grant = self.cleaned_data["max_grant"]
        if max_grant is not None and max_grant <= 0:
            raise forms.ValidationError(
                _("Leave the largest grant empty, or give an amount more than zero.")
            )
        return max_grant

    def clean_guideline_file(self):
        upload = self.cleaned_data.get("guideline_file")
        return check_guideline_file(upload) if upload else None

    def _moment(self, prefix: str) -> datetime:
        c = self.cleaned_data
        return datetime.combine(c[f"{prefix}_date"], c[f"{prefix}_time"], tzinfo=CITY_TIME)

    def round_input(self) -> RoundInput:
        c = self.cleaned_data
        values = {name: c[name] for name in self.Meta.fields if name != "eligible_categories"}
        values.update(
            budget=c["budget"],
            max_grant=c.get("max_grant"),
            opens_at=self._moment("opens"),
            closes_at=self._moment("closes"),
        )
        added = []
        if c.get("guideline_file"):
            added.append(NewGuideline(title=c["guideline_title"].strip(), file=c["guideline_file"]))
        return RoundInput(
            values=values,
            categories=list(c.get("eligible_categories") or []),
            added_guidelines=added,
            removed_guidelines=[a.pk for a in c.get("remove_guidelines") or []],
        )

    def category_group(self) -> dict:
        """The eligible categories as the association form shows its terms (ticked first)."""
        field = self["eligible_categories"]
        ticked = {str(value) for value in (field.value() or [])}
        options = [(t.pk, t.name, str(t.pk) in ticked) for t in field.field.queryset]
        options.sort(key=lambda option: not option[2])
        return {"field": field, "options": options}
