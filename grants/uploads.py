"""What an application's or a use report's attachment may be: a PDF, JPEG or PNG,
checked by what the file holds (yhdistystori/uploads.py), never by its name or by the
type the browser claims."""

from __future__ import annotations

from django.core.files.uploadedfile import UploadedFile
from django.utils.translation import gettext_lazy as _

from yhdistystori.uploads import JPEG, MB, PDF, PNG, CheckedFile, check_upload

MAX_MB = 10
MAX_BYTES = MAX_MB * MB
MAX_ATTACHMENTS = 10

MESSAGES = {
    "empty": _("The file is empty. Choose the file again."),
    "too_large": _("The file is too large: at most %(max_mb)s MB. Make it smaller and try again."),
    "wrong_type": _(
        "The file is not a PDF document or a JPEG or PNG image. Save it as one of those and "
        "try again; the file's name does not make it one."
    ),
    "damaged": _("The file is incomplete or damaged. Save it again and try again."),
}


def check_attachment(upload: UploadedFile) -> CheckedFile:
    """The upload's bytes and type if it is a whole PDF, JPEG or PNG within the size
    limit; ValidationError with a message for the person if not."""
    return check_upload(upload, kinds=(PDF, JPEG, PNG), max_bytes=MAX_BYTES, messages=MESSAGES)
