"""Settings for Kizuna, read from the environment in this one place.

With no environment set, Kizuna runs embedded: SQLite, an in-memory channel layer and
Celery tasks run eagerly in-process. DATABASE_URL and REDIS_URL switch to the real
services; the code is the same in both modes.
"""

import json
import secrets
import warnings
from datetime import timedelta
from pathlib import Path

import environ

BASE_DIR = Path(__file__).resolve().parent.parent
VAR_DIR = BASE_DIR / "var"

env = environ.Env()


def _secret_key() -> str:
    """Use DJANGO_SECRET_KEY, else a key kept in var/ so embedded sessions survive restarts."""
    configured = env.str("DJANGO_SECRET_KEY", default="")
    if configured:
        return configured
    VAR_DIR.mkdir(exist_ok=True)
    key_file = VAR_DIR / "secret_key"
    if not key_file.exists():
        key_file.write_text(secrets.token_urlsafe(50))
        key_file.chmod(0o600)
    return key_file.read_text().strip()


SECRET_KEY = _secret_key()
DEBUG = env.bool("DJANGO_DEBUG", default=False)
ALLOWED_HOSTS = env.list("DJANGO_ALLOWED_HOSTS", default=["localhost", "127.0.0.1", "[::1]"])
CSRF_TRUSTED_ORIGINS = env.list("DJANGO_CSRF_TRUSTED_ORIGINS", default=[])

INSTALLED_APPS = [
    "django.contrib.admin",
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    "whitenoise.runserver_nostatic",
    "django.contrib.staticfiles",
    "channels",
    "rest_framework",
    "drf_spectacular",
    "accounts",
    "counseling",
    "queues",
    "triage",
    "supervision",
    # Two-factor login (accounts/two_factor.py) and lockout after failed logins.
    "django_otp",
    "django_otp.plugins.otp_totp",
    "django_otp.plugins.otp_static",
    "axes",
]

MIDDLEWARE = [
    "config.middleware.CloseConnectionsAfterRequest",
    "django.middleware.security.SecurityMiddleware",
    "whitenoise.middleware.WhiteNoiseMiddleware",
    "config.middleware.NothingStoredByDefault",
    "django.contrib.sessions.middleware.SessionMiddleware",
    "django.middleware.locale.LocaleMiddleware",
    "django.middleware.common.CommonMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    "django_otp.middleware.OTPMiddleware",
    "accounts.middleware.StaffSessionMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
    "csp.middleware.CSPMiddleware",
    # Last, as django-axes asks: it turns a lockout into the "paused" page.
    "axes.middleware.AxesMiddleware",
]

ROOT_URLCONF = "config.urls"
ASGI_APPLICATION = "config.asgi.application"

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
                "counseling.context_processors.service",
            ],
        },
    },
]

# --- Data stores -------------------------------------------------------------------

VAR_DIR.mkdir(exist_ok=True)
DATABASES = {
    "default": env.db_url("DATABASE_URL", default=f"sqlite:///{VAR_DIR / 'kizuna.sqlite3'}"),
}
# Long-lived for websocket consumers and workers; HTTP requests close theirs (see
# config/middleware.py).
DATABASES["default"]["CONN_MAX_AGE"] = env.int("DATABASE_CONN_MAX_AGE", default=60)
DATABASES["default"]["CONN_HEALTH_CHECKS"] = True
if DATABASES["default"]["ENGINE"] == "django.db.backends.sqlite3":
    # Several threads (the ASGI server's sync workers) write at once in embedded mode.
    DATABASES["default"]["OPTIONS"] = {"timeout": 20, "transaction_mode": "IMMEDIATE"}
DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"

REDIS_URL = env.str("REDIS_URL", default="")

