"""The words of the authorization matrix (tests/test_authorization.py): who visits, what
each row expects, and the world the rows' URLs point at.

Each app writes its rows in its own test folder (`tests/<app>/access.py`): a list `ROWS`
and, when its URLs need objects of their own, a function `scene(world)` that makes them
and sets them on the world.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field
from types import SimpleNamespace

# The people of tests/conftest.py, plus the anonymous visitor and the editor of another
# association (the object-permission check: an editor's rights stop at their own).
PERSONAS = (
    "anonymous",
    "outsider",
    "other_editor",
    "editor",
    "owner",
    "liaison",
    "grants_officer",
    "facilities_manager",
    "admin",
)

# Shorthands for the expected statuses. Pages that need an account send anonymous
# visitors to the login page (302); actions redirect after success (302).
LOGIN = 302
DONE = 302


def everyone(status: int) -> dict[str, int]:
    return dict.fromkeys(PERSONAS, status)


def signed_in(status: int, anonymous: int = LOGIN) -> dict[str, int]:
    return {**everyone(status), "anonymous": anonymous}


def editors_only(ok: int, *, outsiders: int = 403) -> dict[str, int]:
    # Grants officers and facilities managers are city staff, but not the association's
    # editors nor liaisons: on an association's pages they are outsiders.
    return {
        "anonymous": LOGIN,
        "outsider": outsiders,
        "other_editor": outsiders,
        "editor": ok,
        "owner": ok,
        "liaison": ok,
        "grants_officer": outsiders,
        "facilities_manager": outsiders,
        "admin": ok,
    }


def owners_only(ok: int) -> dict[str, int]:
    return {**editors_only(ok), "editor": 403}


def liaisons_only(ok: int = 200) -> dict[str, int]:
    return {**editors_only(ok), "editor": 403, "owner": 403}


class World(SimpleNamespace):
    """What the rows' URLs point at.

    `users` maps each persona but the anonymous one to a user; `association` is the one
    `owner` and `editor` keep, `other_association` the one `other_editor` keeps. Each app's
    `scene` adds its own objects as attributes.
    """


@dataclass
class Row:
    name: str  # the URL name
    args: Callable[[World], dict]
    expect: dict[str, int]
    method: str = "get"
    data: Callable[[World], dict] = field(default=lambda w: {})
    variant: str = ""

    @property
    def id(self) -> str:
        return f"{self.name}{'-' + self.variant if self.variant else ''}"


def no_args(w: World) -> dict:
    return {}
