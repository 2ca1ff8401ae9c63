"""Logo uploads that are taken, and what the stored files hold: WebP in two sizes, without
EXIF or anything appended, turned upright, scaled down, and named at random."""

import io
import re
import zipfile

import pytest
from PIL import ExifTags, Image

from associations.logos import process_logo
from tests.associations.conftest import encode, logo_picture, upload

# --- Reading the stored files -----------------------------------------------------------


def opened(logo_image) -> Image.Image:
    logo_image.file.seek(0)
    image = Image.open(io.BytesIO(logo_image.file.read()))
    image.load()
    return image


def stored_bytes(logo_image) -> bytes:
    logo_image.file.seek(0)
    return logo_image.file.read()


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
