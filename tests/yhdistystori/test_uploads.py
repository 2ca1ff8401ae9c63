"""The one check of uploaded documents, as the apps use it: a round's guidelines take PDF,
PNG, JPEG and WebP; each must be whole, whatever its name says."""

from io import BytesIO

import pytest
from django.core.exceptions import ValidationError
from django.core.files.uploadedfile import SimpleUploadedFile
from PIL import Image

from events.memo import check_pdf
from grants.guidelines import check_guideline_file
from grants.uploads import check_attachment

TINY_PDF = b"%PDF-1.4\n1 0 obj<<>>endobj\ntrailer<<>>\n%%EOF\n"


def _image(fmt: str) -> bytes:
    out = BytesIO()
    Image.new("RGB", (8, 8), "teal").save(out, fmt)
    return out.getvalue()


def _upload(data: bytes, name: str = "file.bin"):
    return SimpleUploadedFile(name, data, content_type="application/octet-stream")


@pytest.mark.parametrize("fmt, content_type", [("WEBP", "image/webp"), ("PNG", "image/png")])
def test_a_guideline_image_is_taken_by_its_content(fmt, content_type):
    checked = check_guideline_file(_upload(_image(fmt), name="ohje.pdf"))
    assert checked.content_type == content_type


def test_a_truncated_image_is_refused_as_damaged_in_guidelines_and_applications():
    half = _image("PNG")[:40]
    for check in (check_guideline_file, check_attachment):
        with pytest.raises(ValidationError) as refused:
            check(_upload(half, name="kuva.png"))
        assert refused.value.code == "damaged"


def test_a_pdf_without_its_end_is_refused_everywhere():
    for check in (check_guideline_file, check_attachment, check_pdf):
        with pytest.raises(ValidationError) as refused:
            check(_upload(b"%PDF-1.4\nkesken", name="ohje.pdf"))
        assert refused.value.code == "damaged"


def test_only_the_memo_refuses_an_image():
    png = _upload(_image("PNG"), name="muistio.pdf")
    assert check_attachment(png).content_type == "image/png"
    with pytest.raises(ValidationError) as refused:
        check_pdf(_upload(_image("PNG"), name="muistio.pdf"))
    assert refused.value.code == "wrong_type"
    assert check_pdf(_upload(TINY_PDF)).data == TINY_PDF