if REDIS_URL:
    # The pub/sub layer: the default RedisChannelLayer exhausts redis-py's pool at
    # ~100 active consumers (see DESIGN.md, "Measured pitfalls").
    CHANNEL_LAYERS = {
        "default": {
            "BACKEND": "channels_redis.pubsub.RedisPubSubChannelLayer",
            # Deployments (and test runs) sharing one Redis must not hear each other.
            "CONFIG": {
                "hosts": [REDIS_URL],
                "prefix": env.str("KIZUNA_CHANNEL_PREFIX", default="kizuna"),
            },
        }
    }
    CACHES = {
        "default": {
            "BACKEND": "django.core.cache.backends.redis.RedisCache",
            "LOCATION": REDIS_URL,
            # Deployments (and test runs) sharing a Redis keep their keys apart.
            "KEY_PREFIX": env.str("KIZUNA_CHANNEL_PREFIX", default="kizuna"),
            # JSON values: writing to Redis is not running code here (config/cache.py).
            "OPTIONS": {"serializer": "config.cache.JsonSerializer"},
            # Version 2 since the JSON serializer: the signed pickles an earlier release
            # left under version 1 are never read (they expire on their own).
            "VERSION": 2,
        }
    }
else:
    CHANNEL_LAYERS = {"default": {"BACKEND": "channels.layers.InMemoryChannelLayer"}}
    CACHES = {"default": {"BACKEND": "django.core.cache.backends.locmem.LocMemCache"}}

# --- Celery ------------------------------------------------------------------------

CELERY_BROKER_URL = REDIS_URL or "memory://"
CELERY_RESULT_BACKEND = REDIS_URL or "cache+memory://"
CELERY_TASK_ALWAYS_EAGER = env.bool("CELERY_TASK_ALWAYS_EAGER", default=not REDIS_URL)
CELERY_TASK_EAGER_PROPAGATES = True
CELERY_TASK_SERIALIZER = "json"
CELERY_RESULT_SERIALIZER = "json"
CELERY_ACCEPT_CONTENT = ["json"]
CELERY_TASK_ACKS_LATE = True
CELERY_TASK_REJECT_ON_WORKER_LOST = True
CELERY_WORKER_PREFETCH_MULTIPLIER = 1
# Celery would otherwise open a new database connection for every task; config/celery.py
# keeps them as Django does for requests (CONN_MAX_AGE, health checks).
CELERY_DB_REUSE_MAX = 1_000_000_000
CELERY_TASK_SOFT_TIME_LIMIT = env.int("CELERY_TASK_SOFT_TIME_LIMIT", default=20)
CELERY_TASK_TIME_LIMIT = env.int("CELERY_TASK_TIME_LIMIT", default=30)
CELERY_RESULT_EXPIRES = 3600
# A late-acked task that was never acknowledged (its worker died) comes back after this
# long (Redis). While it waits, the help-seeker's words wait unscored in the queue, so it
# is short; it must still outlast the longest task, or a slow one would run twice at once
# (a worker prefetches only what it runs: CELERY_WORKER_PREFETCH_MULTIPLIER = 1).
_visibility_timeout = env.int("CELERY_VISIBILITY_TIMEOUT", default=60)
if _visibility_timeout <= CELERY_TASK_TIME_LIMIT:
    # Tests of a killed worker set it to seconds on purpose; anywhere else it is a mistake.
    warnings.warn(
        "CELERY_VISIBILITY_TIMEOUT is not above CELERY_TASK_TIME_LIMIT: a slow task may run"
        " twice at once",
        stacklevel=1,
    )
CELERY_BROKER_TRANSPORT_OPTIONS = {"visibility_timeout": _visibility_timeout}
CELERY_BROKER_CONNECTION_RETRY_ON_STARTUP = True
CELERY_TIMEZONE = "UTC"
CELERY_TASK_DEFAULT_QUEUE = env.str("KIZUNA_CELERY_QUEUE", default="kizuna")
CELERY_BEAT_SCHEDULE = {
    # Messages whose scoring task never reached the broker are queued again.
    "triage-assess-unscored": {"task": "triage.tasks.assess_unscored", "schedule": 30.0},
    # Conversations of counselors gone longer than the grace period return to the queue.
    "queues-requeue-dropped": {"task": "queues.tasks.requeue_dropped", "schedule": 30.0},
    # Waiting-too-long and silent-counselor alerts are raised (and resolved) by a scan.
    "queues-scan-alerts": {"task": "queues.tasks.scan_alerts", "schedule": 15.0},
    # Waiting conversations nobody has had a page open on for a while leave the queue.
    "counseling-abandon-unattended": {
        "task": "counseling.tasks.abandon_unattended",
        "schedule": 60.0,
    },
    # Transcripts past KIZUNA_RETENTION_DAYS lose their words (reports keep their figures).
    # Research exports nobody downloaded lose their zip a day after they were asked for.
    "supervision-purge-research-exports": {
        "task": "supervision.tasks.purge_research_exports",
        "schedule": 3600.0,
    },
    "counseling-purge-transcripts": {
        "task": "counseling.tasks.purge_transcripts",
        "schedule": 3600.0,
    },
}

