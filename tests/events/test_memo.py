"""The memo's sanitising and the attachments' check, alone (events/memo.py)."""

import pytest
from django.core.exceptions import ValidationError
from django.core.files.uploadedfile import SimpleUploadedFile

from events.memo import MAX_PDF_BYTES, check_pdf, sanitise_memo

TINY_PDF = (
    b"%PDF-1.4\n1 0 obj<</Type/Catalog/Pages 2 0 R>>endobj\n"
    b"2 0 obj<</Type/Pages/Kids[]/Count 0>>endobj\ntrailer<</Root 1 0 R>>\n%%EOF\n"
)
PNG = b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR\x00\x00\x00\x01\x00\x00\x00\x01\x08\x06\x00\x00\x00"


def test_simple_formatting_is_kept():
    html = (
        "<h2>Mikä toimii</h2><p>Asukas- ja <strong>aluetyö</strong>, <em>yhdyshenkilöt</em>.</p>"
        "<ul><li>Avustukset</li></ul><ol><li>Tilat</li></ol><h3>Lisää</h3>"
    )
    assert sanitise_memo(html) == html


def test_script_event_handlers_javascript_links_style_and_iframes_are_removed():
    dirty = (
        '<p onclick="alert(1)" style="color:red">Hei<script>alert("x")</script></p>'
        '<a href="javascript:alert(1)">klikkaa</a>'
        '<iframe src="https://evil.example"></iframe>'
        "<style>body{display:none}</style>"
        '<img src="x" onerror="alert(1)">'
    )
    clean = sanitise_memo(dirty)
    for bad in ("script", "onclick", "onerror", "style", "javascript", "iframe", "<img", "alert"):
        assert bad not in clean
    assert "<p>Hei</p>" in clean
    assert "klikkaa" in clean


def test_links_get_rel_and_only_web_and_mail_addresses():
    clean = sanitise_memo(
        '<p><a href="https://www.jyvaskyla.fi" target="_blank">kaupunki</a> '
        '<a href="mailto:yhdyshenkilo@jkl.fi">posti</a> <a href="/admin/">suhteellinen</a> '
        '<a href="data:text/html,x">data</a></p>'
    )
    assert '<a href="https://www.jyvaskyla.fi" rel="noopener nofollow">kaupunki</a>' in clean
    assert '<a href="mailto:yhdyshenkilo@jkl.fi" rel="noopener nofollow">posti</a>' in clean
    assert 'href="/admin/"' not in clean and "data:" not in clean
    assert "target" not in clean


def test_plain_text_becomes_paragraphs_and_is_escaped():
    assert sanitise_memo("Ensimmäinen rivi\ntoinen rivi\n\nUusi kappale & <b>x") == (
        "<p>Ensimmäinen rivi<br>toinen rivi</p><p>Uusi kappale &amp; x</p>"
    )
    assert sanitise_memo("   ") == ""


def upload(data: bytes, name="muistio.pdf", content_type="application/pdf"):
    return SimpleUploadedFile(name, data, content_type=content_type)


def test_a_real_tiny_pdf_is_accepted():
    assert check_pdf(upload(TINY_PDF)).data == TINY_PDF


@pytest.mark.parametrize(
    ("data", "code"),
    [
        (PNG, "wrong_type"),
        (b"", "empty"),
        (b"%PDF-1.4\nnot finished", "damaged"),
        (b"%PDF-1.4\n" + b"0" * MAX_PDF_BYTES + b"%%EOF", "too_large"),
    ],
    ids=["png-named-pdf", "empty", "truncated", "oversize"],
)
def test_what_is_not_a_whole_pdf_within_the_limit_is_refused(data, code):
    with pytest.raises(ValidationError) as error:
        check_pdf(upload(data))
    assert error.value.code == code


def test_a_pdf_named_otherwise_is_still_a_pdf():
    assert check_pdf(upload(TINY_PDF, name="scan.png", content_type="image/png")).size == len(
        TINY_PDF
    )
