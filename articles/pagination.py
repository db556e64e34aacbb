"""Pagination whose cost does not grow with the archive.

Readers' lists show numbered pages for the newest ``MAX_PAGES`` pages only: the count is
``SELECT COUNT(*) FROM (… LIMIT n)``, an index range of at most ``n`` rows, never a count
of every published story. Deeper than that, a section continues with a cursor (``?before=``)
that seeks in the section's index, so its page 5,000 costs what its page 2 does.
"""

from __future__ import annotations

from datetime import UTC, datetime

from django.core.paginator import Paginator
from django.db.models import Q, QuerySet
from django.utils.functional import cached_property

#: Numbered pages offered on readers' lists (20 stories each).
MAX_PAGES = 50


class CappedPaginator(Paginator):
    """Counts at most ``MAX_PAGES`` pages of rows; ``truncated`` tells there are more."""

    max_pages = MAX_PAGES

    @cached_property
    def count(self) -> int:
        limit = self.per_page * self.max_pages
        if isinstance(self.object_list, QuerySet):
            found = self.object_list[: limit + 1].count()
        else:
            found = len(self.object_list)
        self.truncated = found > limit
        return min(found, limit)


def before(published_at: datetime, pk: int) -> Q:
    """Rows strictly older than (published_at, pk) in the lists' order.

    Written as a range on ``published_at`` (what the index seeks to) minus the ties
    at that instant with a larger or equal id, which both databases evaluate in the index
    range scan; a row-value comparison would need a backend-specific lookup.
    """
    return Q(published_at__lte=published_at) & ~Q(published_at=published_at, pk__gte=pk)


def after(published_at: datetime, pk: int) -> Q:
    """Rows strictly newer than (published_at, pk)."""
    return Q(published_at__gte=published_at) & ~Q(published_at=published_at, pk__lte=pk)


def make_cursor(published_at: datetime, pk: int) -> str:
    """A URL-safe position in a list: microseconds since the epoch and the id."""
    stamp = int(published_at.timestamp() * 1_000_000)
    return f"{stamp}-{pk}"


def parse_cursor(value: str) -> tuple[datetime, int] | None:
    """The position a cursor names, or None when it is not one of ours."""
    stamp, _, pk = value.partition("-")
    if not (stamp.isascii() and stamp.isdigit() and pk.isascii() and pk.isdigit()):
        return None
    if len(stamp) > 17 or len(pk) > 18:
        return None
    try:
        when = datetime.fromtimestamp(int(stamp) / 1_000_000, tz=UTC)
    except (OverflowError, OSError, ValueError):
        return None
    return when, int(pk)
