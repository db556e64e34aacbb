"""Each public page costs a fixed number of queries, whatever the size of the newsroom.

Measured with a cold cache at 20 and at 500 articles; the counts must not move.
"""

import itertools
from datetime import timedelta

import pytest
from django.core.cache import cache
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.utils import timezone

from articles.models import Article, Author, Category, Gallery, Photo, Tag, TaggedArticle
from popularity.models import ArticleDailyViews
from ticker.models import Headline

pytestmark = pytest.mark.django_db

_n = itertools.count()


def grow(total: int) -> None:
    """Bring the newsroom to ``total`` published articles, with tags, authors and views."""
    categories = list(Category.objects.all()) or [
        Category.objects.create(name=f"قسم {i}", slug=f"section-{i}", position=i) for i in range(4)
    ]
    authors = list(Author.objects.all()) or [
        Author.objects.create(name=f"كاتب {i}", slug=f"author-{i}") for i in range(5)
    ]
    tags = list(Tag.objects.all()) or [Tag.objects.create(name=f"وسم {i}") for i in range(8)]
    gallery = Gallery.objects.first() or Gallery.objects.create(title="ألبوم")
    if not gallery.photos.exists():
        Photo.objects.bulk_create(
            Photo(gallery=gallery, image=f"photos/p{i}.jpg", width=1200, height=800, position=i)
            for i in range(6)
        )
    now = timezone.now()
    kinds = ["story", "story", "video", "gallery", "opinion"]
    new = []
    for _ in range(total - Article.objects.count()):
        n = next(_n)
        kind = kinds[n % len(kinds)]
        new.append(
            Article(
                title=f"خبر رقم {n}",
                slug=f"khabar-{n}",
                kind=kind,
                category=categories[n % len(categories)],
                excerpt="مقتطف",
                body="<p>نص</p>",
                status="published",
                published_at=now - timedelta(minutes=n + 1),
                image=f"articles/a{n}.jpg",
                image_width=1200,
                image_height=675,
                video_url="https://www.youtube.com/watch?v=abcDEF12345" if kind == "video" else "",
                gallery=gallery if kind == "gallery" else None,
            )
        )
    created = Article.objects.bulk_create(new)
    Article.authors.through.objects.bulk_create(
        Article.authors.through(article=a, author=authors[i % len(authors)])
        for i, a in enumerate(created)
    )
    TaggedArticle.objects.bulk_create(
        TaggedArticle(content_object=a, tag=tags[(i + k) % len(tags)])
        for i, a in enumerate(created)
        for k in range(2)
    )
    ArticleDailyViews.objects.bulk_create(
        ArticleDailyViews(article=a, day=timezone.localdate(), views=i)
        for i, a in enumerate(created)
    )
    if not Headline.objects.exists():
        Headline.objects.create(text="عاجل", article=created[0], is_breaking=True)


def pages() -> dict[str, str]:
    story = Article.objects.filter(kind="story").order_by("-published_at")[5]
    album = Article.objects.filter(kind="gallery").order_by("-published_at")[2]
    # The day of the newest story, not today: the stories are minutes to hours old, so
    # just after midnight in Casablanca today had none and its page ran one query less.
    newest = Article.objects.order_by("-published_at").first()
    day = timezone.localdate(newest.published_at)
    return {
        "home": "/",
        "article": story.get_absolute_url(),
        "gallery article": album.get_absolute_url(),
        "section": Category.objects.first().get_absolute_url(),
        "tag": Tag.objects.first().get_absolute_url(),
        "author": Author.objects.first().get_absolute_url(),
        "day archive": f"/archive/{day:%Y/%m/%d}/",
        "feed": "/feed/",
        "section feed": Category.objects.first().get_absolute_url() + "feed/",
        "sitemap index": "/sitemap.xml",
        "article sitemap": "/sitemap-articles.xml",
        "news sitemap": "/news-sitemap.xml",
        "ticker": "/ticker.json",
    }


def measure(client, cold: bool = True) -> dict[str, int]:
    counts = {}
    for name, url in pages().items():
        if cold:
            cache.clear()
        else:
            client.get(url)  # warm the shared cache
        with CaptureQueriesContext(connection) as queries:
            response = client.get(url)
        assert response.status_code == 200, (name, url)
        counts[name] = len(queries)
    return counts


# Cold-cache cost of each page. Every HTML page: the ticker (1), the fragments' generation
# (1: when the next scheduled story goes live, see articles.fragments), the sections menu
# (1) and the footer's site pages (1; cached like the ticker, so none when warm).
EXPECTED = {
    "home": 12,  # + top stories, latest, section blocks (one query), videos, galleries,
    # most read, opinion columns (LIMIT 4) and their columnists
    "article": 13,  # + the article's head (what the page shows outside its fragments),
    # the article with section, authors, tags, previous, next, related, and the side
    # column: latest (LIMIT 5) and most read (LIMIT 5)
    "gallery article": 14,  # + the gallery's photos
    "section": 7,  # + section, count (capped), page of articles (with their section)
    "tag": 7,  # + tag, its visible linked ids in order (capped), the page's cards
    "author": 7,  # + author, its visible linked ids in order (capped), the page's cards
    "day archive": 6,  # + count (capped), page
    "feed": 2,  # articles with section, their authors
    "section feed": 3,  # + the section
    "sitemap index": 5,  # the fragments' generation, oldest visible and highest article
    # ids, articles' latest change, sections with theirs
    "article sitemap": 3,  # oldest visible and highest article ids, one range of ids
    "news sitemap": 2,  # the fragments' generation, articles of the last 48 hours
    "ticker": 1,  # current headlines joined with their articles
}

# With a warm shared cache the home and article pages are built from fragments of the
# current generation (articles.fragments) and run no query at all; lists keep their own
# page queries.
EXPECTED_WARM = {
    **EXPECTED,
    "home": 0,
    "article": 0,
    "gallery article": 0,
    "section": 3,  # section, count, page (menu, ticker and generation from the cache)
    "tag": 0,  # the tag with its visible ids, and the cards: fragments
    "author": 0,
    "day archive": 2,
    "sitemap index": 0,  # kept for the generation, like the home page
    "news sitemap": 0,  # likewise (and at most a minute)
    # Sitemap pages, like whole pages, are kept by the page cache (edge/), off in these
    # counts.
    "ticker": 0,
}


def test_public_pages_cost_the_same_at_20_and_500_articles(client):
    grow(20)
    small = measure(client)
    grow(500)
    large = measure(client)
    assert small == large
    assert large == EXPECTED


def test_warm_pages_cost_the_same_at_20_and_500_articles(client):
    grow(20)
    small = measure(client, cold=False)
    grow(500)
    large = measure(client, cold=False)
    assert small == large
    assert large == EXPECTED_WARM
