"""The rows of the grants' use reports in the authorization matrix (tests/test_authorization.py)."""

from datetime import timedelta
from decimal import Decimal

from django.core.files.base import ContentFile
from django.utils import timezone

from grants.models import GrantDecision, UseReport, UseReportAttachment
from tests.authorization import LOGIN, Row, World, everyone  # noqa: F401
from tests.factories import ApplicationFactory

PDF = b"%PDF-1.4\n1 0 obj<</Type/Catalog>>endobj\ntrailer<</Root 1 0 R>>\n%%EOF\n"


def scene(w: World) -> None:
    """A grant to the world's association with a use report waiting for review, and a
    PDF attached to it."""
    now = timezone.now()
    w.granted_application = ApplicationFactory(
        association=w.association, use_report_due_on=(now + timedelta(days=30)).date()
    )
    GrantDecision.objects.create(
        application=w.granted_application,
        amount=Decimal("3000.00"),
        decided_on=now.date(),
        deciding_body="Kulttuurilautakunta",
        published_at=now,
    )
    w.use_report = UseReport.objects.create(
        application=w.granted_application, text="Vuokrat ja ohjaajat.", amount_used=Decimal("3000")
    )
    attachment = UseReportAttachment(
        use_report=w.use_report, title="Kuitit", content_type="application/pdf", size=len(PDF)
    )
    attachment.file.save("kuitit.pdf", ContentFile(PDF), save=False)
    attachment.save()
    w.use_report_attachment = attachment


def granted_application(w: World) -> dict:
    return {"pk": w.granted_application.pk}


def use_report(w: World) -> dict:
    return {"pk": w.use_report.pk}


def use_report_attachment(w: World) -> dict:
    return {"pk": w.use_report.pk, "attachment_pk": w.use_report_attachment.pk}


def _association_editors(ok: int) -> dict[str, int]:
    # Others learn nothing of who was granted what (404); grants officers review reports,
    # they do not write them (403).
    return {
        **everyone(404),
        "anonymous": LOGIN,
        "editor": ok,
        "owner": ok,
        "grants_officer": 403,
        "admin": 403,
    }


def _officers(ok: int) -> dict[str, int]:
    return {**everyone(403), "anonymous": LOGIN, "grants_officer": ok, "admin": ok}


ROWS: list = [
    Row("grants:use_report", granted_application, _association_editors(200)),
    # The report already waits for the officer: a second one is refused, nothing changes.
    Row(
        "grants:use_report",
        granted_application,
        _association_editors(400),
        method="post",
        variant="post",
    ),
    Row("grants:use_report_review", use_report, _officers(200)),
    # An empty decision is refused; nothing changes.
    Row("grants:use_report_review", use_report, _officers(400), method="post", variant="post"),
    Row(
        "grants:use_report_attachment",
        use_report_attachment,
        {**_association_editors(200), "grants_officer": 200, "admin": 200},
    ),
]
