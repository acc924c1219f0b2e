"""Navis settings, read from the environment (see the table in README.md).

The defaults are the embedded set-up a newcomer gets: SQLite and uploads under ./var, and a
Celery broker on the local filesystem, so nothing needs a server. Production sets
DATABASE_URL, CELERY_BROKER_URL, SECRET_KEY and NAVIS_HTTPS.
"""

import secrets
from datetime import timedelta
from pathlib import Path

import environ

BASE_DIR = Path(__file__).resolve().parent.parent

env = environ.Env()


def strict_bool(name: str, default: bool) -> bool:
    """A boolean must be spelled true or false; anything else stops the site at start-up."""
    raw = env.str(name, default=str(default)).strip().lower()
    if raw not in ("true", "false"):
        raise environ.ImproperlyConfigured(f"{name} must be 'true' or 'false', not {raw!r}")
    return raw == "true"


DATA_DIR = Path(env.str("NAVIS_DATA_DIR", default=str(BASE_DIR / "var"))).resolve()
DATA_DIR.mkdir(parents=True, exist_ok=True)


def _secret_key() -> str:
    """SECRET_KEY from the environment, else one generated once for this data directory."""
    if key := env.str("SECRET_KEY", default=""):
        return key
    path = DATA_DIR / "secret.key"
    if not path.exists():
        path.touch(mode=0o600)
        path.write_text(secrets.token_urlsafe(50))
    return path.read_text().strip()


SECRET_KEY = _secret_key()
DEBUG = strict_bool("DEBUG", False)
ALLOWED_HOSTS = env.list("ALLOWED_HOSTS", default=["127.0.0.1", "localhost"])
CSRF_TRUSTED_ORIGINS = env.list("CSRF_TRUSTED_ORIGINS", default=[])

INSTALLED_APPS = [
    "django.contrib.admin",
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    "whitenoise.runserver_nostatic",
    "django.contrib.staticfiles",
    "rest_framework",
    "django_filters",
    "drf_spectacular",
    "drf_spectacular_sidecar",
    "axes",
    "records",
    "guidance",
    "api",
]

MIDDLEWARE = [
    "django.middleware.security.SecurityMiddleware",
    "whitenoise.middleware.WhiteNoiseMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    "django.middleware.common.CommonMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
    "records.middleware.NoStoreMiddleware",
    "axes.middleware.AxesMiddleware",
]

ROOT_URLCONF = "navis.urls"
WSGI_APPLICATION = "navis.wsgi.application"

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
            ],
        },
    },
]

# --- Database --------------------------------------------------------------------------------
DATABASES = {
    "default": env.db("DATABASE_URL", default=f"sqlite:///{DATA_DIR / 'navis.sqlite3'}"),
}
if DATABASES["default"]["ENGINE"] == "django.db.backends.sqlite3":
    # A web process and a worker write to one file: wait for locks instead of failing, and
    # take the write lock at BEGIN so two writers never deadlock on an upgrade.
    DATABASES["default"]["OPTIONS"] = {
        "timeout": 30,
        "transaction_mode": "IMMEDIATE",
        "init_command": "PRAGMA journal_mode=WAL; PRAGMA synchronous=NORMAL;",
    }
    # The test database is a file too, so that a real worker process can open it.
    DATABASES["default"]["TEST"] = {"NAME": str(DATA_DIR / "test.sqlite3")}
else:
    DATABASES["default"]["CONN_MAX_AGE"] = env.int("CONN_MAX_AGE", default=60)
    DATABASES["default"]["CONN_HEALTH_CHECKS"] = True

DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"
CACHES = {"default": env.cache("CACHE_URL", default="locmemcache://")}

# --- Accounts --------------------------------------------------------------------------------
AUTH_USER_MODEL = "records.User"
LOGIN_URL = "login"
LOGIN_REDIRECT_URL = "home"
LOGOUT_REDIRECT_URL = "login"
AUTH_PASSWORD_VALIDATORS = [
    {"NAME": "django.contrib.auth.password_validation.UserAttributeSimilarityValidator"},
    {"NAME": "django.contrib.auth.password_validation.MinimumLengthValidator"},
    {"NAME": "django.contrib.auth.password_validation.CommonPasswordValidator"},
    {"NAME": "django.contrib.auth.password_validation.NumericPasswordValidator"},
]
SESSION_COOKIE_AGE = env.int("SESSION_COOKIE_AGE", default=12 * 3600)

# Repeated failed log-ins lock that account from that address for a while (django-axes).
AUTHENTICATION_BACKENDS = [
    "axes.backends.AxesStandaloneBackend",
    "django.contrib.auth.backends.ModelBackend",
]
AXES_FAILURE_LIMIT = env.int("NAVIS_LOGIN_FAILURE_LIMIT", default=10)
AXES_COOLOFF_TIME = timedelta(minutes=env.int("NAVIS_LOGIN_LOCKOUT_MINUTES", default=30))
AXES_LOCKOUT_PARAMETERS = [["username", "ip_address"]]
AXES_RESET_ON_SUCCESS = True
AXES_USERNAME_FORM_FIELD = "username"  # the login form's field, though users log in by e-mail
AXES_LOCKOUT_TEMPLATE = "registration/locked_out.html"