# --- Auth, sessions, security -------------------------------------------------------

AUTH_USER_MODEL = "accounts.User"
LOGIN_URL = "accounts:login"
LOGIN_REDIRECT_URL = "counseling:console"
LOGOUT_REDIRECT_URL = "accounts:login"
# Axes first: it refuses locked-out usernames before a password is even checked.
AUTHENTICATION_BACKENDS = [
    "axes.backends.AxesStandaloneBackend",
    "django.contrib.auth.backends.ModelBackend",
]


def _totp_issuer(device: object) -> str:
    """The name authenticator apps show beside the code: the service's own."""
    return str(KIZUNA["SERVICE_NAME"])


OTP_TOTP_ISSUER = _totp_issuer
# Lockout (django-axes) by username only: we store no client addresses (accounts/lockout.py
# also keeps the browser string out of its records).
AXES_LOCKOUT_PARAMETERS = ["username"]
AXES_FAILURE_LIMIT = env.int("KIZUNA_LOGIN_FAILURE_LIMIT", default=5)
AXES_COOLOFF_TIME = timedelta(minutes=env.int("KIZUNA_LOGIN_LOCKOUT_MINUTES", default=15))
AXES_RESET_ON_SUCCESS = True
AXES_CLIENT_IP_CALLABLE = "accounts.lockout.no_client_address"
AXES_HANDLER = "accounts.lockout.LockoutHandler"
AXES_LOCKOUT_CALLABLE = "accounts.lockout.lockout_response"
AXES_DISABLE_ACCESS_LOG = True
AXES_ENABLE_ACCESS_FAILURE_LOG = False
AXES_SENSITIVE_PARAMETERS = ["username", "ip_address", "code"]
# Axes warns that without the address rotating browsers escapes a lockout; ours counts
# failures per username whatever the browser, and addresses are not ours to keep.
SILENCED_SYSTEM_CHECKS = ["axes.W006"]
AUTH_PASSWORD_VALIDATORS = [
    {"NAME": "django.contrib.auth.password_validation.UserAttributeSimilarityValidator"},
    {
        "NAME": "django.contrib.auth.password_validation.MinimumLengthValidator",
        "OPTIONS": {"min_length": 12},
    },
    {"NAME": "django.contrib.auth.password_validation.CommonPasswordValidator"},
    {"NAME": "django.contrib.auth.password_validation.NumericPasswordValidator"},
]

SECURE_DEPLOYMENT = env.bool("DJANGO_SECURE", default=False)
SESSION_COOKIE_HTTPONLY = True
SESSION_COOKIE_SAMESITE = "Lax"
SESSION_COOKIE_AGE = env.int("KIZUNA_STAFF_SESSION_SECONDS", default=8 * 3600)
SESSION_COOKIE_SECURE = SECURE_DEPLOYMENT
CSRF_COOKIE_SECURE = SECURE_DEPLOYMENT
SECURE_SSL_REDIRECT = SECURE_DEPLOYMENT
SECURE_HSTS_SECONDS = 31536000 if SECURE_DEPLOYMENT else 0
SECURE_HSTS_INCLUDE_SUBDOMAINS = SECURE_DEPLOYMENT
# Preloading puts the domain in browsers' built-in lists, hard to undo: each deployment
# opts in knowingly (issue 14, finding 13).
SECURE_HSTS_PRELOAD = env.bool("DJANGO_HSTS_PRELOAD", default=False)
if not SECURE_HSTS_PRELOAD:
    SILENCED_SYSTEM_CHECKS.append("security.W021")  # preload is the deployment's choice
