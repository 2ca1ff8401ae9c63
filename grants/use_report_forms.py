"""The use report's forms: the association's report with its attachments (checked by
content, as an application's are: grants.uploads) and the officer's review."""

from __future__ import annotations

from pathlib import Path

from django import forms
from django.core.exceptions import ValidationError
from django.utils.translation import gettext_lazy as _

from grants.uploads import MAX_MB, check_attachment
from grants.use_reports import NewAttachment
from yhdistystori.decisions import REASON_MAX_LENGTH
from yhdistystori.forms import AmountField

ATTACHMENT_SLOTS = 3
ACCEPT = "application/pdf,image/jpeg,image/png"


class UseReportForm(forms.Form):
    text = forms.CharField(
        label=_("How the grant was used"),
        max_length=8000,
        widget=forms.Textarea(attrs={"rows": 8}),
        help_text=_(
            "What you did with the grant, who took part and what came of it. If you used "
            "less than you were granted, say why."
        ),
    )
    amount_used = AmountField(
        label=_("Amount of the grant used (€)"), help_text=_("For example 1 234,50.")
    )
    total_costs = AmountField(
        label=_("Total costs of the activity (€)"),
        required=False,
        help_text=_("All costs of the activity, whatever paid them. Optional."),
    )

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        for n in range(1, ATTACHMENT_SLOTS + 1):
            self.fields[f"attachment_{n}"] = forms.FileField(
                label=_("Attachment %(n)s") % {"n": n},
                required=False,
                widget=forms.ClearableFileInput(attrs={"accept": ACCEPT}),
                help_text=_("PDF, JPEG or PNG, at most %(max_mb)s MB. Optional.")
                % {"max_mb": MAX_MB},
            )
            self.fields[f"title_{n}"] = forms.CharField(
                label=_("Title of attachment %(n)s") % {"n": n},
                required=False,
                max_length=200,
                help_text=_("For example: receipts. The file's name is used if left empty."),
            )
        self.new_attachments: list[NewAttachment] = []

    def attachment_fields(self):
        return [
            (self[f"attachment_{n}"], self[f"title_{n}"]) for n in range(1, ATTACHMENT_SLOTS + 1)
        ]

    def clean_text(self) -> str:
        text = self.cleaned_data["text"].strip()
        if len(text) < 5:
            raise ValidationError(_("Please write a few words on how the grant was used."))
        return text

    def clean(self):
        cleaned = super().clean()
        self.new_attachments = []
        for n in range(1, ATTACHMENT_SLOTS + 1):
            upload = cleaned.get(f"attachment_{n}")
            if not upload:
                continue
            try:
                checked = check_attachment(upload)
            except ValidationError as error:
                self.add_error(f"attachment_{n}", error)
                continue
            title = (cleaned.get(f"title_{n}") or "").strip() or Path(upload.name).stem[:200]
            self.new_attachments.append(
                NewAttachment(
                    title=title,
                    content_type=checked.content_type,
                    extension=checked.extension,
                    data=checked.data,
                )
            )
        return cleaned


class ReviewForm(forms.Form):
    class Outcome:
        ACCEPT = "accept"
        MORE = "more"

    outcome = forms.ChoiceField(
        label=_("Your decision"),
        widget=forms.RadioSelect,
        choices=[
            (Outcome.ACCEPT, _("Accept the use report")),
            (Outcome.MORE, _("Ask for more information")),
        ],
    )
    reason = forms.CharField(
        label=_("What more the association should tell"),
        required=False,
        max_length=REASON_MAX_LENGTH,
        widget=forms.Textarea(attrs={"rows": 5}),
        help_text=_("Needed when you ask for more. The association's editors get it by email."),
    )

    def clean(self):
        cleaned = super().clean()
        if cleaned.get("outcome") == self.Outcome.MORE and not cleaned.get("reason", "").strip():
            self.add_error("reason", _("Write what more the association should tell."))
        return cleaned

    @property
    def accept(self) -> bool:
        return self.cleaned_data["outcome"] == self.Outcome.ACCEPT
