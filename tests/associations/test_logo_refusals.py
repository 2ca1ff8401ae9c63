"""Logo uploads that are refused (other formats; damaged, empty, oversized and animated
files; decompression bombs) and the message a person reads for each, in their language."""

import os
import random
import struct
import tracemalloc
import zlib

import pytest
from django.core.exceptions import ValidationError
from django.utils import translation
from django.utils.functional import Promise
from PIL import Image, WebPImagePlugin

from associations import logos
from associations.logos import MAX_UPLOAD_BYTES, process_logo
from tests.associations.conftest import NOT_AN_IMAGE, encode, logo_picture, upload

TOO_LARGE = "The image is too large: at most 5 MB. Save it in a smaller size and try again."
TOO_MANY_PIXELS = "The image has too many pixels: at most 40 million. Scale it down and try again."
DAMAGED = "The image file is damaged or incomplete. Save it again in an image editor and try again."
ANIMATED = "Animated images are not accepted. Upload a still JPEG, PNG or WebP image."
EMPTY = "The file is empty. Choose the image file again."


# --- Making files that are refused ------------------------------------------------------


def noise(size: tuple[int, int]) -> Image.Image:
    """A picture that compresses badly, so cutting the file cuts pixel data."""
    return Image.frombytes("RGB", size, random.Random(3).randbytes(size[0] * size[1] * 3))


def png_chunk(kind: bytes, data: bytes) -> bytes:
    return struct.pack(">I", len(data)) + kind + data + struct.pack(">I", zlib.crc32(kind + data))


def png_claiming(width: int, height: int) -> bytes:
    """A PNG of a few hundred bytes whose header claims width × height pixels: a bomb."""
    header = struct.pack(">IIBBBBB", width, height, 8, 0, 0, 0, 0)  # 8-bit greyscale
    pixels = zlib.compress(b"\0" * 10_000)  # a sliver of the first row
    return (
        b"\x89PNG\r\n\x1a\n"
        + png_chunk(b"IHDR", header)
        + png_chunk(b"IDAT", pixels)
        + png_chunk(b"IEND", b"")
    )


def webp_claiming(width: int, height: int) -> bytes:
    """An extended WebP header whose canvas is width × height pixels."""
    vp8x = b"\0\0\0\0" + (width - 1).to_bytes(3, "little") + (height - 1).to_bytes(3, "little")
    body = b"WEBP" + b"VP8X" + struct.pack("<I", len(vp8x)) + vp8x
    return b"RIFF" + struct.pack("<I", len(body)) + body


def refusal(data: bytes, **kwargs) -> str:
    """The message a person sees for this file, in English."""
    with pytest.raises(ValidationError) as caught, translation.override("en"):
        process_logo(upload(data, **kwargs))
    with translation.override("en"):
        return " ".join(caught.value.messages)


# --- What is refused ---------------------------------------------------------------------


@pytest.mark.parametrize(
    ("data", "name", "content_type"),
    [
        pytest.param(
            b'<svg xmlns="http://www.w3.org/2000/svg" onload="alert(1)"><rect/></svg>',
            "logo.svg",
            "image/svg+xml",
            id="svg",
        ),
        pytest.param(
            b'<?xml version="1.0"?><svg xmlns="http://www.w3.org/2000/svg"/>',
            "logo.png",
            "image/png",
            id="svg named png",
        ),
        pytest.param(
            b"<!DOCTYPE html><html><script>alert(1)</script></html>",
            "logo.jpg",
            "image/jpeg",
            id="html named jpg",
        ),
        pytest.param(b"Yhdistyksen logo\n", "logo.jpg", "image/jpeg", id="text named jpg"),
        pytest.param(b"%PDF-1.7\n", "logo.jpg", "image/jpeg", id="pdf named jpg"),
        pytest.param(
            lambda: encode(logo_picture().convert("P"), "GIF"), "logo.gif", "image/gif", id="gif"
        ),
        pytest.param(
            lambda: encode(logo_picture(), "GIF"), "logo.jpg", "image/jpeg", id="gif named jpg"
        ),
        pytest.param(lambda: encode(logo_picture(), "TIFF"), "logo.tif", "image/tiff", id="tiff"),
        pytest.param(lambda: encode(logo_picture(), "BMP"), "logo.bmp", "image/bmp", id="bmp"),
        pytest.param(lambda: encode(logo_picture(), "ICO"), "logo.png", "image/png", id="ico"),
    ],
)
def test_files_that_are_not_jpeg_png_or_webp_are_refused(data, name, content_type):
    data = data() if callable(data) else data
    assert refusal(data, name=name, content_type=content_type) == NOT_AN_IMAGE


