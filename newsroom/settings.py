"""Settings for the newsroom, read from the environment (twelve-factor).

Every value has a safe production default; local development opts into debug with
``DJANGO_DEBUG=1`` (the Makefile does this for ``make run``). Production refuses to start
without the secrets it needs instead of falling back to an insecure default.
"""

import os
from datetime import timedelta
from pathlib import Path
from urllib.parse import urlsplit

import dj_database_url
from django.utils.translation import gettext_lazy as _

BASE_DIR = Path(__file__).resolve().parent.parent

_TRUE = {"1", "true", "yes", "on"}
_FALSE = {"0", "false", "no", "off", ""}


def envbool(name: str, default: bool) -> bool:
    value = os.environ.get(name)
    if value is None:
        return default
    if value.strip().lower() in _TRUE:
        return True
    if value.strip().lower() in _FALSE:
        return False
    raise SystemExit(f"{name} must be a boolean (1/0, true/false), not {value!r}")


def envint(name: str, default: int) -> int:
    value = os.environ.get(name)
    if value is None or value.strip() == "":
        return default
    try:
        return int(value)
    except ValueError:
        raise SystemExit(f"{name} must be a whole number, not {value!r}") from None


def envlist(name: str, default: str) -> list[str]:
    return [item.strip() for item in os.environ.get(name, default).split(",") if item.strip()]


DEBUG = envbool("DJANGO_DEBUG", False)

SECRET_KEY = os.environ.get("DJANGO_SECRET_KEY", "")
if not SECRET_KEY:
    if not DEBUG:
        raise SystemExit(
            "DJANGO_SECRET_KEY is not set: set it to a long random string in production, "
            "or set DJANGO_DEBUG=1 for local development."
        )
    SECRET_KEY = "insecure-local-development-key-never-used-in-production"  # noqa: S105

ALLOWED_HOSTS = envlist("DJANGO_ALLOWED_HOSTS", "127.0.0.1,localhost" if DEBUG else "")
CSRF_TRUSTED_ORIGINS = envlist("DJANGO_CSRF_TRUSTED_ORIGINS", "")

INSTALLED_APPS = [
    "django.contrib.admin",
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    "whitenoise.runserver_nostatic",
    "django.contrib.staticfiles",
    "django.contrib.sitemaps",
    "django.contrib.humanize",
    "ckeditor",
    "ckeditor_uploader",
    "taggit",
    "reversion",
    "axes",
    "csp",
    # Background work (renditions, search indexing, view counts): django-tasks, the
    # backport of Django 6's task API, with its database backend (django-tasks-db).
    "django_tasks",
    "django_tasks_db",
    # The project's rooms, one app per capability; docs/architecture.md has the map.
    "newsroom.apps.NewsroomConfig",
    "articles",
    "images",
    "ticker",
    "search",
    "popularity",
    "pages",
    "desk",
    "wordpress",
    "edge",
]
if DEBUG:
    # The demo newsroom (load_demo) is for development; production installs leave it out.
    INSTALLED_APPS.append("demo")

MIDDLEWARE = [
    "django.middleware.security.SecurityMiddleware",
    # Anonymous readers' pages from the shared cache, before anything else runs (edge/).
    "edge.pagecache.PageCacheMiddleware",
    "edge.compression.CompressionMiddleware",
    "django.middleware.http.ConditionalGetMiddleware",
    "edge.headers.PublicHeadersMiddleware",
    "newsroom.csp.NewsroomCSPMiddleware",
    "whitenoise.middleware.WhiteNoiseMiddleware",
    "newsroom.middleware.RejectMalformedParametersMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    "django.middleware.common.CommonMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
    # Old WordPress links: /?p=123 before the home view, other paths only after a 404.
    "wordpress.middleware.LegacyRedirectMiddleware",
    # Last, as django-axes asks: it turns a locked-out login into the lockout page.
    "axes.middleware.AxesMiddleware",
]

