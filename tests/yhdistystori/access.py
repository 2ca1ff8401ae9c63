"""The shared layer's rows of the authorization matrix (tests/test_authorization.py):
site pages, accounts and the desk's own pages."""

from tests.authorization import DONE, Row, everyone, liaisons_only, no_args, signed_in

ROWS = [
    # Public pages: the same for everyone.
    Row("home", no_args, everyone(200)),
    Row("accessibility", no_args, everyone(200)),
    Row("privacy", no_args, everyone(200)),
    Row("feedback", no_args, everyone(200)),
    Row("healthz", no_args, everyone(200)),
    Row("readyz", no_args, everyone(200)),
    # Accounts.
    Row("account_login", no_args, signed_in(302, anonymous=200)),
    Row("my_page", no_args, signed_in(200)),
    Row("my_language", no_args, signed_in(DONE), method="post", data=lambda w: {"language": "sv"}),
    Row("account_delete", no_args, signed_in(200)),
    # The desk: the queue and the email settings, for each role that decides a kind of item
    # (the facilities managers answer booking requests there).
    Row("moderation:queue", no_args, {**liaisons_only(), "facilities_manager": 200}),
    Row("moderation:email_settings", no_args, {**liaisons_only(), "facilities_manager": 200}),
]
