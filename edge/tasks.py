"""Deferred invalidation: a scheduled story's pages go stale when its time comes."""

from __future__ import annotations

from django.db import transaction
from django_tasks import default_task_backend, task

from articles.models import Article


@task()
def publication_due(article_id: int) -> None:
    from .invalidation import invalidate, visible_paths

    invalidate(visible_paths(article_id))


def schedule_publication(article: Article) -> None:
    """Enqueue ``publication_due`` for ``published_at`` (when the backend can defer)."""
    if not default_task_backend.supports_defer:
        return
    at, pk = article.published_at, article.pk
    transaction.on_commit(lambda: publication_due.using(run_after=at).enqueue(pk))
