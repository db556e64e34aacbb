"""Settings for the test suite: the real settings plus speed-ups.

``DATABASE_URL`` chooses the database exactly as in production, so the same suite runs on
SQLite (unset) and PostgreSQL (``postgres://…``).
"""

import os
import tempfile

os.environ.setdefault("DJANGO_DEBUG", "0")
os.environ.setdefault("DJANGO_SECRET_KEY", "test-secret-key-" + "x" * 40)
os.environ.setdefault("DJANGO_ALLOWED_HOSTS", "testserver,localhost,127.0.0.1")
os.environ.setdefault("DJANGO_SECURE_SSL_REDIRECT", "0")
os.environ.setdefault("NEWSROOM_SITE_URL", "https://news.example.org")
os.environ.pop("REDIS_URL", None)
os.environ.setdefault("NEWSROOM_MEDIA_ROOT", tempfile.mkdtemp(prefix="newsroom-media-"))

from newsroom.settings import *  # noqa: F403

PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]
CACHES = {"default": {"BACKEND": "django.core.cache.backends.locmem.LocMemCache"}}
STORAGES = {
    **STORAGES,  # noqa: F405
    "staticfiles": {"BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage"},
}
SESSION_COOKIE_SECURE = False
CSRF_COOKIE_SECURE = False
STATIC_ROOT = tempfile.mkdtemp(prefix="newsroom-static-")

# The demo newsroom is a development app (added by settings only with debug on); the
# tests load it too (tests/demo, tests/browser).
if "demo" not in INSTALLED_APPS:  # noqa: F405
    INSTALLED_APPS = [*INSTALLED_APPS, "demo"]  # noqa: F405

# Tasks run at once, inside the request, unless a test proves the worker path
# (tests/tasks); the page cache is off unless a test turns it on (tests/edge).
TASKS = {"default": {"BACKEND": "django_tasks.backends.immediate.ImmediateBackend"}}
PAGE_CACHE_SECONDS = 0
VARNISH_URLS = []
