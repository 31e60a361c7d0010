"""Settings come from the environment only; see .env.example for every variable.

Two places the app runs. Locally (no DATABASE_URL: `manage.py demo`, `serve`, the tests) it uses an
embedded PostgreSQL in `.data/`, keeps a generated secret key there, allows loopback hosts and
speaks plain http. In production (DATABASE_URL set) it refuses to start without SECRET_KEY and
ALLOWED_HOSTS and turns on HTTPS. DEBUG is off in both unless DEBUG=1: the demo is the product as
readers get it (friendly error pages, hashed static files), and DEBUG=1 is the developer mode.
"""

from __future__ import annotations

import os
import secrets
from datetime import timedelta
from pathlib import Path

import dj_database_url
from django.core.exceptions import ImproperlyConfigured
from django.utils.csp import CSP

from coverage_app.embeds import FRAME_ORIGINS

BASE_DIR = Path(__file__).resolve().parent.parent
# Git-ignored: the embedded cluster, the local secret key and uploaded media live here.
DATA_DIR = Path(os.environ.get("LIVEBLOG_DATA_DIR", BASE_DIR / ".data"))

TRUE_WORDS = {"1", "true", "yes", "on"}
FALSE_WORDS = {"0", "false", "no", "off"}


def env_bool(name: str, *, default: bool) -> bool:
    value = os.environ.get(name, "").strip().lower()
    if not value:
        return default
    if value in TRUE_WORDS:
        return True
    if value in FALSE_WORDS:
        return False
    raise ImproperlyConfigured(f"{name} must be one of 1/0/true/false/yes/no, not {value!r}")


def env_list(name: str) -> list[str]:
    return [item.strip() for item in os.environ.get(name, "").split(",") if item.strip()]


DATABASE_URL = os.environ.get("DATABASE_URL", "")
# One machine on loopback, on the embedded database: no TLS, a generated key is good enough.
LOCAL = not DATABASE_URL
DEBUG = env_bool("DEBUG", default=False)


def secret_key() -> str:
    if key := os.environ.get("SECRET_KEY"):
        return key
    if not (DEBUG or LOCAL):
        raise ImproperlyConfigured("SECRET_KEY must be set when DEBUG is off.")
    # Local runs only: one generated key, kept so that sessions survive a restart.
    path = DATA_DIR / "secret_key"
    if not path.exists():
        DATA_DIR.mkdir(parents=True, exist_ok=True)
        path.write_text(secrets.token_urlsafe(50))
        path.chmod(0o600)
    return path.read_text().strip()


SECRET_KEY = secret_key()

ALLOWED_HOSTS = env_list("ALLOWED_HOSTS")
if not ALLOWED_HOSTS:
    if not (DEBUG or LOCAL):
        raise ImproperlyConfigured("ALLOWED_HOSTS must be set when DEBUG is off.")
    ALLOWED_HOSTS = ["127.0.0.1", "localhost", "[::1]"]
CSRF_TRUSTED_ORIGINS = env_list("CSRF_TRUSTED_ORIGINS")

SITE_NAME = os.environ.get("SITE_NAME", "The Ledger")
# The publisher in structured data (search engines show it with the coverage): an absolute URL, or a
# path under STATIC_URL.
PUBLISHER_LOGO = os.environ.get("PUBLISHER_LOGO", "img/logo.png")
# Who may frame /live/<slug>/embed/ (CSP frame-ancestors sources; "*" is any site). Every other page
# stays unframeable.
EMBED_FRAME_ANCESTORS = env_list("EMBED_FRAME_ANCESTORS") or ["*"]
# The "why you can trust us" note beside every live page.
TRUST_NOTE = os.environ.get(
    "TRUST_NOTE",
    "Every post here is written or checked by our journalists. We correct mistakes openly: an edited "
    "post says when it was updated, and we say what we do not yet know.",
)

# Shown to readers' scripts in the hello frame: a page rendered by another release reloads.
RELEASE = os.environ.get("RELEASE", "0.1.0")

