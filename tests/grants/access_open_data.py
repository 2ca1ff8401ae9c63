"""The rows of the grants' published decisions and open data in the authorization matrix
(tests/test_authorization.py)."""

from tests.authorization import Row, everyone, no_args

ROWS: list = [
    # The published decisions and their open data are public.
    Row("grants:decisions", no_args, everyone(200)),
    Row("grants:decisions_csv", no_args, everyone(200)),
    Row("grants:decisions_json", no_args, everyone(200)),
    Row("api-grants-awards", no_args, everyone(200)),
]
