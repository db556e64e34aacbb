"""What the ticker shows, computed once and shared through the cache.

Every page renders the ticker and browsers poll ``/ticker.json``, so the payload is built at
most once per ``CACHE_SECONDS`` (one query) and then served from the shared cache with no
query at all. Any change of a headline, or of an article (its status decides whether its
headline shows), deletes it; starts and expiries are picked up within ``CACHE_SECONDS``.
"""

import hashlib
import json

from django.core.cache import cache
from django.utils import timezone

from .models import Headline

CACHE_KEY = "ticker:payload"
CHANGED_KEY = "ticker:changed_at"
CACHE_SECONDS = 10


def build_payload() -> dict:
    headlines = [
        {
            "id": headline.pk,
            "text": headline.text,
            "url": headline.get_url(),
            "is_breaking": headline.is_breaking,
            "starts_at": headline.starts_at.isoformat(),
        }
        for headline in Headline.objects.current()
    ]
    changed_at = cache.get(CHANGED_KEY) or timezone.now().isoformat()
    return {"headlines": headlines, "updated_at": changed_at}


def current_payload() -> tuple[dict, str]:
    """The payload and its ETag, from the cache when fresh."""
    cached = cache.get(CACHE_KEY)
    if cached is None:
        payload = build_payload()
        body = json.dumps(payload["headlines"], sort_keys=True, ensure_ascii=False)
        etag = '"' + hashlib.sha256(body.encode()).hexdigest()[:32] + '"'
        cached = (payload, etag)
        cache.set(CACHE_KEY, cached, CACHE_SECONDS)
    return cached


def invalidate() -> None:
    cache.set(CHANGED_KEY, timezone.now().isoformat(), None)
    cache.delete(CACHE_KEY)