vars().update(env.email_url("EMAIL_URL", default="consolemail://"))
DEFAULT_FROM_EMAIL = env.str("DEFAULT_FROM_EMAIL", default="Navis <navis@localhost>")

# --- Security --------------------------------------------------------------------------------
NAVIS_HTTPS = strict_bool("NAVIS_HTTPS", False)
SESSION_COOKIE_SECURE = NAVIS_HTTPS
CSRF_COOKIE_SECURE = NAVIS_HTTPS
SECURE_SSL_REDIRECT = NAVIS_HTTPS
SECURE_HSTS_SECONDS = 31536000 if NAVIS_HTTPS else 0
SECURE_HSTS_INCLUDE_SUBDOMAINS = NAVIS_HTTPS
SECURE_HSTS_PRELOAD = NAVIS_HTTPS
if NAVIS_HTTPS:
    SECURE_PROXY_SSL_HEADER = ("HTTP_X_FORWARDED_PROTO", "https")
SECURE_REFERRER_POLICY = "same-origin"
X_FRAME_OPTIONS = "DENY"
SESSION_COOKIE_HTTPONLY = True

# --- Static and uploaded files --------------------------------------------------------------
STATIC_URL = "static/"
STATIC_ROOT = DATA_DIR / "static"
STATIC_ROOT.mkdir(exist_ok=True)
STATICFILES_DIRS = [BASE_DIR / "static"]
STORAGES = {
    # Uploaded records live outside any served directory; only an access-checked view reads them.
    "default": {
        "BACKEND": "django.core.files.storage.FileSystemStorage",
        "OPTIONS": {"location": DATA_DIR / "uploads", "base_url": None},
    },
    "staticfiles": {"BACKEND": "whitenoise.storage.CompressedStaticFilesStorage"},
}
WHITENOISE_USE_FINDERS = True
FILE_UPLOAD_HANDLERS = [
    "records.upload_handlers.SizeLimitedUploadHandler",
    "django.core.files.uploadhandler.TemporaryFileUploadHandler",
]
# Uploads in progress and OCR page images are health data too: keep them out of the shared
# /tmp, in a directory only this user can read (the worker points tempfile here at start).
NAVIS_TMP_DIR = DATA_DIR / "tmp"
NAVIS_TMP_DIR.mkdir(mode=0o700, exist_ok=True)
FILE_UPLOAD_TEMP_DIR = str(NAVIS_TMP_DIR)
FILE_UPLOAD_PERMISSIONS = 0o600
FILE_UPLOAD_DIRECTORY_PERMISSIONS = 0o700

NAVIS_MAX_UPLOAD_BYTES = env.int("NAVIS_MAX_UPLOAD_MB", default=25) * 1024 * 1024
NAVIS_MAX_PAGES = env.int("NAVIS_MAX_PAGES", default=300)
NAVIS_OCR_DPI = env.int("NAVIS_OCR_DPI", default=300)

# --- Worker ----------------------------------------------------------------------------------
# The document row is the truth about progress; the broker only carries ids. A claimed
# document whose heartbeat is older than NAVIS_STALE_AFTER is taken to have crashed its
# worker, and the sweep re-enqueues it (twice crashed: failed).
NAVIS_HEARTBEAT_SECONDS = env.float("NAVIS_HEARTBEAT_SECONDS", default=10)
NAVIS_STALE_AFTER = env.float("NAVIS_STALE_AFTER", default=90)
NAVIS_REQUEUE_AFTER = env.float("NAVIS_REQUEUE_AFTER", default=600)
NAVIS_SWEEP_INTERVAL = env.float("NAVIS_SWEEP_INTERVAL", default=60)
NAVIS_MAX_CRASHES = 2

CELERY_BROKER_URL = env.str("CELERY_BROKER_URL", default="filesystem://")
CELERY_TASK_SERIALIZER = "json"
CELERY_ACCEPT_CONTENT = ["json"]
CELERY_TASK_IGNORE_RESULT = True
CELERY_RESULT_BACKEND = None
CELERY_TASK_ACKS_LATE = True
CELERY_TASK_REJECT_ON_WORKER_LOST = True
CELERY_WORKER_PREFETCH_MULTIPLIER = 1
CELERY_WORKER_HIJACK_ROOT_LOGGER = False
CELERY_BROKER_CONNECTION_RETRY_ON_STARTUP = True
CELERY_TASK_SOFT_TIME_LIMIT = env.int("NAVIS_TASK_SOFT_TIME_LIMIT", default=840)
CELERY_TASK_TIME_LIMIT = CELERY_TASK_SOFT_TIME_LIMIT + 60
if CELERY_BROKER_URL.startswith("filesystem://"):
    _queue_dir = DATA_DIR / "broker"
    _queue_dir.mkdir(parents=True, exist_ok=True)
    CELERY_BROKER_TRANSPORT_OPTIONS = {
        "data_folder_in": str(_queue_dir),
        "data_folder_out": str(_queue_dir),
        "control_folder": str(DATA_DIR / "broker-control"),
        # With late acks and prefetch 1 a worker takes one task per poll (kombu's default 1 s).
        "polling_interval": 0.2,
    }
