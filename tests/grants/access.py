"""The grants' rows of the authorization matrix (tests/test_authorization.py)."""

from tests.authorization import Row, World  # noqa: F401


def scene(w: World) -> None:
    """Nothing yet: each part of the grants app adds its objects."""


ROWS: list = []
