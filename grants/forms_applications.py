"""The associations' forms: choosing which association applies, the application with
its budget rows, and the attachments."""

from __future__ import annotations

from decimal import Decimal

from django import forms
from django.core.exceptions import ValidationError
from django.utils.translation import gettext_lazy as _

from grants.applying import BudgetLine, NewAttachment
from grants.models import Application, BudgetRow
from grants.models.applications import PURPOSE_MAX_LENGTH
from grants.uploads import check_attachment
from yhdistystori.forms import AmountField, format_amount

# Empty budget rows under the filled ones; "Add rows" gives this many more.
EXTRA_ROWS = 3
MAX_ROWS = 60


class ChooseAssociationForm(forms.Form):
    association = forms.ModelChoiceField(
        queryset=None,
        label=_("Which association applies?"),
        widget=forms.RadioSelect,
        empty_label=None,
        error_messages={"required": _("Choose the association that applies.")},
    )

    def __init__(self, *args, associations, offered, **kwargs):
        """`associations` are those the person edits (a choice of another is refused by
        the workflow with its reason); `offered` those the form lists."""
        super().__init__(*args, **kwargs)
        field = self.fields["association"]
        field.queryset = associations
        field.widget.choices = [(association.pk, association.name) for association in offered]


class ApplicationForm(forms.ModelForm):
    requested_amount = AmountField(label=_("Amount applied for (€)"), required=False)
    version = forms.IntegerField(widget=forms.HiddenInput, min_value=1)
    attachment = forms.FileField(
        label=_("Add an attachment"),
        required=False,
        help_text=_("A PDF document or a JPEG or PNG image, at most 10 MB."),
    )
    attachment_title = forms.CharField(
        label=_("Title of the attachment"),
        required=False,
        max_length=200,
        help_text=_("For example: Budget 2026, Annual report."),
    )
    remove_attachments = forms.ModelMultipleChoiceField(
        queryset=None,
        required=False,
        label=_("Remove attachments"),
        widget=forms.CheckboxSelectMultiple,
    )

    class Meta:
        model = Application
        fields = ["requested_amount", "purpose", "other_funding", "contact_name", "contact_email"]
        widgets = {
            "purpose": forms.Textarea(attrs={"rows": 8, "maxlength": PURPOSE_MAX_LENGTH}),
            "other_funding": forms.Textarea(attrs={"rows": 3}),
        }

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["remove_attachments"].queryset = self.instance.attachments.all()
        self.fields["version"].initial = self.instance.version
        max_grant = self.instance.round.max_grant
        if max_grant:
            self.fields["requested_amount"].help_text = _(
                "At most %(max)s €. For example 1 234,50."
            ) % {"max": format_amount(max_grant)}
        else:
            self.fields["requested_amount"].help_text = _("For example 1 234,50.")

    def clean_requested_amount(self) -> Decimal | None:
        amount = self.cleaned_data.get("requested_amount")
        if amount is None:
            return None
        if amount == 0:
            raise ValidationError(_("The amount applied for cannot be 0 €."), code="zero")
        max_grant = self.instance.round.max_grant
        if max_grant and amount > max_grant:
            raise ValidationError(
                _("The round's largest grant is %(max)s €: apply for at most that."),
                params={"max": format_amount(max_grant)},
                code="over_max_grant",
            )
        return amount

    def clean_attachment(self):
        upload = self.cleaned_data.get("attachment")
        if upload is None:
            return None
        return check_attachment(upload)

    def clean(self):
        cleaned = super().clean()
        if cleaned.get("attachment") and not cleaned.get("attachment_title", "").strip():
            self.add_error("attachment_title", _("Give the attachment a title."))
        return cleaned

    def values(self) -> dict:
        return {name: self.cleaned_data[name] for name in self.Meta.fields}

    def new_attachments(self) -> list[NewAttachment]:
        checked = self.cleaned_data.get("attachment")
        if not checked:
            return []
        return [NewAttachment(title=self.cleaned_data["attachment_title"].strip(), file=checked)]

    def removed_attachment_ids(self) -> list[int]:
        return [attachment.pk for attachment in self.cleaned_data.get("remove_attachments", [])]


class BudgetRowForm(forms.Form):
    description = forms.CharField(label=_("What"), max_length=200, required=False)
    amount = AmountField(label=_("Amount (€)"), required=False)

    def clean(self):
        cleaned = super().clean()
        description = cleaned.get("description", "").strip()
        amount = cleaned.get("amount")
        if description and amount is None and "amount" not in self.errors:
            self.add_error("amount", _("Give the row's amount."))
        if amount is not None and not description:
            self.add_error("description", _("Say what the row is."))
        return cleaned


class BaseBudgetFormSet(forms.BaseFormSet):
    kind: str = ""

    def lines(self) -> list[BudgetLine]:
        return [
            BudgetLine(
                kind=self.kind,
                description=form.cleaned_data["description"].strip(),
                amount=form.cleaned_data["amount"],
            )
            for form in self.forms
            if form.cleaned_data.get("description", "").strip()
        ]


def budget_formset(kind: str, *, data=None, rows=(), more: bool = False):
    """The rows of one kind (income or expense), with empty rows to fill in; `more` adds
    another set of empty rows."""
    formset_class = forms.formset_factory(
        BudgetRowForm,
        formset=BaseBudgetFormSet,
        extra=EXTRA_ROWS * (2 if more else 1),
        max_num=MAX_ROWS,
        validate_max=True,
        absolute_max=MAX_ROWS,
    )
    formset_class.kind = kind
    initial = [{"description": row.description, "amount": row.amount} for row in rows]
    return formset_class(data=data, initial=initial, prefix=kind)


def budget_formsets(application, *, data=None, more: str = "") -> dict:
    rows = list(application.budget.all()) if application.pk else []
    return {
        kind: budget_formset(
            kind,
            data=data,
            rows=[row for row in rows if row.kind == kind],
            more=more == kind,
        )
        for kind in (BudgetRow.Kind.INCOME, BudgetRow.Kind.EXPENSE)
    }


def with_more_rows(data, kind: str):
    """The POST data with another set of empty rows of `kind` (the "Add rows" button)."""
    data = data.copy()
    key = f"{kind}-TOTAL_FORMS"
    try:
        total = int(data.get(key, 0))
    except ValueError:
        return data
    data[key] = str(min(total + EXTRA_ROWS, MAX_ROWS))
    return data
