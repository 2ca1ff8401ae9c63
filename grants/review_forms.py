"""The officers' forms: the review list's filters, a comment, a proposal, the round's
decision and a correction. The amounts' bounds are the workflow's (grants/deciding.py);
these forms only read what was typed."""

from __future__ import annotations

from django import forms
from django.utils.translation import gettext_lazy as _

from associations.models import Category, District
from grants.deciding import DecisionInput
from yhdistystori.forms import AmountField

RATIONALE_MAX_LENGTH = 4000


class ReviewFilterForm(forms.Form):
    STATUS_CHOICES = [
        ("", _("All")),
        ("undecided", _("Not decided")),
        ("granted", _("Granted")),
        ("refused", _("Refused")),
    ]
    PROPOSAL_CHOICES = [("", _("All")), ("yes", _("Proposed")), ("no", _("Not proposed"))]
    SORT_CHOICES = [
        ("name", _("Name, A–Z")),
        ("-name", _("Name, Z–A")),
        ("-amount", _("Amount applied for, largest first")),
        ("amount", _("Amount applied for, smallest first")),
    ]

    q = forms.CharField(label=_("Association name"), required=False, max_length=100)
    status = forms.ChoiceField(label=_("Decision"), choices=STATUS_CHOICES, required=False)
    proposal = forms.ChoiceField(label=_("Proposal"), choices=PROPOSAL_CHOICES, required=False)
    category = forms.ModelChoiceField(
        label=_("Field of activity"), queryset=Category.objects.all(), required=False
    )
    district = forms.ModelChoiceField(
        label=_("District"), queryset=District.objects.all(), required=False
    )
    sort = forms.ChoiceField(label=_("Order"), choices=SORT_CHOICES, required=False)


class CommentForm(forms.Form):
    text = forms.CharField(
        label=_("Internal comment"),
        max_length=4000,
        widget=forms.Textarea(attrs={"rows": 4}),
        help_text=_("Only grants officers see the comments."),
    )


class ProposalForm(forms.Form):
    amount = AmountField(label=_("Proposed amount (€)"))
    rationale = forms.CharField(
        label=_("Rationale"),
        max_length=RATIONALE_MAX_LENGTH,
        required=False,
        widget=forms.Textarea(attrs={"rows": 4}),
    )


class MeetingFields(forms.Form):
    """The date and the section (§) of the minutes where the deciding body decided."""

    decided_on = forms.DateField(
        label=_("Date of the decision"),
        help_text=_("For example 15.3.2025."),
    )
    section = forms.CharField(
        label=_("Section of the minutes"), max_length=20, help_text=_("For example 45 §.")
    )


class RoundDecisionForm(MeetingFields):
    """One amount and rationale per application, prefilled from the proposal."""

    def __init__(self, *args, applications, **kwargs):
        super().__init__(*args, **kwargs)
        self.applications = list(applications)
        for application in self.applications:
            name = application.association.name
            self.fields[f"amount_{application.pk}"] = AmountField(
                label=_("Amount granted to %(name)s (€)") % {"name": name},
                initial=application.proposed_amount,
            )
            self.fields[f"rationale_{application.pk}"] = forms.CharField(
                label=_("Rationale for %(name)s") % {"name": name},
                max_length=RATIONALE_MAX_LENGTH,
                required=False,
                initial=application.proposal_rationale,
                widget=forms.Textarea(attrs={"rows": 3}),
            )

    def rows(self):
        """Each application with its two fields, for the template."""
        for application in self.applications:
            yield (
                application,
                self[f"amount_{application.pk}"],
                self[f"rationale_{application.pk}"],
            )

    def decisions(self) -> list[DecisionInput]:
        return [
            DecisionInput(
                application_id=application.pk,
                amount=self.cleaned_data[f"amount_{application.pk}"],
                rationale=self.cleaned_data[f"rationale_{application.pk}"].strip(),
            )
            for application in self.applications
        ]


class CorrectionForm(MeetingFields):
    amount = AmountField(label=_("Amount granted (€)"))
    rationale = forms.CharField(
        label=_("Rationale"),
        max_length=RATIONALE_MAX_LENGTH,
        required=False,
        widget=forms.Textarea(attrs={"rows": 4}),
    )
    correction_reason = forms.CharField(
        label=_("Reason for the correction"),
        max_length=2000,
        widget=forms.Textarea(attrs={"rows": 3}),
        help_text=_("The applicant and everyone reading the decisions see it."),
    )
