"""A round's guideline attachments: public files, so only PDF documents and still images
are taken, recognised by their content (the first bytes), never by their name."""

from __future__ import annotations

from dataclasses import dataclass

from django.core.exceptions import ValidationError
from django.core.files.uploadedfile import UploadedFile
from django.utils.translation import gettext_lazy as _

MAX_MB = 10
MAX_BYTES = MAX_MB * 1024 * 1024
ACCEPT = "application/pdf,image/png,image/jpeg,image/webp"

# What each accepted type starts with, and the file name ending it is stored with.
SIGNATURES = (
    (b"%PDF-", "application/pdf", "pdf"),
    (b"\x89PNG\r\n\x1a\n", "image/png", "png"),
    (b"\xff\xd8\xff", "image/jpeg", "jpg"),
)

MESSAGES = {
    "empty": _("The file is empty. Choose the file again."),
    "too_large": _("The file is too large: at most %(max_mb)s MB."),
    "wrong_type": _(
        "The file is not a PDF document or a PNG, JPEG or WebP image. The file's name does "
        "not make it one: save it in one of these formats and try again."
    ),
}


@dataclass(frozen=True)
class CheckedFile:
    data: bytes
    content_type: str
    extension: str


def _kind(data: bytes) -> tuple[str, str] | None:
    for signature, content_type, extension in SIGNATURES:
        if data.startswith(signature):
            return content_type, extension
    if data[:4] == b"RIFF" and data[8:12] == b"WEBP":
        return "image/webp", "webp"
    return None


def check_guideline_file(upload: UploadedFile) -> CheckedFile:
    """The upload's bytes if they are a PDF or an image within the size limit."""
    too_large = ValidationError(MESSAGES["too_large"], code="too_large", params={"max_mb": MAX_MB})
    if upload.size is not None and upload.size > MAX_BYTES:
        raise too_large
    upload.seek(0)
    data = upload.read(MAX_BYTES + 1)
    if not data:
        raise ValidationError(MESSAGES["empty"], code="empty")
    if len(data) > MAX_BYTES:
        raise too_large
    kind = _kind(data)
    if kind is None:
        raise ValidationError(MESSAGES["wrong_type"], code="wrong_type")
    return CheckedFile(data=data, content_type=kind[0], extension=kind[1])