INSTALLED_APPS = [
    "django.contrib.admin",
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    "django.contrib.staticfiles",
    # allauth's sessions page does {% load humanize %} (naturaltime of "last seen").
    "django.contrib.humanize",
    "django_htmx",
    "channels",
    "coverage_app",
    "coverage_app.accounts",
    "coverage_app.ops",
    "allauth",
    "allauth.account",
    "allauth.mfa",
    "allauth.usersessions",
    "axes",
]

MIDDLEWARE = [
    # First: a request id for every line logged while answering, and the request metrics.
    "coverage_app.observability.RequestMiddleware",
    # Compresses what the middleware below has finished. The cached reader page and the changes
    # API are compressed once, ahead of Django (liveblog/fastpath.py).
    "liveblog.middleware.GZipTextMiddleware",
    # Before anything reads a form: a write whose text is not UTF-8 is a 400, not U+FFFD saved.
    "liveblog.middleware.RefuseTextNotUtf8Middleware",
    "django.middleware.security.SecurityMiddleware",
    "django.middleware.csp.ContentSecurityPolicyMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    "django.middleware.common.CommonMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
    "django_htmx.middleware.HtmxMiddleware",
    "coverage_app.middleware.NewsroomLocaleMiddleware",
    "allauth.account.middleware.AccountMiddleware",
    "allauth.usersessions.middleware.UserSessionsMiddleware",
    # Sends people who must have a second factor and have none to set one up, on every page.
    "coverage_app.accounts.middleware.SecondFactorRequiredMiddleware",
    # Last: it turns a lock found during authenticate() into the lock page.
    "axes.middleware.AxesMiddleware",
]

ROOT_URLCONF = "liveblog.urls"
ASGI_APPLICATION = "liveblog.asgi.application"

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
                "django.template.context_processors.csp",
            ],
        },
    },
]

if DATABASE_URL:
    DATABASES = {"default": dj_database_url.parse(DATABASE_URL, conn_health_checks=True)}
else:
    EMBEDDED_POSTGRES_DIR = DATA_DIR / "postgres"
    DATABASES = {
        "default": {
            "ENGINE": "liveblog.embedded_postgres_backend",
            "NAME": "liveblog",
            "USER": "postgres",
        }
    }

# A pool of connections per process (psycopg_pool). Without one, Django opens a new Postgres
# connection (a server process forked) for every request and, through Channels closing connections
# around each consumer handler, for every reader that connects: that capped a whole machine at about
# 65 reader connects a second, whatever the number of workers (bench/run.py, docs/scaling.md).
# Reader sockets use none of these (the hub has its own connections). On by default (8 a process);
# 0 turns it off. After a Postgres restart the pool replaces its broken connections (each is
# checked before use, CONN_HEALTH_CHECKS) and tests/test_database_down.py passes with it.
DATABASE_POOL_SIZE = int(os.environ.get("DATABASE_POOL_SIZE", "8"))
DATABASES["default"]["CONN_HEALTH_CHECKS"] = True  # a reused connection is checked before use
if DATABASE_POOL_SIZE > 0:
    DATABASES["default"].setdefault("OPTIONS", {})["pool"] = {
        "min_size": 1,
        "max_size": DATABASE_POOL_SIZE,
        # Past this, a request that needs the database gets Django's OperationalError (503 where
        # the views say so) rather than waiting on a database that is down.
        "timeout": 5,
    }

# The hub's bus: Postgres LISTEN/NOTIFY unless a deployment brings Redis for it (and for the cache).
REDIS_URL = os.environ.get("REDIS_URL", "")
if REDIS_URL:
    CACHES = {"default": {"BACKEND": "django.core.cache.backends.redis.RedisCache", "LOCATION": REDIS_URL}}
else:
    CACHES = {"default": {"BACKEND": "django.core.cache.backends.locmem.LocMemCache"}}

DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"

AUTH_PASSWORD_VALIDATORS = [
    {"NAME": "django.contrib.auth.password_validation.UserAttributeSimilarityValidator"},
    {"NAME": "django.contrib.auth.password_validation.MinimumLengthValidator"},
    {"NAME": "django.contrib.auth.password_validation.CommonPasswordValidator"},
]
LOGIN_URL = "newsroom:login"
LOGIN_REDIRECT_URL = "newsroom:home"
LOGOUT_REDIRECT_URL = "newsroom:login"

