"""«Who is editing this article now», kept in the shared cache.

Each open change form sends a heartbeat every 20 s; an entry expires ``STALE_AFTER`` seconds
after its last one. Each person has a key of their own, so two heartbeats never overwrite
each other; a small index lists who has been seen on the article (a lost update to it is
repaired by that person's next heartbeat). Every heartbeat extends the index's life, so it
lasts as long as anyone has the article open: nobody vanishes from it while their tab is.
The cache is Redis in production, so every app process sees the same presence.
"""

import time

from django.core.cache import cache

STALE_AFTER = 60
INDEX_LIFETIME = STALE_AFTER * 10


def _index_key(article_id: int) -> str:
    return f"presence:article:{article_id}"


def _user_key(article_id: int, user_id: int) -> str:
    return f"presence:article:{article_id}:user:{user_id}"


def heartbeat(article_id: int, user_id: int, name: str) -> None:
    now = time.time()
    key = _user_key(article_id, user_id)
    since = (cache.get(key) or {}).get("since", now)
    cache.set(key, {"name": name, "seen": now, "since": since}, STALE_AFTER)
    index_key = _index_key(article_id)
    index = cache.get(index_key) or set()
    if user_id not in index:
        cache.set(index_key, index | {user_id}, INDEX_LIFETIME)
    else:
        # Only its lifetime: rewriting the set could drop someone added meanwhile.
        cache.touch(index_key, INDEX_LIFETIME)
    _mark_active(article_id)


ACTIVE_KEY = "presence:articles"


def _mark_active(article_id: int) -> None:
    """The desk's «who is editing what»: the articles someone had open lately."""
    active = cache.get(ACTIVE_KEY) or set()
    if article_id not in active:
        cache.set(ACTIVE_KEY, active | {article_id}, INDEX_LIFETIME)
    else:
        cache.touch(ACTIVE_KEY, INDEX_LIFETIME)


def editing_now() -> dict[int, list[str]]:
    """Article id → the names of the people editing it now."""
    found = {}
    for article_id in cache.get(ACTIVE_KEY) or set():
        names = [entry["name"] for entry in others_editing(article_id, None)]
        if names:
            found[article_id] = names
    return found


def leave(article_id: int, user_id: int) -> None:
    cache.delete(_user_key(article_id, user_id))


def others_editing(article_id: int, user_id: int | None) -> list[dict]:
    """The other people with this article open, longest-present first."""
    index = cache.get(_index_key(article_id)) or set()
    keys = {_user_key(article_id, uid): uid for uid in index if uid != user_id}
    now = time.time()
    entries = [
        entry
        for entry in cache.get_many(list(keys)).values()
        if now - entry["seen"] < STALE_AFTER  # the cache's own expiry may lag (locmem)
    ]
    return sorted(entries, key=lambda entry: entry["since"])