ROOT_URLCONF = "newsroom.urls"
WSGI_APPLICATION = "newsroom.wsgi.application"

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
                "articles.context_processors.site",
            ],
        },
    },
]

# Database: DATABASE_URL (postgres://user:pass@host:port/name) or the embedded SQLite file.
VAR_DIR = Path(os.environ.get("NEWSROOM_VAR_DIR", BASE_DIR / "var"))
VAR_DIR.mkdir(parents=True, exist_ok=True)
DATABASES = {
    "default": dj_database_url.config(
        default=f"sqlite:///{VAR_DIR / 'newsroom.sqlite3'}",
        conn_max_age=envint("DATABASE_CONN_MAX_AGE", 60),
        conn_health_checks=True,
    )
}
DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"

# Cache: a shared Redis in production (REDIS_URL), local memory otherwise.
REDIS_URL = os.environ.get("REDIS_URL", "")
if REDIS_URL:
    CACHES = {
        "default": {
            # Django's RedisCache, but a stopped Redis degrades to "no cache" instead of
            # failing every page (newsroom/cache.py); short timeouts bound a hung server.
            "BACKEND": "newsroom.cache.ResilientRedisCache",
            "LOCATION": REDIS_URL,
            "KEY_PREFIX": os.environ.get("CACHE_KEY_PREFIX", "newsroom"),
            "OPTIONS": {"socket_connect_timeout": 0.5, "socket_timeout": 0.5},
        }
    }
else:
    CACHES = {"default": {"BACKEND": "django.core.cache.backends.locmem.LocMemCache"}}

# Public pages (edge/, articles.views.public_cache). Browsers keep a page PUBLIC_MAX_AGE
# seconds; shared caches (Varnish, a CDN) SHARED_MAX_AGE, and may serve it stale while
# they fetch a new one (STALE_WHILE_REVALIDATE) or while the site fails (STALE_IF_ERROR).
PUBLIC_CACHE_SECONDS = envint("NEWSROOM_PUBLIC_MAX_AGE", 60)
PUBLIC_SHARED_MAX_AGE = envint("NEWSROOM_SHARED_MAX_AGE", 60)
PUBLIC_STALE_WHILE_REVALIDATE = envint("NEWSROOM_STALE_WHILE_REVALIDATE", 60)
PUBLIC_STALE_IF_ERROR = envint("NEWSROOM_STALE_IF_ERROR", 86_400)
# The page cache for anonymous readers (edge/pagecache.py), in the cache above: a copy is
# fresh PAGE_CACHE_SECONDS (0 turns the page cache off), then kept PAGE_CACHE_STALE_SECONDS
# longer to be served while one request renders the new one. Changes make copies stale at
# once (edge/invalidation.py); the freshness bounds only what changes with time alone.
PAGE_CACHE_SECONDS = envint("NEWSROOM_PAGE_CACHE_SECONDS", 60)
PAGE_CACHE_STALE_SECONDS = envint("NEWSROOM_PAGE_CACHE_STALE_SECONDS", 600)
# Varnish in front (deploy/varnish/): the proxies the app sends BANs to after a change,
# e.g. http://127.0.0.1:6081. Empty: no proxy.
VARNISH_URLS = envlist("NEWSROOM_VARNISH_URLS", "")

# Background tasks (django-tasks): stored in the database, run by `manage.py db_worker`
# (make run starts one). Several workers may run; on PostgreSQL each takes a task with
# SELECT … FOR UPDATE SKIP LOCKED, so no task runs twice.
TASKS = {
    "default": {
        "BACKEND": os.environ.get("NEWSROOM_TASK_BACKEND", "django_tasks_db.DatabaseBackend")
    }
}

AUTH_PASSWORD_VALIDATORS = [
    {"NAME": "django.contrib.auth.password_validation.UserAttributeSimilarityValidator"},
    {"NAME": "django.contrib.auth.password_validation.MinimumLengthValidator"},
    {"NAME": "django.contrib.auth.password_validation.CommonPasswordValidator"},
    {"NAME": "django.contrib.auth.password_validation.NumericPasswordValidator"},
]