# Every sign-in (newsroom, admin, reauthentication) goes through authenticate(), and the lock's
# backend comes first, so no form can skip it.
AUTHENTICATION_BACKENDS = [
    "axes.backends.AxesStandaloneBackend",
    "allauth.account.auth_backends.AuthenticationBackend",
]

# The sign-in lock (django-axes): its state is in the database, so it holds across every worker
# process and machine without Redis. A lock is per (username, address) pair: a stranger's wrong
# passwords lock only the stranger, never the editor signing in from the newsroom.
AXES_FAILURE_LIMIT = int(os.environ.get("SIGNIN_FAILURE_LIMIT", "5"))
AXES_COOLOFF_TIME = timedelta(minutes=int(os.environ.get("SIGNIN_LOCK_MINUTES", "15")))
AXES_LOCKOUT_PARAMETERS = [["username", "ip_address"]]
AXES_RESET_ON_SUCCESS = True
AXES_USERNAME_CALLABLE = "coverage_app.accounts.signin.username_for_lock"
AXES_LOCKOUT_CALLABLE = "coverage_app.accounts.signin.locked_out"
AXES_HANDLER = "axes.handlers.database.AxesDatabaseHandler"
AXES_VERBOSE = False

# Accounts (django-allauth): sign in by username or email; nobody signs up, editors invite.
ACCOUNT_ADAPTER = "coverage_app.accounts.adapter.AccountAdapter"
ACCOUNT_LOGIN_METHODS = {"username", "email"}
ACCOUNT_SIGNUP_FIELDS = ["email*", "username*", "password1*", "password2*"]
ACCOUNT_EMAIL_VERIFICATION = "none"  # addresses come from an editor's invitation
ACCOUNT_FORMS = {"login": "coverage_app.accounts.forms.LoginForm"}
ACCOUNT_SESSION_REMEMBER = None
ACCOUNT_LOGOUT_ON_PASSWORD_CHANGE = False
# The lock above replaces allauth's cache-based per-username limit, which let anyone lock anyone.
ACCOUNT_RATE_LIMITS = {"login_failed": None}
PASSWORD_RESET_TIMEOUT = 60 * 60 * 24  # a reset link works for a day

# Second factors (allauth.mfa): passkeys, authenticator apps (TOTP) and one-time recovery codes.
MFA_ADAPTER = "coverage_app.accounts.adapter.MFAAdapter"
MFA_SUPPORTED_TYPES = ["totp", "recovery_codes", "webauthn"]
MFA_PASSKEY_LOGIN_ENABLED = True
MFA_TOTP_ISSUER = SITE_NAME
MFA_RECOVERY_CODE_COUNT = 10
# Browsers treat http://127.0.0.1 and localhost as secure for passkeys; production is https only.
MFA_WEBAUTHN_ALLOW_INSECURE_ORIGIN = DEBUG or LOCAL
# Who must have a second factor before the newsroom or the admin opens: "none", "editors" (and
# staff) or "everyone". Production defaults to editors; the embedded demo to none (README).
SECOND_FACTOR_REQUIRED = (
    os.environ.get("SECOND_FACTOR_REQUIRED", "none" if DEBUG or LOCAL else "editors").strip().lower()
)
if SECOND_FACTOR_REQUIRED not in {"none", "editors", "everyone"}:
    raise ImproperlyConfigured("SECOND_FACTOR_REQUIRED must be none, editors or everyone")

# Mail: invitations and password resets. The demo prints mail to the console; production sends
# through SMTP (EMAIL_HOST and friends) or any backend named in EMAIL_BACKEND.
EMAIL_BACKEND_NAME = os.environ.get(
    "EMAIL_BACKEND",
    "django.core.mail.backends.smtp.EmailBackend"
    if os.environ.get("EMAIL_HOST") or not (DEBUG or LOCAL)
    else "django.core.mail.backends.console.EmailBackend",
)
if EMAIL_BACKEND_NAME.endswith("smtp.EmailBackend"):
    MAIL_OPTIONS = {
        "host": os.environ.get("EMAIL_HOST", "localhost"),
        "port": int(os.environ.get("EMAIL_PORT", "587")),
        "username": os.environ.get("EMAIL_HOST_USER", ""),
        "password": os.environ.get("EMAIL_HOST_PASSWORD", ""),
        "use_tls": env_bool("EMAIL_USE_TLS", default=True),
        "timeout": 10,
    }
