"""Association logos: uploads checked by their content and re-encoded with Pillow.

An upload is never stored as it came. Pillow decides what the file is from its
bytes (not its name or the browser's content type), the pixel count is checked
from the header before any pixel data is decoded, and the image is drawn again
into new WebP files. Re-encoding drops EXIF (camera, GPS), XMP, colour profiles
and anything appended after the image data, so a file that is also HTML or a
ZIP archive (a polyglot) comes out as a picture and nothing else.
"""

from __future__ import annotations

import io
import logging
import secrets
import struct
import zlib
from dataclasses import dataclass, field
from typing import TYPE_CHECKING

from django import forms
from django.core.exceptions import ValidationError
from django.core.files.base import ContentFile
from django.core.files.uploadedfile import UploadedFile
from django.db import transaction
from django.utils.functional import lazy
from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _
from PIL import Image, ImageOps, UnidentifiedImageError

if TYPE_CHECKING:
    from django.core.files.storage import Storage

    from associations.models import Association

logger = logging.getLogger(__name__)

MAX_UPLOAD_MB = 5
MAX_UPLOAD_BYTES = MAX_UPLOAD_MB * 1024 * 1024
# 40 million pixels holds any camera photo of today; decoding one as RGBA takes 160 MB.
MAX_PIXELS = 40_000_000
MAIN_BOX = (480, 480)  # the profile page
SMALL_BOX = (128, 128)  # directory rows
WEBP_QUALITY = 90  # logos have sharp edges and text, which lower qualities smear

ACCEPT = "image/jpeg,image/png,image/webp"
# The decoders Pillow may try. MPO is what Pillow calls a JPEG with extra pictures
# after the first (phone cameras add depth maps and previews): it is a JPEG to people.
OPEN_FORMATS = ("JPEG", "PNG", "WEBP")
ACCEPTED_FORMATS = {"JPEG", "MPO", "PNG", "WEBP"}

# What decoders raise on broken data: the file is damaged, the code is not.
DECODE_ERRORS = (OSError, SyntaxError, ValueError, EOFError, IndexError, struct.error, zlib.error)

