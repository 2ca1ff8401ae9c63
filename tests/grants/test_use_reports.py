"""Use reports: only granted applications, the association's form and its files, the
officer's review with its emails, the round becoming reported, reminders, My page."""

import io
from datetime import timedelta
from decimal import Decimal

import pytest
from django.core import mail
from django.core.files.uploadedfile import SimpleUploadedFile
from django.core.management import call_command
from django.urls import reverse
from django.utils import timezone
from PIL import Image

from grants.models import GrantDecision, StateChange, UseReport
from grants.use_reports import remind_use_reports, use_report_review, use_report_submit
from tests.factories import ApplicationFactory, GrantRoundFactory

PDF = b"%PDF-1.4\n1 0 obj<</Type/Catalog>>endobj\ntrailer<</Root 1 0 R>>\n%%EOF\n"


def png() -> bytes:
    buffer = io.BytesIO()
    Image.new("RGB", (4, 4), "red").save(buffer, "PNG")
    return buffer.getvalue()


def grant(application, amount="3000.00", *, published=True):
    GrantDecision.objects.create(
        application=application,
        amount=Decimal(amount),
        decided_on=timezone.localdate(),
        deciding_body="Kulttuurilautakunta",
        published_at=timezone.now() if published else None,
    )
    return application


@pytest.fixture
def granted(association):
    application = ApplicationFactory(
        association=association,
        contact_email="yhteys@kuoro.example.fi",
        use_report_due_on=timezone.localdate() + timedelta(days=30),
    )
    return grant(application)


def report_of(application, editor, **fields):
    return use_report_submit(
        application=application,
        user=editor,
        text=fields.get("text", "Harjoitustilan vuokra ja ohjaajat."),
        amount_used=Decimal(fields.get("amount_used", "2500")),
    )


def url(application):
    return reverse("grants:use_report", args=[application.pk])


# --- the association's report -------------------------------------------------------------


def test_editor_sends_a_use_report_with_a_pdf_and_the_officers_are_told(
    client, editor, granted, grants_officer
):
    client.force_login(editor)
    response = client.post(
        url(granted),
        {
            "text": "Vuokrasimme salin ja maksoimme ohjaajat.",
            "amount_used": "2 950,50",
            "total_costs": "4 100",
            "attachment_1": SimpleUploadedFile("kuitit.pdf", PDF),
            "title_1": "Kuitit",
            "attachment_2": SimpleUploadedFile("kuva.png", png()),
        },
    )
    assert response.status_code == 302
    report = UseReport.objects.get(application=granted)
    assert report.amount_used == Decimal("2950.50")
    assert report.total_costs == Decimal("4100")
    assert report.status == UseReport.Status.SUBMITTED
    titles = sorted((a.title, a.content_type) for a in report.attachments.all())
    assert titles == [("Kuitit", "application/pdf"), ("kuva", "image/png")]
    assert [m.to for m in mail.outbox] == [[grants_officer.email]]
    assert granted.association.name in mail.outbox[0].subject
    assert reverse("grants:use_report_review", args=[report.pk]) in mail.outbox[0].body

    page = client.get(url(granted)).content.decode()
    assert "Vuokrasimme salin" in page
    assert "odottaa" in page.lower()  # waiting for the officer, no new form
    assert 'name="text"' not in page


def test_an_application_without_a_published_grant_gets_no_use_report(client, editor, association):
    refused = ApplicationFactory(association=association)
    grant(refused, "0")
    unpublished = grant(
        ApplicationFactory(association=association, round=GrantRoundFactory()), published=False
    )
    client.force_login(editor)
    for application in (
        refused,
        unpublished,
        ApplicationFactory(association=association, round=GrantRoundFactory()),
    ):
        page = client.get(url(application))
        assert page.status_code == 200
        assert "julkaistussa päätöksessä" in page.content.decode()
        assert 'name="text"' not in page.content.decode()
        response = client.post(url(application), {"text": "Käytimme rahat.", "amount_used": "100"})
        assert response.status_code == 400
    assert not UseReport.objects.exists()


@pytest.mark.parametrize(
    ("data", "field", "message"),
    [
        ({"text": "", "amount_used": "100"}, "text", "Tämä kenttä vaaditaan"),
        ({"text": "Käytimme rahat.", "amount_used": "-5"}, "amount_used", ""),
        ({"text": "Käytimme rahat.", "amount_used": "sata"}, "amount_used", ""),
        ({"text": "Käytimme rahat.", "amount_used": "100000000"}, "amount_used", ""),
    ],
)
def test_bad_input_is_refused_with_what_was_typed_kept(
    client, editor, granted, data, field, message
):
    client.force_login(editor)
    response = client.post(url(granted), {**data, "total_costs": "1 234,50"})
    assert response.status_code == 400
    form = response.context["form"]
    assert field in form.errors
    assert message in str(form.errors)
    assert "1 234,50" in response.content.decode()
    if data["text"]:
        assert data["text"] in response.content.decode()
    assert not UseReport.objects.exists()