elif EMAIL_BACKEND_NAME.endswith("filebased.EmailBackend"):
    MAIL_OPTIONS = {"file_path": os.environ.get("EMAIL_FILE_PATH", str(DATA_DIR / "mail"))}
else:
    MAIL_OPTIONS = {}
MAILERS = {"default": {"BACKEND": EMAIL_BACKEND_NAME, "OPTIONS": MAIL_OPTIONS}}
DEFAULT_FROM_EMAIL = os.environ.get("DEFAULT_FROM_EMAIL", "newsroom@localhost")
# An invitation link works this many days.
INVITATION_DAYS = int(os.environ.get("INVITATION_DAYS", "7"))

LANGUAGE_CODE = "en-gb"
# The languages an event can be covered in (docs/languages.md says how to add one); each has a
# catalogue in locale/. The reader side speaks the event's language, the newsroom each user's own.
LANGUAGES = [("en", "English"), ("es", "Español"), ("de", "Deutsch"), ("fr", "Français"), ("ar", "العربية")]
LOCALE_PATHS = [BASE_DIR / "locale"]
EVENT_LANGUAGE = os.environ.get("EVENT_LANGUAGE", "en")  # a new event's language unless the editor picks one
TIME_ZONE = os.environ.get("TIME_ZONE", "Europe/London")
USE_I18N = True
USE_TZ = True

STATIC_URL = "static/"
STATICFILES_DIRS = [BASE_DIR / "static"]
STATIC_ROOT = Path(os.environ.get("STATIC_ROOT", BASE_DIR / "staticfiles"))
# Content-hashed names (site.3f2a9c1e7b4d.css): a release's CSS and JS are new URLs, so browsers
# and CDNs may keep each file for a year. `serve` and `demo` collect them when they are missing or
# older than the sources; the app serves them itself (liveblog/fastpath.py) unless a proxy does.
STORAGES = {
    "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
    "staticfiles": {"BACKEND": "django.contrib.staticfiles.storage.ManifestStaticFilesStorage"},
}
MEDIA_URL = "media/"
MEDIA_ROOT = Path(os.environ.get("MEDIA_ROOT", DATA_DIR / "media"))
# Behind nginx: the app checks who may see a file and answers with X-Accel-Redirect to this
# internal location (deploy/nginx.conf), so nginx sends the bytes. Empty: the app sends them.
MEDIA_ACCEL_REDIRECT = os.environ.get("MEDIA_ACCEL_REDIRECT", "")

# No inline script or style anywhere: scripts are files (a nonce is there for any that must be
# inline), embeds only from the players and maps embeds.py allows.
SECURE_CSP = {
    "default-src": [CSP.SELF],
    "script-src": [CSP.SELF, CSP.NONCE],
    "style-src": [CSP.SELF],
    "img-src": [CSP.SELF, "data:"],
    "media-src": [CSP.SELF],
    "frame-src": list(FRAME_ORIGINS),
    "connect-src": [CSP.SELF],
    "object-src": [CSP.NONE],
    "base-uri": [CSP.SELF],
    "form-action": [CSP.SELF],
    "frame-ancestors": [CSP.NONE],
}
# Reader pages are one copy for every reader (cached in the process, the proxy and a CDN), so they
# carry no nonce: their scripts are files ('self'), and an inline one would need its hash here.
READER_CSP = SECURE_CSP | {"script-src": [CSP.SELF]}

# Readers' sockets carry only tiny control messages; anything larger is refused by the server.
WEBSOCKET_MAX_MESSAGE_BYTES = 1024

