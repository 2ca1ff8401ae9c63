"""The grants' rows of the authorization matrix (tests/test_authorization.py)."""

from decimal import Decimal

from django.core.files.base import ContentFile

from grants.models import ApplicationAttachment, BudgetRow
from tests.authorization import DONE, LOGIN, Row, World, everyone
from tests.factories import ApplicationFactory, GrantRoundFactory

PDF = b"%PDF-1.4\n1 0 obj << >> endobj\ntrailer << >>\n%%EOF\n"


def scene(w: World) -> None:
    """Two open rounds: the world's association has a complete draft in one and a sent
    application with a private attachment in the other."""
    w.grant_round = GrantRoundFactory()
    w.draft_application = ApplicationFactory(
        round=w.grant_round, association=w.association, status="draft", submitted_at=None
    )
    BudgetRow.objects.create(
        application=w.draft_application, kind="expense", description="Vuokra", amount=Decimal(1)
    )
    w.sent_application = ApplicationFactory(association=w.association)
    w.application_attachment = ApplicationAttachment(
        application=w.sent_application,
        title="Talousarvio",
        content_type="application/pdf",
        size=len(PDF),
    )
    w.application_attachment.file.save("talousarvio.pdf", ContentFile(PDF), save=True)


def appliers(ok: int) -> dict[str, int]:
    """Editors of published associations apply; city staff review, they do not apply."""
    return {**everyone(403), "anonymous": LOGIN, "other_editor": ok, "editor": ok, "owner": ok}


def readers(ok: int) -> dict[str, int]:
    """The association's editors and the grants officers (admin is one); others 404."""
    return {
        **everyone(404),
        "anonymous": LOGIN,
        "editor": ok,
        "owner": ok,
        "grants_officer": ok,
        "admin": ok,
    }


def writers(ok: int) -> dict[str, int]:
    """The association's editors; officers may read but not write (403)."""
    return {**readers(ok), "grants_officer": 403, "admin": 403}


def draft(w: World) -> dict:
    return {"pk": w.draft_application.pk}


def sent(w: World) -> dict:
    return {"pk": w.sent_application.pk}


ROWS: list = [
    Row("grants:apply", lambda w: {"slug": w.grant_round.slug}, appliers(200)),
    # A second application of the same association to the round is refused (409); another
    # association's editor cannot apply in its name (400: not among theirs).
    Row(
        "grants:apply",
        lambda w: {"slug": w.grant_round.slug},
        {**appliers(409), "other_editor": 400},
        method="post",
        data=lambda w: {"association": w.association.pk},
        variant="again",
    ),
    Row("grants:application", sent, readers(200)),
    Row("grants:application", draft, readers(200), variant="draft"),
    Row("grants:application_edit", draft, writers(200)),
    Row("grants:application_submit", draft, writers(DONE), method="post"),
    Row("grants:application_withdraw", sent, writers(DONE), method="post"),
    Row(
        "grants:attachment",
        lambda w: {"pk": w.sent_application.pk, "attachment_pk": w.application_attachment.pk},
        readers(200),
    ),
    # An attachment through another application's address is not found, even for its readers.
    Row(
        "grants:attachment",
        lambda w: {"pk": w.draft_application.pk, "attachment_pk": w.application_attachment.pk},
        {**readers(404), "anonymous": LOGIN},
        variant="other-application",
    ),
]