SECURE_PROXY_SSL_HEADER = ("HTTP_X_FORWARDED_PROTO", "https") if SECURE_DEPLOYMENT else None
# same-origin: other sites (the quick-exit target too) learn nothing; our own form posts
# keep their Origin, which CSRF checks need (with no-referrer Chromium sends "null").
SECURE_REFERRER_POLICY = "same-origin"
SECURE_CONTENT_TYPE_NOSNIFF = True
X_FRAME_OPTIONS = "DENY"
# Content-Security-Policy (django-csp): our own files only, no inline script or style, no
# framing, forms post only to us. Pages put data for scripts in <script
# type="application/json"> blocks (json_script), which are not run and need no exception.
CONTENT_SECURITY_POLICY = {
    "DIRECTIVES": {
        "default-src": ["'self'"],
        "script-src": ["'self'"],
        "style-src": ["'self'"],
        "img-src": ["'self'", "data:"],
        # 'self' covers ws(s):// to this host in current browsers.
        "connect-src": ["'self'"],
        "font-src": ["'self'"],
        "object-src": ["'none'"],
        "base-uri": ["'none'"],
        "frame-ancestors": ["'none'"],
        "form-action": ["'self'"],
    },
}

# --- Internationalisation -----------------------------------------------------------

LANGUAGE_CODE = "en"
LANGUAGES = [("en", "English"), ("ja", "日本語")]
LOCALE_PATHS = [BASE_DIR / "locale"]
USE_I18N = True
TIME_ZONE = env.str("KIZUNA_TIME_ZONE", default="UTC")
USE_TZ = True

# --- Static files -------------------------------------------------------------------

STATIC_URL = "/static/"
STATIC_ROOT = VAR_DIR / "staticfiles"
STATIC_ROOT.mkdir(exist_ok=True)
STATICFILES_DIRS = [BASE_DIR / "static"]
# Serve straight from static/ so the embedded mode needs no collectstatic step; where
# collectstatic runs (the Docker image), files are also stored gzip- and brotli-compressed.
WHITENOISE_USE_FINDERS = True
STORAGES = {
    "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
    "staticfiles": {"BACKEND": "whitenoise.storage.CompressedStaticFilesStorage"},
}
# WhiteNoise streams files synchronously; under ASGI Django says so on every file. The
# files are small and cached by browsers, so the cost is known and accepted.
warnings.filterwarnings("ignore", message="StreamingHttpResponse must consume synchronous")

# --- REST framework -----------------------------------------------------------------

REST_FRAMEWORK = {
    "DEFAULT_AUTHENTICATION_CLASSES": ["rest_framework.authentication.SessionAuthentication"],
    "DEFAULT_PERMISSION_CLASSES": ["rest_framework.permissions.IsAuthenticated"],
    "DEFAULT_SCHEMA_CLASS": "drf_spectacular.openapi.AutoSchema",
}
SPECTACULAR_SETTINGS = {
    "TITLE": "Kizuna staff API",
    "DESCRIPTION": "Dashboard figures, reports, staffing and saved replies, for staff.",
    "VERSION": "1",
    # The schema is for staff too: it describes what exists, and who may use it.
    "SERVE_PERMISSIONS": [
        "rest_framework.permissions.IsAuthenticated",
        "counseling.api.IsCounselor",
    ],
    "SERVE_INCLUDE_SCHEMA": False,
}

# --- Logging: never a help-seeker's address ----------------------------------------

LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    "filters": {"no_addresses": {"()": "config.logging.RedactClientAddresses"}},
    "formatters": {"plain": {"format": "%(asctime)s %(levelname)s %(name)s %(message)s"}},
    "handlers": {
        "console": {
            "class": "logging.StreamHandler",
            "formatter": "plain",
            "filters": ["no_addresses"],
        }
    },
    "root": {"handlers": ["console"], "level": env.str("KIZUNA_LOG_LEVEL", default="INFO")},
    "loggers": {
        # Access logs are nothing but client addresses and paths: off entirely.
        "uvicorn.access": {"handlers": [], "level": "CRITICAL", "propagate": False},
        "daphne.access": {"handlers": [], "level": "CRITICAL", "propagate": False},
        # The servers' own loggers go through our redacting handler instead of theirs.
        "uvicorn": {"handlers": ["console"], "level": "INFO", "propagate": False},
        "daphne": {"handlers": ["console"], "level": "INFO", "propagate": False},
    },
}

