"""What an application's or a use report's attachment may be: a PDF, JPEG or PNG,
checked by what the file holds (its first bytes, and Pillow reading the image), never
by its name or by the type the browser claims."""

from __future__ import annotations

from dataclasses import dataclass
from io import BytesIO

from django.core.exceptions import ValidationError
from django.core.files.uploadedfile import UploadedFile
from django.utils.translation import gettext_lazy as _
from PIL import Image, UnidentifiedImageError

MAX_MB = 10
MAX_BYTES = MAX_MB * 1024 * 1024
MAX_ATTACHMENTS = 10
# The PDF standard puts %%EOF at the end; writers may add a line break or a little padding.
EOF_WINDOW = 1024

SIGNATURES = (
    (b"%PDF-", "application/pdf", "pdf"),
    (b"\xff\xd8\xff", "image/jpeg", "jpg"),
    (b"\x89PNG\r\n\x1a\n", "image/png", "png"),
)
PILLOW_FORMATS = {"image/jpeg": "JPEG", "image/png": "PNG"}

MESSAGES = {
    "empty": _("The file is empty. Choose the file again."),
    "too_large": _("The file is too large: at most %(max_mb)s MB. Make it smaller and try again."),
    "wrong_type": _(
        "The file is not a PDF document or a JPEG or PNG image. Save it as one of those and "
        "try again; the file's name does not make it one."
    ),
    "damaged": _("The file is incomplete or damaged. Save it again and try again."),
}


@dataclass(frozen=True)
class CheckedFile:
    data: bytes
    content_type: str
    extension: str

    @property
    def size(self) -> int:
        return len(self.data)


def check_attachment(upload: UploadedFile) -> CheckedFile:
    """The upload's bytes and type if it is a whole PDF, JPEG or PNG within the size
    limit; ValidationError with a message for the person if not."""
    too_large = ValidationError(MESSAGES["too_large"], code="too_large", params={"max_mb": MAX_MB})
    if upload.size is not None and upload.size > MAX_BYTES:
        raise too_large
    upload.seek(0)
    data = upload.read(MAX_BYTES + 1)
    if not data:
        raise ValidationError(MESSAGES["empty"], code="empty")
    if len(data) > MAX_BYTES:
        raise too_large
    found = next((kind for kind in SIGNATURES if data.startswith(kind[0])), None)
    if found is None:
        raise ValidationError(MESSAGES["wrong_type"], code="wrong_type")
    _signature, content_type, extension = found
    if content_type == "application/pdf":
        if b"%%EOF" not in data[-EOF_WINDOW:]:
            raise ValidationError(MESSAGES["damaged"], code="damaged")
    else:
        _check_image(data, PILLOW_FORMATS[content_type])
    return CheckedFile(data=data, content_type=content_type, extension=extension)


def _check_image(data: bytes, expected_format: str) -> None:
    try:
        with Image.open(BytesIO(data)) as image:
            found = image.format
            image.verify()
    except (
        UnidentifiedImageError,
        OSError,
        SyntaxError,
        ValueError,
        EOFError,
        IndexError,
        Image.DecompressionBombError,
    ):
        raise ValidationError(MESSAGES["damaged"], code="damaged") from None
    if found != expected_format:
        raise ValidationError(MESSAGES["wrong_type"], code="wrong_type")
