"""«Most read»: counting readers' views, losing none and letting no one game them.

Pages may be served from the page cache, Varnish or a CDN, so the count comes from a beacon
the article page sends (``POST /hit/<id>/``), not from rendering. A beacon counts when:

- it is not a bot's (by user agent);
- this client (a hash of its address and user agent, no cookie) has not been counted for
  this article in the last hour (``cache.add`` of a key that expires after an hour);
- its address has not already reached ``ADDRESS_ARTICLE_CAP`` counted views of this article
  (a client changing its user agent on every beacon) or ``ADDRESS_CAP`` of all articles
  this hour: two thousand beacons from one machine move a story by a handful at most;
- the article is published (drafts, scheduled stories and unknown ids are not counted;
  the answer is cached for a minute).

A counted view goes to the shared store at once, never to a process's memory that a
recycled or crashed process would lose: with Redis as the cache, ``HINCRBY`` on one hash per
day, which the ``flush_views`` task (enqueued by the first view after a flush, deferred
``FLUSH_SECONDS``) moves to ``ArticleDailyViews`` with ``F()`` increments; without Redis (a
single development process) straight to the database. While Redis is down no reader can be
told from another, so nothing is counted (the beacon still answers 204).
"""

from __future__ import annotations

import hashlib
import logging
import re
import uuid
from collections import Counter
from datetime import date, timedelta

from axes.helpers import get_client_ip_address
from django.core.cache import cache, caches
from django.core.cache.backends.redis import RedisCache
from django.db import IntegrityError, transaction
from django.db.models import F, Sum
from django.http import HttpRequest
from django.utils import timezone
from django_tasks import default_task_backend
from redis.exceptions import RedisError

from articles.models import Article
from background import background_task, enqueue

from .models import ArticleDailyViews

logger = logging.getLogger(__name__)

FLUSH_SECONDS = 30
MOST_READ_DAYS = 7
DEDUPE_SECONDS = 3600
ADDRESS_ARTICLE_CAP = 5  # counted views of one article from one address, per hour
ADDRESS_CAP = 120  # counted views of all articles from one address, per hour
VISIBLE_SECONDS = 60

FLUSH_DUE_KEY = "views:flush-due"
DAYS_KEY = "views:days"
INFLIGHT_KEY = "views:inflight"

BOT_PATTERN = re.compile(
    r"bot|crawl|spider|slurp|fetch|scrape|preview|monitor|curl|wget|python-|"
    r"headless|lighthouse|pingdom|facebookexternalhit|whatsapp|telegram",
    re.IGNORECASE,
)


def is_bot(user_agent: str) -> bool:
    return not user_agent or bool(BOT_PATTERN.search(user_agent))


def _digest(*parts: str) -> str:
    return hashlib.sha256("\0".join(parts).encode("utf-8", "replace")).hexdigest()[:32]


def _within_cap(key: str, cap: int) -> bool:
    """Count one more against ``key`` (for an hour); False once ``cap`` is passed."""
    cache.add(key, 0, DEDUPE_SECONDS)
    try:
        return cache.incr(key) <= cap
    except ValueError:  # expired between add and incr, or the cache is down
        return cache.add(key, 1, DEDUPE_SECONDS)


def is_countable(article_id: int) -> bool:
    key = f"views:visible:{article_id}"
    visible = cache.get(key)
    if visible is None:
        visible = Article.objects.published().filter(pk=article_id).exists()
        cache.set(key, visible, VISIBLE_SECONDS)
    return visible


def record(request: HttpRequest, article_id: int) -> bool:
    """Count a reader's view of an article if it should count; True when counted."""
    agent = request.headers.get("User-Agent", "")[:512]
    if is_bot(agent):
        return False
    address = get_client_ip_address(request) or ""
    client, place = _digest(address, agent), _digest(address)
    if not cache.add(f"views:seen:{client}:{article_id}", 1, DEDUPE_SECONDS):
        return False  # this client was counted for this article within the hour
    if not is_countable(article_id):
        return False
    if not _within_cap(f"views:cap:{place}:{article_id}", ADDRESS_ARTICLE_CAP):
        return False
    if not _within_cap(f"views:cap:{place}", ADDRESS_CAP):
        return False
    try:
        add_view(article_id)
    except Exception:
        # Counting must never break a reader's request.
        logger.exception("Could not count a view of article %s", article_id)
        return False
    return True


