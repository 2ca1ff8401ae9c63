from datetime import timedelta

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.utils import timezone

from events.models import FollowUp, MemoAttachment, Occurrence
from tests.events.meeting_fixtures import page_url, register
from tests.events.test_memo import PNG, TINY_PDF
from tests.factories import AssociationFactory

pytestmark = pytest.mark.django_db


def close_data(*rows, existing=0, **fields) -> dict:
    data = {
        "memo": "",
        "attendance": "",
        "other_associations": "",
        "attachment_title": "",
        "followups-TOTAL_FORMS": str(len(rows)),
        "followups-INITIAL_FORMS": str(existing),
        "followups-MIN_NUM_FORMS": "0",
        "followups-MAX_NUM_FORMS": "60",
    }
    for n, row in enumerate(rows):
        data |= {f"followups-{n}-{key}": value for key, value in row.items()}
    return data | fields


def row(title="", responsible="", status="open", description="", **more) -> dict:
    return {
        "title": title,
        "responsible": responsible,
        "status": status,
        "description": description,
        **more,
    }


def test_the_organiser_closes_a_meeting_with_everything_at_once(
    client, editor, past_meeting, media_root
):
    choir = AssociationFactory(name="Jyväskylän Mieskuoro ry", slug="mieskuoro")
    scouts = AssociationFactory(name="Palokan Partiolaiset ry", slug="partio")
    register(past_meeting, association=choir)
    client.force_login(editor)
    response = client.post(
        page_url(past_meeting, "events:close"),
        close_data(
            row("Avustusten avoimuus", "Avustuspalvelut"),
            row(),
            memo="<h2>Mikä toimii</h2><p>Yhdyshenkilöt.</p><script>alert(1)</script>",
            attendance="40",
            associations=[choir.pk],
            other_associations="palokan partiolaiset ry\n",
            attachment=SimpleUploadedFile("upload-name.pdf", TINY_PDF),
            attachment_title="Kaupunkisuunnittelijan esitys",
        ),
    )
    assert response.status_code == 302
    past_meeting.refresh_from_db()
    assert past_meeting.memo == "<h2>Mikä toimii</h2><p>Yhdyshenkilöt.</p>"
    assert past_meeting.attendance == 40
    assert past_meeting.closed_by == editor and past_meeting.closed_at is not None
    assert set(past_meeting.participating_associations.all()) == {choir, scouts}
    follow_up = FollowUp.objects.get()
    assert (follow_up.title, follow_up.responsible, follow_up.status) == (
        "Avustusten avoimuus",
        "Avustuspalvelut",
        "open",
    )
    assert follow_up.notes.count() == 1
    attachment = MemoAttachment.objects.get()
    assert attachment.size == len(TINY_PDF)
    assert attachment.file.read() == TINY_PDF
    assert "upload-name" not in attachment.file.name  # the uploader's name is not used

    page = client.get(page_url(past_meeting)).text
    assert "<h2>Mikä toimii</h2>" in page and "alert(1)" not in page
    assert attachment.file.url in page
    assert choir.get_absolute_url() in page and scouts.get_absolute_url() in page
    assert "Avustusten avoimuus" in page


def test_closing_again_corrects_it_and_keeps_the_first_closing(client, editor, owner, past_meeting):
    client.force_login(editor)
    url = page_url(past_meeting, "events:close")
    client.post(url, close_data(row("Tilat", "Tilapalvelut"), memo="Eka"))
    closed_at = Occurrence.objects.get(pk=past_meeting.pk).closed_at
    follow_up = FollowUp.objects.get()
    client.force_login(owner)
    response = client.post(
        url,
        close_data(
            row("Tilat iltaisin", "Tilapalvelut", status="in_progress", id=str(follow_up.pk)),
            row(),
            existing=1,
            memo="Toka",
        ),
    )
    assert response.status_code == 302
    past_meeting.refresh_from_db()
    assert (past_meeting.memo, past_meeting.closed_at, past_meeting.closed_by) == (
        "<p>Toka</p>",
        closed_at,
        editor,
    )
    follow_up.refresh_from_db()
    assert (follow_up.title, follow_up.status) == ("Tilat iltaisin", "in_progress")
    assert list(follow_up.notes.values_list("status", flat=True)) == ["open", "in_progress"]


