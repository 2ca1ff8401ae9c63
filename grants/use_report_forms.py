"""The use report's forms: the association's report with its attachments (checked by
content, not by name) and the officer's review."""

from __future__ import annotations

import io
from pathlib import Path

from django import forms
from django.core.exceptions import ValidationError
from django.core.files.uploadedfile import UploadedFile
from django.utils.translation import gettext_lazy as _
from PIL import Image, UnidentifiedImageError

from grants.use_reports import NewAttachment
from yhdistystori.decisions import REASON_MAX_LENGTH
from yhdistystori.forms import AmountField

MAX_FILE_MB = 10
MAX_FILE_BYTES = MAX_FILE_MB * 1024 * 1024
# The PDF standard ends a file with %%EOF; writers may add a line break or padding.
EOF_WINDOW = 1024
ATTACHMENT_SLOTS = 3
ACCEPT = "application/pdf,image/jpeg,image/png"
IMAGE_FORMATS = {"JPEG": ("image/jpeg", "jpg"), "PNG": ("image/png", "png")}

FILE_MESSAGES = {
    "empty": _("The file is empty. Choose the file again."),
    "too_large": _("The file is too large: at most %(max_mb)s MB. Make it smaller and try again."),
    "wrong_type": _(
        "The file is not a PDF document or a JPEG or PNG image. Save it in one of these "
        "formats and try again; the file's name does not make it one."
    ),
    "damaged": _("The file is incomplete or damaged. Save it again and try again."),
}


def _reject(code: str) -> ValidationError:
    return ValidationError(FILE_MESSAGES[code], code=code, params={"max_mb": MAX_FILE_MB})


def check_attachment(upload: UploadedFile) -> tuple[str, str, bytes]:
    """(content type, file extension, bytes) of a PDF, JPEG or PNG within the size limit.

    What the file holds decides, never its name or the type the browser claims.
    """
    if upload.size is not None and upload.size > MAX_FILE_BYTES:
        raise _reject("too_large")
    upload.seek(0)
    data = upload.read(MAX_FILE_BYTES + 1)
    if not data:
        raise _reject("empty")
    if len(data) > MAX_FILE_BYTES:
        raise _reject("too_large")
    if data.startswith(b"%PDF-"):
        if b"%%EOF" not in data[-EOF_WINDOW:]:
            raise _reject("damaged")
        return "application/pdf", "pdf", data
    try:
        with Image.open(io.BytesIO(data), formats=tuple(IMAGE_FORMATS)) as image:
            image_format = image.format
            image.verify()
    except UnidentifiedImageError:
        raise _reject("wrong_type") from None
    except (OSError, SyntaxError, ValueError, EOFError, IndexError):
        raise _reject("damaged") from None
    content_type, extension = IMAGE_FORMATS[image_format]
    return content_type, extension, data


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
                % {"max_mb": MAX_FILE_MB},
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
                content_type, extension, data = check_attachment(upload)
            except ValidationError as error:
                self.add_error(f"attachment_{n}", error)
                continue
            title = (cleaned.get(f"title_{n}") or "").strip() or Path(upload.name).stem[:200]
            self.new_attachments.append(
                NewAttachment(
                    title=title, content_type=content_type, extension=extension, data=data
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