else:
    # Above the hard time limit, so a long task is never handed to a second worker.
    CELERY_BROKER_TRANSPORT_OPTIONS = {"visibility_timeout": 4 * CELERY_TASK_TIME_LIMIT}
# Webhooks (api/webhooks.py): seconds before each retry of a failed delivery (one attempt more
# than there are delays), and whether private/loopback addresses may receive them (tests only).
NAVIS_WEBHOOK_RETRY_DELAYS = env.list(
    "NAVIS_WEBHOOK_RETRY_DELAYS", cast=int, default=[10, 30, 90, 270, 810]
)
NAVIS_WEBHOOK_ALLOW_PRIVATE = strict_bool("NAVIS_WEBHOOK_ALLOW_PRIVATE", False)
CELERY_BEAT_SCHEDULE = {
    "sweep-stuck-documents": {
        "task": "records.tasks.sweep_stuck_documents",
        "schedule": NAVIS_SWEEP_INTERVAL,
    },
    "sweep-lost-webhook-deliveries": {
        "task": "api.tasks.sweep_lost_deliveries",
        "schedule": 60.0,
    },
}

# --- Misc ------------------------------------------------------------------------------------
LANGUAGE_CODE = "en-us"
TIME_ZONE = "UTC"
USE_I18N = True
USE_TZ = True

# The API (api/): tokens for integrations, sessions for the site's own pages; scopes checked
# before the access door; one error format; throttled per user (rates from the environment).
REST_FRAMEWORK = {
    "DEFAULT_AUTHENTICATION_CLASSES": [
        "api.authentication.TokenAuthentication",
        "rest_framework.authentication.SessionAuthentication",
    ],
    "DEFAULT_PERMISSION_CLASSES": [
        "rest_framework.permissions.IsAuthenticated",
        "api.permissions.HasScope",
    ],
    "DEFAULT_RENDERER_CLASSES": ["rest_framework.renderers.JSONRenderer"],
    "DEFAULT_PARSER_CLASSES": [
        "rest_framework.parsers.JSONParser",
        "rest_framework.parsers.FormParser",
        "rest_framework.parsers.MultiPartParser",
    ],
    "DEFAULT_FILTER_BACKENDS": ["django_filters.rest_framework.DjangoFilterBackend"],
    "DEFAULT_PAGINATION_CLASS": "rest_framework.pagination.PageNumberPagination",
    "PAGE_SIZE": 50,
    "DEFAULT_THROTTLE_CLASSES": [
        "rest_framework.throttling.UserRateThrottle",
        "rest_framework.throttling.AnonRateThrottle",
    ],
    "DEFAULT_THROTTLE_RATES": {
        "user": env.str("API_RATE_USER", default="1200/hour"),
        "anon": env.str("API_RATE_ANON", default="60/hour"),
    },
    "DEFAULT_SCHEMA_CLASS": "drf_spectacular.openapi.AutoSchema",
    "EXCEPTION_HANDLER": "api.errors.api_exception_handler",
    "UNAUTHENTICATED_USER": "django.contrib.auth.models.AnonymousUser",
}
SPECTACULAR_SETTINGS = {
    "TITLE": "Navis API",
    "DESCRIPTION": (
        "A patient's cancer records as a profile (navis.profile.v1), its evidence, clinicians' "
        "reviews, guidance, trial matches and a FHIR R4 / mCODE export. Authenticate with a "
        "personal token from your settings page: `Authorization: Bearer nvs_…`."
    ),
    "VERSION": "1.0.0",
    "SERVE_INCLUDE_SCHEMA": False,
    "SCHEMA_PATH_PREFIX": r"/api/v1",
    "COMPONENT_SPLIT_REQUEST": True,
    "SWAGGER_UI_DIST": "SIDECAR",
    "SWAGGER_UI_FAVICON_HREF": "SIDECAR",
    "REDOC_DIST": "SIDECAR",
}

# Logs carry ids and status codes, never record text or file names.
LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    "formatters": {"plain": {"format": "%(asctime)s %(levelname)s %(name)s %(message)s"}},
    "handlers": {"console": {"class": "logging.StreamHandler", "formatter": "plain"}},
    "root": {"handlers": ["console"], "level": env.str("LOG_LEVEL", default="INFO")},
}
