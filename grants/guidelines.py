"""A round's guideline attachments: public files, so only PDF documents and still images
are taken, recognised by what they hold (yhdistystori/uploads.py), never by their name."""

from __future__ import annotations

from django.core.files.uploadedfile import UploadedFile
from django.utils.translation import gettext_lazy as _

from yhdistystori.uploads import JPEG, MB, PDF, PNG, WEBP, CheckedFile, check_upload

MAX_MB = 10
MAX_BYTES = MAX_MB * MB
ACCEPT = "application/pdf,image/png,image/jpeg,image/webp"

MESSAGES = {
    "empty": _("The file is empty. Choose the file again."),
    "too_large": _("The file is too large: at most %(max_mb)s MB."),
    "wrong_type": _(
        "The file is not a PDF document or a PNG, JPEG or WebP image. The file's name does "
        "not make it one: save it in one of these formats and try again."
    ),
    "damaged": _("The file is incomplete or damaged. Save it again and try again."),
}


def check_guideline_file(upload: UploadedFile) -> CheckedFile:
    """The upload's bytes if they are a whole PDF or image within the size limit."""
    return check_upload(
        upload, kinds=(PDF, PNG, JPEG, WEBP), max_bytes=MAX_BYTES, messages=MESSAGES
    )