# Arabic first: one language, right-to-left, Moroccan time.
LANGUAGE_CODE = "ar"
LANGUAGES = [("ar", _("Arabic"))]
LOCALE_PATHS = [BASE_DIR / "locale"]
FORMAT_MODULE_PATH = ["newsroom.formats"]
TIME_ZONE = "Africa/Casablanca"
USE_I18N = True
USE_TZ = True

SITE_NAME = os.environ.get("NEWSROOM_SITE_NAME", "أخبار المغرب")


def envorigin(name: str, default: str) -> str:
    """An origin (scheme://host[:port]), without path, query or credentials."""
    value = os.environ.get(name, default).strip().rstrip("/")
    parts = urlsplit(value)
    if (
        parts.scheme not in ("http", "https")
        or not parts.hostname
        or parts.username
        or parts.path
        or parts.query
        or parts.fragment
    ):
        raise SystemExit(
            f"{name} must be an origin such as https://news.example.org, not {value!r}"
        )
    return value


# The public origin: the base of every absolute URL (canonical links, feeds, sitemaps,
# robots.txt, preview links), never the request's Host header (articles/site.py).
SITE_URL = envorigin("NEWSROOM_SITE_URL", "http://127.0.0.1:8000")


def envlinks(name: str) -> list[tuple[str, str]]:
    """``network=https://…`` pairs separated by commas, in the order given (the footer's
    social links and the organisation's ``sameAs``); each address must be https."""
    links = []
    for item in envlist(name, ""):
        network, _sep, url = item.partition("=")
        parts = urlsplit(url.strip())
        if not network.strip() or parts.scheme != "https" or not parts.hostname:
            raise SystemExit(
                f"{name} must list network=https://address pairs separated by commas, not {item!r}"
            )
        links.append((network.strip().lower(), url.strip()))
    return links


# The newsroom's own accounts elsewhere, e.g.
# NEWSROOM_SOCIAL_LINKS="facebook=https://www.facebook.com/example,x=https://x.com/example"
SOCIAL_LINKS = envlinks("NEWSROOM_SOCIAL_LINKS")

STATIC_URL = "static/"
STATIC_ROOT = VAR_DIR / "static"
STATICFILES_DIRS = [BASE_DIR / "static"]
# Django's finders, without CKEditor's samples, tests and helper pages (newsroom/staticfiles.py):
# never collected, never served.
STATICFILES_FINDERS = [
    "newsroom.staticfiles.FileSystemFinder",
    "newsroom.staticfiles.AppDirectoriesFinder",
]
MEDIA_URL = os.environ.get("NEWSROOM_MEDIA_URL", "/media/")
MEDIA_ROOT = Path(os.environ.get("NEWSROOM_MEDIA_ROOT", VAR_DIR / "media"))


def s3_storage(bucket: str) -> dict:
    """Uploads, renditions and the editor's images on S3-compatible object storage
    (django-storages), for app servers that share no disk. README, Production, lists the
    variables. Names are random and never reused, so objects are cached for a year."""
    endpoint = os.environ.get("NEWSROOM_S3_ENDPOINT_URL", "").rstrip("/")
    region = os.environ.get("NEWSROOM_S3_REGION", "")
    # The public address of the bucket's objects: a CDN or custom domain when set.
    public = os.environ.get("NEWSROOM_MEDIA_URL") or (
        f"{endpoint}/{bucket}/"
        if endpoint
        else f"https://{bucket}.s3.{region or 'us-east-1'}.amazonaws.com/"
    )
    parts = urlsplit(public)
    if parts.scheme not in ("http", "https") or not parts.netloc:
        raise SystemExit(f"NEWSROOM_MEDIA_URL must be an http(s) URL, not {public!r}")
    return {
        "BACKEND": "storages.backends.s3.S3Storage",
        "OPTIONS": {
            "bucket_name": bucket,
            "endpoint_url": endpoint or None,
            "region_name": region or None,
            # Unset: boto3's usual chain (environment, instance role).
            "access_key": os.environ.get("NEWSROOM_S3_ACCESS_KEY_ID") or None,
            "secret_key": os.environ.get("NEWSROOM_S3_SECRET_ACCESS_KEY") or None,
            "custom_domain": parts.netloc + parts.path.rstrip("/"),
            "url_protocol": f"{parts.scheme}:",
            "querystring_auth": False,  # public media: plain, cacheable URLs
            "file_overwrite": False,
            "object_parameters": {"CacheControl": "public, max-age=31536000, immutable"},
        },
    }