# -- the store ----------------------------------------------------------------------------


def _redis():
    """The raw Redis client of the shared cache, or None when the cache is not Redis."""
    backend = caches["default"]
    if not isinstance(backend, RedisCache):
        return None
    return backend._cache.get_client(write=True)


def _day_key(day: date) -> str:
    return cache.make_key(f"views:{day.isoformat()}")


def add_view(article_id: int) -> None:
    day = timezone.localdate()
    client = _redis()
    if client is not None:
        try:
            with client.pipeline() as pipe:
                pipe.hincrby(_day_key(day), str(article_id), 1)
                pipe.sadd(cache.make_key(DAYS_KEY), day.isoformat())
                pipe.execute()
        except RedisError:
            logger.warning("Redis unavailable; counting a view in the database")
        else:
            schedule_flush()
            return
    write_counts(Counter({(article_id, day): 1}))


def schedule_flush() -> None:
    """Enqueue one flush ``FLUSH_SECONDS`` from now, unless one is already due."""
    if not cache.add(FLUSH_DUE_KEY, 1, FLUSH_SECONDS * 4):
        return
    work = flush_views
    if default_task_backend.supports_defer:
        work = flush_views.using(run_after=timezone.now() + timedelta(seconds=FLUSH_SECONDS))
    enqueue(work)


@background_task()
def flush_views() -> int:
    """Move the counts waiting in Redis to ``ArticleDailyViews``; return how many.

    Each day's hash is renamed before it is read, so views counted meanwhile go to a new
    hash; the renamed one is deleted only after the database has the counts. A flush that
    dies in between leaves it in ``views:inflight`` for the next flush: nothing is lost.
    """
    cache.delete(FLUSH_DUE_KEY)  # a view from now on schedules the next flush
    client = _redis()
    if client is None:
        return 0
    inflight, days = cache.make_key(INFLIGHT_KEY), cache.make_key(DAYS_KEY)
    for raw in client.smembers(days):
        day = raw.decode()
        if day != timezone.localdate().isoformat():
            client.srem(days, raw)  # a past day gets no new views; this is its last flush
        batch = f"{_day_key(date.fromisoformat(day))}:{uuid.uuid4().hex}"
        try:
            client.rename(_day_key(date.fromisoformat(day)), batch)
        except RedisError:  # no such key: nothing counted since the last flush
            continue
        client.sadd(inflight, batch)
    flushed = 0
    for raw in client.smembers(inflight):
        batch = raw.decode()
        day = date.fromisoformat(batch.split("views:", 1)[1].split(":", 1)[0])
        counts = Counter(
            {(int(k), day): int(v) for k, v in client.hgetall(batch).items() if k.isdigit()}
        )
        write_counts(counts)
        client.delete(batch)
        client.srem(inflight, raw)
        flushed += sum(counts.values())
    return flushed


def write_counts(counts: Counter) -> None:
    """Add counts to ``ArticleDailyViews`` (``F()`` increments, safe with any number of
    processes); ids of deleted articles are skipped."""
    if not counts:
        return
    existing = set(
        Article.objects.filter(pk__in={aid for aid, _ in counts}).values_list("pk", flat=True)
    )
    with transaction.atomic():
        for (article_id, day), n in counts.items():
            if article_id not in existing:
                continue
            rows = ArticleDailyViews.objects.filter(article_id=article_id, day=day)
            if rows.update(views=F("views") + n):
                continue
            try:
                with transaction.atomic():
                    ArticleDailyViews.objects.create(article_id=article_id, day=day, views=n)
            except IntegrityError:  # another process created the row meanwhile
                rows.update(views=F("views") + n)


def most_read(limit: int = 5):
    """Published articles most viewed over the last seven days, most first (one query)."""
    since = timezone.localdate() - timedelta(days=MOST_READ_DAYS - 1)
    return (
        Article.objects.published()
        .filter(daily_views__day__gte=since)
        .annotate(recent_views=Sum("daily_views__views"))
        .select_related("category")
        .order_by("-recent_views", "-published_at")[:limit]
    )
