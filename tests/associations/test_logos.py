"""Logo uploads: what is taken, what is refused and what the stored files hold."""

import io
import os
import random
import re
import struct
import tracemalloc
import zipfile
import zlib

import pytest
from django import forms
from django.core.exceptions import ValidationError
from django.core.files.storage import default_storage
from django.core.files.uploadedfile import SimpleUploadedFile
from django.db import transaction
from django.test.utils import CaptureQueriesContext
from django.utils import translation
from django.utils.functional import Promise
from PIL import ExifTags, Image, ImageDraw, WebPImagePlugin

from associations import logos
from associations.logos import (
    MAX_UPLOAD_BYTES,
    LogoField,
    ProcessedLogo,
    process_logo,
)
from tests.factories import AssociationFactory, CompleteAssociationFactory

NOT_AN_IMAGE = "The file is not a JPEG, PNG or WebP image. Save the logo in one of these formats and try again."  # noqa: E501
TOO_LARGE = "The image is too large: at most 5 MB. Save it in a smaller size and try again."
TOO_MANY_PIXELS = "The image has too many pixels: at most 40 million. Scale it down and try again."
DAMAGED = "The image file is damaged or incomplete. Save it again in an image editor and try again."
ANIMATED = "Animated images are not accepted. Upload a still JPEG, PNG or WebP image."
EMPTY = "The file is empty. Choose the image file again."


# --- Making files -------------------------------------------------------------------


def encode(image: Image.Image, fmt: str, **params) -> bytes:
    buffer = io.BytesIO()
    image.save(buffer, fmt, **params)
    return buffer.getvalue()


def upload(data: bytes, name: str = "logo.jpg", content_type: str = "image/jpeg"):
    """A file as a browser sends it: the name and type are whatever the person's computer says."""
    return SimpleUploadedFile(name, data, content_type=content_type)


def noise(size: tuple[int, int]) -> Image.Image:
    """A picture that compresses badly, so cutting the file cuts pixel data."""
    return Image.frombytes("RGB", size, random.Random(3).randbytes(size[0] * size[1] * 3))


def logo_picture(size=(200, 100), mode="RGB") -> Image.Image:
    image = Image.new(mode, size, "white" if mode == "RGB" else (255, 255, 255, 0))
    ImageDraw.Draw(image).ellipse((20, 10, size[0] - 20, size[1] - 10), fill="navy")
    return image


def opened(logo_image) -> Image.Image:
    logo_image.file.seek(0)
    image = Image.open(io.BytesIO(logo_image.file.read()))
    image.load()
    return image


def stored_bytes(logo_image) -> bytes:
    logo_image.file.seek(0)
    return logo_image.file.read()


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


# --- What is taken, and how it comes out ----------------------------------------------


def test_jpeg_with_camera_and_gps_data_comes_out_without_any_exif():
    exif = Image.Exif()
    exif[ExifTags.Base.Make] = "Kamerafirma"
    exif[ExifTags.Base.Model] = "Salainen malli 7"
    gps = exif.get_ifd(ExifTags.IFD.GPSInfo)
    gps[ExifTags.GPS.GPSLatitudeRef] = "N"
    gps[ExifTags.GPS.GPSLatitude] = (62.0, 14.0, 30.0)
    gps[ExifTags.GPS.GPSLongitudeRef] = "E"
    gps[ExifTags.GPS.GPSLongitude] = (25.0, 44.0, 10.0)
    data = encode(logo_picture(), "JPEG", exif=exif)
    assert Image.open(io.BytesIO(data)).getexif().get_ifd(ExifTags.IFD.GPSInfo)  # it was there

    logo = process_logo(upload(data))

    for size in (logo.main, logo.small):
        image = opened(size)
        assert image.format == "WEBP"
        assert not image.getexif()
        assert not {"exif", "xmp", "icc_profile"} & image.info.keys()
        assert b"Kamerafirma" not in stored_bytes(size)
        assert b"Exif" not in stored_bytes(size)