def test_a_png_named_pdf_is_refused_and_nothing_is_saved(client, editor, past_meeting, media_root):
    client.force_login(editor)
    response = client.post(
        page_url(past_meeting, "events:close", language="en"),
        close_data(
            row("Tilat", "Tilapalvelut"),
            memo="Muistio tallessa",
            attachment=SimpleUploadedFile("kuva.pdf", PNG, content_type="application/pdf"),
            attachment_title="Kuva",
        ),
    )
    assert response.status_code == 400
    assert "not a PDF document" in response.text
    assert "Muistio tallessa" in response.text and 'value="Tilat"' in response.text
    assert "choose the PDF again" in response.text
    past_meeting.refresh_from_db()
    assert past_meeting.closed_at is None
    assert not MemoAttachment.objects.exists() and not FollowUp.objects.exists()


def test_an_oversize_pdf_is_refused(client, editor, past_meeting, media_root):
    client.force_login(editor)
    big = b"%PDF-1.4\n" + b"0" * (10 * 1024 * 1024) + b"\n%%EOF\n"
    response = client.post(
        page_url(past_meeting, "events:close", language="en"),
        close_data(attachment=SimpleUploadedFile("iso.pdf", big), attachment_title="Iso"),
    )
    assert response.status_code == 400
    assert "at most 10 MB" in response.text
    assert not MemoAttachment.objects.exists()


def test_an_attachment_is_removed_with_its_file(
    client, editor, past_meeting, media_root, django_capture_on_commit_callbacks
):
    client.force_login(editor)
    url = page_url(past_meeting, "events:close")
    client.post(
        url,
        close_data(attachment=SimpleUploadedFile("a.pdf", TINY_PDF), attachment_title="Liite"),
    )
    attachment = MemoAttachment.objects.get()
    path = media_root / attachment.file.name
    assert path.exists()
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(url, close_data(remove_attachments=[attachment.pk]))
    assert response.status_code == 302
    assert not MemoAttachment.objects.exists()
    assert not path.exists()


def test_an_unknown_association_is_named_in_the_error_and_the_rest_is_kept(
    client, editor, past_meeting
):
    AssociationFactory(name="Keljon Kyläyhdistys ry", slug="keljo")
    client.force_login(editor)
    response = client.post(
        page_url(past_meeting, "events:close"),
        close_data(memo="Tärkeä muistio", other_associations="keljo\nOlematon Seura ry"),
    )
    assert response.status_code == 400
    assert "Olematon Seura ry" in response.text
    assert "Tärkeä muistio" in response.text
    assert not Occurrence.objects.get(pk=past_meeting.pk).is_closed


def test_a_follow_up_without_a_responsible_or_a_bad_attendance_is_refused(
    client, editor, past_meeting
):
    client.force_login(editor)
    response = client.post(
        page_url(past_meeting, "events:close"),
        close_data(row("Tilat"), attendance="-3"),
    )
    assert response.status_code == 400
    assert not FollowUp.objects.exists()


def test_add_another_row_keeps_what_was_typed_without_saving(client, editor, past_meeting):
    client.force_login(editor)
    response = client.post(
        page_url(past_meeting, "events:close"),
        close_data(row("Tilat", "Tilapalvelut"), row(), memo="Kesken", add_row="1"),
    )
    assert response.status_code == 200
    assert response.text.count('name="followups-2-title"') == 1
    assert "Kesken" in response.text and 'value="Tilat"' in response.text
    assert not FollowUp.objects.exists()


def test_a_meeting_cannot_be_closed_before_it_starts_or_when_cancelled(client, editor, meeting):
    client.force_login(editor)
    url = page_url(meeting, "events:close", language="en")
    response = client.get(url)
    assert "once it has started" in response.text and 'name="memo"' not in response.text
    assert client.post(url, close_data(memo="x")).status_code == 400
    meeting.start = timezone.now() - timedelta(hours=3)
    meeting.end = meeting.start + timedelta(hours=2)
    meeting.cancelled_at = timezone.now()
    meeting.save()
    assert client.post(url, close_data(memo="x")).status_code == 400
    assert not Occurrence.objects.get(pk=meeting.pk).is_closed


def test_only_organisers_close_a_meeting(client, outsider, liaison, past_meeting):
    client.force_login(outsider)
    assert (
        client.post(page_url(past_meeting, "events:close"), close_data(memo="x")).status_code == 403
    )
    client.force_login(liaison)
    assert (
        client.post(page_url(past_meeting, "events:close"), close_data(memo="x")).status_code == 302
    )
