"""Attachments of an application: checked by content, limited in size and number,
served only to the association's editors and the grants officers."""

from io import BytesIO

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse
from django.utils import translation
from PIL import Image

from grants import uploads
from grants.models import ApplicationAttachment
from tests.factories import ApplicationFactory, AssociationFactory, MembershipFactory
from tests.grants.test_applying import draft_of, form_data

pytestmark = pytest.mark.django_db

PDF = b"%PDF-1.4\n1 0 obj << >> endobj\ntrailer << >>\n%%EOF\n"


@pytest.fixture(autouse=True)
def english():
    with translation.override("en"):
        yield


def png() -> bytes:
    buffer = BytesIO()
    Image.new("RGB", (4, 4), "white").save(buffer, "PNG")
    return buffer.getvalue()


def upload(client, application, name, content, title="Talousarvio"):
    data = form_data(application, attachment_title=title)
    data["attachment"] = SimpleUploadedFile(name, content, content_type="application/pdf")
    return client.post(reverse("grants:application_edit", args=[application.pk]), data)


def test_pdf_and_png_are_kept_privately_and_downloaded_through_the_view(
    client, editor, association, grant_round
):
    application = draft_of(association, grant_round)
    client.force_login(editor)
    assert upload(client, application, "budjetti.pdf", PDF).status_code == 302
    application.refresh_from_db()
    assert upload(client, application, "kuva.png", png(), title="Kuva").status_code == 302
    pdf, image = ApplicationAttachment.objects.order_by("pk")
    assert (pdf.content_type, image.content_type) == ("application/pdf", "image/png")
    assert "/media/" not in pdf.file.name
    response = client.get(reverse("grants:attachment", args=[application.pk, pdf.pk]))
    assert response.status_code == 200
    assert b"".join(response.streaming_content) == PDF
    assert response["Content-Type"] == "application/pdf"
    assert response["Content-Disposition"].startswith("attachment;")
    assert response["X-Content-Type-Options"] == "nosniff"
    assert response["Cache-Control"] == "private, no-store"


@pytest.mark.parametrize(
    ("name", "content", "message"),
    [
        ("muistio.pdf", b"Tama on tekstitiedosto.\n", "is not a PDF document"),
        ("puolikas.pdf", b"%PDF-1.4\n1 0 obj << >>", "incomplete or damaged"),
        ("kuva.png", b"\x89PNG\r\n\x1a\n" + b"roskaa" * 10, "incomplete or damaged"),
        ("tyhja.pdf", b"", "The submitted file is empty"),
    ],
)
def test_files_that_are_not_what_they_claim_are_refused(
    client, editor, association, grant_round, name, content, message
):
    application = draft_of(association, grant_round)
    client.force_login(editor)
    response = upload(client, application, name, content)
    assert response.status_code == 400
    assert message in response.content.decode()
    assert not ApplicationAttachment.objects.exists()


def test_oversize_file_is_refused(monkeypatch, client, editor, association, grant_round):
    monkeypatch.setattr(uploads, "MAX_BYTES", len(PDF) - 1)
    application = draft_of(association, grant_round)
    client.force_login(editor)
    response = upload(client, application, "iso.pdf", PDF)
    assert response.status_code == 400
    assert "too large" in response.content.decode()


def test_eleventh_attachment_is_refused(client, editor, association, grant_round):
    application = draft_of(association, grant_round)
    for n in range(uploads.MAX_ATTACHMENTS):
        ApplicationAttachment.objects.create(
            application=application, title=f"Liite {n}", content_type="application/pdf", size=1
        )
    client.force_login(editor)
    response = upload(client, application, "liite.pdf", PDF)
    assert response.status_code == 400
    assert "at most 10 attachments" in response.content.decode()


def test_removed_attachment_is_gone(client, editor, association, grant_round):
    application = draft_of(association, grant_round)
    client.force_login(editor)
    upload(client, application, "budjetti.pdf", PDF)
    application.refresh_from_db()
    attachment = ApplicationAttachment.objects.get()
    data = form_data(application, remove_attachments=[attachment.pk])
    response = client.post(reverse("grants:application_edit", args=[application.pk]), data)
    assert response.status_code == 302
    assert not ApplicationAttachment.objects.exists()


def test_editor_of_another_association_cannot_download(client, association):
    application = ApplicationFactory(association=association)
    attachment = ApplicationAttachment.objects.create(
        application=application, title="Liite", content_type="application/pdf", size=1
    )
    stranger = MembershipFactory(association=AssociationFactory()).user
    client.force_login(stranger)
    url = reverse("grants:attachment", args=[application.pk, attachment.pk])
    assert client.get(url).status_code == 404
    client.logout()
    assert reverse("account_login") in client.get(url)["Location"]