@pytest.mark.parametrize(
    "picture",
    [
        pytest.param(lambda: logo_picture(mode="RGBA"), id="RGBA"),
        pytest.param(lambda: logo_picture(mode="RGBA").convert("LA"), id="grey and alpha"),
        pytest.param(
            lambda: logo_picture(mode="RGBA").quantize(colors=8, method=Image.Quantize.FASTOCTREE),
            id="palette with a transparent colour",
        ),
    ],
)
def test_transparent_png_keeps_its_transparency(picture):
    source = picture()
    assert source.has_transparency_data

    logo = process_logo(upload(encode(source, "PNG"), name="logo.png", content_type="image/png"))

    for size in (logo.main, logo.small):
        image = opened(size)
        assert image.mode == "RGBA"
        assert image.getpixel((0, 0))[3] == 0  # the corner stays see-through
        middle = image.getpixel((image.width // 2, image.height // 2))
        assert middle[3] == 255
        assert sum(middle[:3]) < 300  # the navy (or its grey) shape


def test_webp_is_taken():
    logo = process_logo(upload(encode(logo_picture(), "WEBP"), name="logo.webp"))
    assert (logo.main.width, logo.main.height) == (200, 100)
    assert opened(logo.main).format == "WEBP"


def test_cmyk_jpeg_comes_out_in_rgb_with_its_colours():
    red = Image.new("CMYK", (60, 60), (0, 255, 255, 0))
    logo = process_logo(upload(encode(red, "JPEG")))
    image = opened(logo.main)
    assert image.mode == "RGB"
    r, g, b = image.getpixel((30, 30))
    assert r > 200 and g < 60 and b < 60


def test_greyscale_and_16_bit_pngs_keep_their_shade():
    grey16 = Image.new("I;16", (40, 40), 32768)  # the middle of 0..65535
    assert grey16.mode == "I;16"
    logo = process_logo(upload(encode(grey16, "PNG"), name="logo.png"))
    r, g, b = opened(logo.main).getpixel((20, 20))
    assert 120 < r < 136 and r == g == b  # mid-grey, not clipped to white

    black_and_white = Image.new("1", (40, 40), 0)
    logo = process_logo(upload(encode(black_and_white, "PNG"), name="logo.png"))
    assert opened(logo.main).getpixel((20, 20)) == (0, 0, 0)


def test_exif_orientation_is_applied_before_anything_else():
    # Stored sideways, as phones do: red on the left, blue on the right, and a tag that says
    # "turn 90° clockwise to view", which puts red on top.
    sideways = Image.new("RGB", (400, 200), "blue")
    sideways.paste("red", (0, 0, 200, 200))
    exif = Image.Exif()
    exif[ExifTags.Base.Orientation] = 6
    logo = process_logo(upload(encode(sideways, "JPEG", exif=exif, quality=95)))

    image = opened(logo.main)
    assert image.size == (200, 400)
    assert image.getpixel((100, 50))[0] > 200  # red at the top
    assert image.getpixel((100, 350))[2] > 200  # blue at the bottom
    assert (logo.small.width, logo.small.height) == (64, 128)


def test_a_large_image_is_scaled_down_to_both_sizes():
    logo = process_logo(upload(encode(logo_picture((3000, 1500)), "PNG"), name="logo.png"))
    assert (logo.main.width, logo.main.height) == (480, 240)
    assert (logo.small.width, logo.small.height) == (128, 64)
    assert opened(logo.main).size == (480, 240)
    assert opened(logo.small).size == (128, 64)


def test_a_small_image_is_never_enlarged():
    logo = process_logo(upload(encode(logo_picture((100, 40)), "PNG"), name="logo.png"))
    assert (logo.main.width, logo.main.height) == (100, 40)
    assert (logo.small.width, logo.small.height) == (100, 40)


def test_a_large_photo_jpeg_is_scaled_down():
    # Decoded at reduced size (JPEG draft mode) on the way.
    logo = process_logo(upload(encode(logo_picture((4000, 3000)), "JPEG")))
    assert (logo.main.width, logo.main.height) == (480, 360)
    assert (logo.small.width, logo.small.height) == (128, 96)


def test_phone_photo_with_extra_pictures_is_taken_as_its_first_picture():
    """Cameras save depth maps and previews after the photo (MPO); the photo is the logo."""
    first, depth_map = Image.new("RGB", (300, 200), "red"), Image.new("RGB", (300, 200), "blue")
    data = encode(first, "MPO", save_all=True, append_images=[depth_map])
    assert Image.open(io.BytesIO(data)).format == "MPO"

    logo = process_logo(upload(data))

    assert opened(logo.main).getpixel((150, 100))[0] > 200


def test_file_names_are_random_and_say_nothing_of_the_upload():
    data = encode(logo_picture(), "PNG")
    first = process_logo(upload(data, name="Jyväskylän kuoro – salainen.png"))
    second = process_logo(upload(data, name="Jyväskylän kuoro – salainen.png"))

    names = {first.main.file.name, first.small.file.name, second.main.file.name}
    assert len(names) == 3
    for name in names:
        assert name.endswith(".webp")
        assert "kuoro" not in name and "salainen" not in name
        assert re.fullmatch(r"[0-9a-f]{32}(-small)?\.webp", name)  # 16 random bytes


def test_polyglot_payload_appended_to_a_jpeg_is_not_in_the_stored_files():
    archive = io.BytesIO()
    with zipfile.ZipFile(archive, "w") as zipped:
        zipped.writestr("evil.html", "<script>alert(document.cookie)</script>")
    html = b"<html><body><script>alert(document.cookie)</script></body></html>"
    data = encode(logo_picture(), "JPEG") + html + archive.getvalue()

    logo = process_logo(upload(data))

    for size in (logo.main, logo.small):
        stored = stored_bytes(size)
        assert stored.startswith(b"RIFF") and stored[8:12] == b"WEBP"
        for payload in (b"<script", b"<html", b"PK\x03\x04", b"evil.html"):
            assert payload not in stored


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


# --- The form field -------------------------------------------------------------------


class LogoForm(forms.Form):
    logo = LogoField(required=False)


def test_logo_field_gives_a_processed_logo():
    form = LogoForm(files={"logo": upload(encode(logo_picture(), "PNG"), name="logo.png")})
    assert form.is_valid(), form.errors
    assert isinstance(form.cleaned_data["logo"], ProcessedLogo)


def test_logo_field_gives_none_when_nothing_is_uploaded():
    form = LogoForm(data={}, files={})
    assert form.is_valid()
    assert form.cleaned_data["logo"] is None


def test_logo_field_gives_none_when_the_stored_logo_stays():
    form = LogoForm(data={}, files={}, initial={"logo": "logos/old.webp"})
    assert form.is_valid()
    assert form.cleaned_data["logo"] is None


def test_logo_field_shows_the_refusal_on_the_form():
    with translation.override("en"):
        form = LogoForm(files={"logo": upload(b"<svg/>", name="logo.jpg")})
        assert not form.is_valid()
        assert form.errors["logo"] == [NOT_AN_IMAGE]


def test_required_logo_field_asks_for_a_file():
    class RequiredLogoForm(forms.Form):
        logo = LogoField()

    with translation.override("en"):
        form = RequiredLogoForm(data={}, files={})
        assert not form.is_valid()
        assert form.errors["logo"] == ["This field is required."]


def test_logo_field_states_the_formats_and_the_size_limit():
    with translation.override("en"):
        html = str(LogoForm()["logo"])
        help_text = str(LogoForm()["logo"].help_text)
    assert 'type="file"' in html
    assert 'accept="image/jpeg,image/png,image/webp"' in html
    assert help_text.startswith("JPEG, PNG or WebP, at most 5 MB.")


# --- Storing on an association ----------------------------------------------------------


@pytest.fixture
def new_logo():
    return process_logo(upload(encode(logo_picture((600, 300)), "PNG"), name="logo.png"))


def _exists(field) -> bool:
    return default_storage.exists(field.name)


@pytest.mark.django_db
def test_save_to_stores_both_sizes_on_the_association(media_root, new_logo):
    association = AssociationFactory()
    new_logo.save_to(association)
    association.save()

    association.refresh_from_db()
    assert association.logo.name == f"logos/{new_logo.main.file.name}"
    assert association.logo_small.name == f"logos/{new_logo.small.file.name}"
    assert (media_root / association.logo.name).is_file()
    with Image.open(association.logo_small.path) as small:
        assert small.format == "WEBP" and small.size == (128, 64)


@pytest.mark.django_db
def test_save_to_keeps_the_previous_files_for_the_change_history(media_root, new_logo):
    association = CompleteAssociationFactory()  # an older row: only `logo`, no small size
    previous = association.logo.name
    new_logo.save_to(association)
    association.save()
    assert default_storage.exists(previous)


@pytest.mark.django_db
def test_previous_files_are_deleted_only_after_the_save_commits(
    media_root, new_logo, django_capture_on_commit_callbacks
):
    association = AssociationFactory()
    process_logo(upload(encode(logo_picture(), "PNG"))).save_to(association)
    association.save()
    previous = [association.logo.name, association.logo_small.name]

    with django_capture_on_commit_callbacks() as callbacks:
        new_logo.save_to(association, delete_previous=True)
        association.save()
        assert all(default_storage.exists(name) for name in previous)  # not before the commit
    for callback in callbacks:
        callback()

    assert not any(default_storage.exists(name) for name in previous)
    assert _exists(association.logo) and _exists(association.logo_small)


@pytest.mark.django_db
def test_a_failed_save_loses_no_previous_file(
    media_root, new_logo, django_capture_on_commit_callbacks
):
    association = CompleteAssociationFactory()
    previous = association.logo.name

    with (
        django_capture_on_commit_callbacks(execute=True) as callbacks,
        pytest.raises(RuntimeError),
        transaction.atomic(),
    ):
        new_logo.save_to(association, delete_previous=True)
        association.save()
        raise RuntimeError("the save failed")

    assert callbacks == []
    assert default_storage.exists(previous)
    association.refresh_from_db()
    assert association.logo.name == previous


# --- The pages ----------------------------------------------------------------------------


@pytest.mark.django_db
def test_directory_rows_show_the_small_logo_as_decoration(client, media_root, new_logo):
    association = AssociationFactory(name="Kuoro ry")
    new_logo.save_to(association)
    association.save()

    page = client.get("/en/associations/").content.decode()

    assert (
        f'<img class="result-logo" src="{association.logo_small.url}" alt="" '
        'width="56" height="56" loading="lazy">'
    ) in page
    assert association.logo.url not in page


@pytest.mark.django_db
def test_directory_rows_of_older_profiles_show_their_only_logo(client, media_root):
    association = CompleteAssociationFactory()
    assert not association.logo_small

    page = client.get("/en/associations/").content.decode()

    assert f'<img class="result-logo" src="{association.logo.url}" alt=""' in page


@pytest.mark.django_db
def test_profile_page_shows_the_logo_named_for_its_association(client, media_root, new_logo):
    association = AssociationFactory(name="Kuoro ry")
    new_logo.save_to(association)
    association.save()

    page = client.get(f"/en/associations/{association.slug}/").content.decode()

    assert (
        f'<img class="profile-logo" src="{association.logo.url}" '
        f'srcset="{association.logo_small.url} 1x, {association.logo.url} 2x" '
        'alt="Logo of Kuoro ry" width="120" height="120">'
    ) in page


@pytest.mark.django_db
def test_profile_page_of_an_older_profile_shows_its_only_logo(client, media_root):
    association = CompleteAssociationFactory()
    page = client.get(f"/en/associations/{association.slug}/").content.decode()
    assert f'<img class="profile-logo" src="{association.logo.url}" alt="Logo of ' in page
    assert "srcset" not in page


@pytest.mark.django_db
def test_logos_add_no_queries_to_the_pages(client, media_root, new_logo):
    plain = [AssociationFactory(name=f"Kuoro {n} ry") for n in range(3)]

    def queries(url: str) -> int:
        client.get(url)  # warm per-process caches
        with CaptureQueriesContext(transaction.get_connection()) as captured:
            assert client.get(url).status_code == 200
        return len(captured)

    without_logos = queries("/associations/"), queries(plain[0].get_absolute_url())
    for association in plain:
        new_logo.save_to(association)
        association.save()
    CompleteAssociationFactory(name="Kuoro 9 ry")  # an older row with only `logo`
    with_logos = queries("/associations/"), queries(plain[0].get_absolute_url())

    assert with_logos == without_logos
