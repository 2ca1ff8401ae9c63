"""The rows of the city's support in money and in kind in the authorization matrix
(tests/test_authorization.py)."""

from tests.authorization import Row, everyone, no_args

ROWS: list = [
    # The support figures are public, as the grant decisions they are drawn from.
    Row("grants:support", no_args, everyone(200)),
    Row("grants:support_csv", no_args, everyone(200)),
]
