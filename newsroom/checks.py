"""The project's own deployment checks (run by ``manage.py check --deploy``)."""

import os
from urllib.parse import urlsplit

from django.conf import settings
from django.core.checks import Error, Tags, Warning, register

LOCAL_CACHES = {
    "django.core.cache.backends.locmem.LocMemCache",
    "django.core.cache.backends.dummy.DummyCache",
}


@register(Tags.caches, deploy=True)
def shared_cache_in_production(app_configs, **kwargs) -> list[Error]:
    """Production needs the shared cache: presence, the ticker's payload and login
    throttling's counters must be the same in every app process. A local-memory cache
    gives each process its own, silently. A site that really runs one process may say so
    with ``NEWSROOM_SINGLE_PROCESS=1``."""
    if settings.DEBUG:
        return []
    backend = settings.CACHES.get("default", {}).get("BACKEND", "")
    single = os.environ.get("NEWSROOM_SINGLE_PROCESS", "").strip().lower() in {"1", "true", "yes"}
    if backend in LOCAL_CACHES and not single:
        return [
            Error(
                "The cache is local to each process (no REDIS_URL) with debug off.",
                hint=(
                    "Set REDIS_URL to the shared Redis; for a site served by one single "
                    "process, set NEWSROOM_SINGLE_PROCESS=1."
                ),
                id="newsroom.E001",
            )
        ]
    return []


@register(Tags.security, deploy=True)
def public_origin_in_production(app_configs, **kwargs) -> list[Warning]:
    """Every absolute URL (feeds, sitemaps, canonical links, preview links) is built from
    NEWSROOM_SITE_URL: in production it must be the site's HTTPS address, one of its
    allowed hosts, not the development default."""
    if settings.DEBUG:
        return []
    parts = urlsplit(settings.SITE_URL)
    host_allowed = (
        any(
            parts.hostname == host or (host.startswith(".") and parts.hostname.endswith(host))
            for host in settings.ALLOWED_HOSTS
        )
        or "*" in settings.ALLOWED_HOSTS
    )
    if parts.scheme != "https" or not host_allowed:
        return [
            Warning(
                f"NEWSROOM_SITE_URL is {settings.SITE_URL!r}: feeds, sitemaps and canonical "
                "links would point there.",
                hint="Set NEWSROOM_SITE_URL to the site's public https:// origin, whose host "
                "is in DJANGO_ALLOWED_HOSTS.",
                id="newsroom.W002",
            )
        ]
    return []
