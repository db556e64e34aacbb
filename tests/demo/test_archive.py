"""``generate_archive``: the benchmark archive, at a small size on either database."""

import io

import pytest
from django.core.management import call_command
from django.db.models import Count

from articles.models import Article, TaggedArticle
from demo.archive import DESK_WINDOW, QUEUE, SLUG_PREFIX, status_thresholds
from popularity.models import ArticleDailyViews
from search.indexing import index_articles
from search.models import PendingArticle, SearchDocument
from search.query import search_articles

pytestmark = pytest.mark.django_db


def generate(size: int, *extra: str, days: str = "730") -> str:
    out = io.StringIO()
    call_command("generate_archive", "--articles", str(size), "--days", days, *extra, stdout=out)
    return out.getvalue()


def archive():
    return Article.objects.filter(slug__startswith=SLUG_PREFIX)


def test_the_archive_has_every_part_of_a_newsroom():
    generate(400)
    articles = archive()
    assert articles.count() == 400
    assert set(articles.values_list("kind", flat=True)) == {"story", "opinion", "video", "gallery"}
    assert articles.published().count() > 250
    assert articles.scheduled().exists()  # the newest are scheduled
    # The desk's work in hand: drafts and stories in review, among the newest.
    assert articles.filter(status="draft").count() > 10
    assert articles.filter(status="review").count() > 10
    # Several tags and at least one byline on every article.
    tag_counts = articles.annotate(n=Count("tags")).values_list("n", flat=True)
    assert min(tag_counts) >= 2
    assert not articles.filter(authors=None).exists()
    assert not articles.filter(kind="gallery", gallery=None).exists()
    assert articles.exclude(image="").count() > 300
    assert ArticleDailyViews.objects.filter(article__in=articles).count() >= 250
    # Ten years (here two) of publication times, oldest ids first.
    first, last = articles.published().order_by("pk")[:1][0], articles.published().latest("pk")
    assert (last.published_at - first.published_at).days > 600


def test_a_small_archive_is_the_last_days_of_the_same_newsroom():
    # By default every size keeps a million's rate (274 a day), and a small cast: the
    # pages a benchmark compares are as full at 300 articles as at a million.
    out = io.StringIO()
    call_command("generate_archive", "--articles", "300", stdout=out)
    published = archive().published()
    first, last = published.order_by("pk")[:1][0], published.latest("pk")
    assert 0.9 < (last.published_at - first.published_at).total_seconds() / 86400 < 1.1
    per_tag = TaggedArticle.objects.filter(content_object__in=archive()).values("tag")
    assert 19 <= per_tag.distinct().count() <= 20
    assert min(per_tag.annotate(n=Count("id")).values_list("n", flat=True)) > 21  # a page
    # Another span is another archive.
    assert "Reusing" not in generate(300)
    assert "Reusing" in generate(300)


def test_search_documents_match_what_the_indexer_writes():
    generate(150)
    ids = list(archive().values_list("pk", flat=True))
    assert SearchDocument.objects.filter(article__in=ids).count() == 150
    assert not PendingArticle.objects.filter(article_id__in=ids).exists()
    fields = ["title_text", "excerpt_text", "meta_text", "body_text"]
    generated = {d["article"]: d for d in SearchDocument.objects.values("article", *fields)}
    index_articles(ids)
    for document in SearchDocument.objects.filter(article__in=ids).values("article", *fields):
        before = generated[document["article"]]
        for field in fields:  # the same stems; tag names may come in another order
            assert sorted(before[field].split()) == sorted(document[field].split()), field
    # And search finds a story by a word of its title, through the real query path.
    story = archive().published().first()
    word = story.title.split()[0]
    assert search_articles(word).articles.filter(pk=story.pk).exists()


def test_running_again_reuses_the_archive_and_another_size_replaces_it():
    generate(120)
    ids = set(archive().values_list("pk", flat=True))
    assert "Reusing" in generate(120)
    assert set(archive().values_list("pk", flat=True)) == ids
    generate(80)
    assert archive().count() == 80
    assert not set(archive().values_list("pk", flat=True)) & ids
    assert not TaggedArticle.objects.filter(content_object_id__in=ids).exists()
    assert not SearchDocument.objects.filter(article_id__in=ids).exists()


def test_the_desks_queue_does_not_grow_with_the_archive():
    # About QUEUE drafts and QUEUE stories in review among the newest, at any large size.
    for size in (10_000, 1_000_000):
        (draft, _), (review, _), *older = status_thresholds(size, on_the_desk=True)
        assert round(draft * DESK_WINDOW) == QUEUE == round((review - draft) * DESK_WINDOW)
        assert older == status_thresholds(size, on_the_desk=False)
    assert [name for _, name in status_thresholds(10_000, False)] == ["published", "archived"]
