"""Fixtures for the search tests: the invented newsroom of ``corpus.py``, built once."""

import pytest
from django.utils import timezone

from articles.models import Article, Author, Category, Tag
from search.models import PendingArticle, SearchDocument

from . import corpus


def _build_corpus() -> dict[str, Article]:
    now = timezone.now()
    section = Category.objects.create(name="مجتمع", slug="corpus-society", position=90)
    authors = {
        key: Author.objects.create(name=name, slug=f"corpus-{key}")
        for key, name in corpus.AUTHORS.items()
    }
    articles: dict[str, Article] = {}
    for key, entry in corpus.ARTICLES.items():
        article = Article.objects.create(
            title=entry["title"],
            slug=f"corpus-{key}",
            excerpt=entry["excerpt"],
            body=entry["body"],
            category=section,
            status=Article.Status.PUBLISHED,
            published_at=now - timezone.timedelta(days=entry["age"], minutes=1),
        )
        if entry["authors"]:
            article.authors.set([authors[a] for a in entry["authors"]])
        if entry["tags"]:
            article.tags.set(entry["tags"])
        articles[key] = article
    for key, entry in corpus.HIDDEN.items():
        scheduled = entry["status"] == "scheduled"
        status = Article.Status.PUBLISHED if scheduled else entry["status"]
        articles[key] = Article.objects.create(
            title=entry["title"],
            slug=f"corpus-{key}",
            body="<p>فيضانات في كل مكان.</p>",
            category=section,
            status=status,
            published_at=now + timezone.timedelta(days=2) if scheduled else None,
        )
    return articles


@pytest.fixture(scope="module")
def newsroom(django_db_setup, django_db_blocker):
    """The corpus, committed once for a whole test module and removed afterwards."""
    with django_db_blocker.unblock():
        articles = _build_corpus()
        try:
            yield articles
        finally:
            Article.objects.filter(slug__startswith="corpus-").delete()
            Author.objects.filter(slug__startswith="corpus-").delete()
            Category.objects.filter(slug="corpus-society").delete()
            names = {t for entry in corpus.ARTICLES.values() for t in entry["tags"]}
            Tag.objects.filter(name__in=names).delete()
            SearchDocument.objects.all().delete()
            PendingArticle.objects.all().delete()


def keys_of(newsroom: dict[str, Article], results) -> list[str]:
    """The corpus keys of a list of result articles, in order (unknown ids as 'other')."""
    by_id = {article.pk: key for key, article in newsroom.items()}
    return [by_id.get(article.pk, f"other:{article.pk}") for article in results]
