"""Which cached pages a change makes stale, and making them so once it is committed.

A story that is (or was, before this save) visible to readers is listed on: its own page,
the home page, its section's page and feed, its tags' and authors' pages, the site's feed,
the sitemaps (the index, the articles' pages, the news sitemap), its day and month
archives, and the pages of its previous and next stories (their «next/previous» links).
Those paths, old and new (a new slug, another section, a tag taken off), are made stale in
the page cache and banned in Varnish after the commit, never before: a request in between
would cache the old rows again.

The ticker, the sections menu and the footer's site pages are on every page: a headline,
section, site page, tag or author change (a rename shows on many pages) makes the whole
site stale (one generation token). A gallery's photos make the pages of the visible
stories carrying it stale. A drafted story that no reader could see changes nothing.

A story scheduled for later becomes visible without a save; its pages are made stale when
its time comes by a task deferred to ``published_at`` (``edge.tasks``) where the task
backend can defer, and otherwise by the page cache's freshness (``PAGE_CACHE_SECONDS``).
"""

from __future__ import annotations

import logging
from collections.abc import Iterable

from django.db import transaction
from django.db.models.signals import m2m_changed, post_delete, post_save, pre_delete, pre_save
from django.dispatch import receiver
from django.urls import reverse
from django.utils import timezone

from articles.models import Article, Author, Category, Gallery, Photo, Tag, TaggedArticle
from articles.views import neighbours
from images.signals import renditions_ready
from pages.models import Page
from ticker.models import Headline

from . import pagecache, purge

logger = logging.getLogger(__name__)

SITE_PATHS = ("articles:home", "articles:feed", "sitemap", "news_sitemap")


def site_listing_paths() -> set[str]:
    paths = {reverse(name) for name in SITE_PATHS}
    paths |= {reverse("sitemap_section", kwargs={"section": s}) for s in ("articles", "sections")}
    return paths


def article_paths(article: Article) -> set[str]:
    """Every public path that shows this article (it must be in the database)."""
    paths = {article.get_absolute_url(), *site_listing_paths()}
    if article.category_id:
        category = Category.objects.filter(pk=article.category_id).only("slug").first()
        if category:
            paths.add(category.get_absolute_url())
            paths.add(reverse("articles:category_feed", kwargs={"slug": category.slug}))
    tags = Tag.objects.filter(tagged_articles__content_object_id=article.pk)
    paths |= {tag.get_absolute_url() for tag in tags}
    paths |= {a.get_absolute_url() for a in Author.objects.filter(articles=article.pk)}
    if article.published_at:
        day = timezone.localtime(article.published_at)
        paths.add(reverse("articles:archive_month", args=[day.year, day.month]))
        paths.add(reverse("articles:archive_day", args=[day.year, day.month, day.day]))
        paths |= {n.get_absolute_url() for n in neighbours(article) if n is not None}
    return paths


def invalidate(paths: Iterable[str]) -> None:
    """Make these paths stale everywhere (page cache, Varnish), after the commit."""
    paths = set(paths)
    if not paths:
        return

    def run() -> None:
        try:
            pagecache.invalidate_paths(paths)
            purge.purge_paths(paths)
        except Exception:
            logger.exception("Could not invalidate %d cached pages", len(paths))

    transaction.on_commit(run)


def invalidate_site() -> None:
    def run() -> None:
        try:
            pagecache.invalidate_site()
            purge.purge_everything()
        except Exception:
            logger.exception("Could not invalidate the cached pages")

    transaction.on_commit(run)


def caching() -> bool:
    """Whether any cache keeps pages (else there is nothing to invalidate: no query)."""
    return pagecache.page_cache_seconds() > 0 or bool(purge.proxies())


def visible_paths(pk: int) -> set[str]:
    article = Article.objects.filter(pk=pk).first()
    return article_paths(article) if article is not None and article.is_visible else set()


@receiver(pre_save, sender=Article, dispatch_uid="edge_article_saving")
@receiver(pre_delete, sender=Article, dispatch_uid="edge_article_deleting")
def article_changing(sender, instance: Article, raw: bool = False, **kwargs) -> None:
    """What readers saw before the change (the old slug, section, tags)."""
    if raw or instance.pk is None or not caching():
        return
    instance._edge_old_paths = visible_paths(instance.pk)


