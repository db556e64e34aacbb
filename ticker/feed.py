"""What the ticker shows, computed once and shared through the cache.

Every page shows the ticker and browsers poll ``/ticker.json``, so the payload, and the
ticker's HTML beside it, are built at most once per ``CACHE_SECONDS`` (one query, one
rendering) and then served from the shared cache with no query and no rendering at all.
Any change of a headline, or of an article (its status decides whether its headline
shows), deletes them; starts and expiries are picked up within ``CACHE_SECONDS``.
"""

import hashlib
import json

from django.core.cache import cache
from django.template.loader import render_to_string
from django.utils import timezone
from django.utils.safestring import SafeString, mark_safe

from .models import Headline

CACHE_KEY = "ticker:payload:v2"
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


def current() -> tuple[dict, str, str]:
    """The payload, its ETag and the ticker's HTML, from the cache when fresh."""
    cached = cache.get(CACHE_KEY)
    if cached is None:
        payload = build_payload()
        body = json.dumps(payload["headlines"], sort_keys=True, ensure_ascii=False)
        etag = '"' + hashlib.sha256(body.encode()).hexdigest()[:32] + '"'
        html = render_to_string(
            "ticker/ticker.html", {"headlines": payload["headlines"], "etag": etag}
        )
        cached = (payload, etag, str(html))
        cache.set(CACHE_KEY, cached, CACHE_SECONDS)
    return cached


def current_payload() -> tuple[dict, str]:
    """The payload and its ETag (``/ticker.json``)."""
    payload, etag, _ = current()
    return payload, etag


def current_html() -> SafeString:
    """The ticker as every page shows it (rendered from the escaping template)."""
    return mark_safe(current()[2])  # noqa: S308 - rendered by ticker/ticker.html, escaped


def invalidate() -> None:
    cache.set(CHANGED_KEY, timezone.now().isoformat(), None)
    cache.delete(CACHE_KEY)
