"""«Most read»: counting readers' views without a database write per page view.

Pages may be served from a CDN or cache, so the count comes from a beacon the article page
sends (``POST /hit/<id>/``), not from rendering. Each app process adds hits to an in-memory
buffer and writes it to ``ArticleDailyViews`` in one batch every ``FLUSH_SECONDS`` (or
``FLUSH_SIZE`` hits): one write per process per interval, whatever the traffic. Processes are
independent (counts are added with ``F()``), so any number of them may run; a process that
dies loses at most its last interval, which is fine for a popularity list.
"""

import logging
import re
import threading
import time
from collections import Counter
from datetime import timedelta

from django.db import IntegrityError, transaction
from django.db.models import F, Sum
from django.utils import timezone

from articles.models import Article

from .models import ArticleDailyViews

logger = logging.getLogger(__name__)

FLUSH_SECONDS = 30
FLUSH_SIZE = 500
MOST_READ_DAYS = 7

BOT_PATTERN = re.compile(
    r"bot|crawl|spider|slurp|fetch|scrape|preview|monitor|curl|wget|python-|"
    r"headless|lighthouse|pingdom|facebookexternalhit|whatsapp|telegram",
    re.IGNORECASE,
)


def is_bot(user_agent: str) -> bool:
    return not user_agent or bool(BOT_PATTERN.search(user_agent))


class ViewBuffer:
    def __init__(self) -> None:
        self._lock = threading.Lock()
        self._counts: Counter[tuple[int, object]] = Counter()
        self._last_flush = time.time()

    def add(self, article_id: int) -> None:
        day = timezone.localdate()
        with self._lock:
            self._counts[(article_id, day)] += 1
            due = (
                sum(self._counts.values()) >= FLUSH_SIZE
                or time.time() - self._last_flush >= FLUSH_SECONDS
            )
        if due:
            self.flush()

    def flush(self) -> None:
        with self._lock:
            counts, self._counts = self._counts, Counter()
            self._last_flush = time.time()
        if not counts:
            return
        try:
            _write(counts)
        except Exception:
            # Counting must never break a reader's request; this batch is lost, not the site.
            logger.exception("Could not write %d view counts", sum(counts.values()))


def _write(counts: Counter) -> None:
    existing = set(
        Article.objects.filter(pk__in={aid for aid, _ in counts}).values_list("pk", flat=True)
    )
    for (article_id, day), n in counts.items():
        if article_id not in existing:
            continue  # a beacon for a deleted or made-up id
        rows = ArticleDailyViews.objects.filter(article_id=article_id, day=day)
        if rows.update(views=F("views") + n):
            continue
        try:
            with transaction.atomic():
                ArticleDailyViews.objects.create(article_id=article_id, day=day, views=n)
        except IntegrityError:  # another process created the row meanwhile
            rows.update(views=F("views") + n)


buffer = ViewBuffer()


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
