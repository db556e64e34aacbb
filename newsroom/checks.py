"""The project's own deployment checks (run by ``manage.py check --deploy``)."""

import os

from django.conf import settings
from django.core.checks import Error, Tags, register

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
