"""Keep search documents current when articles, their tags or their authors change.

The indexing itself runs in the background worker (``search.tasks``). These handlers
cover every change made through the ORM's ``save()``/``delete()`` and
related managers, right away. Changes that bypass them (``QuerySet.update()``,
``bulk_create()``, raw SQL, raw saves such as restored revisions and fixtures) are caught
by the database triggers that fill ``PendingArticle`` (see the migration), which each
search and ``rebuild_search_index`` consume.
"""

from __future__ import annotations

from django.db.models.signals import m2m_changed, post_delete, post_save, pre_delete, pre_save
from django.dispatch import receiver

from articles.models import Article, Author, Tag, TaggedArticle

from .indexing import RENAME_SYNC_LIMIT
from .models import PendingArticle
from .tasks import index_later

_CHANGES = {"post_add", "post_remove", "post_clear"}


@receiver(post_save, sender=Article, dispatch_uid="search_article_saved")
def article_saved(sender, instance: Article, raw: bool = False, **kwargs) -> None:
    if raw:
        return  # fixtures and restored revisions: the trigger has queued the article
    index_later([instance.pk])


@receiver(post_delete, sender=Article, dispatch_uid="search_article_deleted")
def article_deleted(sender, instance: Article, **kwargs) -> None:
    # The document goes with the article (CASCADE); forget queued work for it too.
    PendingArticle.objects.filter(article_id=instance.pk).delete()


@receiver(m2m_changed, sender=Article.authors.through, dispatch_uid="search_authors_changed")
@receiver(m2m_changed, sender=TaggedArticle, dispatch_uid="search_tags_changed")
def links_changed(sender, instance, action: str, reverse: bool, pk_set, **kwargs) -> None:
    """An article's tags or authors changed, from either side of the relation."""
    if action not in _CHANGES:
        return
    if not reverse or isinstance(instance, Article):
        index_later([instance.pk])
    elif pk_set:
        # ``author.articles.add(...)``: the articles are in pk_set. A reverse clear() does
        # not say which articles it touched; the trigger has queued them.
        _index_linked(pk_set)


@receiver(pre_save, sender=Author, dispatch_uid="search_author_saving")
@receiver(pre_save, sender=Tag, dispatch_uid="search_tag_saving")
def name_saving(sender, instance, raw: bool = False, **kwargs) -> None:
    if instance.pk is None or raw:
        return
    old = sender.objects.filter(pk=instance.pk).values_list("name", flat=True).first()
    instance._search_renamed = old is not None and old != instance.name


@receiver(post_save, sender=Author, dispatch_uid="search_author_saved")
@receiver(post_save, sender=Tag, dispatch_uid="search_tag_saved")
def name_saved(sender, instance, created: bool, raw: bool = False, **kwargs) -> None:
    """A renamed tag or author changes the documents of the articles that carry it."""
    if created or raw or not getattr(instance, "_search_renamed", False):
        return
    instance._search_renamed = False
    _index_linked(_linked_article_ids(instance))


@receiver(pre_delete, sender=Author, dispatch_uid="search_author_deleting")
@receiver(pre_delete, sender=Tag, dispatch_uid="search_tag_deleting")
def name_deleting(sender, instance, **kwargs) -> None:
    instance._search_article_ids = _linked_article_ids(instance)


@receiver(post_delete, sender=Author, dispatch_uid="search_author_deleted")
@receiver(post_delete, sender=Tag, dispatch_uid="search_tag_deleted")
def name_deleted(sender, instance, **kwargs) -> None:
    _index_linked(getattr(instance, "_search_article_ids", []))


def _linked_article_ids(instance: Author | Tag) -> list[int]:
    if isinstance(instance, Author):
        links = Article.authors.through.objects.filter(author_id=instance.pk)
        return list(links.values_list("article_id", flat=True)[: RENAME_SYNC_LIMIT + 1])
    links = TaggedArticle.objects.filter(tag_id=instance.pk)
    return list(links.values_list("content_object_id", flat=True)[: RENAME_SYNC_LIMIT + 1])


def _index_linked(article_ids) -> None:
    """Index a few articles in the worker; a large set is left to the triggers' queue."""
    ids = list(article_ids)
    if not ids or len(ids) > RENAME_SYNC_LIMIT:
        return
    index_later(ids)
