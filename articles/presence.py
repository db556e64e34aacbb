"""«Who is editing this article now», kept in the shared cache.

Each open change form sends a heartbeat; an entry older than ``STALE_AFTER`` seconds is
gone. The cache is Redis in production, so every app process sees the same presence.
"""

import time

from django.core.cache import cache

STALE_AFTER = 60


def _key(article_id: int) -> str:
    return f"presence:article:{article_id}"


def _fresh(entries: dict, now: float) -> dict:
    return {uid: e for uid, e in entries.items() if now - e["seen"] < STALE_AFTER}


def heartbeat(article_id: int, user_id: int, name: str) -> None:
    now = time.time()
    entries = _fresh(cache.get(_key(article_id), {}), now)
    entries[user_id] = {
        "name": name,
        "seen": now,
        "since": entries.get(user_id, {}).get("since", now),
    }
    cache.set(_key(article_id), entries, STALE_AFTER * 2)


def leave(article_id: int, user_id: int) -> None:
    entries = cache.get(_key(article_id), {})
    if entries.pop(user_id, None) is not None:
        cache.set(_key(article_id), entries, STALE_AFTER * 2)


def others_editing(article_id: int, user_id: int) -> list[dict]:
    """Names of the other people with this article open, longest-present first."""
    entries = _fresh(cache.get(_key(article_id), {}), time.time())
    others = [e for uid, e in entries.items() if uid != user_id]
    return sorted(others, key=lambda e: e["since"])
