"""Every public page and the admin list cost the same on a large archive (PostgreSQL).

Query counts (``test_query_counts``) cannot see a query that reads every row. Here the
archive is large enough for the planner to care (``generate_archive``, then ANALYZE); each
page is requested, every query it ran that touches the articles table is EXPLAINed, and a
sequential scan of that table, or a sort of thousands of rows, fails the test.
"""

import io
import json
from urllib.parse import quote

import pytest
from django.core.cache import cache
from django.core.management import call_command
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.utils import timezone

from articles.models import Article, Author, Category, Tag
from articles.pagination import make_cursor

pytestmark = [
    pytest.mark.django_db,
    pytest.mark.skipif(connection.vendor != "postgresql", reason="PostgreSQL's planner"),
]

ARCHIVE_SIZE = 40_000
#: A sort of more rows than this reads a growing part of the archive.
SORT_LIMIT = 2_000


def plan_problems(sql: str) -> list[str]:
    with connection.cursor() as cursor:
        cursor.execute("EXPLAIN (FORMAT JSON) " + sql)
        plan = cursor.fetchone()[0][0]
    problems = []

    def reads_articles(node: dict) -> bool:
        return node.get("Relation Name") == "articles_article" or any(
            reads_articles(child) for child in node.get("Plans", [])
        )

    def walk(node: dict, limit: float | None = None) -> None:
        """``limit``: the rows a LIMIT right above this node will stop after."""
        kind = node["Node Type"]
        # A sequential scan is accepted only where a LIMIT stops it early: it expects to
        # read at least ten times the rows it needs (counting 1,001 stories of a big section).
        scans_articles = kind == "Seq Scan" and node.get("Relation Name") == "articles_article"
        if scans_articles and (limit is None or node["Plan Rows"] < 10 * limit):
            problems.append(f"Seq Scan on articles_article ({node['Plan Rows']} rows)")
        if kind in ("Sort", "Incremental Sort", "HashAggregate", "GroupAggregate"):
            # Sorting or grouping thousands of articles: a growing share of the archive.
            # (Search sorts its own GIN matches by date; that is the search index's cost.)
            rows = max((child["Plan Rows"] for child in node.get("Plans", [])), default=0)
            if rows > SORT_LIMIT and reads_articles(node):
                problems.append(f"{kind} of {rows} rows")
        if kind == "Limit":
            limit = node["Plan Rows"]
        elif kind not in ("Subquery Scan", "Result"):
            limit = None  # a join or an aggregate below a limit reads its whole input
        for child in node.get("Plans", []):
            walk(child, limit)

    walk(plan["Plan"])
    return problems


@pytest.fixture
def archive(db):
    # Ten years, as the million's: a week's most-read rows stay a week's, not the archive.
    call_command(
        "generate_archive", "--articles", str(ARCHIVE_SIZE), "--days", "3650", stdout=io.StringIO()
    )
    with connection.cursor() as cursor:
        cursor.execute("ANALYZE")


def pages() -> dict[str, str]:
    published = Article.objects.published()
    section = Category.objects.order_by("position").first()  # the largest section
    deep = published.filter(category=section).order_by("-published_at", "-id")[5_000]
    story = published.filter(kind="story").exclude(tags=None).order_by("-published_at")[100]
    tag = Tag.objects.filter(tagged_articles__content_object=story).first()
    author = Author.objects.filter(articles=story).first()
    day = timezone.localdate(story.published_at)
    title_word = quote(story.title.split()[0])
    return {
        "home": "/",
        "section": section.get_absolute_url(),
        "section page 50": section.get_absolute_url() + "?page=50",
        "section deep": section.get_absolute_url()
        + "?before="
        + make_cursor(deep.published_at, deep.pk),
        "article": story.get_absolute_url(),
        "tag": tag.get_absolute_url(),
        "author": author.get_absolute_url(),
        "day archive": f"/archive/{day:%Y/%m/%d}/",
        "month archive": f"/archive/{day:%Y/%m}/",
        "feed": "/feed/",
        "section feed": section.get_absolute_url() + "feed/",
        "sitemap index": "/sitemap.xml",
        "sitemap page": "/sitemap-articles.xml?p=3",
        "news sitemap": "/news-sitemap.xml",
        "search": f"/search/?q={title_word}",
        "ticker": "/ticker.json",
        "admin list": "/admin/articles/article/",
        "admin by status": "/admin/articles/article/?state=review",
        "admin by section": f"/admin/articles/article/?category__id__exact={section.pk}",
        "admin title search": f"/admin/articles/article/?q={title_word}",
    }


def test_no_page_scans_or_sorts_the_archive(archive, client, editor):
    assert Article.objects.count() >= ARCHIVE_SIZE
    client.force_login(editor)
    problems = {}
    for name, url in pages().items():
        cache.clear()
        with CaptureQueriesContext(connection) as queries:
            response = client.get(url)
        assert response.status_code == 200, (name, url, response.status_code)
        for query in queries.captured_queries:
            sql = query["sql"]
            if "articles_article" not in sql or not sql.lstrip().upper().startswith("SELECT"):
                continue
            found = plan_problems(sql)
            if found:
                problems.setdefault(name, []).append((found, sql[:2000]))
    assert not problems, json.dumps(problems, ensure_ascii=False, indent=1)
