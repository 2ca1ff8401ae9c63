"""The rows of the grants' rounds in the authorization matrix (tests/test_authorization.py)."""

from tests.authorization import DONE, LOGIN, Row, World, everyone, no_args
from tests.factories import GrantRoundFactory


def scene(w: World) -> None:
    """An open round and a draft."""
    w.open_round = GrantRoundFactory(slug="toiminta-avustukset")
    w.draft_round = GrantRoundFactory(slug="kohdeavustukset-luonnos", announced_at=None)


def open_round(w: World) -> dict:
    return {"slug": w.open_round.slug}


def draft_round(w: World) -> dict:
    return {"slug": w.draft_round.slug}


def grants_officers(ok: int, *, others: int = 403, anonymous: int = LOGIN) -> dict[str, int]:
    """The grants officers' pages: the grants role (and the admin, who has every role)."""
    return {**everyone(others), "anonymous": anonymous, "grants_officer": ok, "admin": ok}


ROUNDS = [
    Row("grants:list", no_args, everyone(200)),
    Row("grants:round", open_round, everyone(200)),
    Row(
        "grants:round",
        draft_round,
        grants_officers(200, others=404, anonymous=404),
        variant="draft",
    ),
    Row("grants:round_create", no_args, grants_officers(200)),
    Row("grants:round_edit", open_round, grants_officers(200)),
    Row("grants:round_edit", draft_round, grants_officers(200), variant="draft"),
    Row("grants:round_announce", draft_round, grants_officers(DONE), method="post"),
]

ROWS: list = [*ROUNDS]