# --- Kizuna: deployment facts -------------------------------------------------------

KIZUNA = {
    "SERVICE_NAME": env.str("KIZUNA_SERVICE_NAME", default="Kizuna"),
    # Two-factor login (TOTP app + one-time recovery codes) is always required of
    # supervisors and admins; for counselors unless a deployment turns this off.
    "COUNSELOR_2FA": env.bool("KIZUNA_COUNSELOR_2FA", default=True),
    # A staff session with no page or console activity for this long ends, sockets included.
    "STAFF_IDLE_SECONDS": env.int("KIZUNA_STAFF_IDLE_SECONDS", default=1800),
    # Origins (scheme://host[:port]) whose pages may open our websockets besides the one a
    # socket is opened on (config/origin.py), e.g. when a proxy rewrites the Host header.
    "ORIGINS": env.list("KIZUNA_ORIGINS", default=[]),
    "MESSAGE_MAX_CHARS": env.int("KIZUNA_MESSAGE_MAX_CHARS", default=2000),
    # How long a help-seeker's browser can return to the same conversation.
    "SEEKER_RESUME_HOURS": env.int("KIZUNA_SEEKER_RESUME_HOURS", default=24),
    "SEEKER_COOKIE_NAME": "kizuna_seeker",
    # How long report figures for a running period are reused (supervision/reports/).
    "REPORT_CACHE_SECONDS": env.int("KIZUNA_REPORT_CACHE_SECONDS", default=60),
    # Run Celery beat's periodic tasks inside the web process (config/embedded.py): for
    # `make run`, which has no broker. Never with a real beat, or tasks would run twice.
    "EMBEDDED_BEAT": env.bool("KIZUNA_EMBEDDED_BEAT", default=False),
    # Set only when a help-seeker lets counselors see their earlier conversations from
    # this browser; it lives as long as transcripts are kept (RETENTION_DAYS).
    "DEVICE_COOKIE_NAME": "kizuna_device",
    "QUICK_EXIT_URL": env.str("KIZUNA_QUICK_EXIT_URL", default="https://www.wikipedia.org/"),
    # JSON list of {"name", "number", "hours"}; shown on every help-seeker page.
    "EMERGENCY_CONTACTS": json.loads(env.str("KIZUNA_EMERGENCY_CONTACTS", default="[]")),
    # Opening hours as shown to people (free text), and as the service applies them:
    # "HH:MM-HH:MM" daily in KIZUNA_TIME_ZONE (overnight allowed); empty means always open.
    "OPENING_HOURS": env.str("KIZUNA_OPENING_HOURS", default=""),
    "SERVICE_HOURS": env.str("KIZUNA_SERVICE_HOURS", default=""),
    # JSON list of {"title", "url"}: self-help shown while people wait.
    "SELF_HELP_LINKS": json.loads(env.str("KIZUNA_SELF_HELP_LINKS", default="[]")),
    # Days a transcript is kept before the periodic purge (also told to help-seekers).
    "RETENTION_DAYS": env.int("KIZUNA_RETENTION_DAYS", default=90),
    # Wrap-up outcomes offered to counselors, in order (labels: counseling/wrapup.py).
    "WRAPUP_OUTCOMES": env.list(
        "KIZUNA_WRAPUP_OUTCOMES",
        default=[
            "de_escalated",
            "safety_plan",
            "referred",
            "emergency_services",
            "disconnected",
            "other",
        ],
    ),
    # Seconds a disconnected counselor's conversations are held before they go back to
    # the front of the queue (checked every 30 s by Celery beat).
    "COUNSELOR_GRACE_SECONDS": env.int("KIZUNA_COUNSELOR_GRACE_SECONDS", default=120),
    # Each open console says it is still there this often; one silent for three beats
    # belonged to a web process that died, and its counselor goes offline (grace starts).
    "CONSOLE_HEARTBEAT_SECONDS": env.int("KIZUNA_CONSOLE_HEARTBEAT_SECONDS", default=30),
    # A waiting conversation whose help-seeker has had no socket open for this long leaves
    # the queue as abandoned (beat; the page reconnects by itself, so a person who is
    # there always has one). Each web process says which conversations it holds a socket
    # for every SEEKER_HEARTBEAT_SECONDS.
    "SEEKER_ABSENT_MINUTES": env.int("KIZUNA_SEEKER_ABSENT_MINUTES", default=20),
    "SEEKER_NEVER_CONNECTED_MINUTES": env.int("KIZUNA_SEEKER_NEVER_CONNECTED_MINUTES", default=5),
    "SEEKER_HEARTBEAT_SECONDS": env.int("KIZUNA_SEEKER_HEARTBEAT_SECONDS", default=60),
    # Sockets (tabs) one help-seeker may have open on their conversation at once.
    "SEEKER_SOCKETS_PER_CONVERSATION": env.int(
        "KIZUNA_SEEKER_SOCKETS_PER_CONVERSATION", default=10
    ),
    # Messages one help-seeker may send per minute before being asked to slow down.
    "SEEKER_MESSAGES_PER_MINUTE": env.int("KIZUNA_SEEKER_MESSAGES_PER_MINUTE", default=20),
    # New conversations the whole service accepts per minute (a flood from a script must
    # not bury real people in the queue). Service-wide: nothing about clients is used.
    "CONVERSATION_STARTS_PER_MINUTE": env.int("KIZUNA_CONVERSATION_STARTS_PER_MINUTE", default=60),
    # ... or this many per place the counselors on shift can hold, if that is more.
    "STARTS_PER_STAFFED_PLACE": env.int("KIZUNA_STARTS_PER_STAFFED_PLACE", default=2),
    # Admission (counseling/admission.py): the proof of work a start carries, in leading
    # zero bits of SHA-256 (16: ~65,000 hashes, well under a second in a phone's browser;
    # 0 turns it off and starts beyond the limit are then refused as "busy"). Each doubling
    # of accepted starts beyond the limit, and each doubling of the waiting queue beyond
    # the places on shift (or the allowance, if more), asks one bit more, up to the
    # ceiling (18: ~262,000 hashes, a second or two on a phone).
    "START_PROOF_BITS": env.int("KIZUNA_START_PROOF_BITS", default=16),
    "START_PROOF_MAX_BITS": env.int("KIZUNA_START_PROOF_MAX_BITS", default=18),
    "START_PROOF_QUEUE_ALLOWANCE": env.int("KIZUNA_START_PROOF_QUEUE_ALLOWANCE", default=10),
    # How long a challenge from the chat page stays good (each is good for one start).
    "START_PROOF_SECONDS": env.int("KIZUNA_START_PROOF_SECONDS", default=600),
    # Queue policy (queues/policy.py): seconds of waiting worth one risk tier, and the cap.
    "QUEUE_AGING_STEP_SECONDS": env.int("KIZUNA_QUEUE_AGING_STEP_SECONDS", default=900),
    "QUEUE_AGING_CAP_SECONDS": env.int("KIZUNA_QUEUE_AGING_CAP_SECONDS", default=1800),
    # A conversation's risk is the highest tier among its messages of this many minutes.
    "RISK_WINDOW_MINUTES": env.int("KIZUNA_RISK_WINDOW_MINUTES", default=60),
    # Supervisors are alerted when a person at high or imminent risk has waited this long,
    # and when a help-seeker's oldest unanswered message has gone this long without a
    # counselor reply (the shorter limit when the conversation is at high or imminent risk).
    "ALERT_RISK_WAIT_SECONDS": env.int("KIZUNA_ALERT_RISK_WAIT_SECONDS", default=120),
    "ALERT_SILENT_SECONDS": env.int("KIZUNA_ALERT_SILENT_SECONDS", default=300),
    "ALERT_SILENT_RISK_SECONDS": env.int("KIZUNA_ALERT_SILENT_RISK_SECONDS", default=90),
}

# Consoles of a web process that died stop counting as open, once a heartbeat.
CELERY_BEAT_SCHEDULE["queues-close-stale-consoles"] = {
    "task": "queues.tasks.close_stale_consoles",
    "schedule": float(KIZUNA["CONSOLE_HEARTBEAT_SECONDS"]),
}