S3_BUCKET = os.environ.get("NEWSROOM_S3_BUCKET", "")
if S3_BUCKET:
    _media = s3_storage(S3_BUCKET)
    MEDIA_URL = f"{_media['OPTIONS']['url_protocol']}//{_media['OPTIONS']['custom_domain']}/"
else:
    _media = {"BACKEND": "django.core.files.storage.FileSystemStorage"}
STORAGES = {
    "default": _media,
    "staticfiles": {
        "BACKEND": (
            "django.contrib.staticfiles.storage.StaticFilesStorage"
            if DEBUG
            else "whitenoise.storage.CompressedManifestStaticFilesStorage"
        )
    },
}

# Uploads: the same limits for every image, whichever form it arrives by.
IMAGE_MAX_BYTES = envint("NEWSROOM_IMAGE_MAX_BYTES", 10 * 1024 * 1024)
IMAGE_MAX_PIXELS = envint("NEWSROOM_IMAGE_MAX_PIXELS", 40_000_000)  # width × height × frames
IMAGE_MAX_FRAMES = envint("NEWSROOM_IMAGE_MAX_FRAMES", 200)
IMAGE_MAX_SECONDS = envint("NEWSROOM_IMAGE_MAX_SECONDS", 5)
DATA_UPLOAD_MAX_MEMORY_SIZE = 5 * 1024 * 1024
FILE_UPLOAD_MAX_MEMORY_SIZE = 5 * 1024 * 1024

# django-ckeditor: Arabic interface, right-to-left content. The upload URL is served by
# the project's own view (articles.uploads), never ckeditor_uploader's.
CKEDITOR_UPLOAD_PATH = "editor/"
CKEDITOR_CONFIGS = {
    "default": {
        "language": "ar",
        "contentsLanguage": "ar",
        "contentsLangDirection": "rtl",
        "height": 420,
        "width": "100%",
        "toolbar": "newsroom",
        "toolbar_newsroom": [
            ["Format", "Bold", "Italic"],
            ["NumberedList", "BulletedList", "Blockquote"],
            ["Link", "Unlink"],
            ["Image", "Iframe", "Table"],
            ["Undo", "Redo", "RemoveFormat"],
        ],
        "format_tags": "p;h2;h3;h4",
        "filebrowserBrowseUrl": "",
        "filebrowserUploadMethod": "xhr",
        "image_prefillDimensions": False,
        "removePlugins": "exportpdf",
        "extraPlugins": "",
    },
}
CKEDITOR_CONFIGS["editor"] = {
    **CKEDITOR_CONFIGS["default"],
    "toolbar_newsroom": [*CKEDITOR_CONFIGS["default"]["toolbar_newsroom"], ["Source"]],
}
# CKEditor 4 is end of life upstream; every stored body is sanitised on the server
# (articles.sanitize), so the bundled editor never decides what reaches a reader.
SILENCED_SYSTEM_CHECKS = ["ckeditor.W001"]

TAGGIT_CASE_INSENSITIVE = True

LOGIN_URL = "admin:login"