# LOG_FORMAT=json: every line one JSON object, with one line per request (liveblog.request) and per
# reader socket session (liveblog.socket); every line carries the request id (X-Request-ID).
LOG_FORMAT = os.environ.get("LOG_FORMAT", "text").strip().lower()
if LOG_FORMAT not in {"text", "json"}:
    raise ImproperlyConfigured("LOG_FORMAT must be text or json")
LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    "filters": {"request_id": {"()": "coverage_app.observability.RequestIdFilter"}},
    "formatters": {
        "json": {"()": "coverage_app.observability.JsonFormatter"},
        "text": {"format": "%(levelname)s %(name)s %(message)s"},
    },
    "handlers": {
        "console": {"class": "logging.StreamHandler", "filters": ["request_id"], "formatter": LOG_FORMAT},
    },
    "loggers": {
        "coverage_app": {"handlers": ["console"], "level": "INFO"},
        # The per-request and per-socket lines are for structured logs; uvicorn's access log is the text one.
        "liveblog": {"handlers": ["console"], "level": "INFO" if LOG_FORMAT == "json" else "WARNING"},
        "django": {"handlers": ["console"], "level": "WARNING", "propagate": False} if LOG_FORMAT == "json" else {},
        "axes": {"handlers": ["console"], "level": "WARNING"},
    },
}

# /metrics answers only a scraper sending "Authorization: Bearer <METRICS_TOKEN>"; unset: 404.
METRICS_TOKEN = os.environ.get("METRICS_TOKEN", "")
# How often each server process records its reader counts for the desk's "reading now".
READER_COUNT_SECONDS = float(os.environ.get("READER_COUNT_SECONDS", "5"))

if not (DEBUG or LOCAL):
    # Behind a proxy that terminates TLS and says so in X-Forwarded-Proto.
    SECURE_PROXY_SSL_HEADER = ("HTTP_X_FORWARDED_PROTO", "https")
    SECURE_SSL_REDIRECT = env_bool("SECURE_SSL_REDIRECT", default=True)
    SESSION_COOKIE_SECURE = True
    CSRF_COOKIE_SECURE = True
    SECURE_HSTS_SECONDS = 60 * 60 * 24 * 365
    SECURE_HSTS_INCLUDE_SUBDOMAINS = True
    SECURE_HSTS_PRELOAD = True

# The in-process page cache re-reads an event's seq at most this often: a new change reaches a
# newly arriving reader's first page within about this long (its socket then catches up by seq).
LIVE_PAGE_RECHECK_SECONDS = float(os.environ.get("LIVE_PAGE_RECHECK_SECONDS", "1"))

# Readers are told the head this often; one behind it reconnects and catches up.
LIVE_HEARTBEAT_SECONDS = float(os.environ.get("LIVE_HEARTBEAT_SECONDS", "15"))
# Reader sockets one client address may hold per process (a household or office behind one NAT),
# and in all per process; over either the socket is refused with 4429 / 4503 and the page polls.
# The address is the peer's, or X-Forwarded-For's only when serving with --proxy.
LIVE_MAX_SOCKETS_PER_CLIENT = int(os.environ.get("LIVE_MAX_SOCKETS_PER_CLIENT", "20"))
LIVE_MAX_SOCKETS = int(os.environ.get("LIVE_MAX_SOCKETS", "10000"))
# A reader whose socket takes nothing for this long (its buffer stays full) is closed with 1013.
LIVE_SLOW_READER_SECONDS = float(os.environ.get("LIVE_SLOW_READER_SECONDS", "15"))
# The kernel's send buffer per reader socket (Linux doubles it); 0 leaves the kernel's autotuning.
LIVE_SOCKET_SEND_BUFFER_BYTES = int(os.environ.get("LIVE_SOCKET_SEND_BUFFER_BYTES", "262144"))
# The hub restarts a connection that has not proved itself for this long; /healthz answers 503 once
# the hub has not been listening (or reading) for LIVE_HUB_STALE_SECONDS.
LIVE_HUB_WATCHDOG_SECONDS = float(os.environ.get("LIVE_HUB_WATCHDOG_SECONDS", "5"))
LIVE_HUB_STALE_SECONDS = float(os.environ.get("LIVE_HUB_STALE_SECONDS", "5"))
