"""The editors' title search in the admin's article list, through the search index.

Every article has a search document, drafts included (the signals and triggers index any
status), so staff find their drafts too. A title matches when it has every word typed,
each in any spelling the analysis folds together («الارهاب» finds «الإرهاب») or through
its alternates («والحكومة» finds «الحكومة»):

* PostgreSQL: the GIN index of ``to_tsvector('arabic', title_text)``
  (``triggers.TITLE_GIN_INDEX``), one ``plainto_tsquery`` per form, parameters only;
* SQLite: ``LIKE '% stem %'`` on the stored stems (the embedded database is for small
  newsrooms; it scans the documents).

``ILIKE '%…%'`` over a million titles (Django's default ``search_fields``) is a sequential
scan, and misses every spelling but the one typed.
"""

from __future__ import annotations

import operator
from functools import reduce

from django.contrib.postgres.search import SearchQuery, SearchVector, SearchVectorExact
from django.db.models import Q, QuerySet

from articles.models import Article

from .analysis import parse_query
from .indexing import SEARCH_CONFIG, process_queue, uses_vector
from .models import SearchDocument
from .query import _most_recent, _planner_settings

#: On PostgreSQL the admin lists at most this many of the newest matching titles (and as
#: many undated ones): 6 pages of 50; an older story is found by adding a word.
ADMIN_CANDIDATES = 300


def title_matches(raw_query: str) -> list[int] | QuerySet | None:
    """The articles whose title has every word of the query, as ids (PostgreSQL: a list, at
    most ``ADMIN_CANDIDATES`` dated and as many undated; SQLite: a subquery); None for no
    usable words."""
    query = parse_query(raw_query)
    if not query:
        return None
    process_queue()  # what changed by paths that skip save() (one query when empty)
    documents = SearchDocument.objects.all()
    if uses_vector():
        title = SearchVector("title_text", config=SEARCH_CONFIG)
        match = reduce(
            operator.and_,
            (
                Q(SearchVectorExact(title, reduce(operator.or_, map(_tsquery, unit))))
                for unit in query.units
            ),
        )
        # The newest matches only (as the public search does), found by widening windows
        # of recent documents: listing every title with a common word meant visiting
        # tens of thousands of documents. Undated ones (drafts, stories in review) are a
        # kind of their own, looked up in the same first query through their own small
        # index (triggers.UNDATED_TITLE_GIN_INDEX), so they are never crowded out.
        with _planner_settings():
            found = _most_recent(
                {"dated": match, "undated": match & Q(published_at__isnull=True)},
                limit=ADMIN_CANDIDATES,
                everywhere=frozenset({"undated"}),
            )
        return [pk for ids in found.values() for pk in ids]
    for unit in query.units:
        documents = documents.filter(
            reduce(operator.or_, (Q(title_text__contains=f" {' '.join(f)} ") for f in unit))
        )
    return documents.values("article_id")


def _tsquery(form: tuple[str, ...]) -> SearchQuery:
    search_type = "phrase" if len(form) > 1 else "plain"
    return SearchQuery(" ".join(form), config=SEARCH_CONFIG, search_type=search_type)


class TitleSearchMixin:
    """``ModelAdmin`` mixin: the list's search box searches titles through the index."""

    def get_search_results(self, request, queryset: QuerySet[Article], search_term: str):
        match = getattr(request, "resolver_match", None)
        if match and match.url_name == "autocomplete":
            # Completing a word as it is typed needs prefixes, which whole-word stems
            # cannot give: the autocomplete widgets keep Django's substring search.
            return super().get_search_results(request, queryset, search_term)
        found = title_matches(search_term)
        if found is None:
            if search_term.strip():  # only punctuation or function words: nothing matches
                return queryset.none(), False
            return queryset, False
        return queryset.filter(pk__in=found), False
