"""What an uploaded document may be, checked by what the file holds (its first bytes, the
end of a PDF, Pillow reading an image), never by its name or by the type the browser
claims. Each app says which kinds it takes and in which words it refuses the others:
grant applications and use reports (grants/uploads.py), a round's guidelines
(grants/guidelines.py) and a meeting's memo (events/memo.py).

Logos and photos are a different matter: they are decoded and re-encoded
(associations/logos.py).
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from io import BytesIO

from django.core.exceptions import ValidationError
from django.core.files.uploadedfile import UploadedFile
from PIL import Image, UnidentifiedImageError

# The PDF standard puts %%EOF at the end; writers may add a line break or a little padding.
EOF_WINDOW = 1024


@dataclass(frozen=True)
class Kind:
    content_type: str
    extension: str
    # Pillow's name of the format, for images; None for a PDF.
    pillow_format: str | None = None

    def matches(self, data: bytes) -> bool:
        if self.content_type == "image/webp":
            return data[:4] == b"RIFF" and data[8:12] == b"WEBP"
        return data.startswith(_SIGNATURES[self.content_type])


_SIGNATURES = {
    "application/pdf": b"%PDF-",
    "image/jpeg": b"\xff\xd8\xff",
    "image/png": b"\x89PNG\r\n\x1a\n",
}

PDF = Kind("application/pdf", "pdf")
JPEG = Kind("image/jpeg", "jpg", "JPEG")
PNG = Kind("image/png", "png", "PNG")
WEBP = Kind("image/webp", "webp", "WEBP")


@dataclass(frozen=True)
class CheckedFile:
    data: bytes
    content_type: str
    extension: str

    @property
    def size(self) -> int:
        return len(self.data)


MB = 1024 * 1024


def check_upload(
    upload: UploadedFile, *, kinds: Sequence[Kind], max_bytes: int, messages: Mapping[str, str]
) -> CheckedFile:
    """The upload's bytes and type if it is a whole file of one of `kinds` of at most
    `max_bytes`; ValidationError if not, with the caller's message for the code: `empty`,
    `too_large` (with `max_mb`), `wrong_type` or `damaged`."""
    max_mb = max_bytes // MB

    def refuse(code: str, **params):
        return ValidationError(messages[code], code=code, params=params or None)

    if upload.size is not None and upload.size > max_bytes:
        raise refuse("too_large", max_mb=max_mb)
    upload.seek(0)
    data = upload.read(max_bytes + 1)
    if not data:
        raise refuse("empty")
    if len(data) > max_bytes:
        raise refuse("too_large", max_mb=max_mb)
    kind = next((kind for kind in kinds if kind.matches(data)), None)
    if kind is None:
        raise refuse("wrong_type")
    if kind.pillow_format is None:
        if b"%%EOF" not in data[-EOF_WINDOW:]:
            raise refuse("damaged")
    elif _image_format(data) != kind.pillow_format:
        raise refuse("damaged")
    return CheckedFile(data=data, content_type=kind.content_type, extension=kind.extension)


def _image_format(data: bytes) -> str | None:
    """The format Pillow reads `data` as, or None when it cannot read the whole image."""
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
        return None
    return found
