"""The redirect's one query stays one index probe on a large archive (PostgreSQL).

Tables big enough for the planner to choose (30,000 articles, 120,000 old addresses):
the lookup must use the unique index on the path and reach the article by its primary
key, never scan the articles or the addresses.
"""

import pytest
from django.db import connection
from django.db.models import Q

from articles.models import Article, Category
from tests.conftest import bulk_articles
from wordpress.middleware import _visible
from wordpress.models import LegacyPath, Site

ARTICLES = 30_000


@pytest.mark.skipif(connection.vendor != "postgresql", reason="PostgreSQL plans only")
@pytest.mark.django_db
def test_the_redirect_lookup_is_an_index_probe_on_a_large_archive():
    section = Category.objects.create(name="أرشيف", slug="archive-section")
    site = Site.objects.create(base_url="https://old.example.org")
    bulk_articles(  # one in ten a draft
        section,
        ARTICLES,
        status=lambda n: Article.Status.PUBLISHED if n % 10 else Article.Status.DRAFT,
    )
    ids = list(Article.objects.values_list("pk", flat=True))
    LegacyPath.objects.bulk_create(
        (
            LegacyPath(path=f"{form}/story-{n}", site=site, article_id=pk)
            for n, pk in enumerate(ids)
            for form in ("", "/2020/01", "/2020/01/02", "/?p=")
        ),
        batch_size=10_000,
    )
    with connection.cursor() as cursor:
        cursor.execute("ANALYZE")

    queryset = _visible(Q(path="/2020/01/02/story-12345"))
    sql, params = queryset.query.sql_with_params()
    with connection.cursor() as cursor:
        cursor.execute("EXPLAIN " + sql, params)
        plan = "\n".join(row[0] for row in cursor.fetchall())

    assert "Index Scan using wordpress_legacypath_path_unique" in plan, plan
    assert "Index Cond: (id = wordpress_legacypath.article_id)" in plan, plan
    # (The sections, tags and bylines joined by primary key are small here: any scan.)
    assert "Seq Scan on wordpress_legacypath" not in plan, plan
    assert "Seq Scan on articles_article" not in plan, plan
    assert len(list(queryset)) == 1
