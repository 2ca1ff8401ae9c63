"""The rows of the grants' review and decisions in the authorization matrix
(tests/test_authorization.py)."""

from django.utils import timezone

from tests.authorization import DONE, LOGIN, Row, World, everyone
from tests.factories import ApplicationFactory
from tests.grants.deciding_scenes import closed_round, decided_application

# --- the officers' review and decisions --------------------------------------------------


def scene(w: World) -> None:
    """A closed round with the world's association's application, and a decided round
    whose decision is not yet published."""
    w.closed_round = closed_round()
    w.review_application = ApplicationFactory(round=w.closed_round, association=w.association)
    w.decided_application = decided_application(w.association)
    w.decision = w.decided_application.decisions.get()


def officers_only(ok: int) -> dict[str, int]:
    # The association's own editors are refused too: the review is the city's.
    return {**everyone(403), "anonymous": LOGIN, "grants_officer": ok, "admin": ok}


ROWS: list = [
    Row("grants:review", lambda w: {"slug": w.closed_round.slug}, officers_only(200)),
    Row(
        "grants:review_application",
        lambda w: {"pk": w.review_application.pk},
        officers_only(200),
    ),
    Row(
        "grants:review_application",
        lambda w: {"pk": w.review_application.pk},
        officers_only(DONE),
        method="post",
        data=lambda w: {"comment": "", "text": "Hyvä hakemus."},
        variant="comment",
    ),
    Row("grants:decide", lambda w: {"slug": w.closed_round.slug}, officers_only(200)),
    Row(
        "grants:decide",
        lambda w: {"slug": w.closed_round.slug},
        officers_only(DONE),
        method="post",
        data=lambda w: {
            "decided_on": f"{timezone.localdate():%d.%m.%Y}",
            "section": "12 §",
            f"amount_{w.review_application.pk}": "1 000",
        },
    ),
    Row(
        "grants:publish",
        lambda w: {"slug": w.decided_application.round.slug},
        officers_only(DONE),
        method="post",
    ),
    Row("grants:correct", lambda w: {"pk": w.decision.pk}, officers_only(200)),
]