@pytest.mark.parametrize(
    ("content", "name", "code"),
    [
        (b"<html><script>alert(1)</script></html>", "kuitit.pdf", "wrong_type"),
        (b"%PDF-1.4\nnot finished", "kuitit.pdf", "damaged"),
        (b"GIF89a" + b"\x00" * 20, "kuva.png", "wrong_type"),
        (PDF[:-7] + b"0" * (10 * 1024 * 1024) + b"%%EOF\n", "iso.pdf", "too_large"),
        (png()[:-12], "kuva.png", "damaged"),
    ],
)
def test_attachments_are_checked_by_their_content(client, editor, granted, content, name, code):
    client.force_login(editor)
    response = client.post(
        url(granted),
        {
            "text": "Käytimme rahat.",
            "amount_used": "100",
            "attachment_1": SimpleUploadedFile(name, content, content_type="application/pdf"),
        },
    )
    assert response.status_code == 400
    assert [e.code for e in response.context["form"].errors.as_data()["attachment_1"]] == [code]
    assert "Käytimme rahat." in response.content.decode()
    assert "valitse liitteet uudelleen" in response.content.decode().lower()
    assert not UseReport.objects.exists()


# --- the officer's review -------------------------------------------------------------------


def review_url(report):
    return reverse("grants:use_report_review", args=[report.pk])


def test_officer_sees_granted_and_used_side_by_side(client, grants_officer, granted, editor):
    report = report_of(granted, editor, amount_used="2500")
    client.force_login(grants_officer)
    page = client.get(review_url(report)).content.decode()
    assert "3\xa0000,00" in page and "2\xa0500,00" in page


def test_officer_asks_for_more_and_the_association_sends_a_new_report(
    client, grants_officer, granted, editor, owner
):
    first = report_of(granted, editor)
    mail.outbox.clear()
    client.force_login(grants_officer)
    response = client.post(review_url(first), {"outcome": "more", "reason": "Liitä kuitit."})
    assert response.status_code == 302
    first.refresh_from_db()
    assert first.status == UseReport.Status.MORE_REQUESTED
    assert first.decided_by == grants_officer and first.decision_reason == "Liitä kuitit."
    recipients = sorted(address for m in mail.outbox for address in m.to)
    assert recipients == sorted([editor.email, owner.email, "yhteys@kuoro.example.fi"])
    assert all("Liitä kuitit." in m.body for m in mail.outbox)

    client.force_login(editor)
    page = client.get(url(granted)).content.decode()
    assert "Liitä kuitit." in page and 'name="text"' in page
    response = client.post(url(granted), {"text": "Tässä kuitit.", "amount_used": "2500"})
    assert response.status_code == 302
    assert list(granted.use_reports.values_list("status", flat=True)) == ["more", "submitted"]


def test_asking_for_more_needs_a_reason(client, grants_officer, granted, editor):
    report = report_of(granted, editor)
    client.force_login(grants_officer)
    response = client.post(review_url(report), {"outcome": "more", "reason": " "})
    assert response.status_code == 400
    assert "reason" in response.context["form"].errors
    report.refresh_from_db()
    assert report.status == UseReport.Status.SUBMITTED


def test_a_report_is_decided_once(client, grants_officer, granted, editor):
    report = report_of(granted, editor)
    use_report_review(report=report, by=grants_officer, accept=True)
    client.force_login(grants_officer)
    response = client.post(review_url(report), {"outcome": "more", "reason": "Lisää."})
    assert response.status_code == 400
    report.refresh_from_db()
    assert report.status == UseReport.Status.ACCEPTED


def test_accepting_the_last_report_of_a_round_marks_it_reported(
    client, grants_officer, granted, editor, owner
):
    round = granted.round
    other = grant(ApplicationFactory(round=round))
    ApplicationFactory(round=round, status="withdrawn")  # not granted: owes nothing
    refused = grant(ApplicationFactory(round=round), "0")
    assert refused
    first = report_of(granted, editor)
    second = report_of(other, None)
    mail.outbox.clear()
    client.force_login(grants_officer)
    client.post(review_url(first), {"outcome": "accept"})
    round.refresh_from_db()
    assert round.reported_at is None
    assert sorted(a for m in mail.outbox for a in m.to) == sorted(
        [editor.email, owner.email, "yhteys@kuoro.example.fi"]
    )
    client.post(review_url(second), {"outcome": "accept"})
    round.refresh_from_db()
    assert round.reported_at is not None
    assert round.state == "reported"
    change = StateChange.objects.get(round=round)
    assert (change.from_state, change.to_state, change.decided_by) == (
        "open",
        "reported",
        grants_officer,
    )


# --- reminders ---------------------------------------------------------------------------