MESSAGES = {
    "empty": _("The file is empty. Choose the image file again."),
    "too_large": _(
        "The image is too large: at most %(max_mb)s MB. Save it in a smaller size and try again."
    ),
    "invalid_format": _(
        "The file is not a JPEG, PNG or WebP image. Save the image in one of these formats "
        "and try again."
    ),
    "too_many_pixels": _(
        "The image has too many pixels: at most %(max_megapixels)s million. Scale it down "
        "and try again."
    ),
    "animated": _("Animated images are not accepted. Upload a still JPEG, PNG or WebP image."),
    "damaged": _(
        "The image file is damaged or incomplete. Save it again in an image editor and try again."
    ),
}
PARAMS = {"max_mb": MAX_UPLOAD_MB, "max_megapixels": MAX_PIXELS // 1_000_000}


def _help_text() -> str:
    return gettext(
        "JPEG, PNG or WebP, at most %(max_mb)s MB. The logo is shown at most "
        "%(side)s × %(side)s pixels; a square logo fits best."
    ) % {"max_mb": MAX_UPLOAD_MB, "side": MAIN_BOX[0]}


# Rendered in the language of the request that shows the form, not at import.
HELP_TEXT = lazy(_help_text, str)()


def _reject(code: str) -> ValidationError:
    return ValidationError(MESSAGES[code], code=code, params=PARAMS)


@dataclass(frozen=True)
class LogoImage:
    """One size of a processed logo: a WebP file, not yet stored, and its size in pixels."""

    file: ContentFile
    width: int
    height: int


@dataclass(frozen=True)
class ProcessedLogo:
    """A checked and re-encoded logo: `main` for the profile page, `small` for directory rows."""

    main: LogoImage
    small: LogoImage
    stored: tuple | None = field(default=None, compare=False)

    def save_to(self, association: Association, *, delete_previous: bool = False) -> None:
        """Write both files to storage and set them on the association, without saving it.

        The previous files are kept by default: the change history records their
        names and the liaison's one-click revert puts them back. With
        `delete_previous`, they are deleted once the surrounding transaction commits,
        so a save that fails loses nothing; it must then run inside one.
        """
        previous = [f.name for f in (association.logo, association.logo_small) if f]
        if delete_previous and not transaction.get_connection().in_atomic_block:
            # Outside a transaction on_commit() would delete them at once, before the save.
            raise RuntimeError("save_to(delete_previous=True) needs transaction.atomic().")
        association.logo.save(self.main.file.name, self.main.file, save=False)
        association.logo_small.save(self.small.file.name, self.small.file, save=False)
        # What was written, for removal if the save that follows fails (workflows.py).
        object.__setattr__(
            self,
            "stored",
            (association.logo.storage, [association.logo.name, association.logo_small.name]),
        )
        if delete_previous and previous:
            storage = association.logo.storage
            current = {association.logo.name, association.logo_small.name}
            stale = [name for name in previous if name not in current]
            transaction.on_commit(lambda: delete_files(storage, stale))


def delete_files(storage: Storage, names: list[str]) -> None:
    """Delete stored files; a failure is logged, as the data they belonged to is saved."""
    for name in names:
        try:
            storage.delete(name)
        except Exception:
            logger.exception("Could not delete the replaced logo file %s", name)


def process_logo(
    uploaded_file: UploadedFile, *, main_box: tuple[int, int] = MAIN_BOX
) -> ProcessedLogo:
    """Check an uploaded logo and re-encode it in the two sizes the pages show (the larger
    within `main_box`: a facility's photo is shown larger than a logo).

    Raises ValidationError, with a message that tells the person what to do, and
    nothing else: not for files that are not images, damaged, too large or
    decompression bombs.
    """
    if uploaded_file.size is not None and uploaded_file.size > MAX_UPLOAD_BYTES:
        raise _reject("too_large")
    # Read one byte past the limit, in case the stated size is wrong.
    uploaded_file.seek(0)
    data = uploaded_file.read(MAX_UPLOAD_BYTES + 1)
    if len(data) > MAX_UPLOAD_BYTES:
        raise _reject("too_large")
    if not data:
        raise _reject("empty")

    opened = _open(data)
    try:
        main = _decode(opened)
        main.thumbnail(main_box, Image.Resampling.LANCZOS)  # in place; never enlarges
        small = main.copy()
        small.thumbnail(SMALL_BOX, Image.Resampling.LANCZOS)
        token = secrets.token_hex(16)  # the names say nothing of the association or file
        return ProcessedLogo(
            main=_encode(main, f"{token}.webp"), small=_encode(small, f"{token}-small.webp")
        )
    except ValidationError:
        raise
    except (*DECODE_ERRORS, Image.DecompressionBombError, MemoryError) as exc:
        logger.info("Refused a damaged logo: %r", exc)
        raise _reject("damaged") from exc
    except Exception as exc:
        # A person must never get a server error for a file; the log tells us of the bug.
        logger.exception("Could not process a logo")
        raise _reject("damaged") from exc
    finally:
        opened.close()


def _open(data: bytes) -> Image.Image:
    """Identify the image from its bytes and check its size before any decoding."""
    header_size = _webp_canvas_size(data)
    if header_size and header_size[0] * header_size[1] > MAX_PIXELS:
        # Pillow's WebP decoder reserves memory for the whole canvas when it opens the file.
        raise _reject("too_many_pixels")
    try:
        image = Image.open(io.BytesIO(data), formats=OPEN_FORMATS)
    except (Image.DecompressionBombError, Image.DecompressionBombWarning) as exc:
        # Pillow's own guard (Image.MAX_IMAGE_PIXELS): far past our limit, or warnings as errors.
        raise _reject("too_many_pixels") from exc
    except UnidentifiedImageError as exc:
        raise _reject("invalid_format") from exc
    except Exception as exc:
        logger.info("Refused a logo Pillow could not open: %r", exc)
        raise _reject("damaged") from exc
    if image.format not in ACCEPTED_FORMATS:
        image.close()
        raise _reject("invalid_format")
    width, height = image.size
    if width < 1 or height < 1:
        image.close()
        raise _reject("damaged")
    if width * height > MAX_PIXELS:
        image.close()
        raise _reject("too_many_pixels")
    if image.format in ("PNG", "WEBP") and getattr(image, "is_animated", False):
        image.close()
        raise _reject("animated")
    return image


def _webp_canvas_size(data: bytes) -> tuple[int, int] | None:
    """The width and height a WebP file's header states, or None for other files."""
    if len(data) < 30 or data[:4] != b"RIFF" or data[8:12] != b"WEBP":
        return None
    chunk = data[12:16]
    if chunk == b"VP8X":  # extended: the canvas, 24-bit sizes minus one
        return (
            int.from_bytes(data[24:27], "little") + 1,
            int.from_bytes(data[27:30], "little") + 1,
        )
    if chunk == b"VP8 " and data[23:26] == b"\x9d\x01\x2a":  # lossy: 14-bit sizes
        return (
            int.from_bytes(data[26:28], "little") & 0x3FFF,
            int.from_bytes(data[28:30], "little") & 0x3FFF,
        )
    if chunk == b"VP8L" and data[20] == 0x2F:  # lossless: 14-bit sizes minus one
        bits = int.from_bytes(data[21:25], "little")
        return (bits & 0x3FFF) + 1, ((bits >> 14) & 0x3FFF) + 1
    return None


def _decode(image: Image.Image) -> Image.Image:
    """Decode the pixels, turned upright, in RGB or RGBA."""
    # A large JPEG is decoded at 1/2, 1/4 or 1/8 size straight away; still sharp at 480 px.
    image.draft(None, (MAIN_BOX[0] * 2, MAIN_BOX[1] * 2))
    image.load()  # decode now, so that truncated data is reported as damaged
    # Before resizing: a phone photo is stored sideways with an EXIF Orientation tag.
    ImageOps.exif_transpose(image, in_place=True)
    if image.mode.startswith("I"):
        # 16-bit greyscale PNG: scale to 8 bits (a plain conversion would clip to white).
        image = image.convert("I").point(lambda value: value * (255 / 65535)).convert("L")
    # Palette, greyscale, CMYK... become RGB, or RGBA where there is transparency.
    target = "RGBA" if image.has_transparency_data else "RGB"
    return image if image.mode == target else image.convert(target)


def _encode(image: Image.Image, name: str) -> LogoImage:
    buffer = io.BytesIO()
    # Only what is passed here is written: no EXIF, XMP or ICC from the upload.
    # method 6 packs a few per cent smaller but takes 40 times as long on transparent images.
    image.save(buffer, "WEBP", quality=WEBP_QUALITY, method=4)
    return LogoImage(
        file=ContentFile(buffer.getvalue(), name=name), width=image.width, height=image.height
    )


class LogoField(forms.FileField):
    """A logo upload whose cleaned value is a ProcessedLogo, or None when nothing was sent.

    Use it as a plain form field (not as the model's `logo` field of a ModelForm) and
    pass the value on, for example to workflows.profile_update(logo=...).
    """

    widget = forms.FileInput(attrs={"accept": ACCEPT})

    def __init__(self, **kwargs):
        kwargs.setdefault("label", _("Logo"))
        kwargs.setdefault("help_text", HELP_TEXT)
        super().__init__(**kwargs)

    def clean(self, data, initial=None) -> ProcessedLogo | None:
        value = super().clean(data, initial)
        if not isinstance(value, UploadedFile):
            return None  # nothing uploaded: the stored logo (the initial value) stays
        return process_logo(value)
