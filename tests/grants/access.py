"""The grants' rows of the authorization matrix (tests/test_authorization.py)."""

from tests.authorization import Row, World, everyone, no_args


def scene(w: World) -> None:
    """Nothing yet: each part of the grants app adds its objects."""


ROWS: list = [
    # The published decisions and their open data are public.
    Row("grants:decisions", no_args, everyone(200)),
    Row("grants:decisions_csv", no_args, everyone(200)),
    Row("grants:decisions_json", no_args, everyone(200)),
    Row("api-grants-awards", no_args, everyone(200)),
]