def test_reminders_go_once_before_and_once_after_the_due_date(granted, editor, owner):
    due = granted.use_report_due_on
    long_before = timezone.now() + timedelta(days=(due - timezone.localdate()).days - 20)
    assert remind_use_reports(now=long_before).before == []
    soon = long_before + timedelta(days=10)
    assert remind_use_reports(now=soon).before == [granted]
    assert sorted(a for m in mail.outbox for a in m.to) == sorted([editor.email, owner.email])
    mail.outbox.clear()
    assert remind_use_reports(now=soon).before == []
    assert remind_use_reports(now=soon + timedelta(days=9)).before == []
    assert mail.outbox == []

    after = soon + timedelta(days=15)
    assert remind_use_reports(now=after).overdue == [granted]
    assert len(mail.outbox) == 2 and "erääntyi" in mail.outbox[0].body
    mail.outbox.clear()
    call_command("remind_use_reports")
    remind_use_reports(now=after + timedelta(days=30))
    assert mail.outbox == []
    granted.refresh_from_db()
    assert granted.use_report_reminded_at and granted.use_report_overdue_reminded_at


def test_no_reminder_once_a_report_is_sent(granted, editor):
    report_of(granted, editor)
    mail.outbox.clear()
    for days in (20, 40):
        reminded = remind_use_reports(now=timezone.now() + timedelta(days=days))
        assert reminded.before == [] and reminded.overdue == []
    assert mail.outbox == []


def test_reminder_command_reports_what_it_did(granted, capsys):
    granted.use_report_due_on = timezone.localdate() - timedelta(days=1)
    granted.save()
    call_command("remind_use_reports")
    assert "1 overdue" in capsys.readouterr().out


# --- My page ---------------------------------------------------------------------------------


def test_my_page_lists_use_reports_due_and_marks_overdue_and_more_asked(
    client, editor, association, granted, grants_officer, django_assert_max_num_queries
):
    overdue = grant(
        ApplicationFactory(
            association=association,
            round=GrantRoundFactory(title_fi="Kohdeavustukset 2024"),
            use_report_due_on=timezone.localdate() - timedelta(days=3),
        )
    )
    more = grant(
        ApplicationFactory(
            association=association,
            round=GrantRoundFactory(title_fi="Kesäavustukset"),
            use_report_due_on=timezone.localdate() + timedelta(days=3),
        )
    )
    use_report_review(
        report=report_of(more, editor), by=grants_officer, accept=False, reason="Kuitit?"
    )
    client.force_login(editor)
    response = client.get(reverse("my_page"))
    page = response.content.decode()
    assert "Palautettavat käyttöselvitykset" in page
    assert granted.round.title in page and "Kohdeavustukset 2024" in page
    assert "Myöhässä" in page and "Lisätietoja pyydetty" in page
    assert reverse("grants:use_report", args=[overdue.pk]) in page

    baseline = len(_my_page_queries(client))
    for _ in range(5):
        grant(
            ApplicationFactory(
                association=association,
                round=GrantRoundFactory(),
                use_report_due_on=timezone.localdate(),
            )
        )
    with django_assert_max_num_queries(baseline):
        client.get(reverse("my_page"))


def _my_page_queries(client):
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    with CaptureQueriesContext(connection) as queries:
        client.get(reverse("my_page"))
    return queries


def test_my_page_shows_an_officer_the_reports_to_review_in_one_query(
    client, grants_officer, editor, granted, django_assert_max_num_queries
):
    report = report_of(granted, editor)
    client.force_login(grants_officer)
    page = client.get(reverse("my_page")).content.decode()
    assert "Tarkastettavat käyttöselvitykset" in page
    assert reverse("grants:use_report_review", args=[report.pk]) in page
    baseline = len(_my_page_queries(client))
    for _ in range(5):
        report_of(grant(ApplicationFactory(use_report_due_on=timezone.localdate())), None)
    with django_assert_max_num_queries(baseline):
        client.get(reverse("my_page"))


def test_attachment_is_served_privately(client, editor, granted, outsider):
    client.force_login(editor)
    client.post(
        url(granted),
        {
            "text": "Käytimme rahat.",
            "amount_used": "100",
            "attachment_1": SimpleUploadedFile("kuitit.pdf", PDF),
        },
    )
    attachment = UseReport.objects.get().attachments.get()
    address = reverse(
        "grants:use_report_attachment", args=[attachment.use_report_id, attachment.pk]
    )
    response = client.get(address)
    assert response.status_code == 200
    assert b"".join(response.streaming_content) == PDF
    assert response["Content-Type"] == "application/pdf"
    assert response["Cache-Control"] == "private, no-store"
    assert response["X-Content-Type-Options"] == "nosniff"
    client.force_login(outsider)
    assert client.get(address).status_code == 404


def test_status_include_tells_the_association_and_the_officer_where_the_report_is(
    granted, editor, grants_officer
):
    from django.template.loader import render_to_string

    include = "grants/includes/use_report_status.html"
    html = render_to_string(include, {"application": granted})
    assert "Ei vielä lähetetty" in html
    assert reverse("grants:use_report", args=[granted.pk]) in html

    report = report_of(granted, editor)
    use_report_review(report=report, by=grants_officer, accept=False, reason="Kuitit puuttuvat.")
    html = render_to_string(include, {"application": granted})
    assert "Kuitit puuttuvat." in html and "Lähetä uusi käyttöselvitys" in html
    html = render_to_string(include, {"application": granted, "officer": True})
    assert reverse("grants:use_report_review", args=[report.pk]) in html

    assert render_to_string(include, {"application": ApplicationFactory()}).strip() == ""
