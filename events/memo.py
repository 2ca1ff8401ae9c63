"""What a meeting's memo may hold: sanitised HTML and PDF attachments checked by content.

The memo is typed in a textarea as simple HTML (paragraphs, bold, lists, subheadings,
links); text without any block tags is taken as paragraphs. Whatever was typed, only
the allow-list below reaches the database, cleaned by nh3 (the Rust sanitiser
ammonia), so the page may show the stored memo as it is.
"""

from __future__ import annotations

import re

import nh3
from django.core.files.uploadedfile import UploadedFile
from django.utils.translation import gettext_lazy as _

from yhdistystori.uploads import PDF, CheckedFile, check_upload

ALLOWED_TAGS = {"p", "br", "strong", "em", "ul", "ol", "li", "h2", "h3", "a"}
ALLOWED_ATTRIBUTES = {"a": {"href"}}
ALLOWED_URL_PREFIXES = ("http://", "https://", "mailto:")
LINK_REL = "noopener nofollow"
# Their content goes too, not only the tags: a script's text is no part of a memo.
REMOVED_WITH_CONTENT = {"script", "style", "iframe", "object", "embed", "template", "noscript"}

BLOCK_TAG = re.compile(r"<\s*(p|ul|ol|h2|h3)\b", re.IGNORECASE)
BLANK_LINES = re.compile(r"\n\s*\n")


def _only_web_links(element: str, attribute: str, value: str) -> str | None:
    # nh3 passes relative URLs through; a memo links only out to the web or to an address.
    if attribute == "href" and not value.strip().lower().startswith(ALLOWED_URL_PREFIXES):
        return None
    return value


def paragraphs(text: str) -> str:
    """Plain text as paragraphs: blank lines part them, single line breaks stay."""
    blocks = [block.strip() for block in BLANK_LINES.split(text.replace("\r\n", "\n"))]
    return "".join(f"<p>{'<br>'.join(block.splitlines())}</p>" for block in blocks if block)


def sanitise_memo(text: str) -> str:
    """The memo as it may be stored and shown: allowed tags only, links made safe."""
    text = (text or "").strip()
    if not text:
        return ""
    if not BLOCK_TAG.search(text):
        text = paragraphs(text)
    return nh3.clean(
        text,
        tags=ALLOWED_TAGS,
        clean_content_tags=REMOVED_WITH_CONTENT,
        attributes=ALLOWED_ATTRIBUTES,
        attribute_filter=_only_web_links,
        url_schemes={"http", "https", "mailto"},
        link_rel=LINK_REL,
        strip_comments=True,
    ).strip()


# --- attachments -----------------------------------------------------------------------------

MAX_PDF_MB = 10
MAX_PDF_BYTES = MAX_PDF_MB * 1024 * 1024

PDF_MESSAGES = {
    "empty": _("The file is empty. Choose the PDF file again."),
    "too_large": _(
        "The file is too large: at most %(max_mb)s MB. Make the PDF smaller and try again."
    ),
    "wrong_type": _(
        "The file is not a PDF document. Save the attachment as PDF and try again; the "
        "file's name does not make it one."
    ),
    "damaged": _("The PDF file is incomplete or damaged. Save it again as PDF and try again."),
}

# A checked memo attachment: its bytes, always a PDF.
CheckedPdf = CheckedFile


def check_pdf(upload: UploadedFile) -> CheckedPdf:
    """The upload's bytes if they are a whole PDF within the size limit; ValidationError if not.

    The name and the browser's content type are not looked at: only what the file holds.
    """
    return check_upload(upload, kinds=(PDF,), max_bytes=MAX_PDF_BYTES, messages=PDF_MESSAGES)