# Login throttling (django-axes): after NEWSROOM_LOGIN_FAILURE_LIMIT failed logins for one
# account (from anywhere) or from one address (to any account), further attempts are
# refused for NEWSROOM_LOGIN_COOLOFF_MINUTES, even with the right password. Failures are
# kept in the database, so every app process sees them. An administrator unlocks at once:
# admin → «Access attempts» → delete, or `manage.py axes_reset_username <name>` /
# `axes_reset_ip <address>` / `axes_reset` (README, Production).
AUTHENTICATION_BACKENDS = [
    "axes.backends.AxesStandaloneBackend",
    "django.contrib.auth.backends.ModelBackend",
]
AXES_FAILURE_LIMIT = envint("NEWSROOM_LOGIN_FAILURE_LIMIT", 5)
AXES_COOLOFF_TIME = timedelta(minutes=envint("NEWSROOM_LOGIN_COOLOFF_MINUTES", 15))
AXES_LOCKOUT_PARAMETERS = ["username", "ip_address"]  # each counted on its own
AXES_RESET_ON_SUCCESS = True
AXES_LOCKOUT_CALLABLE = "newsroom.views.locked_out"  # the Arabic page
AXES_USERNAME_CALLABLE = "newsroom.views.login_username"  # cut to an account name's length
# The client's address: REMOTE_ADDR, unless the site is behind its own proxy, whose
# X-Forwarded-For (its last hop) is then trusted. Trusting the header without a proxy
# would let an attacker name a new address on every try.
if envbool("DJANGO_BEHIND_PROXY", False):
    AXES_IPWARE_PROXY_COUNT = envint("NEWSROOM_PROXY_COUNT", 1)
    AXES_IPWARE_META_PRECEDENCE_ORDER = ["HTTP_X_FORWARDED_FOR", "REMOTE_ADDR"]
else:
    AXES_IPWARE_META_PRECEDENCE_ORDER = ["REMOTE_ADDR"]

# Security. Production defaults are strict; each is settable for a proxy set-up.
SECURE_PROXY_SSL_HEADER = (
    ("HTTP_X_FORWARDED_PROTO", "https") if envbool("DJANGO_BEHIND_PROXY", False) else None
)
SECURE_SSL_REDIRECT = envbool("DJANGO_SECURE_SSL_REDIRECT", not DEBUG)
# Load balancers probe the health endpoint over plain HTTP inside the network.
SECURE_REDIRECT_EXEMPT = [r"^health/$"]
SECURE_HSTS_SECONDS = envint("DJANGO_SECURE_HSTS_SECONDS", 0 if DEBUG else 31_536_000)
SECURE_HSTS_INCLUDE_SUBDOMAINS = envbool("DJANGO_SECURE_HSTS_INCLUDE_SUBDOMAINS", not DEBUG)
SECURE_HSTS_PRELOAD = envbool("DJANGO_SECURE_HSTS_PRELOAD", not DEBUG)
SESSION_COOKIE_SECURE = envbool("DJANGO_SESSION_COOKIE_SECURE", not DEBUG)
CSRF_COOKIE_SECURE = envbool("DJANGO_CSRF_COOKIE_SECURE", not DEBUG)
SECURE_CONTENT_TYPE_NOSNIFF = True
SECURE_REFERRER_POLICY = "strict-origin-when-cross-origin"
X_FRAME_OPTIONS = "DENY"
# Content-Security-Policy: the policies are in newsroom/csp.py (public and admin).
NEWSROOM_CSP_REPORT_ONLY = envbool("NEWSROOM_CSP_REPORT_ONLY", False)
NEWSROOM_CSP_REPORT_URI = os.environ.get("NEWSROOM_CSP_REPORT_URI", "")

LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    "handlers": {"console": {"class": "logging.StreamHandler"}},
    "root": {"handlers": ["console"], "level": os.environ.get("DJANGO_LOG_LEVEL", "INFO")},
    # Django's own console handler would print every line of "django" a second time
    # (through it and through the root); the root's handler is the only one.
    # django-axes logs every step of every login at INFO; its warnings (repeated failures,
    # lockouts) are the ones an operator needs.
    "loggers": {
        "django": {"handlers": [], "level": "INFO", "propagate": True},
        "axes": {"level": "WARNING"},
        # django-tasks logs every task's start and end at INFO; failures are errors.
        "django_tasks": {"level": "WARNING"},
    },
}
