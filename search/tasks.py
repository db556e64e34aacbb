"""Indexing changed articles in the background worker (django-tasks).

The signals in ``search.signals`` enqueue :func:`index_changed` instead of analysing and
writing documents inside the editor's request. With the database task backend the task row
is written in the same transaction as the change, so a rolled-back save enqueues nothing
and the worker sees the task only once the article is committed. Until the worker has run,
the database triggers' queue (``PendingArticle``), consumed by each search, still finds the
change.
"""

from __future__ import annotations

from background import background_task, enqueue

from .indexing import index_articles
from .models import PendingArticle


@background_task()
def index_changed(article_ids: list[int]) -> int:
    """(Re)build these articles' documents and drop them from the triggers' queue."""
    done = index_articles(article_ids)
    PendingArticle.objects.filter(article_id__in=article_ids).delete()
    return done


def index_later(article_ids) -> None:
    ids = sorted({int(pk) for pk in article_ids})
    if ids:
        enqueue(index_changed, ids)
