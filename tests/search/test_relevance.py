"""Relevance: what readers type, the way Arabic is really typed, finds what they mean.

Each query of ``corpus.QUERIES`` names the articles it must return first; the same set
must pass on SQLite and on PostgreSQL.
"""

import pytest

from search.query import search_articles

from .conftest import keys_of
from .corpus import HIDDEN, QUERIES


@pytest.mark.parametrize(("query", "expected", "ordered"), QUERIES, ids=[q for q, _, _ in QUERIES])
def test_a_query_returns_the_articles_it_means_first(newsroom, db, query, expected, ordered):
    assert expected, "a relevance query must name what it should find"
    results = keys_of(newsroom, search_articles(query).fetch(0, 10))
    top = results[: len(expected)]
    if ordered:
        assert top == list(expected), results
    else:
        assert sorted(top) == sorted(expected), results


@pytest.mark.parametrize("query", ["فيضانات", "الفيضانات", "مسودة", "الأرشيف", "خبر مبرمج"])
def test_drafts_reviews_archived_and_scheduled_articles_are_never_found(newsroom, db, query):
    results = keys_of(newsroom, search_articles(query).fetch())
    assert not set(results) & set(HIDDEN), results