@pytest.mark.parametrize("fmt", ["JPEG", "PNG", "WEBP"])
def test_truncated_image_is_refused_as_damaged(fmt):
    data = encode(noise((300, 200)), fmt)
    assert refusal(data[: len(data) * 2 // 3]) == DAMAGED


def test_file_cut_inside_its_header_is_refused():
    data = encode(noise((300, 200)), "PNG")
    assert refusal(data[:20]) in (NOT_AN_IMAGE, DAMAGED)


def test_empty_file_is_refused():
    assert refusal(b"") == EMPTY


def test_file_over_5_mb_is_refused_by_its_size():
    big = upload(encode(logo_picture(), "PNG"), name="logo.png")
    big.size = MAX_UPLOAD_BYTES + 1  # what Django reports for a larger upload
    with pytest.raises(ValidationError) as caught, translation.override("en"):
        process_logo(big)
    with translation.override("en"):
        assert caught.value.messages == [TOO_LARGE]
    assert caught.value.code == "too_large"


def test_file_over_5_mb_is_refused_even_when_its_stated_size_is_wrong():
    data = encode(logo_picture(), "JPEG")
    padded = upload(data + b"\0" * (MAX_UPLOAD_BYTES + 1 - len(data)))
    padded.size = len(data)
    with pytest.raises(ValidationError) as caught:
        process_logo(padded)
    assert caught.value.code == "too_large"


def test_file_of_exactly_5_mb_is_not_refused_for_its_size():
    data = encode(logo_picture(), "JPEG")
    logo = process_logo(upload(data + b"\0" * (MAX_UPLOAD_BYTES - len(data))))
    assert logo.main.width == 200


@pytest.mark.parametrize("fmt", ["PNG", "WEBP"])
def test_animated_image_is_refused(fmt):
    frames = [Image.new("RGB", (100, 100), colour) for colour in ("red", "blue", "green")]
    data = encode(frames[0], fmt, save_all=True, append_images=frames[1:], duration=200)
    assert refusal(data, name=f"logo.{fmt.lower()}") == ANIMATED


def test_one_frame_animated_png_is_a_still_image():
    data = encode(logo_picture(), "PNG", save_all=True, append_images=[])
    assert process_logo(upload(data, name="logo.png")).main.width == 200


# --- Decompression bombs --------------------------------------------------------------


@pytest.mark.parametrize(
    ("width", "height"),
    [
        pytest.param(100_000, 100_000, id="10 000 megapixels: Pillow's own guard"),
        pytest.param(8_000, 6_000, id="48 megapixels: above our limit, below Pillow's"),
        pytest.param(10_000, 10_000, id="100 megapixels: where Pillow only warns"),
    ],
)
@pytest.mark.filterwarnings("ignore::PIL.Image.DecompressionBombWarning")
def test_image_claiming_too_many_pixels_is_refused_without_using_memory(width, height):
    data = png_claiming(width, height)
    assert len(data) < 200
    images_before = Image.core.get_stats()["new_count"]

    tracemalloc.start()
    try:
        message = refusal(data, name="logo.png", content_type="image/png")
        _, peak = tracemalloc.get_traced_memory()
    finally:
        tracemalloc.stop()

    assert message == TOO_MANY_PIXELS
    assert peak < 2 * 1024 * 1024  # decoding even 48 megapixels would take 48 MB
    # Pillow allocates pixel memory in C, out of tracemalloc's sight: no image was made.
    assert Image.core.get_stats()["new_count"] == images_before


def test_webp_claiming_too_many_pixels_is_refused_before_the_decoder_reserves_memory(
    monkeypatch,
):
    def decoder_must_not_run(data):
        raise AssertionError("the WebP decoder was created for a bomb")

    monkeypatch.setattr(WebPImagePlugin._webp, "WebPAnimDecoder", decoder_must_not_run)
    assert refusal(webp_claiming(8_000, 6_000), name="logo.webp") == TOO_MANY_PIXELS


@pytest.mark.parametrize(
    "params",
    [
        pytest.param({"quality": 80}, id="lossy"),
        pytest.param({"lossless": True}, id="lossless"),
        pytest.param({"quality": 80, "exif": b"Exif\0\0"}, id="extended"),
    ],
)
@pytest.mark.parametrize("mode", ["RGB", "RGBA"])
def test_webp_header_size_is_read_right(params, mode):
    """The pre-check must not refuse good files nor miss big ones."""
    data = encode(Image.new(mode, (321, 123)), "WEBP", **params)
    assert logos._webp_canvas_size(data) == (321, 123)


def test_jpeg_just_over_the_pixel_limit_is_refused(monkeypatch):
    monkeypatch.setattr(logos, "MAX_PIXELS", 200 * 100 - 1)
    assert refusal(encode(logo_picture((200, 100)), "JPEG")) == TOO_MANY_PIXELS
    monkeypatch.setattr(logos, "MAX_PIXELS", 200 * 100)
    assert process_logo(upload(encode(logo_picture((200, 100)), "JPEG"))).main.width == 200


# --- Never anything but a ValidationError ------------------------------------------------


@pytest.mark.parametrize("fmt", ["JPEG", "PNG", "WEBP"])
def test_damaged_files_give_a_message_and_never_another_error(fmt):
    data = encode(noise((120, 80)), fmt)
    rng = random.Random(fmt)
    for _ in range(60):
        damaged = bytearray(data)
        if rng.random() < 0.5:
            del damaged[rng.randrange(1, len(damaged)) :]
        for _ in range(rng.randrange(1, 20)):
            damaged[rng.randrange(len(damaged))] = rng.randrange(256)
        try:
            process_logo(upload(bytes(damaged)))
        except ValidationError as error:
            assert error.code in ("invalid_format", "damaged", "too_many_pixels", "animated")


def test_random_bytes_are_not_an_image():
    assert refusal(os.urandom(5000)) == NOT_AN_IMAGE


# --- Messages in the person's language --------------------------------------------------


@pytest.mark.parametrize("code", sorted(logos.MESSAGES))
def test_messages_are_translated_when_shown_not_when_made(code):
    assert isinstance(logos.MESSAGES[code], Promise)  # not fixed in the language of import
    error = logos._reject(code)
    with translation.override("en"):
        english = error.messages[0]
    assert english and "%(" not in english
    with translation.override("fi"):
        finnish = error.messages[0]
    if finnish == english:
        pytest.skip("The Finnish translation of this message has not been added yet.")
    assert "%(" not in finnish