@receiver(post_save, sender=Article, dispatch_uid="edge_article_saved")
def article_saved(sender, instance: Article, raw: bool = False, **kwargs) -> None:
    if raw or not caching():
        return
    paths = getattr(instance, "_edge_old_paths", set())
    instance._edge_old_paths = set()
    if instance.is_visible:
        paths |= article_paths(instance)
    elif instance.is_scheduled:
        from .tasks import schedule_publication

        schedule_publication(instance)
    invalidate(paths)
    if paths and Headline.objects.filter(article_id=instance.pk).exists():
        # Pinned to the ticker, which every page shows (and hides with the story).
        invalidate_site()


@receiver(post_delete, sender=Article, dispatch_uid="edge_article_deleted")
def article_deleted(sender, instance: Article, **kwargs) -> None:
    if caching():
        invalidate(getattr(instance, "_edge_old_paths", set()))


@receiver(m2m_changed, sender=TaggedArticle, dispatch_uid="edge_tags_changed")
@receiver(m2m_changed, sender=Article.authors.through, dispatch_uid="edge_authors_changed")
def links_changed(sender, instance, action: str, reverse: bool, pk_set, model, **kwargs) -> None:
    """Tags or bylines added to or taken off a visible story: its pages and theirs."""
    if action not in ("pre_clear", "post_add", "post_remove", "post_clear") or not caching():
        return
    if isinstance(instance, Article):
        if action == "pre_clear":
            instance._edge_cleared = visible_paths(instance.pk)
            return
        if not instance.is_visible:
            return
        paths = article_paths(instance) | getattr(instance, "_edge_cleared", set())
        if pk_set:
            paths |= {obj.get_absolute_url() for obj in model.objects.filter(pk__in=pk_set)}
        invalidate(paths)
    elif action != "pre_clear":
        # From the tag's or author's side: its page, and the stories linked.
        paths = {instance.get_absolute_url()} if hasattr(instance, "get_absolute_url") else set()
        for pk in pk_set or ():
            paths |= visible_paths(pk)
        invalidate(paths)


@receiver([post_save, post_delete], sender=Gallery, dispatch_uid="edge_gallery_changed")
@receiver([post_save, post_delete], sender=Photo, dispatch_uid="edge_photo_changed")
def gallery_changed(sender, instance, raw: bool = False, **kwargs) -> None:
    """A gallery's photos show on the visible stories that carry the gallery."""
    if raw or not caching():
        return
    gallery_id = instance.pk if sender is Gallery else instance.gallery_id
    paths: set[str] = set()
    for article in Article.objects.published().filter(gallery_id=gallery_id):
        paths |= article_paths(article)
    invalidate(paths)


@receiver(renditions_ready, dispatch_uid="edge_renditions_ready")
def renditions_made(sender, name: str, **kwargs) -> None:
    """Pages cached while a photo had no renditions show the original: the visible stories
    whose lead photo or gallery it is get their renditions from now on."""
    if not caching():
        return
    paths: set[str] = set()
    galleries = Photo.objects.filter(image=name).values("gallery_id")
    visible = Article.objects.published()
    for query in (visible.filter(image=name), visible.filter(gallery_id__in=galleries)):
        for article in query[:50]:
            paths |= article_paths(article)
    invalidate(paths)


@receiver([post_save, post_delete], sender=Headline, dispatch_uid="edge_ticker_changed")
@receiver([post_save, post_delete], sender=Category, dispatch_uid="edge_section_changed")
@receiver([post_save, post_delete], sender=Author, dispatch_uid="edge_author_changed")
@receiver([post_save, post_delete], sender=Tag, dispatch_uid="edge_tag_changed")
@receiver([post_save, post_delete], sender=Page, dispatch_uid="edge_site_page_changed")
def site_changed(sender, raw: bool = False, **kwargs) -> None:
    if not raw and caching():
        invalidate_site()
